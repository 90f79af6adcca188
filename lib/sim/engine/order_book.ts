/**
 * A limit order book for one symbol with continuous double-auction matching
 * under price-time priority: better prices trade first, and at one price the
 * order that arrived first trades first.
 *
 * Supported requests: limit orders (GTC, IOC, FOK, post-only), market orders,
 * cancel, partial cancel, modify (a size reduction at the same price keeps
 * queue priority; a price change or a size increase loses it), and optional
 * self-trade prevention. Replay helpers (`restLimit`, `executeResting`) apply
 * recorded exchange events without matching.
 *
 * Hot-path design: orders live in a pooled struct of arrays, levels in a dense
 * tick ladder with occupancy bitsets, ids in an open-addressing map; requests
 * take primitives and report through a reused {@linkcode OrderResult}; fills
 * go to a columnar {@linkcode FillLog}. Nothing is allocated per order once
 * the pools are warm.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BUY, OrderBook, SELL, TimeInForce } from "./mod.ts";
 * const book = new OrderBook();
 * book.submitLimit(1, 100, SELL, 10_050, 5, 0);   // id, owner, side, price (ticks), size, time (ns)
 * book.submitLimit(2, 101, SELL, 10_051, 5, 1);
 * book.submitLimit(3, 102, BUY, 10_051, 7, 2, TimeInForce.IOC);
 * assert(book.result.filledQty === 7);
 * assert(book.bestAsk() === 10_051 && book.bestAskQty() === 3);
 * assert(book.fills.count === 2);        // 5 @ 10050 then 2 @ 10051
 * ```
 * @module
 */

import { EventKind, type EventStreamBuilder } from "../market_data/event_stream.ts";
import { FillLog } from "./fill_log.ts";
import { OrderIdMap } from "./order_id_map.ts";
import { NIL, OrderPool } from "./order_pool.ts";
import { PriceLadder } from "./price_ladder.ts";
import {
  BUY,
  OrderResult,
  RejectReason,
  SelfTradePrevention,
  type Side,
  TimeInForce,
} from "./types.ts";

/** Options of {@linkcode OrderBook}. */
export interface OrderBookOptions {
  /** Symbol index written into every fill (default 0). */
  symbol?: number;
  /** Self-trade prevention mode (default none). */
  selfTradePrevention?: SelfTradePrevention;
  /** Shared fill log; a new one is made when absent. */
  fills?: FillLog;
  /** Expected number of live orders (pre-sizes the pools). */
  expectedOrders?: number;
  /** Initial width of the tick window (rounded up to a multiple of 1,024). */
  initialLevels?: number;
  /** Widest tick window the book may grow to; prices beyond it are rejected (price band). */
  maxLevels?: number;
  /**
   * When given, every change to the book is recorded here in LOBSTER's terms:
   * an order resting (add), a partial cancel (reduce), a removal (delete) and a
   * resting order trading (trade, with the resting order's id and side).
   */
  events?: EventStreamBuilder;
}

const ALIGN = 1024;
const MAX_SAFE_ID = Number.MAX_SAFE_INTEGER;

/** Cumulative size counters; `submitted = resting + filled + cancelled` always holds. */
export interface BookCounters {
  /** Total size of every order accepted into the book (including modify re-entries). */
  submittedQty: number;
  /** Size removed by fills, counted on each side of every fill that involves a book order. */
  filledQty: number;
  /** Size removed by cancels of any kind (explicit, IOC/market remainders, self-trade prevention, modify). */
  cancelledQty: number;
  /** Number of fills. */
  fills: number;
}

/** One price level as a plain object (for tests, notebooks and debugging). */
export interface LevelView {
  priceTicks: number;
  qty: number;
  orders: { orderId: number; owner: number; qty: number; tsNs: number }[];
}

/** Price-time-priority limit order book for one symbol. */
export class OrderBook {
  /** Answer to the most recent request (overwritten by the next one). */
  readonly result: OrderResult = new OrderResult();
  /** Execution reports. */
  readonly fills: FillLog;
  /** Cumulative counters (see {@linkcode BookCounters}). */
  readonly counters: BookCounters = { submittedQty: 0, filledQty: 0, cancelledQty: 0, fills: 0 };
  /** Symbol index stamped on fills. */
  readonly symbol: number;
  /** Self-trade prevention mode. */
  readonly selfTradePrevention: SelfTradePrevention;
  /** Book-change recorder (see {@linkcode OrderBookOptions.events}), or null. */
  readonly events: EventStreamBuilder | null;

