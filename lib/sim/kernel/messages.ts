/**
 * Kernel messages: one fixed record type for everything agents and the
 * exchange say to each other (as hftbacktest keeps one event record), stored
 * in a pooled struct of arrays so a message costs no allocation.
 *
 * Field use by kind (unused fields are 0):
 * | kind | orderId | side | price | qty | a0 | a1 | a2 | a3 |
 * | --- | --- | --- | --- | --- | --- | --- | --- | --- |
 * | LimitOrder | id | ±1 | limit | size | time in force | post-only (0/1) | |
 * | MarketOrder | id | ±1 | | size | | | |
 * | CancelOrder | id | | | size to cancel (0 = all) | | | |
 * | ModifyOrder | id | | new price | new size | | | |
 * | MarketDataRequest | | | | | levels (0 = L1) | | |
 * | MarketData | | | best bid | bid size | best ask | ask size | last trade price | session volume |
 * | OrderAccepted | id | ±1 | price | resting size | | | |
 * | OrderExecuted | id | ±1 (of this order) | fill price | fill size | remaining size | counterparty agent | 1 if this order was the aggressor | fill time at the exchange (ns) |
 * | OrderCancelled | id | ±1 | price | size cancelled | remaining size | | |
 * | OrderRejected | id | ±1 | price | size | reject reason | | |
 * | Wakeup | | | | | | | |
 * @module
 */

/** Message kinds. */
export const MessageKind = {
  Wakeup: 0,
  LimitOrder: 1,
  MarketOrder: 2,
  CancelOrder: 3,
  ModifyOrder: 4,
  MarketDataRequest: 5,
  MarketData: 6,
  OrderAccepted: 7,
  OrderExecuted: 8,
  OrderCancelled: 9,
  OrderRejected: 10,
} as const;
/** One of {@linkcode MessageKind}'s values. */
export type MessageKind = typeof MessageKind[keyof typeof MessageKind];

/** Names of message kinds, indexed by code. */
export const MESSAGE_KIND_NAMES = [
  "wakeup",
  "limit-order",
  "market-order",
  "cancel-order",
  "modify-order",
  "market-data-request",
  "market-data",
  "order-accepted",
  "order-executed",
  "order-cancelled",
  "order-rejected",
] as const;

/**
 * A delivered message, copied out of the pool for the receiving agent. The
 * kernel reuses one instance: read it inside the handler, never keep it.
 */
export class Message {
  kind: MessageKind = MessageKind.Wakeup;
  /** Sending agent id. */
  from = 0;
  /** Receiving agent id. */
  to = 0;
  /** Delivery time, ns. */
  timeNs = 0;
  /** Symbol index at the exchange. */
  symbol = 0;
  orderId = 0;
  side = 0;
  price = 0;
  qty = 0;
  a0 = 0;
  a1 = 0;
  a2 = 0;
  a3 = 0;
}

/** Pooled message storage: slots recycled through a free list. */
export class MessagePool {
  kind: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  timeNs: Float64Array;
  /** Send order, for first-in-first-out delivery among equal times. */
  seq: Float64Array;
  symbol: Int32Array;
  orderId: Float64Array;
  side: Int8Array;
  price: Float64Array;
  qty: Float64Array;
  a0: Float64Array;
  a1: Float64Array;
  a2: Float64Array;
  a3: Float64Array;
  #free: Int32Array;
  #nFree = 0;
  #used = 0;

  constructor(capacity = 4096) {
    this.kind = new Uint8Array(capacity);
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.timeNs = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.symbol = new Int32Array(capacity);
    this.orderId = new Float64Array(capacity);
    this.side = new Int8Array(capacity);
    this.price = new Float64Array(capacity);
    this.qty = new Float64Array(capacity);
    this.a0 = new Float64Array(capacity);
    this.a1 = new Float64Array(capacity);
    this.a2 = new Float64Array(capacity);
    this.a3 = new Float64Array(capacity);
    this.#free = new Int32Array(capacity);
  }

  /** A free slot (fields hold stale values: set every one you use). */
  alloc(): number {
    if (this.#nFree > 0) return this.#free[--this.#nFree];
    if (this.#used === this.kind.length) this.#grow();
    return this.#used++;
  }

  /** Returns a slot to the pool. */
  release(slot: number): void {
    if (this.#nFree === this.#free.length) {
      const f = new Int32Array(this.#free.length * 2);
      f.set(this.#free);
      this.#free = f;
    }
    this.#free[this.#nFree++] = slot;
  }

  /** Copies slot `slot` into `out`. */
  read(slot: number, out: Message): void {
    out.kind = this.kind[slot] as MessageKind;
    out.from = this.from[slot];
    out.to = this.to[slot];
    out.timeNs = this.timeNs[slot];
    out.symbol = this.symbol[slot];
    out.orderId = this.orderId[slot];
    out.side = this.side[slot];
    out.price = this.price[slot];
    out.qty = this.qty[slot];
    out.a0 = this.a0[slot];
    out.a1 = this.a1[slot];
    out.a2 = this.a2[slot];
    out.a3 = this.a3[slot];
  }

  #grow(): void {
    const n = this.kind.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const side = new Int8Array(n);
    side.set(this.side);
    this.side = side;
    this.from = i32(this.from);
    this.to = i32(this.to);
    this.symbol = i32(this.symbol);
    this.timeNs = f64(this.timeNs);
    this.seq = f64(this.seq);
    this.orderId = f64(this.orderId);
    this.price = f64(this.price);
    this.qty = f64(this.qty);
    this.a0 = f64(this.a0);
    this.a1 = f64(this.a1);
    this.a2 = f64(this.a2);
    this.a3 = f64(this.a3);
  }
}
