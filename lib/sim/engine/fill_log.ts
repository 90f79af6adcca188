/**
 * Execution reports, appended by the engine into growable typed columns so that
 * a fill costs no allocation. Read `count` rows, then `clear()` when consumed.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { FillLog } from "./fill_log.ts";
 * const log = new FillLog();
 * log.push(1_000, 0, 11, 12, 1, 2, 10050, 3, 1);
 * assert(log.count === 1 && log.priceTicks[0] === 10050);
 * assert(log.toRecords()[0].aggressorSide === 1);
 * ```
 * @module
 */

/** One fill as a plain object (for tests, notebooks and JSON). */
export interface FillRecord {
  tsNs: number;
  symbol: number;
  makerOrderId: number;
  takerOrderId: number;
  makerOwner: number;
  takerOwner: number;
  priceTicks: number;
  qty: number;
  /** Side of the incoming (aggressing) order: +1 buyer-initiated, −1 seller-initiated. */
  aggressorSide: number;
}

/** Columnar, append-only log of fills. */
export class FillLog {
  tsNs: Float64Array;
  symbol: Int32Array;
  makerOrderId: Float64Array;
  takerOrderId: Float64Array;
  makerOwner: Int32Array;
  takerOwner: Int32Array;
  priceTicks: Int32Array;
  qty: Int32Array;
  aggressorSide: Int8Array;
  /** Number of fills held. */
  count = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(16, initialCapacity);
    this.tsNs = new Float64Array(n);
    this.symbol = new Int32Array(n);
    this.makerOrderId = new Float64Array(n);
    this.takerOrderId = new Float64Array(n);
    this.makerOwner = new Int32Array(n);
    this.takerOwner = new Int32Array(n);
    this.priceTicks = new Int32Array(n);
    this.qty = new Int32Array(n);
    this.aggressorSide = new Int8Array(n);
  }

  /** Appends one fill. */
  push(
    tsNs: number,
    symbol: number,
    makerOrderId: number,
    takerOrderId: number,
    makerOwner: number,
    takerOwner: number,
    priceTicks: number,
    qty: number,
    aggressorSide: number,
  ): void {
    if (this.count === this.tsNs.length) this.#grow();
    const i = this.count++;
    this.tsNs[i] = tsNs;
    this.symbol[i] = symbol;
    this.makerOrderId[i] = makerOrderId;
    this.takerOrderId[i] = takerOrderId;
    this.makerOwner[i] = makerOwner;
    this.takerOwner[i] = takerOwner;
    this.priceTicks[i] = priceTicks;
    this.qty[i] = qty;
    this.aggressorSide[i] = aggressorSide;
  }

  /** Forgets every fill (keeps the memory). */
  clear(): void {
    this.count = 0;
  }

  /** Fill `i` as an object. */
  get(i: number): FillRecord {
    return {
      tsNs: this.tsNs[i],
      symbol: this.symbol[i],
      makerOrderId: this.makerOrderId[i],
      takerOrderId: this.takerOrderId[i],
      makerOwner: this.makerOwner[i],
      takerOwner: this.takerOwner[i],
      priceTicks: this.priceTicks[i],
      qty: this.qty[i],
      aggressorSide: this.aggressorSide[i],
    };
  }

  /** All fills as objects (allocates; not for the hot path). */
  toRecords(): FillRecord[] {
    const out: FillRecord[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.get(i));
    return out;
  }

  #grow(): void {
    const n = this.tsNs.length * 2;
    const g = <T extends Float64Array | Int32Array | Int8Array>(
      a: T,
      make: (n: number) => T,
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.tsNs = g(this.tsNs, (k) => new Float64Array(k));
    this.symbol = g(this.symbol, (k) => new Int32Array(k));
    this.makerOrderId = g(this.makerOrderId, (k) => new Float64Array(k));
    this.takerOrderId = g(this.takerOrderId, (k) => new Float64Array(k));
    this.makerOwner = g(this.makerOwner, (k) => new Int32Array(k));
    this.takerOwner = g(this.takerOwner, (k) => new Int32Array(k));
    this.priceTicks = g(this.priceTicks, (k) => new Int32Array(k));
    this.qty = g(this.qty, (k) => new Int32Array(k));
    this.aggressorSide = g(this.aggressorSide, (k) => new Int8Array(k));
  }
}
