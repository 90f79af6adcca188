/**
 * Order identities for one zero-intelligence book: FIFO queues of order ids
 * per price, driven event by event by the core's {@linkcode ZiTrace} (which
 * decides what happens), emitting the canonical event stream.
 *
 * - A limit order rests with a new id at the back of its queue (Add).
 * - A market order trades the OLDEST order at the opposite best quote (Trade,
 *   with the resting order's id and side); it never rests itself.
 * - A cancellation removes a uniformly random order of its level (Delete):
 *   every resting order is cancelled at the same rate θ(i), so given that
 *   the level lost one order, each is equally likely to be the one.
 * - A re-seed is an Add; orders pushed more than L ticks from the opposite
 *   best quote are Deletes (oldest first, price by price).
 *
 * Sizes are `lotSize` shares per unit order.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EventStreamBuilder } from "../market_data/event_stream.ts";
 * import { Rng } from "../../core/rng.ts";
 * import { ziParams } from "./params.ts";
 * import { ZiQueueBook } from "./queue_book.ts";
 * const out = new EventStreamBuilder();
 * const book = new ZiQueueBook(ziParams({ levels: 3, initialDepth: 2 }), 500, Rng.fromSeed(1), out);
 * book.seed(0);
 * assert(out.count === 12 && book.bestBid === 500 && book.bestAsk === 501);
 * assert.deepEqual(book.levelIds(1, 500), [1, 2]); // oldest first
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";
import { EventKind, type EventStreamBuilder } from "../market_data/event_stream.ts";
import type { ZiParams } from "./params.ts";
import { ZiEvent, type ZiTrace } from "./zi_books.ts";

/** One price level with its order ids, oldest first. */
export interface ZiLevel {
  /** Price, ticks. */
  priceTicks: number;
  /** Resting order ids, oldest (first to trade) first. */
  orderIds: number[];
}

/** The whole book with identities: bids best (highest) first, asks best (lowest) first. */
export interface ZiBookState {
  /** Best bid, ticks. */
  bestBid: number;
  /** Best ask, ticks. */
  bestAsk: number;
  /** Bid levels, highest price first. */
  bids: ZiLevel[];
  /** Ask levels, lowest price first. */
  asks: ZiLevel[];
}

/** One book with order identities, mirroring the count-only core. */
export class ZiQueueBook {
  /** Current best bid, ticks. */
  bestBid: number;
  /** Current best ask, ticks. */
  bestAsk: number;
  /** Orders removed for lying beyond L ticks from the opposite best quote. */
  dropped = 0;
  /** Orders placed to re-seed an emptied side. */
  reseeds = 0;
  readonly #L: number;
  readonly #depth: number;
  readonly #lot: number;
  readonly #pick: Rng;
  readonly #out: EventStreamBuilder;
  readonly #bids = new Map<number, number[]>();
  readonly #asks = new Map<number, number[]>();
  #nextId = 1;

  /**
   * `startPriceTicks` is the initial best bid (the ask starts one tick above);
   * `pick` draws which order of a level a cancellation removes.
   */
  constructor(params: ZiParams, startPriceTicks: number, pick: Rng, out: EventStreamBuilder) {
    this.#L = params.levels;
    this.#depth = params.initialDepth;
    this.#lot = params.lotSize;
    this.#pick = pick;
    this.#out = out;
    this.bestBid = startPriceTicks;
    this.bestAsk = startPriceTicks + 1;
  }

