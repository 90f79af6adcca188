/**
 * A simulated trading session from the zero-intelligence model: the core
 * ({@linkcode ZiBooks} with one book) decides every event; a
 * {@linkcode ZiQueueBook} gives orders their ids and writes the canonical
 * event stream (Add, Delete, Trade of the resting order), sizes in shares
 * (`lotSize` per unit order), nanosecond timestamps.
 *
 * The initial book (L levels per side, `initialDepth` orders each, best bid
 * `startPriceTicks`, best ask one tick above) is written as Adds at
 * `sessionStartNs`; events follow at `sessionStartNs + ⌊t·10⁹⌋` until the
 * session end (exclusive). For a given seed the model path equals book 0 of
 * `new ZiBooks({ seed, books: 1 })`; which order of a level a cancellation
 * removes comes from a separate stream (`zi/cancel-pick`).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { simulateZiSession } from "./session.ts";
 * const s = simulateZiSession({
 *   symbol: "SIM0", date: "2024-01-02", seed: 3,
 *   sessionStartNs: 34_200e9, sessionEndNs: 34_260e9, // one minute
 *   tickSize: 100, startPriceTicks: 10_000,
 * });
 * assert(s.events.count > 1000 && s.events.tsNs[s.events.count - 1] < 34_260e9);
 * assert(s.zi.final.bestBid < s.zi.final.bestAsk);
 * ```
 * @module
 */

import { UsageError } from "../../core/errors.ts";
import { Rng } from "../../core/rng.ts";
import { EventStreamBuilder } from "../market_data/event_stream.ts";
import type { SimulatedSession } from "../session.ts";
import { type ZiParams, ziParams } from "./params.ts";
import { type ZiBookState, ZiQueueBook } from "./queue_book.ts";
import { ZiBooks } from "./zi_books.ts";

/** Options of {@linkcode simulateZiSession}. */
export interface ZiSessionOptions {
  /** Ticker, e.g. "SIM0". */
  symbol: string;
  /** Calendar date, "YYYY-MM-DD". */
  date: string;
  /** Master seed. */
  seed: number;
  /** Model parameters (default: `ziParams()`, the paper's estimates). */
  params?: ZiParams;
  /** Session open, nanoseconds after midnight (an integer). */
  sessionStartNs: number;
  /** Session close, nanoseconds after midnight (an integer after the open; exclusive). */
  sessionEndNs: number;
  /** Price units (dollars × 10,000) per tick; 100 = one cent. */
  tickSize: number;
  /** Initial best bid, ticks (the best ask starts one tick above). */
  startPriceTicks: number;
  /** Called after every chunk of events with the share of the session done (0…1). */
  onProgress?: (fraction: number) => void;
}

/** A ZI session: the common session record plus what the model did. */
export interface ZiSession extends SimulatedSession {
  /** What the model did. */
  zi: {
    /** The parameters used. */
    params: ZiParams;
    /** Per-kind event counts of the core, and re-seeds and dropped orders. */
    counters: Record<string, number>;
    /** The book with its order ids at the session end. */
    final: ZiBookState;
  };
}

const CHUNK = 1 << 16;

/** Simulates one session of zero-intelligence order flow. */
export function simulateZiSession(options: ZiSessionOptions): ZiSession {
  const { sessionStartNs: startNs, sessionEndNs: endNs, tickSize, startPriceTicks } = options;
  if (!(Number.isSafeInteger(startNs) && Number.isSafeInteger(endNs) && startNs < endNs)) {
    throw new UsageError(
      `simulateZiSession: expected integer sessionStartNs < sessionEndNs, found ${startNs} and ${endNs}`,
    );
  }
  if (!(Number.isInteger(tickSize) && tickSize > 0)) {
    throw new UsageError(
      `simulateZiSession: tickSize: expected a positive integer, found ${tickSize}`,
    );
  }
  const params = options.params ?? ziParams();
  if (!(Number.isInteger(startPriceTicks) && startPriceTicks > params.levels)) {
    throw new UsageError(
      `simulateZiSession: startPriceTicks: expected an integer > ${params.levels} (levels), found ${startPriceTicks}`,
    );
  }
  const core = new ZiBooks({ books: 1, seed: options.seed, params, startPriceTicks, trace: true });
  const out = new EventStreamBuilder(1 << 16);
  const book = new ZiQueueBook(
    params,
    startPriceTicks,
    Rng.fromSeed(options.seed).derive("zi/cancel-pick"),
    out,
  );
  book.seed(startNs);
  const spanNs = endNs - startNs;
  // Events strictly before the end: t·1e9 < spanNs.
  const untilSec = (spanNs - 1) / 1e9;
  let processed = 0;
  for (;;) {
    const n = core.run(CHUNK, untilSec);
    const tr = core.trace!;
    for (let i = 0; i < tr.count; i++) {
      const offset = Math.min(Math.floor(tr.timeSec[i] * 1e9), spanNs - 1);
      book.apply(tr, i, startNs + offset);
    }
    processed += n;
    if (n < CHUNK) break;
    options.onProgress?.(Math.min(1, core.time(0) / untilSec));
  }
  options.onProgress?.(1);
  return {
    symbol: options.symbol,
    date: options.date,
    tickSize,
    sessionStartNs: startNs,
    sessionEndNs: endNs,
    events: out.finish(),
    messagesProcessed: processed,
    zi: { params, counters: core.counters(0), final: book.state() },
  };
}
