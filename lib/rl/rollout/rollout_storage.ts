/**
 * On-policy rollout storage for MAPPO (Yu et al., 2022): `[steps, envs,
 * agents]` blocks of what the policy saw and did, GAE(λ) advantages and value
 * targets computed in place, and shuffled minibatches for the update epochs.
 *
 * | field          | shape             | meaning                                              |
 * | -------------- | ----------------- | ---------------------------------------------------- |
 * | `obs`          | `[T, K, A, obs]`  | each agent's observation                             |
 * | `states`       | `[T, K, state]`   | global state for the centralised value function      |
 * | `actions`      | `[T, K, A, act]`  | actions taken                                        |
 * | `logProbs`     | `[T, K, A]`       | log π_old(a \| o) of the taken actions               |
 * | `values`       | `[T, K, A]`       | V(s_t) for each agent's value head                   |
 * | `rewards`      | `[T, K, A]`       | rewards                                              |
 * | `terminations` | `[T, K, A]`       | 1: the step ended the episode by termination         |
 * | `truncations`  | `[T, K, A]`       | 1: the step ended the episode by a time limit        |
 * | `finalValues`  | `[T, K, A]`       | V(final observation), bootstrapped on truncation     |
 * | `active`       | `[T, K, A]`       | 1 where the agent acted (0 after an early exit)      |
 * | `advantages`   | `[T, K, A]`       | GAE(λ) advantages (after `computeReturns`)           |
 * | `returns`      | `[T, K, A]`       | value targets `advantages + values`                  |
 *
 * Minibatches cover the `T·K·A` entries (or `T·K·|S|` for an agent subset
 * `S`, e.g. one role) exactly once per epoch in an order shuffled by an
 * {@linkcode Rng}; in `joint` mode a minibatch row is one env step `(t, k)`
 * with all of `S`'s agents together, for a critic that attends over agents.
 * Minibatch arrays are allocated once per size and reused.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { RolloutStorage } from "./rollout_storage.ts";
 * const store = new RolloutStorage({ steps: 2, envs: 1, agents: 2, obsSize: 1, actSize: 1 });
 * for (let t = 0; t < 2; t++) {
 *   store.insert({
 *     obs: [t, t], actions: [0, 0], logProbs: [0, 0], values: [0, 0], rewards: [1, 1],
 *     terminations: [0, 0], truncations: [0, 0],
 *   });
 * }
 * store.computeReturns([0, 0], 1, 1); // γ = λ = 1, zero values: advantages are rewards-to-go
 * assert.deepEqual(Array.from(store.advantages), [2, 2, 1, 1]);
 * let seen = 0;
 * for (const mb of store.minibatches(2, Rng.fromSeed(0))) seen += mb.size;
 * assert.equal(seen, 4); // every (t, k, agent) entry once
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";
import { computeGae } from "../gae.ts";

/** Shape of a rollout. */
export interface RolloutLayout {
  /** T: steps per env between updates. */
  steps: number;
  /** K: vectorised envs. */
  envs: number;
  /** A: agents per env. */
  agents: number;
  /** Observation size per agent. */
  obsSize: number;
  /** Action size per agent. */
  actSize: number;
  /** Global-state size; 0 (the default) stores none. */
  stateSize?: number;
}

/** One vectorised step, `[K, A, …]` (and `[K, state]` for the state). */
export interface RolloutStep {
  obs: ArrayLike<number>;
  /** Required when the layout has a global state. */
  states?: ArrayLike<number>;
  actions: ArrayLike<number>;
  logProbs: ArrayLike<number>;
  values: ArrayLike<number>;
  rewards: ArrayLike<number>;
  terminations: ArrayLike<number>;
  truncations: ArrayLike<number>;
  /** V(final observation) where truncated (other entries ignored); 0 when absent. */
  finalValues?: ArrayLike<number>;
  /** 1 where the agent acted; all 1 when absent. */
  active?: ArrayLike<number>;
}

