/**
 * The state a replay cursor carries: the replayed book as price levels, the
 * index of the next message, and the running estimators the square-root
 * impact model reads (see {@linkcode ReplayState.sigmaTicks}). Advancing it
 * by one message applies that message's recorded level changes, so that a
 * cursor restored from a checkpoint and one that ran from the file's start
 * hold the same state at the same message.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ReplayState } from "./_replay_state.ts";
 * const s = new ReplayState();
 * s.book.set(1, 100, 5);
 * s.book.set(-1, 102, 5);
 * assert.equal(s.midTicks(), 101);
 * ```
 * @module
 */

import { LevelBook } from "./_level_book.ts";

/** One second, the sampling step of the realised-variance estimator. */
export const RV_SAMPLE_NS = 1_000_000_000;

/** What {@linkcode ReplayState.advance} reads of a tape. */
export interface TapeArrays {
  readonly timeNs: Float64Array;
  readonly type: Uint8Array;
  readonly size: Int32Array;
  /** End (exclusive) of each message's level changes in the change arrays. */
  readonly deltaEnd: Uint32Array;
  readonly deltaSide: Int8Array;
  readonly deltaPrice: Float64Array;
  readonly deltaQty: Float64Array;
}

/** Book, cursor and impact estimators of one replay position. */
export class ReplayState {
  /** The replayed book (price levels, ticks and lots). */
  readonly book: LevelBook = new LevelBook();
  /** Index of the next message to apply. */
  k = 0;
  /** Σ of squared one-second mid changes (ticks²) since the file's start. */
  rv = 0;
  /** Executed volume (LOBSTER types 4 and 5, lots) since the file's start. */
  volume = 0;
  /** Index of the one-second bucket of the last sample, −1 before the first. */
  lastBucket = -1;
  /** Mid (ticks) at the last sample, NaN before the first. */
  lastMid = NaN;

  /** Mid in ticks (NaN when a side is empty). */
  midTicks(): number {
    return (this.book.best(1) + this.book.best(-1)) / 2;
  }

  /**
   * σ in ticks over the data seen so far: the square root of the realised
   * variance of the mid sampled on a one-second grid (the mid in force at each
   * second boundary) from the file's start to now.
   */
  sigmaTicks(): number {
    return Math.sqrt(this.rv);
  }

  /** Updates the estimators for message `k` (call before applying its level changes). */
  estimate(tape: TapeArrays, k: number): void {
    const bucket = Math.floor(tape.timeNs[k] / RV_SAMPLE_NS);
    if (bucket > this.lastBucket) {
      // The mid before message k is the mid in force at every boundary since the last sample.
      const mid = this.midTicks();
      if (!Number.isNaN(mid)) {
        if (!Number.isNaN(this.lastMid)) {
          const d = mid - this.lastMid;
          this.rv += d * d;
        }
        this.lastMid = mid;
      }
      this.lastBucket = bucket;
    }
    const type = tape.type[k];
    if (type === 4 || type === 5) this.volume += tape.size[k];
  }

  /** Applies message `k`'s recorded level changes and moves past it. */
  applyDeltas(tape: TapeArrays, k: number): void {
    const from = k === 0 ? 0 : tape.deltaEnd[k - 1];
    const to = tape.deltaEnd[k];
    for (let i = from; i < to; i++) {
      this.book.set(tape.deltaSide[i], tape.deltaPrice[i], tape.deltaQty[i]);
    }
    this.k = k + 1;
  }

  /** Makes this state a copy of `other`. */
  copyFrom(other: ReplayState): void {
    this.book.copyFrom(other.book);
    this.k = other.k;
    this.rv = other.rv;
    this.volume = other.volume;
    this.lastBucket = other.lastBucket;
    this.lastMid = other.lastMid;
  }

  /** Back to the state before the first message. */
  clear(): void {
    this.book.clear();
    this.k = 0;
    this.rv = 0;
    this.volume = 0;
    this.lastBucket = -1;
    this.lastMid = NaN;
  }
}