  readonly #orders: OrderPool;
  readonly #ids: OrderIdMap;
  readonly #bids: PriceLadder;
  readonly #asks: PriceLadder;
  readonly #maxLevels: number;
  #base = 0;
  #baseSet = false;
  /** Index of the best bid level, −1 when the bid side is empty. */
  #bestBid = -1;
  /** Index of the best ask level, −1 when the ask side is empty. */
  #bestAsk = -1;

  constructor(options: OrderBookOptions = {}) {
    this.symbol = options.symbol ?? 0;
    this.selfTradePrevention = options.selfTradePrevention ?? SelfTradePrevention.None;
    this.fills = options.fills ?? new FillLog();
    this.events = options.events ?? null;
    const expected = options.expectedOrders ?? 4096;
    this.#orders = new OrderPool(expected);
    this.#ids = new OrderIdMap(expected);
    // Both widths are whole multiples of ALIGN (the ladder's bitsets and regrow shifts need it).
    const levels = Math.max(ALIGN, Math.ceil((options.initialLevels ?? 16384) / ALIGN) * ALIGN);
    this.#maxLevels = Math.max(levels, Math.floor((options.maxLevels ?? 1 << 22) / ALIGN) * ALIGN);
    this.#bids = new PriceLadder(levels);
    this.#asks = new PriceLadder(levels);
  }

  // ---------------------------------------------------------------- queries

  /** Best bid price in ticks, or NaN when there is no bid. */
  bestBid(): number {
    return this.#bestBid < 0 ? NaN : this.#base + this.#bestBid;
  }

  /** Best ask price in ticks, or NaN when there is no ask. */
  bestAsk(): number {
    return this.#bestAsk < 0 ? NaN : this.#base + this.#bestAsk;
  }

  /** Total size at the best bid (0 when empty). */
  bestBidQty(): number {
    return this.#bestBid < 0 ? 0 : this.#bids.total[this.#bestBid];
  }

  /** Total size at the best ask (0 when empty). */
  bestAskQty(): number {
    return this.#bestAsk < 0 ? 0 : this.#asks.total[this.#bestAsk];
  }

  /** Number of live orders. */
  get orderCount(): number {
    return this.#orders.live;
  }

  /** Whether an order with this id is live. */
  hasOrder(orderId: number): boolean {
    return this.#ids.get(orderId) !== NIL;
  }

  /** Remaining size of a live order, or 0. */
  orderQty(orderId: number): number {
    const h = this.#ids.get(orderId);
    return h === NIL ? 0 : this.#orders.qty[h];
  }

  /** Price of a live order, or NaN. */
  orderPrice(orderId: number): number {
    const h = this.#ids.get(orderId);
    return h === NIL ? NaN : this.#orders.price[h];
  }

  /** Side of a live order (+1/−1), or 0. */
  orderSide(orderId: number): number {
    const h = this.#ids.get(orderId);
    return h === NIL ? 0 : this.#orders.side[h];
  }

  /** Owner of a live order, or NaN. */
  orderOwner(orderId: number): number {
    const h = this.#ids.get(orderId);
    return h === NIL ? NaN : this.#orders.owner[h];
  }

  /** Size queued ahead of a live order at its price (its queue position), or −1. */
  queuePosition(orderId: number): number {
    const h = this.#ids.get(orderId);
    if (h === NIL) return -1;
    const pool = this.#orders;
    let ahead = 0;
    for (let p = pool.prev[h]; p !== NIL; p = pool.prev[p]) ahead += pool.qty[p];
    return ahead;
  }