/** How to cut minibatches. */
export interface MinibatchOptions {
  /** Agent indices to include (one role, say); all agents when absent. */
  agents?: readonly number[];
  /** One row per env step `(t, k)` holding every included agent, instead of one row per agent. */
  joint?: boolean;
}

/**
 * A minibatch of `size` rows, each with `agentsPerRow` agents (1, or `|S|` in
 * joint mode). Arrays are reused by the next minibatch of the same size.
 */
export interface RolloutMinibatch {
  size: number;
  agentsPerRow: number;
  /** `[size]` env-step row of each entry: `t · K + k`. */
  rows: Int32Array;
  /** `[size, g]` agent index of each entry. */
  agentIds: Int32Array;
  /** `[size, g, obs]` */
  obs: Float32Array;
  /** `[size, state]` */
  states: Float32Array;
  /** `[size, g, act]` */
  actions: Float32Array;
  /** `[size, g]` */
  logProbs: Float32Array;
  values: Float32Array;
  returns: Float32Array;
  advantages: Float32Array;
  active: Float32Array;
}

function checkInt(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(
      `RolloutStorage: expected ${name} to be an integer ≥ ${min}, found ${value}`,
    );
  }
  return value;
}

const PER_AGENT = [
  "logProbs",
  "values",
  "rewards",
  "terminations",
  "truncations",
  "finalValues",
  "active",
] as const;

/** `[steps, envs, agents]` on-policy storage with GAE and minibatch iteration. */
export class RolloutStorage {
  readonly steps: number;
  readonly envs: number;
  readonly agents: number;
  readonly obsSize: number;
  readonly actSize: number;
  readonly stateSize: number;
  readonly obs: Float32Array;
  readonly states: Float32Array;
  readonly actions: Float32Array;
  readonly logProbs: Float32Array;
  readonly values: Float32Array;
  readonly rewards: Float32Array;
  readonly terminations: Float32Array;
  readonly truncations: Float32Array;
  readonly finalValues: Float32Array;
  readonly active: Float32Array;
  readonly advantages: Float32Array;
  readonly returns: Float32Array;
  #step = 0;
  #perm = new Int32Array(0);
  readonly #minibatches = new Map<number, RolloutMinibatch>();
  readonly #allAgents: readonly number[];

  constructor(layout: RolloutLayout) {
    this.steps = checkInt("steps", layout.steps, 1);
    this.envs = checkInt("envs", layout.envs, 1);
    this.agents = checkInt("agents", layout.agents, 1);
    this.obsSize = checkInt("obsSize", layout.obsSize, 1);
    this.actSize = checkInt("actSize", layout.actSize, 1);
    this.stateSize = checkInt("stateSize", layout.stateSize ?? 0, 0);
    this.#allAgents = Array.from({ length: this.agents }, (_, i) => i);
    const entries = this.steps * this.envs * this.agents;
    this.obs = new Float32Array(entries * this.obsSize);
    this.states = new Float32Array(this.steps * this.envs * this.stateSize);
    this.actions = new Float32Array(entries * this.actSize);
    this.logProbs = new Float32Array(entries);
    this.values = new Float32Array(entries);
    this.rewards = new Float32Array(entries);
    this.terminations = new Float32Array(entries);
    this.truncations = new Float32Array(entries);
    this.finalValues = new Float32Array(entries);
    this.active = new Float32Array(entries);
    this.advantages = new Float32Array(entries);
    this.returns = new Float32Array(entries);
  }

  /** Steps inserted since the last reset. */
  get step(): number {
    return this.#step;
  }

  /** True when all `steps` steps are in. */
  get full(): boolean {
    return this.#step === this.steps;
  }

  /** Forgets the inserted steps (the next insert goes to step 0). */
  reset(): void {
    this.#step = 0;
  }

