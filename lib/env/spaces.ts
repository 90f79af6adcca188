/**
 * Observation and action spaces as typed boxes (Gymnasium's `Box`): a shape,
 * element-wise bounds and, for the environment's vectors, a name per element.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Box } from "./spaces.ts";
 * const b = Box.uniform(-1, 1, ["bid_offset", "ask_offset"]);
 * assert.equal(b.size, 2);
 * assert(b.contains(new Float32Array([0.5, -1])));
 * assert(!b.contains(new Float32Array([0.5, 2])));
 * ```
 * @module
 */

import type { Rng } from "../core/rng.ts";

/** A box [low, high] of float32 vectors. */
export class Box {
  readonly low: Float32Array;
  readonly high: Float32Array;
  readonly shape: readonly number[];
  /** A name per element (flattened order). */
  readonly names: readonly string[];

  constructor(
    low: Float32Array,
    high: Float32Array,
    names: readonly string[],
    shape?: readonly number[],
  ) {
    if (low.length !== high.length || low.length !== names.length) {
      throw new RangeError(
        `Box: expected low, high and names of one length, found ${low.length}, ${high.length}, ${names.length}`,
      );
    }
    this.low = low;
    this.high = high;
    this.names = names;
    this.shape = shape ?? [low.length];
  }

  /** Every element in [lo, hi]. */
  static uniform(lo: number, hi: number, names: readonly string[], shape?: readonly number[]): Box {
    return new Box(
      new Float32Array(names.length).fill(lo),
      new Float32Array(names.length).fill(hi),
      names,
      shape,
    );
  }

  /** Number of elements. */
  get size(): number {
    return this.low.length;
  }

  /** Whether `x` lies inside the box (and has no NaN). */
  contains(x: ArrayLike<number>): boolean {
    if (x.length !== this.size) return false;
    for (let i = 0; i < x.length; i++) {
      if (!(x[i] >= this.low[i] && x[i] <= this.high[i])) return false;
    }
    return true;
  }

  /** A uniform sample (for random policies); unbounded elements sample N(0, 1). */
  sample(rng: Rng, out: Float32Array = new Float32Array(this.size)): Float32Array {
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i], hi = this.high[i];
      out[i] = Number.isFinite(lo) && Number.isFinite(hi)
        ? lo + (hi - lo) * rng.nextFloat()
        : rng.normal();
    }
    return out;
  }
}
