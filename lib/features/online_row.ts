/**
 * The state an online feature reads: the current grid row's inputs and the
 * recent history of the base series (mid, log return, Parkinson term, OFI,
 * up and down moves of the mid) in fixed-size rings. NaN stands for null.
 * {@linkcode OnlineRow.push} derives the base values with the same
 * arithmetic, in the same order, as the base columns of `pipeline.ts`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Ring } from "./online_row.ts";
 * const r = new Ring(3);
 * r.push(1); r.push(2); r.push(4);
 * assert.equal(r.at(0), 4);
 * assert.equal(r.mean(2), 3);
 * assert(Number.isNaN(r.mean(4))); // longer than the history
 * ```
 * @module
 */

import { INV_FOUR_LN2, snapHalfTick } from "./numeric.ts";

/** One grid row as the online calculator takes it (the interim columns; NaN = null). */
export interface GridRow {
  /** Session date, YYYY-MM-DD (`date`); a new date restarts every window. */
  date: string;
  /** Grid time, ns after midnight, exchange local time (`ts`). */
  timeNs: number;
  /** Price increment in dollars (`tick_size`); NaN = the configured fallback. */
  tickSize: number;
  /** Best bid and ask, dollars (`best_bid`, `best_ask`). */
  bestBid: number;
  bestAsk: number;
  /** Sizes at bid levels 1, 2, … (`bid_qty_k`); NaN for an empty level. */
  bidQty: ArrayLike<number>;
  /** Sizes at ask levels 1, 2, … (`ask_qty_k`); NaN for an empty level. */
  askQty: ArrayLike<number>;
  /** Executions in the interval (`trade_count`); NaN without event data. */
  tradeCount: number;
  /** Shares executed in the interval (`trade_volume`); NaN or absent without event data. */
  tradeVolume?: number;
  /** Cancels in the interval (`cancel_count`); NaN without event data. */
  cancelCount: number;
  /** Highest and lowest mid in the interval (`mid_high`, `mid_low`). */
  midHigh: number;
  midLow: number;
  /** Event OFI of the interval (`ofi_events`); NaN without event data. */
  ofiEvents: number;
}

/** The last `capacity` values of a series, newest at lag 0 (NaN = null). */
export class Ring {
  /** How many values it keeps. */
  readonly capacity: number;
  /** Values pushed since the last reset. */
  count = 0;
  readonly #buf: Float64Array;
  #head = -1;
  /** Push number (0-based) of the latest NaN, −1 when none: makes `complete` O(1). */
  #lastNaN = -1;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new RangeError(`Ring: expected a capacity ≥ 1, found ${capacity}`);
    }
    this.capacity = capacity;
    this.#buf = new Float64Array(capacity);
  }

  /** Appends a value. */
  push(x: number): void {
    this.#head = this.#head + 1 === this.capacity ? 0 : this.#head + 1;
    this.#buf[this.#head] = x;
    if (x !== x) this.#lastNaN = this.count;
    this.count++;
  }

  /** The value `lag` rows back (0 = newest); NaN before the history starts. */
  at(lag: number): number {
    if (lag >= this.count || lag >= this.capacity) return NaN;
    const i = this.#head - lag;
    return this.#buf[i < 0 ? i + this.capacity : i];
  }

  /** Whether the last `n` values exist and are all known. */
  complete(n: number): boolean {
    return n <= this.count && n <= this.capacity && this.#lastNaN < this.count - n;
  }

  /** Sum of the last `n` values, oldest first; NaN unless {@linkcode complete}. */
  sum(n: number): number {
    if (!this.complete(n)) return NaN;
    const buf = this.#buf, cap = this.capacity;
    let i = this.#head - n + 1;
    if (i < 0) i += cap;
    let s = 0;
    for (let k = 0; k < n; k++) {
      s += buf[i];
      if (++i === cap) i = 0;
    }
    return s;
  }

  /** Mean of the last `n` values; NaN unless complete. */
  mean(n: number): number {
    return this.sum(n) / n;
  }

  /** Sample standard deviation (ddof = 1) of the last `n` ≥ 2 values, two-pass; NaN unless complete. */
  std(n: number): number {
    const m = this.mean(n);
    if (m !== m) return NaN;
    const buf = this.#buf, cap = this.capacity;
    let i = this.#head - n + 1;
    if (i < 0) i += cap;
    let ss = 0;
    for (let k = 0; k < n; k++) {
      const d = buf[i] - m;
      ss += d * d;
      if (++i === cap) i = 0;
    }
    return Math.sqrt(ss / (n - 1));
  }

  /** Forgets all values. */
  reset(): void {
    this.count = 0;
    this.#head = -1;
    this.#lastNaN = -1;
  }
}

/** NaN for an empty level's size, else the size. */
function qtyOrZero(q: number | undefined): number {
  return q === undefined || Number.isNaN(q) ? 0 : q;
}

/**
 * The current row and the base series' history, as online features read
 * them. Fed by the online calculator; one instance per symbol.
 */