  /** Places the initial book (L levels per side, `initialDepth` orders each) at `tsNs`. */
  seed(tsNs: number): void {
    for (let k = 0; k < this.#L; k++) {
      for (let n = 0; n < this.#depth; n++) this.#add(1, this.bestBid - k, tsNs);
      for (let n = 0; n < this.#depth; n++) this.#add(-1, this.bestAsk + k, tsNs);
    }
  }

  /** Applies trace entry `i` (its time already converted to `tsNs`). */
  apply(trace: ZiTrace, i: number, tsNs: number): void {
    const bb = this.bestBid, ba = this.bestAsk;
    const k = trace.level[i];
    switch (trace.kind[i]) {
      case ZiEvent.LimitBuy:
        this.#add(1, ba - k - 1, tsNs);
        break;
      case ZiEvent.LimitSell:
        this.#add(-1, bb + k + 1, tsNs);
        break;
      case ZiEvent.MarketBuy:
        this.#trade(-1, ba, tsNs);
        break;
      case ZiEvent.MarketSell:
        this.#trade(1, bb, tsNs);
        break;
      case ZiEvent.CancelBid:
        this.#cancel(1, ba - k - 1, tsNs);
        break;
      case ZiEvent.CancelAsk:
        this.#cancel(-1, bb + k + 1, tsNs);
        break;
    }
    const nb = trace.bestBid[i], na = trace.bestAsk[i];
    if (trace.reseed[i] === 1) {
      const kind = trace.kind[i];
      const askSide = kind === ZiEvent.MarketBuy || kind === ZiEvent.CancelAsk;
      this.#add(askSide ? -1 : 1, askSide ? na : nb, tsNs);
      this.reseeds++;
    }
    // Bids must lie within L ticks of the ask, asks within L ticks of the bid.
    for (let p = ba - this.#L; p < na - this.#L; p++) this.#dropLevel(1, p, tsNs);
    for (let p = bb + this.#L; p > nb + this.#L; p--) this.#dropLevel(-1, p, tsNs);
    this.bestBid = nb;
    this.bestAsk = na;
  }

  /** Order ids resting at one price, oldest first (a copy; empty when none). */
  levelIds(side: 1 | -1, priceTicks: number): number[] {
    return [...((side === 1 ? this.#bids : this.#asks).get(priceTicks) ?? [])];
  }

  /** Orders resting on one side. */
  orderCount(side: 1 | -1): number {
    let n = 0;
    for (const ids of (side === 1 ? this.#bids : this.#asks).values()) n += ids.length;
    return n;
  }

  /** The whole book (copies). */
  state(): ZiBookState {
    const levels = (m: Map<number, number[]>, desc: boolean): ZiLevel[] =>
      [...m.entries()]
        .filter(([, ids]) => ids.length > 0)
        .sort((a, b) => (desc ? b[0] - a[0] : a[0] - b[0]))
        .map(([priceTicks, ids]) => ({ priceTicks, orderIds: [...ids] }));
    return {
      bestBid: this.bestBid,
      bestAsk: this.bestAsk,
      bids: levels(this.#bids, true),
      asks: levels(this.#asks, false),
    };
  }

  #add(side: 1 | -1, price: number, tsNs: number): void {
    const m = side === 1 ? this.#bids : this.#asks;
    const id = this.#nextId++;
    const ids = m.get(price);
    if (ids === undefined) m.set(price, [id]);
    else ids.push(id);
    this.#out.push(tsNs, EventKind.Add, id, this.#lot, price, side);
  }

  #trade(side: 1 | -1, price: number, tsNs: number): void {
    const m = side === 1 ? this.#bids : this.#asks;
    const ids = m.get(price)!;
    const id = ids.shift()!;
    if (ids.length === 0) m.delete(price);
    this.#out.push(tsNs, EventKind.Trade, id, this.#lot, price, side);
  }

  #cancel(side: 1 | -1, price: number, tsNs: number): void {
    const m = side === 1 ? this.#bids : this.#asks;
    const ids = m.get(price)!;
    const at = ids.length === 1 ? 0 : this.#pick.nextInt(ids.length);
    const id = ids.splice(at, 1)[0];
    if (ids.length === 0) m.delete(price);
    this.#out.push(tsNs, EventKind.Delete, id, this.#lot, price, side);
  }

  #dropLevel(side: 1 | -1, price: number, tsNs: number): void {
    const m = side === 1 ? this.#bids : this.#asks;
    const ids = m.get(price);
    if (ids === undefined) return;
    for (const id of ids) this.#out.push(tsNs, EventKind.Delete, id, this.#lot, price, side);
    this.dropped += ids.length;
    m.delete(price);
  }
}
