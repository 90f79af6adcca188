/**
 * Zero-intelligence order flow of Cont, Stoikov and Talreja (2010, "A
 * stochastic model for order book dynamics", Operations Research 58(3),
 * 549–563).
 *
 * The model: prices on a tick grid; unit-size limit buy (sell) orders arrive
 * i = 1…L ticks from the opposite best quote as independent Poisson processes
 * of rate λ(i); market buy and sell orders arrive at rate μ each and take one
 * order from the opposite best quote; each resting order i ticks from the
 * opposite best quote is cancelled at rate θ(i). Simulated exactly with the
 * Gillespie algorithm. Default rates: the paper's estimates ({@linkcode CST_2010}).
 *
 * Where our window differs from the paper's fixed price grid (the paper sets
 * an empty side's quote at the grid's edge; our book moves with the quotes):
 * - An order pushed more than L ticks from the opposite best quote (because
 *   that quote moved away) leaves the book (a Delete; counted as `dropped`).
 * - A side left empty is re-seeded at once with one order `reseedDistance`
 *   ticks (default L) from the opposite best quote (an Add; counted as
 *   `reseeds`, not as a limit arrival). So neither side is ever empty, every
 *   market order executes, and the book is never crossed.
 *
 * Two faces:
 * - {@linkcode ZiBooks}: B books side by side, counts only, ≥ 5 million events
 *   per second on one core (`runZiBench` in lib/bench/zi_bench.ts).
 * - {@linkcode simulateZiSession}: one symbol's day with order ids, as a
 *   `SimulatedSession` (canonical LOBSTER-style events).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { simulateZiSession, ZiBooks, ZiCounter, ziParams } from "./mod.ts";
 * const params = ziParams({ levels: 10, lotSize: 100 });
 * const books = new ZiBooks({ books: 2, seed: 1, params });
 * books.runUntil(100); // 100 simulated seconds in each book
 * assert(books.counter(0, ZiCounter.MarketBuy) > 0);
 * const s = simulateZiSession({
 *   symbol: "SIM0", date: "2024-01-02", seed: 1, params,
 *   sessionStartNs: 0, sessionEndNs: 100e9, tickSize: 100, startPriceTicks: 10_000,
 * });
 * assert(s.zi.counters.marketBuy === books.counter(0, ZiCounter.MarketBuy)); // same path
 * ```
 * @module
 */

export * from "./params.ts";
export * from "./zi_books.ts";
export * from "./queue_book.ts";
export * from "./session.ts";
