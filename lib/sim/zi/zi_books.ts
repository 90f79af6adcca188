/**
 * The fast face of the zero-intelligence model: B independent order books
 * side by side, struct-of-arrays, simulated with the Gillespie algorithm.
 *
 * State of book b: best bid and best ask (ticks) and, per side, the number of
 * unit orders at distance i = 1…L ticks from the OPPOSITE best quote (bids at
 * `bestAsk − i`, asks at `bestBid + i`), in `bidQ[b·L + i − 1]` and
 * `askQ[b·L + i − 1]`. Levels inside the spread hold zero, so the best bid is
 * the bid at distance `spread`.
 *
 * One event: the waiting time is exponential with the total rate
 * R = 2·Σλ + 2μ + Σθ(i)·Q_i(bid) + Σθ(i)·Q_i(ask); the event is drawn in
 * proportion to its rate: a limit buy (sell) at distance i (rate λ(i)), a
 * market buy (sell) (rate μ) that takes one order from the best ask (bid), or
 * the cancellation of one order at distance i (rate θ(i)·Q_i). The per-side
 * cancellation sums are kept incrementally and recomputed exactly (O(L))
 * whenever a quote moves, so an event costs O(L) at worst with small L.
 *
 * Boundary rules (where the paper's fixed price grid and our moving window
 * differ; see also the module doc of `mod.ts`):
 * - An order pushed further than L ticks from the opposite best quote (that
 *   quote moved away) leaves the book: counted as `dropped`.
 * - A side left empty (by a market order or a cancellation) is re-seeded at
 *   once with one order at `reseedDistance` ticks from the opposite best
 *   quote: counted as `reseeds` (not as a limit arrival).
 *
 * Random streams: book b draws from `Rng.fromSeed(seed).derive("zi/book/" +
 * (bookOffset + b))`, so its path depends on neither B nor the other books.
 * Each event draws two 32-bit words, in this order: the event choice, then the
 * waiting time to the next event (the first waiting time is drawn at
 * construction). Runs can be split at any event count or time without
 * changing the path.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ZiBooks, ZiCounter } from "./zi_books.ts";
 * const books = new ZiBooks({ books: 4, seed: 7 });
 * books.run(10_000);                          // 10,000 events in each book
 * assert(books.counter(2, ZiCounter.Events) === 10_000);
 * assert(books.bestBid(2) < books.bestAsk(2)); // never crossed
 * books.runUntil(books.time(0) + 60);          // one more simulated minute
 * assert(books.time(0) > 0);
 * ```
 * @module
 */

import { UsageError } from "../../core/errors.ts";
import { Rng } from "../../core/rng.ts";
import { type ZiParams, ziParams } from "./params.ts";

const TWO_POW_32 = 4294967296;

/** Kinds of model events (also the first six counters). */
export const ZiEvent = {
  LimitBuy: 0,
  LimitSell: 1,
  MarketBuy: 2,
  MarketSell: 3,
  CancelBid: 4,
  CancelAsk: 5,
} as const;
/** One of {@linkcode ZiEvent}'s values. */
export type ZiEvent = typeof ZiEvent[keyof typeof ZiEvent];

/** Per-book counters: the six event kinds, then re-seeds, dropped orders and all events. */
export const ZiCounter = {
  ...ZiEvent,
  /** Orders placed to re-seed an emptied side (not model arrivals). */
  Reseeds: 6,
  /** Orders removed because they ended up more than L ticks from the opposite best quote. */
  Dropped: 7,
  /** Model events (the sum of the six kinds). */
  Events: 8,
} as const;
/** One of {@linkcode ZiCounter}'s values. */
export type ZiCounter = typeof ZiCounter[keyof typeof ZiCounter];

/** Counter names by index (the keys of {@linkcode ZiBooks.counters}). */
export const ZI_COUNTER_NAMES: readonly string[] = [
  "limitBuy",
  "limitSell",
  "marketBuy",
  "marketSell",
  "cancelBid",
  "cancelAsk",
  "reseeds",
  "dropped",
  "events",
];
const NC = ZI_COUNTER_NAMES.length;

/** Side selector for {@linkcode ZiBooks.queue}: +1 bid, −1 ask (as in the event stream). */
export type ZiSide = 1 | -1;

