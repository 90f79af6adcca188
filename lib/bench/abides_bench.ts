/**
 * Benchmark of the agent-based market: one trading day (09:30–16:00) of the
 * default population (1,000 noise, 100 value, 12 momentum traders, 2 market
 * makers), timed end to end including agent logic, the event queue and
 * matching. Kernel messages per second is ABIDES's own measure (its RMSC04
 * demo runs about 14 thousand per second).
 * @module
 */

import { type AbidesSection, AbidesSectionSchema } from "../config/schemas/abides.ts";
import { simulateAbidesSession } from "../sim/abides/mod.ts";
import { MESSAGE_KIND_NAMES } from "../sim/kernel/messages.ts";
import { MemorySampler } from "./memory.ts";

/** Options of {@linkcode runAbidesBench}. */
export interface AbidesBenchOptions {
  seed?: number;
  /** Population and parameters (default: the schema defaults, as in configs/data.yaml). */
  population?: AbidesSection;
  /** Session length in seconds (default 23,400 = 6.5 hours). */
  sessionSeconds?: number;
}

/** The benchmark's result. */
export interface AbidesBenchResult {
  agents: number;
  sessionSeconds: number;
  messages: number;
  messagesByKind: Record<string, number>;
  bookEvents: number;
  trades: number;
  seconds: number;
  messagesPerSecond: number;
  peakRssBytes: number;
  target: { messagesPerSecond: number };
}

/** Runs one simulated day and times it. */
export function runAbidesBench(opts: AbidesBenchOptions = {}): AbidesBenchResult {
  const population = opts.population ?? AbidesSectionSchema.parse({});
  const sessionSeconds = opts.sessionSeconds ?? 23_400;
  const mem = new MemorySampler();
  const start = 34_200e9;
  const t0 = performance.now();
  const s = simulateAbidesSession({
    symbol: "SIM",
    date: "2024-01-02",
    dayIndex: 0,
    seed: opts.seed ?? 1,
    sessionStartNs: start,
    sessionEndNs: start + sessionSeconds * 1e9,
    tickSize: 100,
  }, population);
  const seconds = (performance.now() - t0) / 1000;
  mem.sample();
  let trades = 0;
  for (let i = 0; i < s.events.count; i++) if (s.events.kind[i] === 4) trades++;
  const messagesByKind: Record<string, number> = {};
  s.stats.byKind.forEach((n, i) => {
    if (n > 0) messagesByKind[MESSAGE_KIND_NAMES[i]] = n;
  });
  return {
    agents: 1 + population.noise.count + population.value.count + population.momentum.count +
      population.market_makers.count,
    sessionSeconds,
    messages: s.messagesProcessed,
    messagesByKind,
    bookEvents: s.events.count,
    trades,
    seconds,
    messagesPerSecond: s.messagesProcessed / seconds,
    peakRssBytes: mem.peakRss,
    target: { messagesPerSecond: 1_000_000 },
  };
}
