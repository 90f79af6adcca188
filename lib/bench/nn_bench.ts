/**
 * Train-step time of an MLP: one Adam update (forward, backward, step) on a
 * batch, for a given backend and network size. The figure behind the
 * backend choice (../shared/GUIDE.md measured a 2×256 MLP at 244 ms on cpu,
 * 81 ms on stock wasm and 19 ms on wasm with the explicit-transpose matMul).
 *
 * Method. A `[inputSize → hidden × layers → outputSize]` tanh MLP with
 * orthogonal weights, a fixed random batch and a mean-squared-error loss;
 * `warmup` updates (not timed: JIT, kernel setup, Adam moments), then
 * `passes` passes of `steps` timed updates, each update ending with the loss
 * read back (so the work is really done). Milliseconds per update are the
 * best pass's wall time / steps (the least disturbed by other processes;
 * every pass is kept in `passMs`). Each case restores the previously active
 * backend and disposes everything.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { measureTrainStep } from "./nn_bench.ts";
 * const r = await measureTrainStep({
 *   backend: "cpu", hidden: 16, batch: 32, steps: 3, warmup: 1, passes: 2,
 * });
 * assert(r.msPerStep > 0 && r.passMs.length === 2 && Number.isFinite(r.finalLoss));
 * assert.equal(r.parameters, 16 * 16 + 16 + 16 * 16 + 16 + 16 * 4 + 4);
 * ```
 * @module
 */

import { tf } from "../rl/backend/tf.ts";
import { initWasmBackend } from "../rl/backend/wasm.ts";
import {
  isTransposedMatMulPatched,
  patchTransposedMatMul,
  unpatchTransposedMatMul,
} from "../rl/backend/kernel_patches.ts";
import { Rng } from "../core/rng.ts";
import { Mlp } from "../rl/nn/mlp.ts";
import { Adam } from "../rl/nn/adam.ts";
import { parameterCount } from "../rl/nn/module.ts";

let benchCounter = 0;

/** Options of {@linkcode measureTrainStep}. */
export interface TrainStepBenchOptions {
  /** Backend to measure on. */
  backend: "cpu" | "wasm" | "tensorflow";
  /** Width of each hidden layer. */
  hidden: number;
  /** Hidden layers (default 2). */
  layers?: number;
  /** Batch size (default 256). */
  batch?: number;
  /** Input features (default 16). */
  inputSize?: number;
  /** Output features (default 4). */
  outputSize?: number;
  /** Timed updates (default 30). */
  steps?: number;
  /** Untimed updates first (default 5). */
  warmup?: number;
  /** Timed passes of `steps` updates; the best is reported (default 3). */
  passes?: number;
  /** wasm only: the explicit-transpose matMul patch on (default) or off. */
  fastMatMul?: boolean;
  /** Seed of weights and batch (default 1). */
  seed?: number;
}

/** Result of {@linkcode measureTrainStep}. */
export interface TrainStepBenchResult {
  /** Backend measured. */
  backend: string;
  /** `2x256`-style network label. */
  network: string;
  /** Batch size. */
  batch: number;
  /** Trainable parameters. */
  parameters: number;
  /** wasm: whether the matMul patch was on. */
  fastMatMul: boolean | null;
  /** Milliseconds per update in the best pass. */
  msPerStep: number;
  /** Milliseconds per update in every pass. */
  passMs: number[];
  /** Loss after the last update (a sanity check: bit-identical with and without the wasm matMul patch for the same seed and steps). */
  finalLoss: number;
  /** Timed updates. */
  steps: number;
}