/** Options of {@linkcode ZiBooks}. */
export interface ZiBooksOptions {
  /** Number of independent books B. */
  books: number;
  /** Master seed (any safe integer). */
  seed: number;
  /** Model parameters (default: `ziParams()`, the paper's estimates). */
  params?: ZiParams;
  /** Initial best bid in ticks; the best ask starts one tick above (default 10,000). */
  startPriceTicks?: number;
  /** Index of book 0 in the population (its random stream is `zi/book/<bookOffset + b>`). */
  bookOffset?: number;
  /** Keep per-level statistics (arrivals, cancellations, time-integrated depth). Slower. */
  stats?: boolean;
  /** Record every event of the (single) book in {@linkcode ZiBooks.trace}; needs `books: 1`. */
  trace?: boolean;
}

/**
 * Per-level statistics, each of length B·2·L, index `(b·2 + s)·L + i − 1`
 * with s = 0 for bids and 1 for asks.
 */
export interface ZiLevelStats {
  /** Limit orders that arrived at distance i. */
  arrivals: Float64Array;
  /** Orders cancelled at distance i (model cancellations only, not drops). */
  cancels: Float64Array;
  /** ∫ Q_i(t) dt: order-seconds resting at distance i. */
  occupancy: Float64Array;
}

/** The events of the last {@linkcode ZiBooks.run} call of a one-book simulation. */
export interface ZiTrace {
  /** Events recorded (entries past it are stale). */
  count: number;
  /** Event time, seconds since the start. */
  timeSec: Float64Array;
  /** {@linkcode ZiEvent} kind. */
  kind: Uint8Array;
  /** Level index (distance − 1) of limit orders and cancellations; −1 for market orders. */
  level: Int32Array;
  /** 1 when the event emptied a side and it was re-seeded. */
  reseed: Uint8Array;
  /** Best bid (ticks) after the event. */
  bestBid: Int32Array;
  /** Best ask (ticks) after the event. */
  bestAsk: Int32Array;
}

function newTrace(capacity: number): ZiTrace {
  return {
    count: 0,
    timeSec: new Float64Array(capacity),
    kind: new Uint8Array(capacity),
    level: new Int32Array(capacity),
    reseed: new Uint8Array(capacity),
    bestBid: new Int32Array(capacity),
    bestAsk: new Int32Array(capacity),
  };
}

/** Σ θ(i)·Q_i over one side of one book. */
function rateSum(q: Int32Array, o: number, L: number, th: Float64Array): number {
  let s = 0;
  for (let k = 0; k < L; k++) s += th[k] * q[o + k];
  return s;
}

/**
 * The opposite best quote moved `d` ticks away from this side's orders
 * (d < 0: closer). Every queue's distance grows by d; queues pushed past L
 * are removed. Returns the number of orders removed.
 */
function moveReference(q: Int32Array, o: number, L: number, d: number): number {
  let dropped = 0;
  if (d > 0) {
    const keep = L - d;
    for (let k = keep < 0 ? 0 : keep; k < L; k++) dropped += q[o + k];
    for (let k = L - 1; k >= d; k--) q[o + k] = q[o + k - d];
    for (let k = (d < L ? d : L) - 1; k >= 0; k--) q[o + k] = 0;
  } else if (d < 0) {
    const e = -d;
    for (let k = 0; k + e < L; k++) q[o + k] = q[o + k + e];
    for (let k = L - e < 0 ? 0 : L - e; k < L; k++) q[o + k] = 0;
  }
  return dropped;
}

/** B independent zero-intelligence books (Cont, Stoikov and Talreja 2010), run side by side. */
export class ZiBooks {
  /** Number of books B. */
  readonly books: number;
  /** The model parameters. */
  readonly params: ZiParams;
  /** Master seed. */
  readonly seed: number;
  /** Index of book 0 in the population. */
  readonly bookOffset: number;
  /** Levels per side L. */
  readonly levels: number;
  /** Bid queue sizes: `bidQ[b·L + i − 1]` orders at `bestAsk − i`. */
  readonly bidQ: Int32Array;
  /** Ask queue sizes: `askQ[b·L + i − 1]` orders at `bestBid + i`. */
  readonly askQ: Int32Array;
  /** Best bid per book, ticks. */
  readonly bestBidTicks: Int32Array;
  /** Best ask per book, ticks. */
  readonly bestAskTicks: Int32Array;
  /** Time of the last event per book, seconds. */
  readonly timeSec: Float64Array;
  /** Counters per book: `counts[b·9 + c]` for c in {@linkcode ZiCounter}. */
  readonly counts: Float64Array;
  /** Per-level statistics, or null unless `stats` was asked for. */
  readonly stats: ZiLevelStats | null;
  /** Event record of the last run, or null unless `trace` was asked for. */
  trace: ZiTrace | null;

