/**
 * Ring storage of joint multi-agent transitions for off-policy learning, one
 * `Float32Array` per field (struct of arrays), row `i` of a field at
 * `[i · width, (i + 1) · width)`:
 *
 * | field        | shape               | meaning                                              |
 * | ------------ | ------------------- | ---------------------------------------------------- |
 * | `obs`        | `[N, agents, obs]`  | each agent's observation                             |
 * | `actions`    | `[N, agents, act]`  | each agent's action                                  |
 * | `rewards`    | `[N, agents]`       | each agent's reward                                  |
 * | `nextObs`    | `[N, agents, obs]`  | next observations (the final one on truncation)      |
 * | `dones`      | `[N, agents]`       | 1 where the agent's episode *terminated*: no bootstrap |
 * | `states`     | `[N, state]`        | global state for centralised critics (absent if 0)   |
 * | `nextStates` | `[N, state]`        | next global state (the final one on truncation)      |
 *
 * Truncation (time limit) is not a terminal: store `dones = 0` and the final
 * observation and state as `nextObs` / `nextStates` so that the critic's
 * target bootstraps from them (Pardo et al., 2018, "Time Limits in
 * Reinforcement Learning").
 *
 * When full, new rows overwrite the oldest (`next` wraps to 0). Batches are
 * gathered into arrays that are allocated once per batch size and reused, so
 * that sampling allocates nothing.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ReplayStorage } from "./replay_storage.ts";
 * const s = new ReplayStorage({ capacity: 2, agents: 2, obsSize: 1, actSize: 1 });
 * for (let t = 0; t < 3; t++) {
 *   s.write({ obs: [t, t], actions: [0, 0], rewards: [t, -t], nextObs: [t + 1, t + 1], dones: [0, 0] });
 * }
 * assert.equal(s.size, 2);
 * assert.deepEqual(Array.from(s.rewards), [2, -2, 1, -1]); // row 0 was overwritten by t = 2
 * ```
 * @module
 */

/** Shape of the stored transitions. */
export interface TransitionLayout {
  /** Rows kept before the oldest is overwritten. */
  capacity: number;
  /** Agents per joint transition (1 for single-agent learning). Default 1. */
  agents?: number;
  /** Observation size per agent. */
  obsSize: number;
  /** Action size per agent. */
  actSize: number;
  /** Global-state size for centralised critics; 0 (the default) stores none. */
  stateSize?: number;
}

/**
 * One joint transition, or `count` of them laid out row after row
 * (`[count, agents, obs]` and so on, the layout of a vectorised env's arrays).
 */
export interface Transition {
  obs: ArrayLike<number>;
  actions: ArrayLike<number>;
  rewards: ArrayLike<number>;
  nextObs: ArrayLike<number>;
  /** 1 where the agent's episode terminated (no bootstrap); 0 otherwise, truncation included. */
  dones: ArrayLike<number>;
  /** Required when the layout has a global state. */
  states?: ArrayLike<number>;
  nextStates?: ArrayLike<number>;
}

/**
 * A sampled batch: row `b` holds stored row `indices[b]`. The arrays belong to
 * the buffer and are overwritten by the next `sample` call of the same size.
 */
export interface ReplayBatch {
  /** Rows in the batch. */
  size: number;
  indices: Int32Array;
  /** Importance-sampling weights (all 1 for uniform replay). */
  weights: Float32Array;
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  dones: Float32Array;
  /** Empty when the layout has no global state. */
  states: Float32Array;
  nextStates: Float32Array;
}

/** A copy of a storage's contents and pointers, for a checkpoint. */
export interface ReplayStorageSnapshot {
  layout: Required<TransitionLayout>;
  size: number;
  next: number;
  /** The first `size` rows of each field. */
  obs: Float32Array;
  actions: Float32Array;
  rewards: Float32Array;
  nextObs: Float32Array;
  dones: Float32Array;
  states: Float32Array;
  nextStates: Float32Array;
}

