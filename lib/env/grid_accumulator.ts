/**
 * Turns a market's stream of book states and events into decision-grid rows
 * with the same meaning as the ingestion pipeline's interim columns: the book
 * at the last update at or before the grid time, and over the interval since
 * the previous row the trade count, cancel count, mid high and low (counting
 * the state at the interval start) and the Cont–Kukanov–Stoikov order-flow
 * imbalance summed over consecutive best-quote states:
 *   e_n = 1{b_n ≥ b_{n−1}}·qb_n − 1{b_n ≤ b_{n−1}}·qb_{n−1} − 1{a_n ≤ a_{n−1}}·qa_n + 1{a_n ≥ a_{n−1}}·qa_{n−1}.
 * States arrive in time order; rows may be read for a time before the last
 * state (feed latency), so pending states are kept until consumed.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { GridAccumulator } from "./grid_accumulator.ts";
 * import { newGridRow } from "./market.ts";
 * const acc = new GridAccumulator(1, 0.01);
 * acc.reset("2024-01-02");
 * acc.state(0, 100, 10, 102, 10, [10], [10]);
 * acc.state(5, 101, 4, 102, 10, [4], [10]);     // bid improves: e = +4
 * const row = newGridRow(1);
 * acc.row(10, row);
 * assert.equal(row.ofiEvents, 4);
 * assert.equal(row.bestBid, 1.01);
 * assert.equal(row.midHigh, 1.015);
 * ```
 * @module
 */

import type { MutableGridRow } from "./market.ts";

/** Accumulates book states and events into grid rows. */
export class GridAccumulator {
  readonly levels: number;
  /** Dollars per tick. */
  readonly tickSize: number;
  #date = "";
  // Pending states (time-ordered): time, best quotes (ticks) and sizes, level sizes.
  #n = 0;
  #t = new Float64Array(256);
  #bid = new Float64Array(256);
  #bq = new Float64Array(256);
  #ask = new Float64Array(256);
  #aq = new Float64Array(256);
  #bidLv = new Float64Array(256);
  #askLv = new Float64Array(256);
  // The state in force at the start of the current interval.
  #cur = { t: -Infinity, bid: NaN, bq: NaN, ask: NaN, aq: NaN };
  readonly #curBidLv: Float64Array;
  readonly #curAskLv: Float64Array;
  // Event times (trades, cancels) and trade sizes not yet consumed.
  #trades: number[] = [];
  #tradeQty: number[] = [];
  #cancels: number[] = [];

  constructor(levels: number, tickSize: number) {
    this.levels = levels;
    this.tickSize = tickSize;
    this.#curBidLv = new Float64Array(levels).fill(NaN);
    this.#curAskLv = new Float64Array(levels).fill(NaN);
    this.#bidLv = new Float64Array(256 * levels);
    this.#askLv = new Float64Array(256 * levels);
  }

  /** Forgets everything (a new session). */
  reset(date: string): void {
    this.#date = date;
    this.#n = 0;
    this.#cur = { t: -Infinity, bid: NaN, bq: NaN, ask: NaN, aq: NaN };
    this.#curBidLv.fill(NaN);
    this.#curAskLv.fill(NaN);
    this.#trades = [];
    this.#tradeQty = [];
    this.#cancels = [];
  }

