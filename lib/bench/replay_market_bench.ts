/**
 * Throughput of the replay market ({@linkcode ReplayMarket}) on a LOBSTER
 * day (default: the real AMZN level-1 day in `../shared/data/lobster`), with
 * one market maker that every 100 ms cancels its two quotes and re-quotes
 * 100 lots at ⌊mid⌋ − 2 and ⌈mid⌉ + 2 ticks (1 ms order latency), drains its
 * fills and reads a grid row. An agent-step is one agent acting for one step.
 *
 * Method. The files are read and the tape fully recorded before timing (the
 * recording, a one-off per file, is timed on its own). A run is `reset` to
 * the first message and every step to the last message; there is one
 * untimed warm-up run, then the best of three timed runs is reported. Reset
 * cost is the mean over 200 resets to starts spread over the day, against
 * the cost of replaying the file from its start to mid-day with a fresh
 * `LobsterReplay` (what a reset without the tape's checkpoints would cost).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { runReplayMarketBench } from "./replay_market_bench.ts";
 * const r = await runReplayMarketBench({
 *   messageFile: "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv",
 *   runs: 1,
 * });
 * assert(r.agentSteps > 0 && r.agentStepsPerSecond === r.agentSteps / r.seconds);
 * assert(r.messages === 500 && r.fills >= 0);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";
import { readLobsterMessages, readLobsterOrderbook } from "../data/lobster/mod.ts";
import { ReplayMarketSectionSchema } from "../config/schemas/env_replay.ts";
import { type AgentFill, newGridRow } from "../env/market.ts";
import { ReplayMarket } from "../env/markets/replay_market.ts";
import { loadReplayTape } from "../env/markets/replay_tape.ts";
import { resolveOrderbookFile } from "../data/lobster/file_name.ts";
import { LobsterReplay } from "../sim/replay/lobster_replay.ts";

/** The default day: AMZN, 21 June 2012, level 1 (LOBSTER sample data). */
export const REPLAY_BENCH_DEFAULT_FILE =
  "../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv";

/** Options of {@linkcode runReplayMarketBench}. */
export interface ReplayMarketBenchOptions {
  /** LOBSTER message file (its orderbook file beside it is used when present). */
  messageFile?: string;
  /** Queue model (default conservative). */
  queueModel?: "conservative" | "probabilistic";
  /** Decision step, ms (default 100). */
  stepMs?: number;
  /** Timed runs (default 3; the best is reported). */
  runs?: number;
}

/** The benchmark's result. */
export interface ReplayMarketBenchResult {
  messageFile: string;
  orderbookFile: string | null;
  messages: number;
  queueModel: string;
  stepMs: number;
  /** Agent-steps per run (steps × 1 agent). */
  agentSteps: number;
  /** Wall time of the best run, seconds. */
  seconds: number;
  runSeconds: number[];
  agentStepsPerSecond: number;
  /** Replayed messages per second in the best run. */
  messagesPerSecond: number;
  /** Maker fills in a run (a checksum). */
  fills: number;
  /** Reading and parsing the files, seconds. */
  loadSeconds: number;
  /** Recording the whole tape (LobsterReplay over the day), seconds; once per file. */
  recordSeconds: number;
  /** Mean reset to a start spread over the day, with the tape's checkpoints, ms. */
  resetMs: number;
  /** Replaying from the file's start to mid-day with a fresh LobsterReplay, ms (a reset without checkpoints). */
  replayToMiddayMs: number;
  target: { agentStepsPerSecond: number };
}

/** Runs the benchmark (a few seconds on the AMZN day). */
export async function runReplayMarketBench(
  opts: ReplayMarketBenchOptions = {},
): Promise<ReplayMarketBenchResult> {
  const messageFile = opts.messageFile ?? REPLAY_BENCH_DEFAULT_FILE;
  try {
    await Deno.stat(messageFile);
  } catch {
    throw new InputError({
      file: messageFile,
      expected: "a LOBSTER message file (the default day lives in ../shared/data/lobster)",
      found: "no such file",
    });
  }
  const stepNs = (opts.stepMs ?? 100) * 1e6;
  const runs = opts.runs ?? 3;
  const section = ReplayMarketSectionSchema.parse({
    message_file: messageFile,
    queue_model: opts.queueModel ?? "conservative",
  });
  const orderbookFile = await resolveOrderbookFile(messageFile, section.orderbook_file);

  let t0 = performance.now();
  const tape = await loadReplayTape(section);
  const loadSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  tape.ensure(tape.count);
  const recordSeconds = (performance.now() - t0) / 1000;

  const market = new ReplayMarket(section, tape);
  const row = newGridRow(market.levels);
  const fills: AgentFill[] = [];
  let nFills = 0, steps = 0;
  const run = (): number => {
    const start = performance.now();
    market.reset(
      { seed: 1, date: tape.date, startNs: tape.firstNs, endNs: tape.lastNs + stepNs },
      1,
    );
    let bid = 0, ask = 0;
    nFills = 0;
    steps = 0;
    while (!market.exhausted) {
      const t = market.nowNs;
      if (bid > 0) market.cancel(0, bid, t + 1e6);
      if (ask > 0) market.cancel(0, ask, t + 1e6);
      const mid = market.midTicks();
      if (mid === mid) {
        bid = market.submitLimit(0, 1, Math.floor(mid) - 2, 100, t + 1e6);
        ask = market.submitLimit(0, -1, Math.ceil(mid) + 2, 100, t + 1e6);
      } else bid = ask = 0;
      market.advanceTo(t + stepNs);
      market.drainFills(0, fills);
      nFills += fills.length;
      fills.length = 0;
      market.gridRow(t + stepNs, row);
      steps++;
    }
    return (performance.now() - start) / 1000;
  };
  run(); // warm-up (JIT)
  const runSeconds: number[] = [];
  for (let r = 0; r < runs; r++) runSeconds.push(run());
  const seconds = Math.min(...runSeconds);

  // Resets to starts spread over the day (a fixed pseudo-random order).
  const span = tape.lastNs - tape.firstNs;
  const nResets = 200;
  t0 = performance.now();
  for (let i = 0; i < nResets; i++) {
    const startNs = tape.firstNs + Math.floor(((i * 7919) % 1000) / 1000 * span);
    market.reset({ seed: 1, date: tape.date, startNs, endNs: startNs + 1e9 }, 1);
  }
  const resetMs = (performance.now() - t0) / nResets;

  const messages = await readLobsterMessages(messageFile);
  const orderbook = orderbookFile === null ? null : await readLobsterOrderbook(orderbookFile);
  const midday = tape.firstNs + span / 2;
  t0 = performance.now();
  const replay = new LobsterReplay(messages, orderbook, { tickSize: section.tick_size });
  while (replay.position < messages.count && messages.timeNs[replay.position] <= midday) {
    replay.step();
  }
  const replayToMiddayMs = performance.now() - t0;

  return {
    messageFile,
    orderbookFile,
    messages: tape.count,
    queueModel: section.queue_model,
    stepMs: stepNs / 1e6,
    agentSteps: steps,
    seconds,
    runSeconds,
    agentStepsPerSecond: steps / seconds,
    messagesPerSecond: tape.count / seconds,
    fills: nFills,
    loadSeconds,
    recordSeconds,
    resetMs,
    replayToMiddayMs,
    target: { agentStepsPerSecond: 200_000 },
  };
}
