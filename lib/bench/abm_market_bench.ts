/**
 * Benchmark of the environment's agent-based market alone (no observations,
 * rewards or policies): one episode after a warm-up, with fixed quoting. Two
 * learning makers keep a quote of `quoteQty` lots `quoteTicks` ticks either
 * side of the mid (re-quoting — cancel and replace — when the target moves,
 * or at every step with `requoteAlways`), and one taker sends a market order
 * of `takerQty` lots every `takerEvery` steps, alternating sides. Every step
 * reads the mid, the live orders, the fills and one grid row, as the
 * environment does. An agent-step is one agent in one decision step; the
 * rate is reported without and with the market's warm-up (which runs once per
 * episode, in `reset`). A short untimed episode first lets the JIT compile
 * the hot paths (`jitWarmupRuns`).
 * @module
 */

import process from "node:process";
import { type AbmMarketSection, AbmMarketSectionSchema } from "../config/schemas/env_abm.ts";
import type { Side } from "../sim/engine/types.ts";
import { AbmMarket } from "../env/markets/abm_market.ts";
import { type AgentFill, newGridRow } from "../env/market.ts";

/** Options of {@linkcode runAbmMarketBench}. */
export interface AbmMarketBenchOptions {
  seed?: number;
  /** Market config (default: the schema defaults, i.e. the default population). */
  config?: AbmMarketSection;
  /** Warm-up before the episode (seconds, default 60). */
  warmupSeconds?: number;
  /** Episode length (seconds, default 600). */
  episodeSeconds?: number;
  /** Decision interval (ms, default 100). */
  stepMs?: number;
  /** Learning makers (default 2) and takers (default 1). */
  makers?: number;
  takers?: number;
  /** Makers quote this many ticks from the mid (default 3), `quoteQty` lots (default 10). */
  quoteTicks?: number;
  quoteQty?: number;
  /** Cancel and replace every quote at every step, even when on target (default false). */
  requoteAlways?: boolean;
  /** Takers send a market order of `takerQty` lots (default 5) every `takerEvery` steps (default 10). */
  takerQty?: number;
  takerEvery?: number;
  /** Order latency of the learning agents (ns, default 100,000). */
  orderLatencyNs?: number;
  /**
   * Untimed episodes of `jitWarmupSeconds` (default 60) run first with another
   * seed so that the timed run measures compiled code (default 1; 0 = time a cold start).
   */
  jitWarmupRuns?: number;
  jitWarmupSeconds?: number;
}

/** The benchmark's result. */
export interface AbmMarketBenchResult {
  agents: number;
  steps: number;
  agentSteps: number;
  warmupSeconds: number;
  episodeSeconds: number;
  /** Wall-clock seconds of the warm-up (reset) and of the episode's steps. */
  resetWallSeconds: number;
  stepWallSeconds: number;
  /** Agent-steps per wall-clock second, steps only. */
  agentStepsPerSecond: number;
  /** Agent-steps per wall-clock second, the reset with its warm-up included. */
  agentStepsPerSecondWithWarmup: number;
  /**
   * Process CPU time (user + system, all threads: GC and compiler included) of
   * the reset and the steps, and agent-steps per CPU second: a conservative
   * single-core figure that other load on the machine does not distort.
   */
  cpuSeconds: number;
  agentStepsPerCpuSecond: number;
  /** Kernel messages delivered in the episode (after the warm-up). */
  episodeMessages: number;
  orders: number;
  cancels: number;
  fills: number;
  target: { agentStepsPerSecond: number };
}

/** Runs one episode of the agent-based market with fixed quoting and times it. */
export function runAbmMarketBench(opts: AbmMarketBenchOptions = {}): AbmMarketBenchResult {
  const warm = opts.jitWarmupRuns ?? 1;
  for (let i = 0; i < warm; i++) {
    runEpisode({
      ...opts,
      seed: (opts.seed ?? 1) + 1_000 + i,
      episodeSeconds: opts.jitWarmupSeconds ?? 60,
    });
  }
  return runEpisode(opts);
}

