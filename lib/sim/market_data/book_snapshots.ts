/**
 * Book snapshots: the top L levels of both sides after each event (L1…LN),
 * row-major `[count × levels]`. Empty levels hold price NaN and size 0.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BookSnapshotsBuilder } from "./book_snapshots.ts";
 * const b = new BookSnapshotsBuilder(2);
 * const row = b.appendRow(1_000);
 * b.bidPrice[row * 2] = 99; b.bidQty[row * 2] = 5;
 * const snaps = b.finish();
 * assert(snaps.count === 1 && snaps.bidPrice[0] === 99 && Number.isNaN(snaps.askPrice[0]));
 * ```
 * @module
 */

/** Columnar book snapshots. */
export interface BookSnapshots {
  count: number;
  levels: number;
  /** Time of each snapshot (ns after midnight). */
  tsNs: Float64Array;
  /** `[count × levels]` bid prices in ticks, best first; NaN when the level is empty. */
  bidPrice: Float64Array;
  bidQty: Float64Array;
  askPrice: Float64Array;
  askQty: Float64Array;
}

/** Growable builder of {@linkcode BookSnapshots}; write a row's cells right after `appendRow`. */
export class BookSnapshotsBuilder {
  readonly levels: number;
  count = 0;
  tsNs: Float64Array;
  bidPrice: Float64Array;
  bidQty: Float64Array;
  askPrice: Float64Array;
  askQty: Float64Array;

  constructor(levels: number, initialRows = 1024) {
    if (!(Number.isInteger(levels) && levels >= 1)) {
      throw new RangeError(`BookSnapshotsBuilder: expected levels ≥ 1, found ${levels}`);
    }
    this.levels = levels;
    const n = Math.max(16, initialRows);
    this.tsNs = new Float64Array(n);
    this.bidPrice = new Float64Array(n * levels);
    this.bidQty = new Float64Array(n * levels);
    this.askPrice = new Float64Array(n * levels);
    this.askQty = new Float64Array(n * levels);
  }

  /** Adds a row (prices NaN, sizes 0) and returns its index. */
  appendRow(tsNs: number): number {
    if (this.count === this.tsNs.length) this.#grow();
    const row = this.count++;
    this.tsNs[row] = tsNs;
    const o = row * this.levels;
    this.bidPrice.fill(NaN, o, o + this.levels);
    this.askPrice.fill(NaN, o, o + this.levels);
    this.bidQty.fill(0, o, o + this.levels);
    this.askQty.fill(0, o, o + this.levels);
    return row;
  }

  /** The snapshots so far, trimmed to size (copies). */
  finish(): BookSnapshots {
    const n = this.count, m = n * this.levels;
    return {
      count: n,
      levels: this.levels,
      tsNs: this.tsNs.slice(0, n),
      bidPrice: this.bidPrice.slice(0, m),
      bidQty: this.bidQty.slice(0, m),
      askPrice: this.askPrice.slice(0, m),
      askQty: this.askQty.slice(0, m),
    };
  }

  #grow(): void {
    const rows = this.tsNs.length * 2;
    const grow = (a: Float64Array, len: number) => {
      const b = new Float64Array(len);
      b.set(a);
      return b;
    };
    this.tsNs = grow(this.tsNs, rows);
    this.bidPrice = grow(this.bidPrice, rows * this.levels);
    this.bidQty = grow(this.bidQty, rows * this.levels);
    this.askPrice = grow(this.askPrice, rows * this.levels);
    this.askQty = grow(this.askQty, rows * this.levels);
  }
}
