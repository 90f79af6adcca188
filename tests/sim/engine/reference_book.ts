/**
 * A deliberately naive order book used as the reference model in the engine's
 * property tests: live orders in one array, the next maker found by a linear
 * scan (best price, then lowest arrival sequence), fill-or-kill decided by
 * matching on a copy. No ladders, bitsets, pools or hash maps, so it shares no
 * code or data structure with the engine it checks.
 * @module
 */

import {
  BUY,
  type FillRecord,
  type LevelView,
  RejectReason,
  SelfTradePrevention,
  type Side,
  TimeInForce,
} from "../../../lib/sim/engine/mod.ts";

/** A live order of the reference book. */
export interface RefOrder {
  id: number;
  owner: number;
  side: Side;
  price: number;
  qty: number;
  tsNs: number;
  /** Arrival sequence of the order's current priority (lower = older). */
  seq: number;
}

/** The reference answer to one request (mirrors `OrderResult` and the return value). */
export interface RefResult {
  accepted: boolean;
  rejectReason: number;
  filledQty: number;
  restingQty: number;
  cancelledQty: number;
  makerCancelledQty: number;
  fillCount: number;
}

function emptyResult(): RefResult {
  return {
    accepted: true,
    rejectReason: RejectReason.None,
    filledQty: 0,
    restingQty: 0,
    cancelledQty: 0,
    makerCancelledQty: 0,
    fillCount: 0,
  };
}

function rejected(reason: number): RefResult {
  return { ...emptyResult(), accepted: false, rejectReason: reason };
}

const isId = (id: number) => Number.isSafeInteger(id) && id >= 0;
const isQty = (qty: number) => Number.isInteger(qty) && qty > 0 && qty <= 0x7fffffff;

/** Naive price-time-priority book with the engine's request semantics. */
export class ReferenceBook {
  orders: RefOrder[] = [];
  fills: FillRecord[] = [];
  counters = { submittedQty: 0, filledQty: 0, cancelledQty: 0, fills: 0 };
  #seq = 0;

  constructor(readonly stp: SelfTradePrevention = SelfTradePrevention.None, readonly symbol = 0) {}