function runEpisode(opts: AbmMarketBenchOptions): AbmMarketBenchResult {
  const config = opts.config ?? AbmMarketSectionSchema.parse({});
  const warmupSeconds = opts.warmupSeconds ?? 60;
  const episodeSeconds = opts.episodeSeconds ?? 600;
  const stepNs = (opts.stepMs ?? 100) * 1e6;
  const makers = opts.makers ?? 2, takers = opts.takers ?? 1;
  const quoteTicks = opts.quoteTicks ?? 3, quoteQty = opts.quoteQty ?? 10;
  const takerQty = opts.takerQty ?? 5, takerEvery = opts.takerEvery ?? 10;
  const latency = opts.orderLatencyNs ?? 100_000;
  const always = opts.requoteAlways ?? false;
  const agents = makers + takers;
  const market = new AbmMarket(config);
  const startNs = market.sessionStartNs + warmupSeconds * 1e9;
  const endNs = startNs + episodeSeconds * 1e9;
  const steps = Math.floor((endNs - startNs) / stepNs);

  const c0 = process.cpuUsage();
  const t0 = performance.now();
  market.reset({ seed: opts.seed ?? 1, date: "2024-01-02", startNs, endNs }, agents);
  const t1 = performance.now();
  const messages0 = market.kernel.stats().messages;

  // Each maker's current quote per side: order id (0 = none) and price.
  const bidId = new Float64Array(makers), askId = new Float64Array(makers);
  const bidPx = new Float64Array(makers), askPx = new Float64Array(makers);
  const row = newGridRow(market.levels);
  const fills: AgentFill[] = [];
  let orders = 0, cancels = 0, nFills = 0;
  const quote = (a: number, side: Side, ids: Float64Array, pxs: Float64Array, target: number) => {
    const now = market.nowNs;
    const live = market.liveOrders(a);
    const id = ids[a];
    if (id !== 0 && !always && pxs[a] === target && live.has(id)) return;
    if (id !== 0 && live.has(id)) {
      market.cancel(a, id, now + latency);
      cancels++;
    }
    ids[a] = market.submitLimit(a, side, target, quoteQty, now + latency);
    pxs[a] = target;
    orders++;
  };
  for (let s = 0; s < steps; s++) {
    const now = market.nowNs;
    const mid = market.midTicks();
    if (mid === mid) {
      for (let a = 0; a < makers; a++) {
        quote(a, 1, bidId, bidPx, Math.floor(mid - quoteTicks));
        quote(a, -1, askId, askPx, Math.ceil(mid + quoteTicks));
      }
    }
    if (s % takerEvery === 0) {
      for (let a = makers; a < agents; a++) {
        market.submitMarket(a, (s / takerEvery) % 2 === 0 ? 1 : -1, takerQty, now + latency);
        orders++;
      }
    }
    market.advanceTo(now + stepNs);
    for (let a = 0; a < agents; a++) {
      market.drainFills(a, fills);
      nFills += fills.length;
      fills.length = 0;
    }
    market.gridRow(market.nowNs, row);
  }
  const t2 = performance.now();
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const agentSteps = steps * agents;
  const stepWallSeconds = (t2 - t1) / 1000;
  const resetWallSeconds = (t1 - t0) / 1000;
  return {
    agents,
    steps,
    agentSteps,
    warmupSeconds,
    episodeSeconds,
    resetWallSeconds,
    stepWallSeconds,
    agentStepsPerSecond: agentSteps / stepWallSeconds,
    agentStepsPerSecondWithWarmup: agentSteps / (stepWallSeconds + resetWallSeconds),
    cpuSeconds,
    agentStepsPerCpuSecond: agentSteps / cpuSeconds,
    episodeMessages: market.kernel.stats().messages - messages0,
    orders,
    cancels,
    fills: nFills,
    target: { agentStepsPerSecond: 50_000 },
  };
}
