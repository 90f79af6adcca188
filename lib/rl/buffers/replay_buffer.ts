/**
 * The interface shared by the uniform and the prioritised replay buffers, so
 * that an off-policy learner (MADDPG) can swap one for the other: add joint
 * transitions, sample a batch with importance-sampling weights, report the
 * batch's TD errors back, and save or restore everything for a checkpoint.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import type { ReplayBuffer } from "./replay_buffer.ts";
 * import { UniformReplay } from "./uniform_replay.ts";
 * const buffer: ReplayBuffer = new UniformReplay({ capacity: 8, obsSize: 1, actSize: 1 });
 * buffer.add({ obs: [0], actions: [1], rewards: [2], nextObs: [3], dones: [0] });
 * const batch = buffer.sample(4, Rng.fromSeed(1));
 * assert.deepEqual(Array.from(batch.rewards), [2, 2, 2, 2]);
 * buffer.updatePriorities(batch.indices, new Float32Array(4)); // a no-op for uniform replay
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";
import type {
  ReplayBatch,
  ReplayStorage,
  ReplayStorageSnapshot,
  Transition,
} from "./replay_storage.ts";

/** A checkpoint of a replay buffer: its storage, plus the priorities for prioritised replay. */
export interface ReplaySnapshot {
  kind: "uniform" | "prioritized";
  storage: ReplayStorageSnapshot;
  /** Priorities `p_i^α` of the held rows (prioritised replay only). */
  priorities?: Float64Array;
  /** Largest priority given so far, which new transitions receive (prioritised replay only). */
  maxPriority?: number;
  /** Batches sampled so far, which drive β's annealing (prioritised replay only). */
  updates?: number;
}

/** An experience replay buffer of joint transitions. */
export interface ReplayBuffer {
  /** The underlying struct-of-arrays storage. */
  readonly storage: ReplayStorage;
  /** Rows held. */
  readonly size: number;
  /** Rows kept before overwriting. */
  readonly capacity: number;
  /** Adds one joint transition; returns its row. */
  add(t: Transition): number;
  /** Adds `count` transitions laid out row after row; returns the first row. */
  addBatch(count: number, t: Transition): number;
  /**
   * Samples `batchSize` rows with `rng`. The returned arrays are reused by the
   * next call with the same size: copy what must outlive it.
   */
  sample(batchSize: number, rng: Rng): ReplayBatch;
  /** Reports the TD errors of sampled rows (the first `count` entries). */
  updatePriorities(indices: ArrayLike<number>, tdErrors: ArrayLike<number>, count?: number): void;
  /** Everything needed to continue exactly, for a checkpoint. */
  snapshot(): ReplaySnapshot;
  /** Restores a {@linkcode ReplayBuffer.snapshot} of a buffer of the same kind and layout. */
  restore(snapshot: ReplaySnapshot): void;
}