export class OnlineRow {
  /** Grid time, ns after midnight. */
  timeNs = NaN;
  /** Tick size in dollars (the row's, or the fallback). */
  tickSize = NaN;
  bestBid = NaN;
  bestAsk = NaN;
  /** Sizes at the best bid and ask. */
  bidQty1 = NaN;
  askQty1 = NaN;
  /** Σ sizes over the first `depthLevels` levels (empty levels count 0; NaN when level 1 is empty). */
  bidDepth = NaN;
  askDepth = NaN;
  tradeCount = NaN;
  cancelCount = NaN;
  /** 1/(interval length in seconds). */
  perSecond = NaN;
  /** mid = (a + b)/2 (snapped to the half-tick grid), history. */
  readonly mid: Ring;
  /** ln(mid_t / mid_{t−1}), history. */
  readonly logReturn: Ring;
  /** (ln(H/L))² / (4·ln 2), history. */
  readonly parkinson: Ring;
  /** OFI of the interval, history. */
  readonly ofi: Ring;
  /** max(Δmid, 0) and max(−Δmid, 0), history. */
  readonly up: Ring;
  readonly down: Ring;
  #prevBid = NaN;
  #prevAsk = NaN;
  #prevBidQty = NaN;
  #prevAskQty = NaN;
  #rows = 0;

  constructor(
    readonly capacity: number,
    readonly depthLevels: number,
    readonly tickSizeFallback: number,
    readonly ofiSource: "events" | "snapshots",
    readonly perSecondFactor: number,
  ) {
    this.mid = new Ring(capacity);
    this.logReturn = new Ring(capacity);
    this.parkinson = new Ring(capacity);
    this.ofi = new Ring(capacity);
    this.up = new Ring(capacity);
    this.down = new Ring(capacity);
  }

  /** Rows pushed since the last reset. */
  get rows(): number {
    return this.#rows;
  }

  /** Takes the next grid row of the same symbol-day. */
  push(r: GridRow): void {
    const b = r.bestBid, a = r.bestAsk;
    this.timeNs = r.timeNs;
    this.tickSize = Number.isNaN(r.tickSize) ? this.tickSizeFallback : r.tickSize;
    this.bestBid = b;
    this.bestAsk = a;
    const qb = r.bidQty.length > 0 ? r.bidQty[0] : NaN;
    const qa = r.askQty.length > 0 ? r.askQty[0] : NaN;
    this.bidQty1 = qb;
    this.askQty1 = qa;
    let bd = qb, ad = qa;
    const L = Math.min(this.depthLevels, r.bidQty.length, r.askQty.length);
    for (let k = 1; k < L; k++) {
      bd += qtyOrZero(r.bidQty[k]);
      ad += qtyOrZero(r.askQty[k]);
    }
    this.bidDepth = bd;
    this.askDepth = ad;
    this.tradeCount = r.tradeCount;
    this.cancelCount = r.cancelCount;
    this.perSecond = this.perSecondFactor;

    const prevMid = this.mid.at(0);
    const tick = this.tickSize;
    const mid = snapHalfTick((a + b) * 0.5, tick);
    this.mid.push(mid);
    this.logReturn.push(Math.log(mid / prevMid));
    const hl = Math.log(snapHalfTick(r.midHigh, tick) / snapHalfTick(r.midLow, tick));
    this.parkinson.push(hl * hl * INV_FOUR_LN2);
    const d = mid - prevMid;
    this.up.push((Math.abs(d) + d) * 0.5);
    this.down.push((Math.abs(d) - d) * 0.5);
    if (this.ofiSource === "events") this.ofi.push(r.ofiEvents);
    else {
      // Cont, Kukanov and Stoikov (2014), eq. 10, between consecutive grid rows.
      const pb = this.#prevBid, pa = this.#prevAsk, pqb = this.#prevBidQty, pqa = this.#prevAskQty;
      const nan = Number.isNaN(b) || Number.isNaN(a) || Number.isNaN(qb) || Number.isNaN(qa) ||
        Number.isNaN(pb) || Number.isNaN(pa) || Number.isNaN(pqb) || Number.isNaN(pqa);
      this.ofi.push(
        nan ? NaN : (b >= pb ? qb : 0) - (b <= pb ? pqb : 0) - (a <= pa ? qa : 0) +
          (a >= pa ? pqa : 0),
      );
    }
    this.#prevBid = b;
    this.#prevAsk = a;
    this.#prevBidQty = qb;
    this.#prevAskQty = qa;
    this.#rows++;
  }

  /** Forgets the history (a new symbol-day starts). */
  reset(): void {
    for (const ring of [this.mid, this.logReturn, this.parkinson, this.ofi, this.up, this.down]) {
      ring.reset();
    }
    this.#prevBid =
      this.#prevAsk =
      this.#prevBidQty =
      this.#prevAskQty =
        NaN;
    this.#rows = 0;
  }
}