  /** Copies one vectorised step in at the next step index. */
  insert(s: RolloutStep): void {
    if (this.#step >= this.steps) {
      throw new RangeError(
        `RolloutStorage.insert: expected at most ${this.steps} steps before reset, found one more`,
      );
    }
    const KA = this.envs * this.agents;
    const t = this.#step;
    copyIn("obs", s.obs, this.obs, t, KA * this.obsSize);
    copyIn("actions", s.actions, this.actions, t, KA * this.actSize);
    if (this.stateSize > 0) {
      if (s.states === undefined) {
        throw new RangeError(
          `RolloutStorage.insert: expected states (${this.envs} × ${this.stateSize} values), found nothing`,
        );
      }
      copyIn("states", s.states, this.states, t, this.envs * this.stateSize);
    }
    for (const f of PER_AGENT) {
      const src = s[f];
      if (src === undefined) {
        if (f === "finalValues") this.finalValues.fill(0, t * KA, (t + 1) * KA);
        else if (f === "active") this.active.fill(1, t * KA, (t + 1) * KA);
        else {
          throw new RangeError(
            `RolloutStorage.insert: expected ${f} (${KA} values), found nothing`,
          );
        }
      } else copyIn(f, src, this[f], t, KA);
    }
    this.#step = t + 1;
  }

  /**
   * Fills `advantages` and `returns` with GAE(λ) over the full rollout;
   * `lastValues` `[K, A]` are the values of the observations after the last step.
   */
  computeReturns(lastValues: ArrayLike<number>, gamma: number, lambda: number): void {
    if (!this.full) {
      throw new RangeError(
        `RolloutStorage.computeReturns: expected ${this.steps} steps, found ${this.#step}`,
      );
    }
    computeGae(
      {
        steps: this.steps,
        columns: this.envs * this.agents,
        gamma,
        lambda,
        rewards: this.rewards,
        values: this.values,
        terminations: this.terminations,
        truncations: this.truncations,
        finalValues: this.finalValues,
        lastValues,
      },
      this.advantages,
      this.returns,
    );
  }

  /**
   * Normalises the advantages of active entries in place to mean 0 and
   * standard deviation 1 (the unbiased estimate, as `torch.std` in CleanRL),
   * with `eps` added to the standard deviation; inactive entries become 0.
   * Returns the mean and standard deviation used.
   */
  normalizeAdvantages(eps = 1e-8): { mean: number; std: number } {
    const adv = this.advantages, active = this.active;
    const n = this.#step * this.envs * this.agents;
    let count = 0, mean = 0, m2 = 0;
    for (let i = 0; i < n; i++) {
      if (active[i] === 0) continue;
      count++;
      const d = adv[i] - mean;
      mean += d / count;
      m2 += d * (adv[i] - mean);
    }
    const std = count > 1 ? Math.sqrt(m2 / (count - 1)) : 0;
    for (let i = 0; i < n; i++) adv[i] = active[i] === 0 ? 0 : (adv[i] - mean) / (std + eps);
    return { mean, std };
  }

