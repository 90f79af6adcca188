/**
 * Which prices a LOBSTER orderbook file showed, row by row. A file of L levels
 * shows, on the bid side, every price at or above its L-th bid (the whole side
 * when fewer than L levels are occupied), and on the ask side every price at or
 * below its L-th ask. Range queries over rows (an iterative segment tree of
 * the bounds) tell whether a price was out of view at any time in a span of
 * rows, i.e. whether changes to it may be missing from the message file.
 * @module
 */

import type { LobsterOrderbook } from "../../data/lobster/mod.ts";

/** Per-row visibility bounds with O(log n) range queries. */
export class VisibilityBounds {
  readonly #size: number;
  /** Max-tree of bid bounds (−∞ when the whole bid side was visible). */
  readonly #bidTree: Float64Array;
  /** Min-tree of ask bounds (+∞ when the whole ask side was visible). */
  readonly #askTree: Float64Array;

  constructor(ob: LobsterOrderbook, tickSize: number) {
    let size = 1;
    while (size < ob.count) size *= 2;
    this.#size = size;
    this.#bidTree = new Float64Array(2 * size).fill(-Infinity);
    this.#askTree = new Float64Array(2 * size).fill(Infinity);
    const L = ob.levels;
    for (let k = 0; k < ob.count; k++) {
      const bid = ob.bidPrice[k * L + L - 1];
      const ask = ob.askPrice[k * L + L - 1];
      this.#bidTree[size + k] = Number.isNaN(bid) ? -Infinity : bid / tickSize;
      this.#askTree[size + k] = Number.isNaN(ask) ? Infinity : ask / tickSize;
    }
    for (let i = size - 1; i >= 1; i--) {
      this.#bidTree[i] = Math.max(this.#bidTree[2 * i], this.#bidTree[2 * i + 1]);
      this.#askTree[i] = Math.min(this.#askTree[2 * i], this.#askTree[2 * i + 1]);
    }
  }

  /** Whether `price` on `side` (+1 bid, −1 ask) was outside the shown window in any row of [from, to]. */
  wasHidden(side: number, price: number, from: number, to: number): boolean {
    if (from > to) return false;
    const isBid = side === 1;
    const tree = isBid ? this.#bidTree : this.#askTree;
    let lo = from + this.#size;
    let hi = to + this.#size + 1;
    let extreme = isBid ? -Infinity : Infinity;
    while (lo < hi) {
      if (lo & 1) extreme = isBid ? Math.max(extreme, tree[lo++]) : Math.min(extreme, tree[lo++]);
      if (hi & 1) extreme = isBid ? Math.max(extreme, tree[--hi]) : Math.min(extreme, tree[--hi]);
      lo >>= 1;
      hi >>= 1;
    }
    return isBid ? extreme > price : extreme < price;
  }
}