  /** Records the book after a change at `tNs` (prices in ticks; NaN = empty side; level sizes best first). */
  state(
    tNs: number,
    bid: number,
    bidQty: number,
    ask: number,
    askQty: number,
    bidLevels: ArrayLike<number>,
    askLevels: ArrayLike<number>,
  ): void {
    if (this.#n === this.#t.length) this.#grow();
    const i = this.#n++;
    this.#t[i] = tNs;
    this.#bid[i] = bid;
    this.#bq[i] = bidQty;
    this.#ask[i] = ask;
    this.#aq[i] = askQty;
    const L = this.levels;
    for (let l = 0; l < L; l++) {
      this.#bidLv[i * L + l] = l < bidLevels.length ? bidLevels[l] : NaN;
      this.#askLv[i * L + l] = l < askLevels.length ? askLevels[l] : NaN;
    }
  }

  /** Records an execution of `qty` shares at `tNs`. */
  trade(tNs: number, qty = 0): void {
    this.#trades.push(tNs);
    this.#tradeQty.push(qty);
  }

  /** Records a cancel or partial cancel at `tNs`. */
  cancel(tNs: number): void {
    this.#cancels.push(tNs);
  }

  /** Fills `out` with the row as of `asOfNs` and consumes everything up to it. */
  row(asOfNs: number, out: MutableGridRow): void {
    const cur = this.#cur;
    const mid0 = (cur.bid + cur.ask) / 2;
    let hi = Number.isNaN(mid0) ? -Infinity : mid0;
    let lo = Number.isNaN(mid0) ? Infinity : mid0;
    let ofi = 0;
    let used = 0;
    const L = this.levels;
    while (used < this.#n && this.#t[used] <= asOfNs) {
      const b = this.#bid[used], qb = this.#bq[used], a = this.#ask[used], qa = this.#aq[used];
      if (!Number.isNaN(cur.bid) && !Number.isNaN(b)) {
        ofi += (b >= cur.bid ? qb : 0) - (b <= cur.bid ? cur.bq : 0);
      }
      if (!Number.isNaN(cur.ask) && !Number.isNaN(a)) {
        ofi += -(a <= cur.ask ? qa : 0) + (a >= cur.ask ? cur.aq : 0);
      }
      cur.t = this.#t[used];
      cur.bid = b;
      cur.bq = qb;
      cur.ask = a;
      cur.aq = qa;
      for (let l = 0; l < L; l++) {
        this.#curBidLv[l] = this.#bidLv[used * L + l];
        this.#curAskLv[l] = this.#askLv[used * L + l];
      }
      const m = (b + a) / 2;
      if (!Number.isNaN(m)) {
        if (m > hi) hi = m;
        if (m < lo) lo = m;
      }
      used++;
    }
    // Drop the consumed states.
    if (used > 0) {
      const rest = this.#n - used;
      this.#t.copyWithin(0, used, this.#n);
      this.#bid.copyWithin(0, used, this.#n);
      this.#bq.copyWithin(0, used, this.#n);
      this.#ask.copyWithin(0, used, this.#n);
      this.#aq.copyWithin(0, used, this.#n);
      this.#bidLv.copyWithin(0, used * L, this.#n * L);
      this.#askLv.copyWithin(0, used * L, this.#n * L);
      this.#n = rest;
    }
    const tick = this.tickSize;
    const perDollar = 1 / tick; // dividing by ticks per dollar keeps 101 ticks at exactly 1.01
    out.date = this.#date;
    out.timeNs = asOfNs;
    out.tickSize = tick;
    out.bestBid = cur.bid / perDollar;
    out.bestAsk = cur.ask / perDollar;
    for (let l = 0; l < L; l++) {
      out.bidQty[l] = this.#curBidLv[l];
      out.askQty[l] = this.#curAskLv[l];
    }
    out.midHigh = hi === -Infinity ? NaN : hi / perDollar;
    out.midLow = lo === Infinity ? NaN : lo / perDollar;
    out.ofiEvents = ofi;
    let n = 0, volume = 0;
    while (n < this.#trades.length && this.#trades[n] <= asOfNs) volume += this.#tradeQty[n++];
    this.#trades.splice(0, n);
    this.#tradeQty.splice(0, n);
    out.tradeCount = n;
    out.tradeVolume = volume;
    out.cancelCount = this.#countUpTo(this.#cancels, asOfNs);
  }

  #countUpTo(times: number[], asOfNs: number): number {
    let k = 0;
    while (k < times.length && times[k] <= asOfNs) k++;
    times.splice(0, k);
    return k;
  }

  #grow(): void {
    const n = this.#t.length * 2, L = this.levels;
    const g = (a: Float64Array, len: number) => {
      const b = new Float64Array(len);
      b.set(a);
      return b;
    };
    this.#t = g(this.#t, n);
    this.#bid = g(this.#bid, n);
    this.#bq = g(this.#bq, n);
    this.#ask = g(this.#ask, n);
    this.#aq = g(this.#aq, n);
    this.#bidLv = g(this.#bidLv, n * L);
    this.#askLv = g(this.#askLv, n * L);
  }
}