/** Times Adam updates of an MLP on one backend. */
export async function measureTrainStep(opts: TrainStepBenchOptions): Promise<TrainStepBenchResult> {
  const layers = opts.layers ?? 2;
  const batch = opts.batch ?? 256;
  const inputSize = opts.inputSize ?? 16;
  const outputSize = opts.outputSize ?? 4;
  const steps = opts.steps ?? 30;
  if (!(steps >= 1) || !((opts.passes ?? 3) >= 1)) {
    throw new RangeError(`measureTrainStep: expected steps ≥ 1 and passes ≥ 1`);
  }
  const warmup = opts.warmup ?? 5;
  const rng = Rng.fromSeed(opts.seed ?? 1);
  const previous = tf.getBackend();
  let wasPatched: boolean | null = null;
  if (opts.backend === "wasm") {
    await initWasmBackend({ fastMatMul: opts.fastMatMul ?? true });
    wasPatched = isTransposedMatMulPatched("wasm");
    if (opts.fastMatMul === false) unpatchTransposedMatMul("wasm");
    else patchTransposedMatMul("wasm");
  } else if (!(await tf.setBackend(opts.backend))) {
    throw new Error(`measureTrainStep: backend ${opts.backend} is not available`);
  }
  const net = new Mlp({
    name: `bench/nn/${++benchCounter}`,
    inputSize,
    hiddenSizes: new Array(layers).fill(opts.hidden),
    outputSize,
    rng: rng.derive("net"),
  });
  const data = rng.derive("data");
  const xs = new Float32Array(batch * inputSize).map(() => data.uniform(-1, 1));
  const ys = new Float32Array(batch * outputSize).map(() => data.uniform(-1, 1));
  const x = tf.tensor2d(xs, [batch, inputSize]);
  const y = tf.tensor2d(ys, [batch, outputSize]);
  const adam = new Adam(net, { learningRate: 1e-3 });
  const loss = () => tf.mean(tf.square(tf.sub(net.apply(x), y))) as tf.Scalar;
  try {
    let finalLoss = NaN;
    for (let i = 0; i < warmup; i++) finalLoss = adam.minimize(loss).loss;
    const passMs: number[] = [];
    for (let p = 0; p < (opts.passes ?? 3); p++) {
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) finalLoss = adam.minimize(loss).loss;
      passMs.push((performance.now() - t0) / steps);
    }
    return {
      backend: opts.backend,
      network: `${layers}x${opts.hidden}`,
      batch,
      parameters: parameterCount([net]),
      fastMatMul: opts.backend === "wasm" ? opts.fastMatMul ?? true : null,
      msPerStep: Math.min(...passMs),
      passMs,
      finalLoss,
      steps,
    };
  } finally {
    adam.dispose();
    net.dispose();
    tf.dispose([x, y]);
    if (wasPatched !== null) {
      if (wasPatched) patchTransposedMatMul("wasm");
      else unpatchTransposedMatMul("wasm");
    }
    if (previous !== undefined && previous !== tf.getBackend()) await tf.setBackend(previous);
  }
}

/** The standard grid: 2×64 and 2×256, batch 256, on cpu, wasm, and wasm without the patch. */
export async function runNnBench(
  opts: { steps?: number; cpuSteps?: number; passes?: number; log?: (line: string) => void } = {},
): Promise<TrainStepBenchResult[]> {
  const results: TrainStepBenchResult[] = [];
  const cases: TrainStepBenchOptions[] = [];
  for (const hidden of [64, 256]) {
    const passes = opts.passes ?? 3;
    cases.push({ backend: "cpu", hidden, steps: opts.cpuSteps ?? 10, passes });
    cases.push({ backend: "wasm", hidden, fastMatMul: false, steps: opts.steps ?? 30, passes });
    cases.push({ backend: "wasm", hidden, fastMatMul: true, steps: opts.steps ?? 30, passes });
  }
  for (const c of cases) {
    const r = await measureTrainStep(c);
    results.push(r);
    opts.log?.(
      `${r.backend}${r.fastMatMul === null ? "" : r.fastMatMul ? " (fast matMul)" : " (stock)"} ` +
        `${r.network} batch ${r.batch}: ${r.msPerStep.toFixed(2)} ms/step (loss ${
          r.finalLoss.toFixed(5)
        })`,
    );
  }
  return results;
}
