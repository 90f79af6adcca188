/**
 * Proportional prioritised experience replay (Schaul, Quan, Antonoglou and
 * Silver, 2016, "Prioritized Experience Replay", ICLR; Algorithm 1).
 *
 * - Priority of row i: `p_i = (|δ_i| + ε)^α` (Sec. 3.3, Eq. 1 with the
 *   proportional variant `p_i = |δ_i| + ε`); the sum tree holds `p_i`.
 *   A new row gets the largest priority given so far (Algorithm 1, line 6),
 *   1 before any update.
 * - Sampling probability `P(i) = p_i / Σ_k p_k`, drawn by stratified
 *   segments: the total is cut into `batch` equal ranges and one mass is drawn
 *   uniformly in each (Appendix B.2.1).
 * - Importance-sampling weights `w_i = (N · P(i))^(−β) / max_j w_j`
 *   (Sec. 3.4). `max_j` runs over the whole buffer by default (the weight of
 *   the least likely row, `(N · p_min / Σ p)^(−β)`, as in OpenAI Baselines'
 *   `PrioritizedReplayBuffer`), so a row's weight does not depend on the rows
 *   drawn with it; `weightNormalisation: "batch"` takes the maximum over the
 *   sampled batch instead.
 * - β is annealed linearly from `beta0` to 1 over `betaUpdates` updates
 *   (Sec. 3.4: "linearly anneal β from its initial value β0 to 1"); each
 *   `sample` call counts as one update.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { PrioritizedReplay } from "./prioritized_replay.ts";
 * const per = new PrioritizedReplay(
 *   { capacity: 4, obsSize: 1, actSize: 1 },
 *   { alpha: 1, beta0: 1, epsilon: 0 },
 * );
 * for (let i = 0; i < 4; i++) per.add({ obs: [i], actions: [0], rewards: [i], nextObs: [i], dones: [0] });
 * per.updatePriorities([0, 1, 2, 3], [1, 1, 1, 5]); // P = [1, 1, 1, 5] / 8
 * const batch = per.sample(2, Rng.fromSeed(1)); // segments [0, 4) and [4, 8)
 * assert.equal(batch.indices[1], 3); // the second segment lies inside row 3's interval [3, 8)
 * // w = (N·P)^(−1) / max_j w_j = (8 / (4·5)) / (8 / (4·1)) = 1/5
 * assert(Math.abs(batch.weights[1] - 0.2) < 1e-7);
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
import { SumTree } from "./sum_tree.ts";

/** Options of {@linkcode PrioritizedReplay}; defaults follow Schaul et al.'s proportional variant. */
export interface PrioritizedReplayOptions {
  /** Prioritisation exponent α (0 = uniform). Default 0.6 (the paper's proportional setting). */
  alpha?: number;
  /** Initial importance-sampling exponent β0. Default 0.4 (the paper's proportional setting). */
  beta0?: number;
  /** Updates (sample calls) over which β goes linearly from β0 to 1. Default 100 000. */
  betaUpdates?: number;
  /** ε added to |δ| so that no row's priority is 0. Default 1e-6. */
  epsilon?: number;
  /** Normalise weights by the largest weight in the whole buffer (default) or in the batch. */
  weightNormalisation?: "buffer" | "batch";
}

function checkNumber(name: string, value: number, lo: number, hi: number): number {
  if (!(value >= lo && value <= hi)) {
    throw new RangeError(
      `PrioritizedReplay: expected ${name} in [${lo}, ${hi}], found ${value}`,
    );
  }
  return value;
}

/** Proportional prioritised replay over a {@linkcode ReplayStorage} and a {@linkcode SumTree}. */
export class PrioritizedReplay implements ReplayBuffer {
  readonly storage: ReplayStorage;
  readonly alpha: number;
  readonly beta0: number;
  readonly betaUpdates: number;
  readonly epsilon: number;
  readonly weightNormalisation: "buffer" | "batch";
  readonly #tree: SumTree;
  /** Largest priority `p_i^α` given so far; new rows get it. */
  #maxPriority = 1;
  #updates = 0;

  constructor(layout: TransitionLayout, options: PrioritizedReplayOptions = {}) {
    this.storage = new ReplayStorage(layout);
    this.#tree = new SumTree(this.storage.capacity);
    this.alpha = checkNumber("alpha", options.alpha ?? 0.6, 0, Infinity);
    this.beta0 = checkNumber("beta0", options.beta0 ?? 0.4, 0, 1);
    this.betaUpdates = checkNumber("betaUpdates", options.betaUpdates ?? 100_000, 0, Infinity);
    this.epsilon = checkNumber("epsilon", options.epsilon ?? 1e-6, 0, Infinity);
    const norm = options.weightNormalisation ?? "buffer";
    if (norm !== "buffer" && norm !== "batch") {
      throw new RangeError(
        `PrioritizedReplay: expected weightNormalisation "buffer" or "batch", found ${
          JSON.stringify(norm)
        }`,
      );
    }
    this.weightNormalisation = norm;
  }

  /** Rows held. */
  get size(): number {
    return this.storage.size;
  }

  /** Rows kept before overwriting. */
  get capacity(): number {
    return this.storage.capacity;
  }

  /** The sum tree of priorities `p_i^α` (read it; write through `updatePriorities`). */
  get tree(): SumTree {
    return this.#tree;
  }

  /** Sample calls so far (β's clock). */
  get updates(): number {
    return this.#updates;
  }