  /**
   * `count` minibatches covering every included entry exactly once, in an
   * order shuffled with `rng` (Fisher-Yates). Sizes differ by at most one.
   * Each yielded minibatch is overwritten by the next one of the same size.
   */
  *minibatches(
    count: number,
    rng: Rng,
    options: MinibatchOptions = {},
  ): Generator<RolloutMinibatch, void, undefined> {
    const agentList = this.#agentList(options.agents);
    const joint = options.joint === true;
    const g = joint ? agentList.length : 1;
    const rowsTK = this.#step * this.envs;
    const units = joint ? rowsTK : rowsTK * agentList.length;
    if (!(Number.isInteger(count) && count >= 1 && count <= units)) {
      throw new RangeError(
        `RolloutStorage.minibatches: expected a count in [1, ${units}], found ${count}`,
      );
    }
    if (this.#perm.length < units) this.#perm = new Int32Array(units);
    const perm = this.#perm;
    for (let u = 0; u < units; u++) perm[u] = u;
    for (let u = units - 1; u > 0; u--) {
      const j = rng.nextInt(u + 1);
      const tmp = perm[u];
      perm[u] = perm[j];
      perm[j] = tmp;
    }
    const base = Math.floor(units / count), extra = units % count;
    let start = 0;
    for (let m = 0; m < count; m++) {
      const size = base + (m < extra ? 1 : 0);
      const mb = this.#minibatch(size, g);
      for (let r = 0; r < size; r++) {
        const u = perm[start + r];
        if (joint) {
          mb.rows[r] = u;
          for (let j = 0; j < g; j++) this.#gatherEntry(mb, r, j, u, agentList[j]);
        } else {
          const row = Math.floor(u / agentList.length);
          mb.rows[r] = row;
          this.#gatherEntry(mb, r, 0, row, agentList[u % agentList.length]);
        }
        if (this.stateSize > 0) {
          const w = this.stateSize, s = mb.rows[r] * w, d = r * w;
          for (let k = 0; k < w; k++) mb.states[d + k] = this.states[s + k];
        }
      }
      start += size;
      yield mb;
    }
  }

  #agentList(agents: readonly number[] | undefined): readonly number[] {
    if (agents === undefined) return this.#allAgents;
    if (agents.length === 0) {
      throw new RangeError("RolloutStorage.minibatches: expected at least one agent, found none");
    }
    const seen = new Set<number>();
    for (const a of agents) {
      if (!(Number.isInteger(a) && a >= 0 && a < this.agents) || seen.has(a)) {
        throw new RangeError(
          `RolloutStorage.minibatches: expected distinct agent indices in [0, ${this.agents}), found ${
            JSON.stringify(agents)
          }`,
        );
      }
      seen.add(a);
    }
    return agents;
  }

  #minibatch(size: number, g: number): RolloutMinibatch {
    const key = size * (this.agents + 1) + g;
    let mb = this.#minibatches.get(key);
    if (mb === undefined) {
      const n = size * g;
      mb = {
        size,
        agentsPerRow: g,
        rows: new Int32Array(size),
        agentIds: new Int32Array(n),
        obs: new Float32Array(n * this.obsSize),
        states: new Float32Array(size * this.stateSize),
        actions: new Float32Array(n * this.actSize),
        logProbs: new Float32Array(n),
        values: new Float32Array(n),
        returns: new Float32Array(n),
        advantages: new Float32Array(n),
        active: new Float32Array(n),
      };
      this.#minibatches.set(key, mb);
    }
    return mb;
  }

  /** Copies entry (row, agent) of the storage into slot (r, j) of the minibatch. */
  #gatherEntry(mb: RolloutMinibatch, r: number, j: number, row: number, agent: number): void {
    const e = row * this.agents + agent;
    const d = r * mb.agentsPerRow + j;
    mb.agentIds[d] = agent;
    mb.logProbs[d] = this.logProbs[e];
    mb.values[d] = this.values[e];
    mb.returns[d] = this.returns[e];
    mb.advantages[d] = this.advantages[e];
    mb.active[d] = this.active[e];
    const o = this.obsSize, a = this.actSize;
    for (let k = 0; k < o; k++) mb.obs[d * o + k] = this.obs[e * o + k];
    for (let k = 0; k < a; k++) mb.actions[d * a + k] = this.actions[e * a + k];
  }
}

function copyIn(
  name: string,
  src: ArrayLike<number>,
  dst: Float32Array,
  t: number,
  width: number,
): void {
  if (src.length !== width) {
    throw new RangeError(
      `RolloutStorage.insert: expected ${name} to hold ${width} values, found ${src.length}`,
    );
  }
  const off = t * width;
  for (let k = 0; k < width; k++) dst[off + k] = src[k];
}
