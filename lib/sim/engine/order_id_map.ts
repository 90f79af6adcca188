/**
 * Open-addressing hash map from order id (a non-negative safe integer) to an
 * int32 handle: linear probing with backward-shift deletion (Knuth, TAOCP
 * vol. 3, Algorithm R), so there are no tombstones and lookups stay short.
 * Faster than `Map<number, number>` on the engine's hot path and allocation-free.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { OrderIdMap } from "./order_id_map.ts";
 * const m = new OrderIdMap(4);
 * m.set(16113575, 7);
 * assert(m.get(16113575) === 7);
 * m.delete(16113575);
 * assert(m.get(16113575) === -1);
 * ```
 * @module
 */

const EMPTY = -1;

function hashId(id: number): number {
  const lo = id >>> 0;
  const hi = (id / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Map from order id to handle; `get` answers −1 for a missing id. */
export class OrderIdMap {
  #keys: Float64Array;
  #values: Int32Array;
  #mask: number;
  #size = 0;

  /** @param initialCapacity expected number of live ids */
  constructor(initialCapacity = 1024) {
    let cap = 16;
    while (cap < initialCapacity * 2) cap *= 2;
    this.#keys = new Float64Array(cap).fill(EMPTY);
    this.#values = new Int32Array(cap);
    this.#mask = cap - 1;
  }

  /** Number of ids stored. */
  get size(): number {
    return this.#size;
  }

  /** The handle stored for `id`, or −1. */
  get(id: number): number {
    const keys = this.#keys;
    const mask = this.#mask;
    let i = hashId(id) & mask;
    for (;;) {
      const k = keys[i];
      // EMPTY first: an empty slot's key is −1, so get(−1) must not match it.
      if (k === EMPTY) return -1;
      if (k === id) return this.#values[i];
      i = (i + 1) & mask;
    }
  }

  /** Stores `handle` for `id` (replacing any previous value). */
  set(id: number, handle: number): void {
    if ((this.#size + 1) * 2 > this.#keys.length) this.#grow();
    const keys = this.#keys;
    const mask = this.#mask;
    let i = hashId(id) & mask;
    for (;;) {
      const k = keys[i];
      if (k === id) {
        this.#values[i] = handle;
        return;
      }
      if (k === EMPTY) {
        keys[i] = id;
        this.#values[i] = handle;
        this.#size++;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Removes `id`; answers whether it was present. */
  delete(id: number): boolean {
    const keys = this.#keys;
    const values = this.#values;
    const mask = this.#mask;
    let i = hashId(id) & mask;
    for (;;) {
      const k = keys[i];
      if (k === EMPTY) return false;
      if (k === id) break;
      i = (i + 1) & mask;
    }
    // Backward-shift deletion: pull later members of the probe run into the hole.
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const k = keys[j];
      if (k === EMPTY) break;
      const home = hashId(k) & mask;
      // Move k into the hole unless its home lies cyclically in (hole, j].
      const inRange = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!inRange) {
        keys[hole] = k;
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = EMPTY;
    this.#size--;
    return true;
  }

  /** Removes every id. */
  clear(): void {
    this.#keys.fill(EMPTY);
    this.#size = 0;
  }

  #grow(): void {
    const oldKeys = this.#keys;
    const oldValues = this.#values;
    const cap = oldKeys.length * 2;
    this.#keys = new Float64Array(cap).fill(EMPTY);
    this.#values = new Int32Array(cap);
    this.#mask = cap - 1;
    this.#size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] !== EMPTY) this.set(oldKeys[i], oldValues[i]);
    }
  }
}
