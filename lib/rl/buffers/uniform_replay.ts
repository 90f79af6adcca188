/**
 * Uniform experience replay (Lin, 1992; Mnih et al., 2015): every held row is
 * drawn with probability 1/N, with replacement, and every importance-sampling
 * weight is 1.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { UniformReplay } from "./uniform_replay.ts";
 * const buffer = new UniformReplay({ capacity: 100, agents: 2, obsSize: 3, actSize: 2, stateSize: 4 });
 * buffer.addBatch(2, {
 *   obs: new Float32Array(2 * 2 * 3), actions: new Float32Array(2 * 2 * 2),
 *   rewards: [1, 1, 2, 2], nextObs: new Float32Array(2 * 2 * 3), dones: [0, 0, 0, 0],
 *   states: new Float32Array(2 * 4), nextStates: new Float32Array(2 * 4),
 * });
 * const batch = buffer.sample(16, Rng.fromSeed(3));
 * assert.equal(batch.obs.length, 16 * 2 * 3);
 * assert(batch.weights.every((w) => w === 1));
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";
import type { ReplayBuffer, ReplaySnapshot } from "./replay_buffer.ts";
import {
  type ReplayBatch,
  ReplayStorage,
  type Transition,
  type TransitionLayout,
} from "./replay_storage.ts";

/** Uniform replay over a {@linkcode ReplayStorage}. */
export class UniformReplay implements ReplayBuffer {
  readonly storage: ReplayStorage;

  constructor(layout: TransitionLayout) {
    this.storage = new ReplayStorage(layout);
  }

  /** Rows held. */
  get size(): number {
    return this.storage.size;
  }

  /** Rows kept before overwriting. */
  get capacity(): number {
    return this.storage.capacity;
  }

  /** Adds one joint transition; returns its row. */
  add(t: Transition): number {
    return this.storage.write(t, 1);
  }

  /** Adds `count` transitions laid out row after row; returns the first row. */
  addBatch(count: number, t: Transition): number {
    return this.storage.write(t, count);
  }

  /** Samples `batchSize` rows uniformly with replacement. */
  sample(batchSize: number, rng: Rng): ReplayBatch {
    const n = this.storage.size;
    if (n === 0) {
      throw new RangeError("UniformReplay.sample: expected a non-empty buffer, found 0 rows");
    }
    const batch = this.storage.batch(batchSize);
    for (let b = 0; b < batchSize; b++) batch.indices[b] = rng.nextInt(n);
    batch.weights.fill(1);
    return this.storage.gather(batch);
  }

  /** Uniform replay ignores TD errors. */
  updatePriorities(
    _indices: ArrayLike<number>,
    _tdErrors: ArrayLike<number>,
    _count?: number,
  ): void {}

  /** A copy of the storage, for a checkpoint. */
  snapshot(): ReplaySnapshot {
    return { kind: "uniform", storage: this.storage.snapshot() };
  }

  /** Restores a snapshot of a uniform buffer with the same layout. */
  restore(snapshot: ReplaySnapshot): void {
    if (snapshot.kind !== "uniform") {
      throw new RangeError(
        `UniformReplay.restore: expected a "uniform" snapshot, found "${snapshot.kind}"`,
      );
    }
    this.storage.restore(snapshot.storage);
  }
}