  /** Total resting size at a price on one side (0 when empty or outside the window). */
  levelQty(side: Side, priceTicks: number): number {
    const i = priceTicks - this.#base;
    if (!this.#baseSet || i < 0 || i >= this.#bids.capacity) return 0;
    return (side === BUY ? this.#bids : this.#asks).total[i];
  }

  /**
   * Writes the top `levels` aggregated levels of one side, best first, into
   * `outPrice` and `outQty`; returns how many levels exist (≤ levels). O(levels).
   */
  depth(
    side: Side,
    levels: number,
    outPrice: { [i: number]: number },
    outQty: { [i: number]: number },
  ): number {
    const ladder = side === BUY ? this.#bids : this.#asks;
    let i = side === BUY ? this.#bestBid : this.#bestAsk;
    let n = 0;
    while (i >= 0 && n < levels) {
      outPrice[n] = this.#base + i;
      outQty[n] = ladder.total[i];
      n++;
      i = side === BUY ? ladder.nextDown(i - 1) : ladder.nextUp(i + 1);
    }
    return n;
  }

  /** The queue at one price, oldest first (allocates; for replay reconciliation and tests). */
  levelOrders(side: Side, priceTicks: number): LevelView["orders"] {
    const i = priceTicks - this.#base;
    const out: LevelView["orders"] = [];
    if (!this.#baseSet || i < 0 || i >= this.#bids.capacity) return out;
    const ladder = side === BUY ? this.#bids : this.#asks;
    const pool = this.#orders;
    for (let h = ladder.head[i]; h !== NIL; h = pool.next[h]) {
      out.push({ orderId: pool.id[h], owner: pool.owner[h], qty: pool.qty[h], tsNs: pool.tsNs[h] });
    }
    return out;
  }

  /** Total resting size on one side. O(levels). */
  sideQty(side: Side): number {
    const ladder = side === BUY ? this.#bids : this.#asks;
    let total = 0;
    let i = side === BUY ? this.#bestBid : this.#bestAsk;
    while (i >= 0) {
      total += ladder.total[i];
      i = side === BUY ? ladder.nextDown(i - 1) : ladder.nextUp(i + 1);
    }
    return total;
  }

  /** Every level of one side with its queue, best first (allocates; for tests and notebooks). */
  levels(side: Side, maxLevels = Infinity): LevelView[] {
    const ladder = side === BUY ? this.#bids : this.#asks;
    const pool = this.#orders;
    const out: LevelView[] = [];
    let i = side === BUY ? this.#bestBid : this.#bestAsk;
    while (i >= 0 && out.length < maxLevels) {
      const orders: LevelView["orders"] = [];
      for (let h = ladder.head[i]; h !== NIL; h = pool.next[h]) {
        orders.push({
          orderId: pool.id[h],
          owner: pool.owner[h],
          qty: pool.qty[h],
          tsNs: pool.tsNs[h],
        });
      }
      out.push({ priceTicks: this.#base + i, qty: ladder.total[i], orders });
      i = side === BUY ? ladder.nextDown(i - 1) : ladder.nextUp(i + 1);
    }
    return out;
  }

  // --------------------------------------------------------------- requests

  /**
   * Submits a limit order. It trades against the opposite side at prices at
   * least as good as `priceTicks`, oldest first at each price; the remainder
   * rests (GTC), is cancelled (IOC), or the whole order is refused unless it
   * can fill completely (FOK). A post-only order that would trade is refused.
   * Answers whether it was accepted; details are in {@linkcode result}.
   */
  submitLimit(
    orderId: number,
    owner: number,
    side: Side,
    priceTicks: number,
    qty: number,
    tsNs: number,
    timeInForce: TimeInForce = TimeInForce.GTC,
    postOnly = false,
  ): boolean {
    const r = this.result;
    r.reset();
    if (!this.#validate(orderId, priceTicks, qty)) return false;
    const crosses = side === BUY
      ? this.#bestAsk >= 0 && priceTicks >= this.#base + this.#bestAsk
      : this.#bestBid >= 0 && priceTicks <= this.#base + this.#bestBid;
    if (postOnly && crosses) return this.#reject(RejectReason.PostOnlyWouldCross);
    if (timeInForce === TimeInForce.FOK && this.#fillableQty(side, priceTicks, owner, qty) < qty) {
      return this.#reject(RejectReason.FokCannotFill);
    }
    if (timeInForce === TimeInForce.GTC && !this.#ensureWindow(priceTicks)) {
      return this.#reject(RejectReason.PriceOutOfBand);
    }
    this.counters.submittedQty += qty;
    this.#takerStopped = false;
    let remaining = crosses ? this.#match(side, priceTicks, qty, orderId, owner, tsNs) : qty;
    if (remaining > 0 && timeInForce === TimeInForce.GTC && !this.#takerStopped) {
      this.#insert(orderId, owner, side, priceTicks, remaining, tsNs);
      r.restingQty = remaining;
      remaining = 0;
    }
    if (remaining > 0) {
      r.cancelledQty += remaining;
      this.counters.cancelledQty += remaining;
    }
    return true;
  }

  /** Submits a market order: trades at any price; the unfilled remainder is cancelled. */
  submitMarket(orderId: number, owner: number, side: Side, qty: number, tsNs: number): boolean {
    const r = this.result;
    r.reset();
    if (!this.#validate(orderId, 0, qty)) return false;
    this.counters.submittedQty += qty;
    const limit = side === BUY ? Infinity : -Infinity;
    const remaining = this.#match(side, limit, qty, orderId, owner, tsNs);
    if (remaining > 0) {
      r.cancelledQty = remaining;
      this.counters.cancelledQty += remaining;
    }
    return true;
  }

  /** Cancels a live order; answers the size cancelled (0 when the order is not live). */
  cancel(orderId: number, tsNs = 0): number {
    const r = this.result;
    r.reset();
    const h = this.#ids.get(orderId);
    if (h === NIL) {
      r.rejectReason = RejectReason.UnknownOrder;
      return 0;
    }
    const qty = this.#orders.qty[h];
    this.#record(EventKind.Delete, h, qty, tsNs);
    this.#remove(h);
    r.cancelledQty = qty;
    this.counters.cancelledQty += qty;
    return qty;
  }

  /**
   * Partial cancel: reduces a live order by `reduceBy` lots, keeping its queue
   * priority; reducing by its whole size or more cancels it. Answers the size cancelled.
   */
  reduce(orderId: number, reduceBy: number, tsNs = 0): number {
    const r = this.result;
    r.reset();
    const h = this.#ids.get(orderId);
    if (h === NIL) {
      r.rejectReason = RejectReason.UnknownOrder;
      return 0;
    }
    if (!(Number.isInteger(reduceBy) && reduceBy > 0)) {
      r.rejectReason = RejectReason.InvalidQty;
      return 0;
    }
    const pool = this.#orders;
    const qty = pool.qty[h];
    if (reduceBy >= qty) {
      this.#record(EventKind.Delete, h, qty, tsNs);
      this.#remove(h);
      r.cancelledQty = qty;
      this.counters.cancelledQty += qty;
      return qty;
    }
    this.#record(EventKind.Reduce, h, reduceBy, tsNs);
    pool.qty[h] = qty - reduceBy;
    this.#ladder(pool.side[h]).total[pool.price[h] - this.#base] -= reduceBy;
    r.cancelledQty = reduceBy;
    r.restingQty = qty - reduceBy;
    this.counters.cancelledQty += reduceBy;
    return reduceBy;
  }

  /**
   * Modifies a live order. Same price and a size no larger: reduced in place,
   * queue priority kept. Otherwise the order loses its priority: it is taken
   * out and re-entered as a new GTC limit order with the same id and owner at
   * `tsNs`, so a new price that crosses the spread trades at once.
   */
  modify(orderId: number, newPriceTicks: number, newQty: number, tsNs: number): boolean {
    const r = this.result;
    const h = this.#ids.get(orderId);
    if (h === NIL) {
      r.reset();
      return this.#reject(RejectReason.UnknownOrder);
    }
    const pool = this.#orders;
    const qty = pool.qty[h];
    if (!(Number.isInteger(newQty) && newQty > 0)) {
      r.reset();
      return this.#reject(RejectReason.InvalidQty);
    }
    if (newPriceTicks === pool.price[h] && newQty <= qty) {
      if (newQty < qty) this.reduce(orderId, qty - newQty, tsNs);
      else {
        r.reset();
        r.restingQty = qty;
      }
      return true;
    }
    if (!Number.isInteger(newPriceTicks)) {
      r.reset();
      return this.#reject(RejectReason.InvalidPrice);
    }
    const owner = pool.owner[h];
    const side = pool.side[h] as Side;
    this.#record(EventKind.Delete, h, qty, tsNs);
    this.#remove(h);
    this.counters.cancelledQty += qty;
    const ok = this.submitLimit(orderId, owner, side, newPriceTicks, newQty, tsNs);
    if (!ok) this.result.cancelledQty = qty; // the old order is gone either way
    return ok;
  }

  // ---------------------------------------------------------- replay helpers

  /**
   * Rests a limit order at the back of its level without matching (replay of
   * recorded data, where the exchange already did the matching). Answers
   * whether it was accepted.
   */
  restLimit(
    orderId: number,
    owner: number,
    side: Side,
    priceTicks: number,
    qty: number,
    tsNs: number,
  ): boolean {
    const r = this.result;
    r.reset();
    if (!this.#validate(orderId, priceTicks, qty)) return false;
    if (!this.#ensureWindow(priceTicks)) return this.#reject(RejectReason.PriceOutOfBand);
    this.counters.submittedQty += qty;
    this.#insert(orderId, owner, side, priceTicks, qty, tsNs);
    r.restingQty = qty;
    return true;
  }

  /**
   * Executes up to `qty` lots of a resting order against an outside
   * aggressor (replay of a recorded execution). Writes a fill and answers the
   * size executed (0 when the order is not live).
   */
  executeResting(
    orderId: number,
    qty: number,
    tsNs: number,
    takerOrderId = 0,
    takerOwner = -1,
  ): number {
    const r = this.result;
    r.reset();
    const h = this.#ids.get(orderId);
    if (h === NIL) {
      r.rejectReason = RejectReason.UnknownOrder;
      return 0;
    }
    const pool = this.#orders;
    if (!(Number.isInteger(qty) && qty > 0)) {
      r.rejectReason = RejectReason.InvalidQty;
      return 0;
    }
    const q = Math.min(qty, pool.qty[h]);
    const side = pool.side[h];
    this.#record(EventKind.Trade, h, q, tsNs);
    this.fills.push(
      tsNs,
      this.symbol,
      pool.id[h],
      takerOrderId,
      pool.owner[h],
      takerOwner,
      pool.price[h],
      q,
      -side,
    );
    this.counters.fills++;
    this.counters.filledQty += q;
    r.filledQty = q;
    r.fillCount = 1;
    if (q === pool.qty[h]) this.#remove(h);
    else {
      pool.qty[h] -= q;
      this.#ladder(side).total[pool.price[h] - this.#base] -= q;
      r.restingQty = pool.qty[h];
    }
    return q;
  }

  /** Removes every order and fill; counters restart at zero. */
  clear(): void {
    this.#orders.clear();
    this.#ids.clear();
    this.#bids.clear();
    this.#asks.clear();
    this.#bestBid = -1;
    this.#bestAsk = -1;
    this.#baseSet = false;
    this.fills.clear();
    this.counters.submittedQty = 0;
    this.counters.filledQty = 0;
    this.counters.cancelledQty = 0;
    this.counters.fills = 0;
  }

  // ---------------------------------------------------------------- private

  /** Set by #match when self-trade prevention cancelled the incoming order. */
  #takerStopped = false;

  #ladder(side: number): PriceLadder {
    return side === BUY ? this.#bids : this.#asks;
  }

  #reject(reason: RejectReason): false {
    this.result.rejectReason = reason;
    return false;
  }

  #validate(orderId: number, priceTicks: number, qty: number): boolean {
    if (!(Number.isInteger(orderId) && orderId >= 0 && orderId <= MAX_SAFE_ID)) {
      return this.#reject(RejectReason.InvalidOrderId);
    }
    if (!(Number.isInteger(qty) && qty > 0 && qty <= 0x7fffffff)) {
      return this.#reject(RejectReason.InvalidQty);
    }
    if (!Number.isInteger(priceTicks)) return this.#reject(RejectReason.InvalidPrice);
    // Prices are stored in int32 columns (order pool, fill log).
    if (priceTicks < -0x80000000 || priceTicks > 0x7fffffff) {
      return this.#reject(RejectReason.PriceOutOfBand);
    }
    if (this.#ids.get(orderId) !== NIL) return this.#reject(RejectReason.DuplicateOrderId);
    return true;
  }

  /** Size available to a taker up to `limit`, skipping its own orders when self-trade prevention is on. */
  #fillableQty(side: Side, limit: number, owner: number, needed: number): number {
    const ladder = side === BUY ? this.#asks : this.#bids;
    const skipOwn = this.selfTradePrevention !== SelfTradePrevention.None && owner >= 0;
    const pool = this.#orders;
    let total = 0;
    let i = side === BUY ? this.#bestAsk : this.#bestBid;
    while (i >= 0 && total < needed) {
      const price = this.#base + i;
      if (side === BUY ? price > limit : price < limit) break;
      if (!skipOwn) total += ladder.total[i];
      else {
        for (let h = ladder.head[i]; h !== NIL; h = pool.next[h]) {
          if (pool.owner[h] === owner) {
            // Cancel-taker modes stop at the first own order: nothing beyond it is reachable.
            if (this.selfTradePrevention !== SelfTradePrevention.CancelMaker) return total;
          } else total += pool.qty[h];
        }
      }
      i = side === BUY ? ladder.nextUp(i + 1) : ladder.nextDown(i - 1);
    }
    return total;
  }

  /**
   * Trades an incoming order against the opposite side (price-time priority).
   * Returns the unfilled size; sets `#takerStopped` when self-trade prevention
   * cancelled the taker.
   */
  #match(
    side: Side,
    limit: number,
    qty: number,
    takerId: number,
    takerOwner: number,
    tsNs: number,
  ): number {
    const r = this.result;
    const pool = this.#orders;
    const book = side === BUY ? this.#asks : this.#bids;
    const stp = takerOwner >= 0 ? this.selfTradePrevention : SelfTradePrevention.None;
    const base = this.#base;
    let remaining = qty;
    this.#takerStopped = false;
    let i = side === BUY ? this.#bestAsk : this.#bestBid;
    while (remaining > 0 && i >= 0) {
      const price = base + i;
      if (side === BUY ? price > limit : price < limit) break;
      let h = book.head[i];
      while (h !== NIL && remaining > 0) {
        const next = pool.next[h];
        const makerQty = pool.qty[h];
        if (stp !== SelfTradePrevention.None && pool.owner[h] === takerOwner) {
          if (stp === SelfTradePrevention.CancelTaker) {
            this.#takerStopped = true;
            break;
          }
          // CancelMaker or CancelBoth: the resting order goes.
          this.#record(EventKind.Delete, h, makerQty, tsNs);
          this.#remove(h);
          r.makerCancelledQty += makerQty;
          this.counters.cancelledQty += makerQty;
          if (stp === SelfTradePrevention.CancelBoth) {
            this.#takerStopped = true;
            break;
          }
          h = next;
          continue;
        }
        const q = makerQty < remaining ? makerQty : remaining;
        if (this.events !== null) this.#record(EventKind.Trade, h, q, tsNs);
        this.fills.push(
          tsNs,
          this.symbol,
          pool.id[h],
          takerId,
          pool.owner[h],
          takerOwner,
          price,
          q,
          side,
        );
        this.counters.fills++;
        this.counters.filledQty += 2 * q;
        r.fillCount++;
        r.filledQty += q;
        remaining -= q;
        if (q === makerQty) this.#remove(h);
        else {
          pool.qty[h] = makerQty - q;
          book.total[i] -= q;
        }
        h = next;
      }
      if (this.#takerStopped) break;
      // The level is either exhausted (best moved on inside #remove) or the taker is done.
      i = side === BUY ? this.#bestAsk : this.#bestBid;
    }
    // A taker stopped by self-trade prevention never rests: the caller cancels the remainder.
    return remaining;
  }

  /** Makes sure `priceTicks` lies inside the tick window, growing it if allowed. */
  #ensureWindow(priceTicks: number): boolean {
    if (!this.#baseSet) {
      this.#base = this.#centredBase(priceTicks);
      this.#baseSet = true;
      return true;
    }
    const i = priceTicks - this.#base;
    const cap = this.#bids.capacity;
    if (i >= 0 && i < cap) return true;
    if (this.#orders.live === 0) {
      this.#base = this.#centredBase(priceTicks);
      this.#bestBid = -1;
      this.#bestAsk = -1;
      return true;
    }
    // Grow: keep the old window inside the new one, with room on the side that overflowed.
    const lo = Math.min(this.#base, priceTicks);
    const hi = Math.max(this.#base + cap, priceTicks + 1);
    let newCap = cap;
    while (newCap < (hi - lo) * 2) newCap *= 2;
    if (newCap > this.#maxLevels) {
      if (hi - lo > this.#maxLevels) return false;
      newCap = this.#maxLevels;
    }
    let newBase = Math.floor((lo - (newCap - (hi - lo)) / 2) / ALIGN) * ALIGN;
    if (newBase + newCap < hi) newBase = Math.ceil((hi - newCap) / ALIGN) * ALIGN;
    if (newBase > lo) return false;
    const shift = this.#base - newBase;
    this.#bids.regrow(newCap, shift);
    this.#asks.regrow(newCap, shift);
    if (this.#bestBid >= 0) this.#bestBid += shift;
    if (this.#bestAsk >= 0) this.#bestAsk += shift;
    this.#base = newBase;
    return true;
  }

  /**
   * An aligned base that puts `priceTicks` near the middle of the window and always inside it:
   * its index lands in [k·ALIGN, (k+1)·ALIGN) with k = ⌊cap / (2·ALIGN)⌋, below cap for every
   * cap ≥ ALIGN. (Centring on cap/2 before aligning put a price past the end of a 1,024-level window.)
   */
  #centredBase(priceTicks: number): number {
    return Math.floor(priceTicks / ALIGN) * ALIGN -
      Math.floor(this.#bids.capacity / (2 * ALIGN)) * ALIGN;
  }

  /** Appends a new order at the back of its level's queue. */
  #insert(
    orderId: number,
    owner: number,
    side: Side,
    priceTicks: number,
    qty: number,
    tsNs: number,
  ): void {
    const pool = this.#orders;
    const h = pool.alloc();
    pool.id[h] = orderId;
    pool.owner[h] = owner;
    pool.side[h] = side;
    pool.price[h] = priceTicks;
    pool.qty[h] = qty;
    pool.tsNs[h] = tsNs;
    pool.next[h] = NIL;
    this.#ids.set(orderId, h);
    if (this.events !== null) this.events.push(tsNs, EventKind.Add, orderId, qty, priceTicks, side);
    const i = priceTicks - this.#base;
    const ladder = side === BUY ? this.#bids : this.#asks;
    const tail = ladder.tail[i];
    pool.prev[h] = tail;
    if (tail === NIL) {
      ladder.head[i] = h;
      ladder.mark(i);
      if (side === BUY) {
        if (i > this.#bestBid) this.#bestBid = i;
      } else if (this.#bestAsk < 0 || i < this.#bestAsk) this.#bestAsk = i;
    } else pool.next[tail] = h;
    ladder.tail[i] = h;
    ladder.total[i] += qty;
    ladder.count[i]++;
  }

  /** Records a book change of order `h` when a recorder is attached. */
  #record(kind: EventKind, h: number, qty: number, tsNs: number): void {
    const ev = this.events;
    if (ev === null) return;
    const pool = this.#orders;
    ev.push(tsNs, kind, pool.id[h], qty, pool.price[h], pool.side[h]);
  }

  /** Unlinks an order from its level (updating the best price) and frees it. */
  #remove(h: number): void {
    const pool = this.#orders;
    const side = pool.side[h];
    const i = pool.price[h] - this.#base;
    const ladder = side === BUY ? this.#bids : this.#asks;
    const prev = pool.prev[h];
    const next = pool.next[h];
    if (prev === NIL) ladder.head[i] = next;
    else pool.next[prev] = next;
    if (next === NIL) ladder.tail[i] = prev;
    else pool.prev[next] = prev;
    ladder.total[i] -= pool.qty[h];
    if (--ladder.count[i] === 0) {
      ladder.total[i] = 0;
      ladder.unmark(i);
      if (side === BUY) {
        if (i === this.#bestBid) this.#bestBid = ladder.nextDown(i - 1);
      } else if (i === this.#bestAsk) this.#bestAsk = ladder.nextUp(i + 1);
    }
    this.#ids.delete(pool.id[h]);
    pool.free(h);
  }
}
