/**
 * A vectorised env wrapper that records every finished episode (per env and
 * agent: the summed reward and the length) while passing the stepping API
 * through unchanged, so the training loop gets per-episode metrics from any
 * algorithm's `collect`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TrackedVecEnv } from "./tracked_env.ts";
 * const inner = {
 *   K: 1, A: 1, obsSize: 1, actSize: 1, agents: ["a"], t: 0,
 *   reset(_seed: number) { this.t = 0; return new Float32Array(1); },
 *   step(_a: Float32Array) {
 *     this.t++;
 *     const end = this.t % 2 === 0 ? 1 : 0;
 *     return { observations: new Float32Array(1), rewards: Float32Array.of(1),
 *       terminations: new Uint8Array(1), truncations: Uint8Array.of(end),
 *       episodeEnded: Uint8Array.of(end), finalObservations: new Float32Array(1) };
 *   },
 * };
 * const env = new TrackedVecEnv(inner);
 * env.reset(0);
 * for (let i = 0; i < 4; i++) env.step(new Float32Array(1));
 * assert.equal(env.episodesEnded, 2);
 * assert.deepEqual(env.drain().map((e) => e.return), [2, 2]);
 * ```
 * @module
 */

import type { VecStep } from "../../env/vec_env.ts";

/** The stepping API shared by `VecEnv`, `AsModelVecEnv` and test envs. */
export interface SteppableVecEnv {
  readonly K: number;
  readonly A: number;
  readonly obsSize: number;
  readonly actSize: number;
  readonly agents: readonly string[];
  readonly actDims?: Int32Array;
  reset(seed: number): Float32Array;
  step(actions: Float32Array): VecStep;
  states?(out?: Float32Array): Float32Array;
}

/** One finished episode of one agent. */
export interface EpisodeRecord {
  /** Index of the episode over the whole run (counting env episodes, not agents). */
  episode: number;
  /** The env it ran in. */
  env: number;
  /** Agent index and name. */
  agentIndex: number;
  agent: string;
  /** Summed reward. */
  return: number;
  /** Steps. */
  length: number;
}

/** Wraps a vectorised env and records finished episodes (see the module docs). */
export class TrackedVecEnv implements SteppableVecEnv {
  readonly inner: SteppableVecEnv;
  readonly K: number;
  readonly A: number;
  readonly obsSize: number;
  readonly actSize: number;
  readonly agents: readonly string[];
  readonly actDims: Int32Array;
  /** `inner.states`, when it has one. */
  readonly states?: (out?: Float32Array) => Float32Array;
  /** Env episodes ended so far (restored on resume). */
  episodesEnded = 0;
  readonly #returns: Float64Array;
  readonly #lengths: Int32Array;
  #records: EpisodeRecord[] = [];

  constructor(inner: SteppableVecEnv) {
    this.inner = inner;
    this.K = inner.K;
    this.A = inner.A;
    this.obsSize = inner.obsSize;
    this.actSize = inner.actSize;
    this.agents = inner.agents;
    this.actDims = inner.actDims ?? new Int32Array(inner.A).fill(inner.actSize);
    if (inner.states !== undefined) this.states = (out) => inner.states!(out);
    this.#returns = new Float64Array(inner.K * inner.A);
    this.#lengths = new Int32Array(inner.K);
  }

  /** Resets every env (episodes in progress are dropped, not recorded). */
  reset(seed: number): Float32Array {
    this.#returns.fill(0);
    this.#lengths.fill(0);
    return this.inner.reset(seed);
  }

  /** Steps every env, recording the episodes that end. */
  step(actions: Float32Array): VecStep {
    const r = this.inner.step(actions);
    const { K, A } = this;
    for (let k = 0; k < K; k++) {
      this.#lengths[k]++;
      for (let i = 0; i < A; i++) this.#returns[k * A + i] += r.rewards[k * A + i];
      if (r.episodeEnded[k] === 1) {
        for (let i = 0; i < A; i++) {
          this.#records.push({
            episode: this.episodesEnded,
            env: k,
            agentIndex: i,
            agent: this.agents[i],
            return: this.#returns[k * A + i],
            length: this.#lengths[k],
          });
          this.#returns[k * A + i] = 0;
        }
        this.#lengths[k] = 0;
        this.episodesEnded++;
      }
    }
    return r;
  }

  /** The episodes recorded since the last call. */
  drain(): EpisodeRecord[] {
    const out = this.#records;
    this.#records = [];
    return out;
  }
}