  #find(id: number): RefOrder | undefined {
    return this.orders.find((o) => o.id === id);
  }

  #drop(o: RefOrder): void {
    this.orders.splice(this.orders.indexOf(o), 1);
  }

  /** The resting order a taker of `side` with limit `limit` would meet next, if any. */
  #nextMaker(orders: RefOrder[], side: Side, limit: number): RefOrder | undefined {
    let best: RefOrder | undefined;
    for (const o of orders) {
      if (o.side === side) continue;
      if (side === BUY ? o.price > limit : o.price < limit) continue;
      if (
        best === undefined ||
        (side === BUY ? o.price < best.price : o.price > best.price) ||
        (o.price === best.price && o.seq < best.seq)
      ) best = o;
    }
    return best;
  }

  /** Matches on `orders` (mutated); returns what happened without touching counters. */
  #match(
    orders: RefOrder[],
    side: Side,
    limit: number,
    qty: number,
    takerId: number,
    owner: number,
    tsNs: number,
  ) {
    const fills: FillRecord[] = [];
    let remaining = qty;
    let stopped = false;
    let makerCancelled = 0;
    const stp = owner >= 0 ? this.stp : SelfTradePrevention.None;
    while (remaining > 0) {
      const m = this.#nextMaker(orders, side, limit);
      if (m === undefined) break;
      if (stp !== SelfTradePrevention.None && m.owner === owner) {
        if (stp === SelfTradePrevention.CancelTaker) {
          stopped = true;
          break;
        }
        orders.splice(orders.indexOf(m), 1);
        makerCancelled += m.qty;
        if (stp === SelfTradePrevention.CancelBoth) {
          stopped = true;
          break;
        }
        continue;
      }
      const q = Math.min(m.qty, remaining);
      fills.push({
        tsNs,
        symbol: this.symbol,
        makerOrderId: m.id,
        takerOrderId: takerId,
        makerOwner: m.owner,
        takerOwner: owner,
        priceTicks: m.price,
        qty: q,
        aggressorSide: side,
      });
      remaining -= q;
      m.qty -= q;
      if (m.qty === 0) orders.splice(orders.indexOf(m), 1);
    }
    return { remaining, stopped, fills, makerCancelled };
  }

  #rest(id: number, owner: number, side: Side, price: number, qty: number, tsNs: number): void {
    this.orders.push({ id, owner, side, price, qty, tsNs, seq: this.#seq++ });
  }

  /** Same contract as `OrderBook.submitLimit` (prices assumed inside the band). */
  submitLimit(
    id: number,
    owner: number,
    side: Side,
    price: number,
    qty: number,
    tsNs: number,
    tif: TimeInForce = TimeInForce.GTC,
    postOnly = false,
  ): RefResult {
    if (!isId(id)) return rejected(RejectReason.InvalidOrderId);
    if (!isQty(qty)) return rejected(RejectReason.InvalidQty);
    if (!Number.isInteger(price)) return rejected(RejectReason.InvalidPrice);
    if (this.#find(id)) return rejected(RejectReason.DuplicateOrderId);
    const crosses = this.#nextMaker(this.orders, side, price) !== undefined;
    if (postOnly && crosses) return rejected(RejectReason.PostOnlyWouldCross);
    if (tif === TimeInForce.FOK) {
      const trial = this.orders.map((o) => ({ ...o }));
      if (this.#match(trial, side, price, qty, id, owner, tsNs).remaining > 0) {
        return rejected(RejectReason.FokCannotFill);
      }
    }
    return this.#execute(id, owner, side, price, qty, tsNs, tif === TimeInForce.GTC);
  }

  /** Same contract as `OrderBook.submitMarket`. */
  submitMarket(id: number, owner: number, side: Side, qty: number, tsNs: number): RefResult {
    if (!isId(id)) return rejected(RejectReason.InvalidOrderId);
    if (!isQty(qty)) return rejected(RejectReason.InvalidQty);
    if (this.#find(id)) return rejected(RejectReason.DuplicateOrderId);
    return this.#execute(id, owner, side, side === BUY ? Infinity : -Infinity, qty, tsNs, false);
  }

  #execute(
    id: number,
    owner: number,
    side: Side,
    limit: number,
    qty: number,
    tsNs: number,
    rests: boolean,
  ): RefResult {
    const r = emptyResult();
    this.counters.submittedQty += qty;
    const m = this.#match(this.orders, side, limit, qty, id, owner, tsNs);
    this.fills.push(...m.fills);
    r.fillCount = m.fills.length;
    r.filledQty = qty - m.remaining;
    r.makerCancelledQty = m.makerCancelled;
    this.counters.fills += m.fills.length;
    this.counters.filledQty += 2 * r.filledQty;
    this.counters.cancelledQty += m.makerCancelled;
    if (m.remaining > 0 && rests && !m.stopped) {
      this.#rest(id, owner, side, limit, m.remaining, tsNs);
      r.restingQty = m.remaining;
    } else if (m.remaining > 0) {
      r.cancelledQty = m.remaining;
      this.counters.cancelledQty += m.remaining;
    }
    return r;
  }

  /** Same contract as `OrderBook.cancel` (the number is the return value). */
  cancel(id: number): { value: number; result: RefResult } {
    const o = this.#find(id);
    if (o === undefined) return { value: 0, result: { ...rejected(RejectReason.UnknownOrder) } };
    this.#drop(o);
    this.counters.cancelledQty += o.qty;
    return { value: o.qty, result: { ...emptyResult(), cancelledQty: o.qty } };
  }

  /** Same contract as `OrderBook.reduce`. */
  reduce(id: number, by: number): { value: number; result: RefResult } {
    const o = this.#find(id);
    if (o === undefined) return { value: 0, result: rejected(RejectReason.UnknownOrder) };
    if (!(Number.isInteger(by) && by > 0)) {
      return { value: 0, result: rejected(RejectReason.InvalidQty) };
    }
    if (by >= o.qty) return this.cancel(id);
    o.qty -= by;
    this.counters.cancelledQty += by;
    return { value: by, result: { ...emptyResult(), cancelledQty: by, restingQty: o.qty } };
  }

  /** Same contract as `OrderBook.modify` (prices assumed inside the band). */
  modify(id: number, price: number, qty: number, tsNs: number): RefResult {
    const o = this.#find(id);
    if (o === undefined) return rejected(RejectReason.UnknownOrder);
    if (!(Number.isInteger(qty) && qty > 0)) return rejected(RejectReason.InvalidQty);
    if (price === o.price && qty <= o.qty) {
      if (qty < o.qty) return this.reduce(id, o.qty - qty).result;
      return { ...emptyResult(), restingQty: qty };
    }
    if (!Number.isInteger(price)) return rejected(RejectReason.InvalidPrice);
    this.#drop(o);
    this.counters.cancelledQty += o.qty;
    const r = this.submitLimit(id, o.owner, o.side, price, qty, tsNs);
    if (!r.accepted) r.cancelledQty = o.qty;
    return r;
  }

  /** Levels of one side, best first, each queue oldest first (the shape of `OrderBook.levels`). */
  levels(side: Side): LevelView[] {
    const mine = this.orders.filter((o) => o.side === side);
    const prices = [...new Set(mine.map((o) => o.price))].sort((a, b) =>
      side === BUY ? b - a : a - b
    );
    return prices.map((p) => {
      const queue = mine.filter((o) => o.price === p).sort((a, b) => a.seq - b.seq);
      return {
        priceTicks: p,
        qty: queue.reduce((s, o) => s + o.qty, 0),
        orders: queue.map((o) => ({ orderId: o.id, owner: o.owner, qty: o.qty, tsNs: o.tsNs })),
      };
    });
  }
}