  readonly #theta: Float64Array;
  readonly #lamCum: Float64Array;
  readonly #lamSum: number;
  readonly #mu: number;
  readonly #reseed: number;
  readonly #nextSec: Float64Array;
  readonly #cancelRate: Float64Array;
  readonly #rng: Int32Array;

  /** B books, each with the initial book of `params` around `startPriceTicks`. */
  constructor(options: ZiBooksOptions) {
    const B = options.books;
    if (!(Number.isInteger(B) && B >= 1)) {
      throw new UsageError(`ZiBooks: books: expected an integer ≥ 1, found ${B}`);
    }
    const offset = options.bookOffset ?? 0;
    if (!(Number.isInteger(offset) && offset >= 0)) {
      throw new UsageError(`ZiBooks: bookOffset: expected an integer ≥ 0, found ${offset}`);
    }
    const start = options.startPriceTicks ?? 10_000;
    if (!(Number.isInteger(start) && start > 0 && start < 2 ** 30)) {
      throw new UsageError(
        `ZiBooks: startPriceTicks: expected an integer in 1…2^30, found ${start}`,
      );
    }
    if (options.trace === true && B !== 1) {
      throw new UsageError(`ZiBooks: trace: expected books: 1, found books: ${B}`);
    }
    const p = options.params ?? ziParams();
    const L = p.levels;
    this.books = B;
    this.params = p;
    this.seed = options.seed;
    this.bookOffset = offset;
    this.levels = L;
    this.#theta = Float64Array.from(p.theta);
    this.#lamCum = new Float64Array(L);
    let acc = 0;
    for (let k = 0; k < L; k++) this.#lamCum[k] = acc += p.lambda[k];
    this.#lamSum = acc;
    this.#mu = p.mu;
    this.#reseed = p.reseedDistance;
    this.bidQ = new Int32Array(B * L).fill(p.initialDepth);
    this.askQ = new Int32Array(B * L).fill(p.initialDepth);
    this.bestBidTicks = new Int32Array(B).fill(start);
    this.bestAskTicks = new Int32Array(B).fill(start + 1);
    this.timeSec = new Float64Array(B);
    this.counts = new Float64Array(B * NC);
    this.#nextSec = new Float64Array(B);
    this.#cancelRate = new Float64Array(2 * B);
    this.#rng = new Int32Array(4 * B);
    this.stats = options.stats === true
      ? {
        arrivals: new Float64Array(B * 2 * L),
        cancels: new Float64Array(B * 2 * L),
        occupancy: new Float64Array(B * 2 * L),
      }
      : null;
    this.trace = options.trace === true ? newTrace(1024) : null;
    const master = Rng.fromSeed(options.seed);
    const fixed = 2 * this.#lamSum + 2 * this.#mu;
    for (let b = 0; b < B; b++) {
      const rng = master.derive(`zi/book/${offset + b}`);
      const cB = rateSum(this.bidQ, b * L, L, this.#theta);
      const cA = rateSum(this.askQ, b * L, L, this.#theta);
      this.#cancelRate[2 * b] = cB;
      this.#cancelRate[2 * b + 1] = cA;
      // First waiting time, drawn exactly as the event loop draws the later ones.
      this.#nextSec[b] = -Math.log((rng.nextU32() + 1) / TWO_POW_32) / (fixed + cB + cA);
      const [w0, w1, w2, w3] = rng.state();
      this.#rng.set([w0, w1, w2, w3], 4 * b);
    }
  }

  /** Best bid of book b, ticks. */
  bestBid(b: number): number {
    return this.bestBidTicks[b];
  }

  /** Best ask of book b, ticks. */
  bestAsk(b: number): number {
    return this.bestAskTicks[b];
  }

  /** Time of book b's last event, seconds since the start. */
  time(b: number): number {
    return this.timeSec[b];
  }

  /** Orders of book b on `side` at distance `distance` (1…L) from the opposite best quote. */
  queue(b: number, side: ZiSide, distance: number): number {
    const q = side === 1 ? this.bidQ : this.askQ;
    return q[b * this.levels + distance - 1];
  }

  /** One counter of book b. */
  counter(b: number, c: ZiCounter): number {
    return this.counts[b * NC + c];
  }

  /** All counters of book b by name ({@linkcode ZI_COUNTER_NAMES}). */
  counters(b: number): Record<string, number> {
    const out: Record<string, number> = {};
    for (let c = 0; c < NC; c++) out[ZI_COUNTER_NAMES[c]] = this.counts[b * NC + c];
    return out;
  }

  /** Current total event rate of book b, per second. */
  totalRate(b: number): number {
    return 2 * this.#lamSum + 2 * this.#mu + this.#cancelRate[2 * b] + this.#cancelRate[2 * b + 1];
  }

  /**
   * Advances every book by `events` events, or until its next event would
   * come after `untilSec` seconds, whichever is first. Returns the number of
   * events applied over all books.
   */
  run(events: number, untilSec = Infinity): number {
    if (!(events >= 0)) throw new UsageError(`ZiBooks.run: events: expected ≥ 0, found ${events}`);
    if (this.trace !== null) {
      if (!Number.isFinite(events)) {
        throw new UsageError("ZiBooks.run: a traced run needs a finite number of events");
      }
      if (this.trace.timeSec.length < events) this.trace = newTrace(events);
      this.trace.count = 0;
    }
    let total = 0;
    for (let b = 0; b < this.books; b++) total += this.#runBook(b, events, untilSec);
    return total;
  }

  /** Advances every book until its next event would come after `untilSec`. */
  runUntil(untilSec: number): number {
    return this.run(Infinity, untilSec);
  }

  #runBook(b: number, maxEvents: number, until: number): number {
    const L = this.levels;
    const th = this.#theta;
    const lamCum = this.#lamCum;
    const LAM = this.#lamSum;
    const MU = this.#mu;
    const D = this.#reseed;
    const FIXED = 2 * LAM + 2 * MU;
    const bid = this.bidQ;
    const ask = this.askQ;
    const o = b * L;
    const cnt = this.counts;
    const co = b * NC;
    const stats = this.stats;
    const arr = stats === null ? null : stats.arrivals;
    const can = stats === null ? null : stats.cancels;
    const occ = stats === null ? null : stats.occupancy;
    const so = b * 2 * L;
    const tr = this.trace;
    const rs = this.#rng;
    let s0 = rs[4 * b], s1 = rs[4 * b + 1], s2 = rs[4 * b + 2], s3 = rs[4 * b + 3];
    let bb = this.bestBidTicks[b];
    let ba = this.bestAskTicks[b];
    let cB = this.#cancelRate[2 * b];
    let cA = this.#cancelRate[2 * b + 1];
    let t = this.timeSec[b];
    let tn = this.#nextSec[b];
    let n = 0;
    while (n < maxEvents && tn <= until) {
      if (occ !== null) {
        const dt = tn - t;
        for (let k = 0; k < L; k++) {
          occ[so + k] += dt * bid[o + k];
          occ[so + L + k] += dt * ask[o + k];
        }
      }
      t = tn;
      // xoshiro128** (identical to Rng.nextU32): the event choice.
      let m = Math.imul(s1, 5);
      let u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      let x = s1 << 9, n2 = s2 ^ s0, n3 = s3 ^ s1;
      s1 ^= n2;
      s0 ^= n3;
      s2 = n2 ^ x;
      s3 = (n3 << 11) | (n3 >>> 21);
      let r = (u / TWO_POW_32) * (FIXED + cB + cA);
      const s = ba - bb; // spread ≥ 1; the best of each side is at index s − 1
      let kind: number;
      let level = -1;
      let reseeded = 0;
      if (r < LAM) {
        // Limit buy at distance k + 1 below the best ask.
        let k = 0;
        while (k < L - 1 && r >= lamCum[k]) k++;
        bid[o + k]++;
        cB += th[k];
        kind = 0;
        level = k;
        if (k + 1 < s) {
          const nb = ba - k - 1;
          moveReference(ask, o, L, bb - nb);
          cA = rateSum(ask, o, L, th);
          bb = nb;
        }
      } else if ((r -= LAM) < LAM) {
        // Limit sell at distance k + 1 above the best bid.
        let k = 0;
        while (k < L - 1 && r >= lamCum[k]) k++;
        ask[o + k]++;
        cA += th[k];
        kind = 1;
        level = k;
        if (k + 1 < s) {
          const na = bb + k + 1;
          moveReference(bid, o, L, na - ba);
          cB = rateSum(bid, o, L, th);
          ba = na;
        }
      } else if ((r -= LAM) < MU) {
        // Market buy: one order off the best ask.
        const j = s - 1;
        kind = 2;
        if (--ask[o + j] === 0) {
          let j2 = j + 1;
          while (j2 < L && ask[o + j2] === 0) j2++;
          let na: number;
          if (j2 < L) na = bb + j2 + 1;
          else {
            ask[o + D - 1] = 1;
            na = bb + D;
            reseeded = 1;
          }
          cA = rateSum(ask, o, L, th);
          cnt[co + 7] += moveReference(bid, o, L, na - ba);
          cB = rateSum(bid, o, L, th);
          ba = na;
        } else cA -= th[j];
      } else if ((r -= MU) < MU) {
        // Market sell: one order off the best bid.
        const j = s - 1;
        kind = 3;
        if (--bid[o + j] === 0) {
          let j2 = j + 1;
          while (j2 < L && bid[o + j2] === 0) j2++;
          let nb: number;
          if (j2 < L) nb = ba - j2 - 1;
          else {
            bid[o + D - 1] = 1;
            nb = ba - D;
            reseeded = 1;
          }
          cB = rateSum(bid, o, L, th);
          cnt[co + 7] += moveReference(ask, o, L, bb - nb);
          cA = rateSum(ask, o, L, th);
          bb = nb;
        } else cB -= th[j];
      } else if ((r -= MU) < cB) {
        // Cancel one bid at a level drawn in proportion to θ(i)·Q_i.
        let k = 0, last = -1, acc = 0;
        for (; k < L; k++) {
          const q = bid[o + k];
          if (q > 0) {
            last = k;
            acc += th[k] * q;
            if (r < acc) break;
          }
        }
        if (k === L) k = last; // rounding at the top end
        kind = 4;
        level = k;
        if (--bid[o + k] === 0 && k === s - 1) {
          let j2 = k + 1;
          while (j2 < L && bid[o + j2] === 0) j2++;
          let nb: number;
          if (j2 < L) nb = ba - j2 - 1;
          else {
            bid[o + D - 1] = 1;
            nb = ba - D;
            reseeded = 1;
          }
          cB = rateSum(bid, o, L, th);
          cnt[co + 7] += moveReference(ask, o, L, bb - nb);
          cA = rateSum(ask, o, L, th);
          bb = nb;
        } else cB -= th[k];
      } else {
        // Cancel one ask.
        r -= cB;
        let k = 0, last = -1, acc = 0;
        for (; k < L; k++) {
          const q = ask[o + k];
          if (q > 0) {
            last = k;
            acc += th[k] * q;
            if (r < acc) break;
          }
        }
        if (k === L) k = last;
        kind = 5;
        level = k;
        if (--ask[o + k] === 0 && k === s - 1) {
          let j2 = k + 1;
          while (j2 < L && ask[o + j2] === 0) j2++;
          let na: number;
          if (j2 < L) na = bb + j2 + 1;
          else {
            ask[o + D - 1] = 1;
            na = bb + D;
            reseeded = 1;
          }
          cA = rateSum(ask, o, L, th);
          cnt[co + 7] += moveReference(bid, o, L, na - ba);
          cB = rateSum(bid, o, L, th);
          ba = na;
        } else cA -= th[k];
      }
      cnt[co + kind]++;
      cnt[co + 6] += reseeded;
      if (arr !== null) {
        if (kind < 2) arr[so + kind * L + level]++;
        else if (kind >= 4) can![so + (kind - 4) * L + level]++;
      }
      if (tr !== null) {
        const i = tr.count++;
        tr.timeSec[i] = t;
        tr.kind[i] = kind;
        tr.level[i] = level;
        tr.reseed[i] = reseeded;
        tr.bestBid[i] = bb;
        tr.bestAsk[i] = ba;
      }
      // The waiting time to the next event, at the new total rate.
      m = Math.imul(s1, 5);
      u = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      x = s1 << 9;
      n2 = s2 ^ s0;
      n3 = s3 ^ s1;
      s1 ^= n2;
      s0 ^= n3;
      s2 = n2 ^ x;
      s3 = (n3 << 11) | (n3 >>> 21);
      tn = t - Math.log((u + 1) / TWO_POW_32) / (FIXED + cB + cA);
      n++;
    }
    rs[4 * b] = s0;
    rs[4 * b + 1] = s1;
    rs[4 * b + 2] = s2;
    rs[4 * b + 3] = s3;
    this.bestBidTicks[b] = bb;
    this.bestAskTicks[b] = ba;
    this.#cancelRate[2 * b] = cB;
    this.#cancelRate[2 * b + 1] = cA;
    this.timeSec[b] = t;
    this.#nextSec[b] = tn;
    cnt[co + 8] += n;
    return n;
  }
}
