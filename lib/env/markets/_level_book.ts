/**
 * A price-level book (size per price, no orders): what the replay market keeps
 * of the replayed book. Each side is one sorted pair of typed arrays with the
 * best level LAST, so that the frequent changes near the top move few
 * elements. Copying a whole book (a checkpoint) is two typed-array copies.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { LevelBook } from "./_level_book.ts";
 * const b = new LevelBook();
 * b.set(1, 100, 5); b.set(1, 101, 3); b.set(-1, 103, 7);
 * assert(b.best(1) === 101 && b.best(-1) === 103 && b.qty(1, 100) === 5);
 * b.set(1, 101, 0);                       // size 0 removes the level
 * assert(b.best(1) === 100 && b.levelCount(1) === 1);
 * ```
 * @module
 */

/** One side: keys ascending (bids: price; asks: −price), best last. */
class Side {
  key: Float64Array = new Float64Array(64);
  qty: Float64Array = new Float64Array(64);
  n = 0;

  /** Index of `key`, or −(insertion point) − 1. */
  find(key: number): number {
    let lo = 0, hi = this.n - 1;
    // Most lookups are at or near the best level: check it first.
    if (hi >= 0 && this.key[hi] === key) return hi;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.key[mid];
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  set(key: number, qty: number): void {
    const i = this.find(key);
    if (i >= 0) {
      if (qty > 0) this.qty[i] = qty;
      else {
        this.key.copyWithin(i, i + 1, this.n);
        this.qty.copyWithin(i, i + 1, this.n);
        this.n--;
      }
      return;
    }
    if (!(qty > 0)) return;
    const at = -i - 1;
    if (this.n === this.key.length) this.#grow(this.n * 2);
    this.key.copyWithin(at + 1, at, this.n);
    this.qty.copyWithin(at + 1, at, this.n);
    this.key[at] = key;
    this.qty[at] = qty;
    this.n++;
  }

  copyFrom(o: Side): void {
    if (this.key.length < o.n) this.#grow(o.n);
    this.key.set(o.key.subarray(0, o.n));
    this.qty.set(o.qty.subarray(0, o.n));
    this.n = o.n;
  }

  #grow(cap: number): void {
    const k = new Float64Array(cap), q = new Float64Array(cap);
    k.set(this.key.subarray(0, this.n));
    q.set(this.qty.subarray(0, this.n));
    this.key = k;
    this.qty = q;
  }
}

/** Sizes per price on both sides; side +1 = bids, −1 = asks; prices in ticks. */
export class LevelBook {
  readonly #bids = new Side();
  readonly #asks = new Side();

  #side(side: number): Side {
    return side > 0 ? this.#bids : this.#asks;
  }

  /** Sets the size at a price (0 removes the level). */
  set(side: number, price: number, qty: number): void {
    this.#side(side).set(side > 0 ? price : -price, qty);
  }

  /** Size at a price (0 when there is no level). */
  qty(side: number, price: number): number {
    const s = this.#side(side);
    const i = s.find(side > 0 ? price : -price);
    return i >= 0 ? s.qty[i] : 0;
  }

  /** Best price of a side, NaN when empty. */
  best(side: number): number {
    const s = this.#side(side);
    if (s.n === 0) return NaN;
    const k = s.key[s.n - 1];
    return side > 0 ? k : -k;
  }

  /** Size at the best price (0 when empty). */
  bestQty(side: number): number {
    const s = this.#side(side);
    return s.n === 0 ? 0 : s.qty[s.n - 1];
  }

  /** Number of levels on a side. */
  levelCount(side: number): number {
    return this.#side(side).n;
  }

  /** Price of level `i` of a side (0 = best); NaN beyond the last level. */
  priceAt(side: number, i: number): number {
    const s = this.#side(side);
    if (i >= s.n) return NaN;
    const k = s.key[s.n - 1 - i];
    return side > 0 ? k : -k;
  }

  /** Size of level `i` of a side (0 = best); 0 beyond the last level. */
  qtyAt(side: number, i: number): number {
    const s = this.#side(side);
    return i >= s.n ? 0 : s.qty[s.n - 1 - i];
  }

  /** Makes this book a copy of `other`. */
  copyFrom(other: LevelBook): void {
    this.#bids.copyFrom(other.#bids);
    this.#asks.copyFrom(other.#asks);
  }

  /** Removes every level. */
  clear(): void {
    this.#bids.n = 0;
    this.#asks.n = 0;
  }
}
