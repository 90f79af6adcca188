/**
 * The canonical market event stream: one fixed record per exchange event,
 * shared by the LOBSTER replay, the simulators and the ingestion pipeline.
 * Kind codes deliberately equal LOBSTER's event types so that real and
 * simulated data read the same way.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EventKind, EventStreamBuilder } from "./event_stream.ts";
 * const b = new EventStreamBuilder();
 * b.push(34_200_000_000_000, EventKind.Add, 11, 100, 58_533, 1);
 * const events = b.finish();
 * assert(events.count === 1 && events.priceTicks[0] === 58_533);
 * ```
 * @module
 */

/** Event kinds (equal to LOBSTER event types). */
export const EventKind = {
  /** A new limit order rests in the book. */
  Add: 1,
  /** Part of a resting order is cancelled. */
  Reduce: 2,
  /** A resting order is removed whole. */
  Delete: 3,
  /** A visible resting order trades. */
  Trade: 4,
  /** A hidden order trades (the visible book does not change). */
  HiddenTrade: 5,
  /** An auction cross trade. */
  Cross: 6,
  /** Trading halted (price −1), quoting resumed (0) or trading resumed (1). */
  Halt: 7,
} as const;
/** One of {@linkcode EventKind}'s values. */
export type EventKind = typeof EventKind[keyof typeof EventKind];

/** Names of event kinds by code (index 0 unused). */
export const EVENT_KIND_NAMES: readonly string[] = [
  "",
  "add",
  "reduce",
  "delete",
  "trade",
  "hidden-trade",
  "cross",
  "halt",
];

/**
 * Columnar events. For trades `side` is the side of the resting (passive)
 * order, so the aggressor is `−side`, as in LOBSTER.
 */
export interface EventStream {
  count: number;
  /** Event time, nanoseconds after midnight. */
  tsNs: Float64Array;
  kind: Uint8Array;
  orderId: Float64Array;
  /** Size in lots (shares) added, cancelled or traded. */
  qty: Int32Array;
  /**
   * Price in ticks; whole ticks except hidden and cross executions, which
   * may print between ticks (midpoint orders: 0.5 ticks); for halts the
   * LOBSTER code −1, 0 or 1.
   */
  priceTicks: Float64Array;
  /** Side of the order the event concerns: +1 bid, −1 ask. */
  side: Int8Array;
}

/** Growable builder of an {@linkcode EventStream}. */
export class EventStreamBuilder {
  #n = 0;
  #tsNs: Float64Array;
  #kind: Uint8Array;
  #orderId: Float64Array;
  #qty: Int32Array;
  #priceTicks: Float64Array;
  #side: Int8Array;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.#tsNs = new Float64Array(n);
    this.#kind = new Uint8Array(n);
    this.#orderId = new Float64Array(n);
    this.#qty = new Int32Array(n);
    this.#priceTicks = new Float64Array(n);
    this.#side = new Int8Array(n);
  }

  /** Number of events so far. */
  get count(): number {
    return this.#n;
  }

  /** Appends one event. */
  push(
    tsNs: number,
    kind: EventKind,
    orderId: number,
    qty: number,
    priceTicks: number,
    side: number,
  ): void {
    if (this.#n === this.#tsNs.length) this.#grow();
    const i = this.#n++;
    this.#tsNs[i] = tsNs;
    this.#kind[i] = kind;
    this.#orderId[i] = orderId;
    this.#qty[i] = qty;
    this.#priceTicks[i] = priceTicks;
    this.#side[i] = side;
  }

  /** The events so far, trimmed to size (copies). */
  finish(): EventStream {
    const n = this.#n;
    return {
      count: n,
      tsNs: this.#tsNs.slice(0, n),
      kind: this.#kind.slice(0, n),
      orderId: this.#orderId.slice(0, n),
      qty: this.#qty.slice(0, n),
      priceTicks: this.#priceTicks.slice(0, n),
      side: this.#side.slice(0, n),
    };
  }

  #grow(): void {
    const n = this.#tsNs.length * 2;
    const tsNs = new Float64Array(n), kind = new Uint8Array(n), orderId = new Float64Array(n);
    const qty = new Int32Array(n), priceTicks = new Float64Array(n), side = new Int8Array(n);
    tsNs.set(this.#tsNs);
    kind.set(this.#kind);
    orderId.set(this.#orderId);
    qty.set(this.#qty);
    priceTicks.set(this.#priceTicks);
    side.set(this.#side);
    this.#tsNs = tsNs;
    this.#kind = kind;
    this.#orderId = orderId;
    this.#qty = qty;
    this.#priceTicks = priceTicks;
    this.#side = side;
  }
}
