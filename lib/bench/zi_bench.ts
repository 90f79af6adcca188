/**
 * Throughput of the zero-intelligence core ({@linkcode ZiBooks}): B books
 * side by side, default parameters (the paper's estimates, L = 10), events
 * per second on one core.
 *
 * Method. Each pass builds a fresh `ZiBooks` (not timed) and times one
 * `run(eventsPerBook)`; the best of 3 passes is reported (the first pass also
 * warms up the JIT). Wall time from `performance.now()`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { runZiBench } from "./zi_bench.ts";
 * const r = runZiBench({ books: 4, eventsPerBook: 1000, seed: 1 });
 * assert(r.events === 4000 && r.seconds > 0 && r.eventsPerSecond > 0);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { type ZiParams, ziParams } from "../sim/zi/params.ts";
import { ZiBooks } from "../sim/zi/zi_books.ts";

/** Options of {@linkcode runZiBench}. */
export interface ZiBenchOptions {
  /** Books run side by side. */
  books: number;
  /** Events per book in each timed pass. */
  eventsPerBook: number;
  /** Master seed. */
  seed: number;
  /** Model parameters (default: the paper's estimates, 10 levels). */
  params?: ZiParams;
  /** Timed passes; the best is reported (default 3). */
  passes?: number;
}

/** Result of {@linkcode runZiBench} (the best pass). */
export interface ZiBenchResult {
  /** Events in the best pass (books × eventsPerBook). */
  events: number;
  /** Wall time of the best pass, seconds. */
  seconds: number;
  /** events / seconds. */
  eventsPerSecond: number;
  /** Books run side by side. */
  books: number;
  /** Events per book in each pass. */
  eventsPerBook: number;
  /** Levels per side of the model. */
  levels: number;
  /** Wall time of every pass, seconds. */
  passSeconds: number[];
  /** Simulated seconds covered by book 0 in the last pass. */
  simulatedSeconds: number;
}

/** Runs the ZI core benchmark. */
export function runZiBench(opts: ZiBenchOptions): ZiBenchResult {
  const { books, eventsPerBook, seed } = opts;
  if (!(Number.isInteger(books) && books >= 1)) {
    throw new UsageError(`zi bench: books: expected an integer ≥ 1, found ${books}`);
  }
  if (!(Number.isInteger(eventsPerBook) && eventsPerBook >= 1)) {
    throw new UsageError(
      `zi bench: eventsPerBook: expected an integer ≥ 1, found ${eventsPerBook}`,
    );
  }
  const params = opts.params ?? ziParams();
  const passes = opts.passes ?? 3;
  const passSeconds: number[] = [];
  let events = 0;
  let simulatedSeconds = 0;
  for (let p = 0; p < passes; p++) {
    const z = new ZiBooks({ books, seed, params });
    const t0 = performance.now();
    events = z.run(eventsPerBook);
    passSeconds.push((performance.now() - t0) / 1000);
    simulatedSeconds = z.time(0);
  }
  const seconds = Math.min(...passSeconds);
  return {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    books,
    eventsPerBook,
    levels: params.levels,
    passSeconds,
    simulatedSeconds,
  };
}
