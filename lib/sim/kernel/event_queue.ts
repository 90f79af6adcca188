/**
 * The kernel's event queue: a binary min-heap of message slots ordered by
 * delivery time, then by send order, so that messages due at the same
 * nanosecond are delivered first-in first-out and every run is deterministic.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { MessagePool } from "./messages.ts";
 * import { EventQueue } from "./event_queue.ts";
 * const pool = new MessagePool();
 * const q = new EventQueue(pool);
 * for (const [t, seq] of [[30, 0], [10, 1], [10, 2]]) {
 *   const s = pool.alloc(); pool.timeNs[s] = t; pool.seq[s] = seq; q.push(s);
 * }
 * assert.deepEqual([q.pop(), q.pop(), q.pop()].map((s) => pool.seq[s]), [1, 2, 0]);
 * ```
 * @module
 */

import type { MessagePool } from "./messages.ts";

/** Min-heap of message slots keyed by (timeNs, seq). */
export class EventQueue {
  readonly #pool: MessagePool;
  #heap = new Int32Array(1024);
  #size = 0;

  constructor(pool: MessagePool) {
    this.#pool = pool;
  }

  /** Number of pending messages. */
  get size(): number {
    return this.#size;
  }

  /** Delivery time of the next message (Infinity when empty). */
  peekTime(): number {
    return this.#size === 0 ? Infinity : this.#pool.timeNs[this.#heap[0]];
  }

  #less(a: number, b: number): boolean {
    const t = this.#pool.timeNs;
    const ta = t[a], tb = t[b];
    return ta < tb || (ta === tb && this.#pool.seq[a] < this.#pool.seq[b]);
  }

  /** Adds a slot (its time and seq must be set). */
  push(slot: number): void {
    if (this.#size === this.#heap.length) {
      const h = new Int32Array(this.#heap.length * 2);
      h.set(this.#heap);
      this.#heap = h;
    }
    const heap = this.#heap;
    let i = this.#size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!this.#less(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  /** Removes and returns the earliest slot (−1 when empty). */
  pop(): number {
    if (this.#size === 0) return -1;
    const heap = this.#heap;
    const top = heap[0];
    const last = heap[--this.#size];
    const n = this.#size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.#less(heap[r], heap[l]) ? r : l;
      if (!this.#less(heap[c], last)) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  }
}