const FIELDS = ["obs", "actions", "rewards", "nextObs", "dones", "states", "nextStates"] as const;
type Field = typeof FIELDS[number];

function positiveInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(
      `ReplayStorage: expected ${name} to be an integer ≥ ${min}, found ${value}`,
    );
  }
  return value;
}

/** Struct-of-arrays ring storage of joint transitions. */
export class ReplayStorage {
  readonly capacity: number;
  readonly agents: number;
  readonly obsSize: number;
  readonly actSize: number;
  readonly stateSize: number;
  /** `[N, agents, obs]` */
  readonly obs: Float32Array;
  /** `[N, agents, act]` */
  readonly actions: Float32Array;
  /** `[N, agents]` */
  readonly rewards: Float32Array;
  /** `[N, agents, obs]` */
  readonly nextObs: Float32Array;
  /** `[N, agents]`, 1 = terminated */
  readonly dones: Float32Array;
  /** `[N, state]` */
  readonly states: Float32Array;
  /** `[N, state]` */
  readonly nextStates: Float32Array;
  /** Floats per row of each field. */
  readonly widths: Readonly<Record<Field, number>>;
  #size = 0;
  #next = 0;
  readonly #batches = new Map<number, ReplayBatch>();

  constructor(layout: TransitionLayout) {
    this.capacity = positiveInt("capacity", layout.capacity, 1);
    this.agents = positiveInt("agents", layout.agents ?? 1, 1);
    this.obsSize = positiveInt("obsSize", layout.obsSize, 1);
    this.actSize = positiveInt("actSize", layout.actSize, 1);
    this.stateSize = positiveInt("stateSize", layout.stateSize ?? 0, 0);
    const a = this.agents;
    this.widths = {
      obs: a * this.obsSize,
      actions: a * this.actSize,
      rewards: a,
      nextObs: a * this.obsSize,
      dones: a,
      states: this.stateSize,
      nextStates: this.stateSize,
    };
    const n = this.capacity;
    this.obs = new Float32Array(n * this.widths.obs);
    this.actions = new Float32Array(n * this.widths.actions);
    this.rewards = new Float32Array(n * this.widths.rewards);
    this.nextObs = new Float32Array(n * this.widths.nextObs);
    this.dones = new Float32Array(n * this.widths.dones);
    this.states = new Float32Array(n * this.widths.states);
    this.nextStates = new Float32Array(n * this.widths.nextStates);
  }

  /** The layout, defaults filled in. */
  get layout(): Required<TransitionLayout> {
    return {
      capacity: this.capacity,
      agents: this.agents,
      obsSize: this.obsSize,
      actSize: this.actSize,
      stateSize: this.stateSize,
    };
  }

  /** Rows currently held (≤ capacity). */
  get size(): number {
    return this.#size;
  }

  /** The row the next write goes to. */
  get next(): number {
    return this.#next;
  }

