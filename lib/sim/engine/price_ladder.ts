/**
 * One side of the book as a dense ladder of price levels over a window of
 * ticks `[base, base + capacity)`: per level the head and tail of its FIFO
 * queue, its total size and order count, plus a two-level bitset of occupied
 * levels. Finding the next occupied level scans 32 levels per word and 1,024
 * per summary word, so the best price is recovered in a few instructions after
 * a level empties, and the top N levels are read in O(N) word scans.
 * @module
 */

import { NIL } from "./order_pool.ts";

/** Count of trailing zero bits of a non-zero 32-bit word. */
function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Index of the highest set bit of a non-zero 32-bit word. */
function msb(x: number): number {
  return 31 - Math.clz32(x);
}

/** Price levels of one side, addressed by index = price − base. */
export class PriceLadder {
  /** Oldest order at each level (NIL when empty). */
  head: Int32Array;
  /** Newest order at each level (NIL when empty). */
  tail: Int32Array;
  /** Total resting size at each level. */
  total: Float64Array;
  /** Number of orders at each level. */
  count: Int32Array;
  #bits: Uint32Array;
  #summary: Uint32Array;

  /** @param capacity number of levels; a multiple of 1,024 */
  constructor(capacity: number) {
    this.head = new Int32Array(capacity).fill(NIL);
    this.tail = new Int32Array(capacity).fill(NIL);
    this.total = new Float64Array(capacity);
    this.count = new Int32Array(capacity);
    this.#bits = new Uint32Array(capacity >>> 5);
    this.#summary = new Uint32Array(Math.max(1, capacity >>> 10));
  }

  /** Number of levels in the window. */
  get capacity(): number {
    return this.head.length;
  }

  /** Marks level `i` occupied. */
  mark(i: number): void {
    const w = i >>> 5;
    this.#bits[w] |= 1 << (i & 31);
    this.#summary[w >>> 5] |= 1 << (w & 31);
  }

  /** Marks level `i` empty. */
  unmark(i: number): void {
    const w = i >>> 5;
    const v = this.#bits[w] & ~(1 << (i & 31));
    this.#bits[w] = v;
    if (v === 0) this.#summary[w >>> 5] &= ~(1 << (w & 31));
  }

  /** Lowest occupied level ≥ i, or −1. */
  nextUp(i: number): number {
    const bits = this.#bits;
    if (i >= this.head.length) return -1;
    if (i < 0) i = 0;
    const w = i >>> 5;
    const x = bits[w] & (0xffffffff << (i & 31));
    if (x !== 0) return (w << 5) + ctz(x);
    const w1 = w + 1;
    if (w1 >= bits.length) return -1;
    const summary = this.#summary;
    let sw = w1 >>> 5;
    let y = summary[sw] & (0xffffffff << (w1 & 31));
    while (y === 0) {
      if (++sw >= summary.length) return -1;
      y = summary[sw];
    }
    const w2 = (sw << 5) + ctz(y);
    return (w2 << 5) + ctz(bits[w2]);
  }

  /** Highest occupied level ≤ i, or −1. */
  nextDown(i: number): number {
    const bits = this.#bits;
    if (i < 0) return -1;
    if (i >= this.head.length) i = this.head.length - 1;
    const w = i >>> 5;
    const x = bits[w] & (0xffffffff >>> (31 - (i & 31)));
    if (x !== 0) return (w << 5) + msb(x);
    if (w === 0) return -1;
    const w1 = w - 1;
    const summary = this.#summary;
    let sw = w1 >>> 5;
    let y = summary[sw] & (0xffffffff >>> (31 - (w1 & 31)));
    while (y === 0) {
      if (sw === 0) return -1;
      y = summary[--sw];
    }
    const w2 = (sw << 5) + msb(y);
    return (w2 << 5) + msb(bits[w2]);
  }

  /**
   * Re-lays the ladder over a larger window. `shift` = old base − new base, a
   * multiple of 1,024 so that bitset words move whole.
   */
  regrow(capacity: number, shift: number): void {
    const head = new Int32Array(capacity).fill(NIL);
    const tail = new Int32Array(capacity).fill(NIL);
    const total = new Float64Array(capacity);
    const count = new Int32Array(capacity);
    head.set(this.head, shift);
    tail.set(this.tail, shift);
    total.set(this.total, shift);
    count.set(this.count, shift);
    const bits = new Uint32Array(capacity >>> 5);
    bits.set(this.#bits, shift >>> 5);
    const summary = new Uint32Array(Math.max(1, capacity >>> 10));
    summary.set(this.#summary, shift >>> 10);
    this.head = head;
    this.tail = tail;
    this.total = total;
    this.count = count;
    this.#bits = bits;
    this.#summary = summary;
  }

  /** Empties every level (keeps the window). */
  clear(): void {
    this.head.fill(NIL);
    this.tail.fill(NIL);
    this.total.fill(0);
    this.count.fill(0);
    this.#bits.fill(0);
    this.#summary.fill(0);
  }
}
