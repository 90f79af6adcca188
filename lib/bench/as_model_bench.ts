/**
 * Throughput of the Avellaneda–Stoikov model market
 * ({@linkcode AsModelMarket}): N trajectories × T/dt steps with fixed quote
 * offsets (the paper's γ = 0.1 constant half-spread, 0.645 price units, on
 * both sides), default parameters (200 steps).
 *
 * Method. The market is built (streams derived) and the offsets allocated
 * before timing. A run is `reset()` and all 200 steps; there is one untimed
 * warm-up run, then the best of three timed runs is reported.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { runAsModelBench } from "./as_model_bench.ts";
 * const r = runAsModelBench({ trajectories: 100, seed: 1 });
 * assert.equal(r.trajectorySteps, 100 * 200);
 * assert(r.seconds > 0 && r.trajectoryStepsPerSecond === r.trajectorySteps / r.seconds);
 * ```
 * @module
 */

import { AsModelMarket, asModelParams, asOptimalSpread } from "../sim/as_model/mod.ts";

/** Options of {@linkcode runAsModelBench}. */
export interface AsModelBenchOptions {
  /** Trajectories stepped side by side (default 10,000). */
  trajectories?: number;
  /** Master seed (default 1). */
  seed?: number;
}

/** The benchmark's result. */
export interface AsModelBenchResult {
  /** Trajectories N. */
  trajectories: number;
  /** Steps per run (T/dt). */
  steps: number;
  /** Trajectory-steps per run, N·T/dt. */
  trajectorySteps: number;
  /** Wall time of the best run, seconds. */
  seconds: number;
  /** Wall time of each timed run, seconds. */
  runSeconds: number[];
  /** trajectorySteps / seconds. */
  trajectoryStepsPerSecond: number;
  /** Mean terminal wealth of the last run (a checksum; ≈ 68 with the defaults). */
  meanTerminalWealth: number;
  /** The throughput the model market is built for, trajectory-steps per second. */
  target: { trajectoryStepsPerSecond: number };
}

/** Runs the benchmark (synchronous; a few tenths of a second at the defaults). */
export function runAsModelBench(opts: AsModelBenchOptions = {}): AsModelBenchResult {
  const n = opts.trajectories ?? 10_000;
  const seed = opts.seed ?? 1;
  const params = asModelParams();
  const market = new AsModelMarket(params, n, seed);
  const half = asOptimalSpread(params.T, params, 0.1) / 2;
  const bid = new Float64Array(n).fill(half);
  const ask = new Float64Array(n).fill(half);
  const run = (): number => {
    const t0 = performance.now();
    market.reset();
    while (!market.done) market.step(bid, ask);
    return (performance.now() - t0) / 1000;
  };
  run(); // warm-up (JIT)
  const runSeconds = [run(), run(), run()];
  const seconds = Math.min(...runSeconds);
  const trajectorySteps = n * market.steps;
  let wealth = 0;
  for (let i = 0; i < n; i++) wealth += market.wealth(i);
  return {
    trajectories: n,
    steps: market.steps,
    trajectorySteps,
    seconds,
    runSeconds,
    trajectoryStepsPerSecond: trajectorySteps / seconds,
    meanTerminalWealth: wealth / n,
    target: { trajectoryStepsPerSecond: 20e6 },
  };
}
