/**
 * A sum tree (and min tree) over `capacity` non-negative priorities, the
 * data structure behind proportional prioritised replay (Schaul et al., 2016,
 * "Prioritized Experience Replay", Sec. 3.3 and Appendix B.2.1): setting a
 * priority, the total, the minimum and a prefix-sum search all take
 * O(log capacity).
 *
 * Layout: a complete binary tree in one `Float64Array` of `2·size` slots
 * (`size` = capacity rounded up to a power of two), root at 1, children of
 * node `i` at `2i` and `2i + 1`, leaf `j` at `size + j`. Every inner node is
 * recomputed from its two children (never updated by adding a delta), so the
 * tree is a pure function of its leaves: no rounding drift, and a tree
 * rebuilt from saved leaves is bit-identical.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { SumTree } from "./sum_tree.ts";
 * const tree = new SumTree(4);
 * tree.set(0, 1);
 * tree.set(1, 3);
 * tree.set(2, 6);
 * assert.equal(tree.total(), 10);
 * assert.equal(tree.min(), 1);
 * assert.equal(tree.find(0.5), 0); // cumulative sums: [0,1) → 0, [1,4) → 1, [4,10) → 2
 * assert.equal(tree.find(3.9), 1);
 * assert.equal(tree.find(4), 2);
 * ```
 * @module
 */

/** A binary segment tree holding sums and minima of `capacity` priorities. */
export class SumTree {
  /** Number of leaves that can hold a priority. */
  readonly capacity: number;
  /** Leaves in the tree (capacity rounded up to a power of two). */
  readonly #size: number;
  /** Sums: `[unused, root, …inner, …leaves]`. */
  readonly #sum: Float64Array;
  /** Minima over set leaves (`+Infinity` where nothing was set). */
  readonly #min: Float64Array;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`SumTree: expected an integer capacity ≥ 1, found ${capacity}`);
    }
    this.capacity = capacity;
    let size = 1;
    while (size < capacity) size *= 2;
    this.#size = size;
    this.#sum = new Float64Array(2 * size);
    this.#min = new Float64Array(2 * size).fill(Infinity);
  }

  /** Sets the priority of leaf `index` (0 ≤ index < capacity; priority finite and ≥ 0). */
  set(index: number, priority: number): void {
    if (!(index >= 0 && index < this.capacity && Number.isInteger(index))) {
      throw new RangeError(
        `SumTree.set: expected an index in [0, ${this.capacity}), found ${index}`,
      );
    }
    if (!(priority >= 0 && priority < Infinity)) {
      throw new RangeError(
        `SumTree.set: expected a finite priority ≥ 0 at index ${index}, found ${priority}`,
      );
    }
    const sum = this.#sum, min = this.#min;
    let node = this.#size + index;
    sum[node] = priority;
    min[node] = priority;
    node >>= 1;
    while (node >= 1) {
      const l = 2 * node;
      sum[node] = sum[l] + sum[l + 1];
      const ml = min[l], mr = min[l + 1];
      min[node] = ml < mr ? ml : mr;
      node >>= 1;
    }
  }

  /** The priority of leaf `index` (0 when it was never set). */
  get(index: number): number {
    return this.#sum[this.#size + index];
  }

  /** Sum of all priorities. */
  total(): number {
    return this.#sum[1];
  }

  /** Smallest priority among the leaves that were set (`Infinity` when none was). */
  min(): number {
    return this.#min[1];
  }

  /**
   * The leaf whose cumulative-sum interval holds `mass`: the smallest `i` with
   * `p_0 + … + p_i > mass`, for 0 ≤ mass < total. Never returns a leaf of
   * priority 0 while the total is positive: when rounding puts `mass` at or
   * past the end, the search goes to the last positive leaf instead of an
   * empty one.
   */
  find(mass: number): number {
    const sum = this.#sum;
    const size = this.#size;
    let m = mass > 0 ? mass : 0;
    let node = 1;
    while (node < size) {
      const l = 2 * node;
      const sl = sum[l];
      if (m < sl || !(sum[l + 1] > 0)) {
        node = l;
      } else {
        m -= sl;
        node = l + 1;
      }
    }
    return node - size;
  }

  /** Sets every priority back to 0 (and the minimum to `Infinity`). */
  clear(): void {
    this.#sum.fill(0);
    this.#min.fill(Infinity);
  }

  /** A copy of the leaves `[0, count)` (priorities), for a checkpoint. */
  leaves(count = this.capacity): Float64Array {
    return this.#sum.slice(this.#size, this.#size + count);
  }

  /**
   * Replaces every leaf: `priorities[i]` for `i < priorities.length`, unset
   * after that. Builds the inner nodes bottom-up in O(capacity), giving the
   * same tree as setting the leaves one by one.
   */
  load(priorities: ArrayLike<number>): void {
    if (priorities.length > this.capacity) {
      throw new RangeError(
        `SumTree.load: expected at most ${this.capacity} priorities, found ${priorities.length}`,
      );
    }
    const sum = this.#sum, min = this.#min, size = this.#size;
    this.clear();
    for (let i = 0; i < priorities.length; i++) {
      const p = priorities[i];
      if (!(p >= 0 && p < Infinity)) {
        throw new RangeError(
          `SumTree.load: expected finite priorities ≥ 0, found ${p} at index ${i}`,
        );
      }
      sum[size + i] = p;
      min[size + i] = p;
    }
    for (let node = size - 1; node >= 1; node--) {
      const l = 2 * node;
      sum[node] = sum[l] + sum[l + 1];
      const ml = min[l], mr = min[l + 1];
      min[node] = ml < mr ? ml : mr;
    }
  }
}