  /**
   * Writes `count` transitions (default 1), overwriting the oldest rows when
   * full. Returns the row the first one went to; row `r` of the input goes to
   * `(first + r) % capacity`.
   */
  write(t: Transition, count = 1): number {
    positiveInt("count", count, 1);
    for (const f of FIELDS) {
      const w = this.widths[f];
      if (w === 0) continue;
      const src = t[f];
      if (src === undefined) {
        throw new RangeError(
          `ReplayStorage.write: expected field ${f} (${count} × ${w} values), found nothing`,
        );
      }
      if (src.length !== count * w) {
        throw new RangeError(
          `ReplayStorage.write: expected ${f} to hold ${count} × ${w} = ${
            count * w
          } values, found ${src.length}`,
        );
      }
    }
    const first = this.#next;
    for (let r = 0; r < count; r++) {
      const row = this.#next;
      for (const f of FIELDS) {
        const w = this.widths[f];
        if (w === 0) continue;
        const src = t[f] as ArrayLike<number>;
        const dst = this[f];
        const s = r * w, d = row * w;
        for (let k = 0; k < w; k++) dst[d + k] = src[s + k];
      }
      this.#next = row + 1 === this.capacity ? 0 : row + 1;
      if (this.#size < this.capacity) this.#size++;
    }
    return first;
  }

  /**
   * The reusable batch of `batchSize` rows (allocated on first use of that
   * size). `indices` and `weights` are left for the sampler to fill.
   */
  batch(batchSize: number): ReplayBatch {
    let b = this.#batches.get(batchSize);
    if (b === undefined) {
      positiveInt("batchSize", batchSize, 1);
      const w = this.widths;
      b = {
        size: batchSize,
        indices: new Int32Array(batchSize),
        weights: new Float32Array(batchSize).fill(1),
        obs: new Float32Array(batchSize * w.obs),
        actions: new Float32Array(batchSize * w.actions),
        rewards: new Float32Array(batchSize * w.rewards),
        nextObs: new Float32Array(batchSize * w.nextObs),
        dones: new Float32Array(batchSize * w.dones),
        states: new Float32Array(batchSize * w.states),
        nextStates: new Float32Array(batchSize * w.nextStates),
      };
      this.#batches.set(batchSize, b);
    }
    return b;
  }

  /** Copies the rows named by `batch.indices` into the batch's field arrays. */
  gather(batch: ReplayBatch): ReplayBatch {
    const idx = batch.indices;
    const n = batch.size;
    for (let fi = 0; fi < FIELDS.length; fi++) {
      const f = FIELDS[fi];
      const w = this.widths[f];
      if (w === 0) continue;
      const src = this[f];
      const dst = batch[f];
      for (let b = 0; b < n; b++) {
        const s = idx[b] * w, d = b * w;
        for (let k = 0; k < w; k++) dst[d + k] = src[s + k];
      }
    }
    return batch;
  }

  /** Forgets every row (the arrays keep their old values until overwritten). */
  clear(): void {
    this.#size = 0;
    this.#next = 0;
  }

  /** A copy of the held rows and the pointers. */
  snapshot(): ReplayStorageSnapshot {
    const n = this.#size;
    const w = this.widths;
    return {
      layout: this.layout,
      size: n,
      next: this.#next,
      obs: this.obs.slice(0, n * w.obs),
      actions: this.actions.slice(0, n * w.actions),
      rewards: this.rewards.slice(0, n * w.rewards),
      nextObs: this.nextObs.slice(0, n * w.nextObs),
      dones: this.dones.slice(0, n * w.dones),
      states: this.states.slice(0, n * w.states),
      nextStates: this.nextStates.slice(0, n * w.nextStates),
    };
  }

  /** Restores a {@linkcode ReplayStorage.snapshot} taken from a storage of the same layout. */
  restore(s: ReplayStorageSnapshot): void {
    const mine = this.layout;
    for (const k of Object.keys(mine) as (keyof TransitionLayout)[]) {
      if (s.layout[k] !== mine[k]) {
        throw new RangeError(
          `ReplayStorage.restore: expected layout.${k} = ${mine[k]}, found ${s.layout[k]}`,
        );
      }
    }
    if (!(Number.isInteger(s.size) && s.size >= 0 && s.size <= this.capacity)) {
      throw new RangeError(
        `ReplayStorage.restore: expected size in [0, ${this.capacity}], found ${s.size}`,
      );
    }
    if (!(Number.isInteger(s.next) && s.next >= 0 && s.next < this.capacity)) {
      throw new RangeError(
        `ReplayStorage.restore: expected next in [0, ${this.capacity}), found ${s.next}`,
      );
    }
    for (const f of FIELDS) {
      const want = s.size * this.widths[f];
      if (s[f].length !== want) {
        throw new RangeError(
          `ReplayStorage.restore: expected ${f} to hold ${want} values, found ${s[f].length}`,
        );
      }
    }
    for (const f of FIELDS) this[f].set(s[f]);
    this.#size = s.size;
    this.#next = s.next;
  }
}