  /** Largest priority given so far (what a new row receives). */
  get maxPriority(): number {
    return this.#maxPriority;
  }

  /** β after `updates` updates: `β0 + (1 − β0) · min(1, updates / betaUpdates)`. */
  betaAt(updates: number): number {
    if (this.betaUpdates === 0) return 1;
    const f = Math.min(1, Math.max(0, updates) / this.betaUpdates);
    return this.beta0 + (1 - this.beta0) * f;
  }

  /** β for the next sample. */
  get beta(): number {
    return this.betaAt(this.#updates);
  }

  /** Adds one joint transition at the largest priority so far; returns its row. */
  add(t: Transition): number {
    return this.addBatch(1, t);
  }

  /** Adds `count` transitions at the largest priority so far; returns the first row. */
  addBatch(count: number, t: Transition): number {
    const first = this.storage.write(t, count);
    const cap = this.storage.capacity;
    for (let r = 0; r < count; r++) this.#tree.set((first + r) % cap, this.#maxPriority);
    return first;
  }

  /**
   * Samples `batchSize` rows with probability `P(i) = p_i / Σ p` by stratified
   * segments and fills their importance-sampling weights with the current β;
   * then counts one update.
   */
  sample(batchSize: number, rng: Rng): ReplayBatch {
    const n = this.storage.size;
    if (n === 0) {
      throw new RangeError("PrioritizedReplay.sample: expected a non-empty buffer, found 0 rows");
    }
    const tree = this.#tree;
    const total = tree.total();
    if (!(total > 0)) {
      throw new RangeError(
        `PrioritizedReplay.sample: expected a positive total priority, found ${total}`,
      );
    }
    const batch = this.storage.batch(batchSize);
    const idx = batch.indices, weights = batch.weights;
    const segment = total / batchSize;
    for (let b = 0; b < batchSize; b++) {
      idx[b] = tree.find((b + rng.nextFloat53()) * segment);
    }
    // w_i = (N · P(i))^(−β) / max_j w_j  (Schaul et al. 2016, Sec. 3.4)
    const beta = this.beta;
    let maxWeight: number;
    if (this.weightNormalisation === "buffer") {
      maxWeight = Math.pow((n * tree.min()) / total, -beta);
    } else {
      maxWeight = 0;
      for (let b = 0; b < batchSize; b++) {
        const w = Math.pow((n * tree.get(idx[b])) / total, -beta);
        if (w > maxWeight) maxWeight = w;
      }
    }
    for (let b = 0; b < batchSize; b++) {
      weights[b] = Math.pow((n * tree.get(idx[b])) / total, -beta) / maxWeight;
    }
    this.#updates++;
    return this.storage.gather(batch);
  }

  /** Sets `p_i = (|δ_i| + ε)^α` for the first `count` rows named by `indices`. */
  updatePriorities(
    indices: ArrayLike<number>,
    tdErrors: ArrayLike<number>,
    count: number = indices.length,
  ): void {
    if (count > indices.length || count > tdErrors.length) {
      throw new RangeError(
        `PrioritizedReplay.updatePriorities: expected ${count} indices and TD errors, found ${indices.length} and ${tdErrors.length}`,
      );
    }
    const n = this.storage.size;
    for (let b = 0; b < count; b++) {
      const i = indices[b];
      const delta = tdErrors[b];
      if (!(Number.isInteger(i) && i >= 0 && i < n)) {
        throw new RangeError(
          `PrioritizedReplay.updatePriorities: expected a row in [0, ${n}), found ${i} at position ${b}`,
        );
      }
      if (!Number.isFinite(delta)) {
        throw new RangeError(
          `PrioritizedReplay.updatePriorities: expected a finite TD error for row ${i}, found ${delta}`,
        );
      }
      const p = Math.pow(Math.abs(delta) + this.epsilon, this.alpha);
      this.#tree.set(i, p);
      if (p > this.#maxPriority) this.#maxPriority = p;
    }
  }

  /** Storage, priorities, the largest priority and β's clock, for a checkpoint. */
  snapshot(): ReplaySnapshot {
    return {
      kind: "prioritized",
      storage: this.storage.snapshot(),
      priorities: this.#tree.leaves(this.storage.size),
      maxPriority: this.#maxPriority,
      updates: this.#updates,
    };
  }

  /** Restores a snapshot of a prioritised buffer with the same layout. */
  restore(snapshot: ReplaySnapshot): void {
    if (snapshot.kind !== "prioritized") {
      throw new RangeError(
        `PrioritizedReplay.restore: expected a "prioritized" snapshot, found "${snapshot.kind}"`,
      );
    }
    const { priorities, maxPriority, updates } = snapshot;
    if (priorities === undefined || priorities.length !== snapshot.storage.size) {
      throw new RangeError(
        `PrioritizedReplay.restore: expected ${snapshot.storage.size} priorities, found ${
          priorities?.length ?? "none"
        }`,
      );
    }
    if (!(typeof maxPriority === "number" && maxPriority > 0 && maxPriority < Infinity)) {
      throw new RangeError(
        `PrioritizedReplay.restore: expected a finite maxPriority > 0, found ${maxPriority}`,
      );
    }
    if (!(typeof updates === "number" && Number.isInteger(updates) && updates >= 0)) {
      throw new RangeError(
        `PrioritizedReplay.restore: expected an integer updates ≥ 0, found ${updates}`,
      );
    }
    this.storage.restore(snapshot.storage);
    this.#tree.load(priorities);
    this.#maxPriority = maxPriority;
    this.#updates = updates;
  }
}
