/**
 * K environments in lockstep with batched float32 arrays, so a policy does one
 * forward pass per step: observations `[K, A, obs]`, actions `[K, A, act]`
 * (act = the largest action size; a role reads its first values), rewards,
 * terminations and truncations `[K, A]`. Each environment has its own seed
 * (`seed + k`, then the next episode of environment k uses its previous seed
 * + K), and resets itself when every agent is done; the observation returned
 * for that step is then the new episode's first, and the finished episode's
 * last observation is kept in `finalObservations`. Agents that are done early
 * (loss limit) get zero observations and zero rewards until the reset.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { createEnv } from "./make_env.ts";
 * import { VecEnv } from "./vec_env.ts";
 * const cfg = EnvironmentSectionSchema.parse({ market: "as_model" });
 * const vec = new VecEnv(await Promise.all([0, 1, 2].map(() => createEnv(cfg))));
 * const obs = vec.reset(7);
 * assert.equal(obs.length, 3 * 2 * vec.obsSize);
 * const r = vec.step(new Float32Array(3 * 2 * vec.actSize));
 * assert.equal(r.rewards.length, 6);
 * ```
 * @module
 */

import type { MarketEnv } from "./market_env.ts";

/** What one vectorised step returns (arrays are reused between steps). */
export interface VecStep {
  observations: Float32Array;
  rewards: Float32Array;
  terminations: Uint8Array;
  truncations: Uint8Array;
  /** 1 where environment k finished an episode this step (and reset). */
  episodeEnded: Uint8Array;
  /** Last observations of episodes that ended this step, `[K, A, obs]` (rows of other envs untouched). */
  finalObservations: Float32Array;
  /** Last global states of episodes that ended this step, `[K, state]` (general VecEnv only). */
  finalStates?: Float32Array;
}

/** K copies of one environment configuration, stepped together. */
export class VecEnv {
  readonly envs: readonly MarketEnv[];
  readonly K: number;
  readonly agents: readonly string[];
  readonly A: number;
  readonly obsSize: number;
  readonly actSize: number;
  /** Action size of each agent (4 for makers, 2 for takers). */
  readonly actDims: Int32Array;
  readonly #seeds: number[];
  readonly #out: VecStep;
  readonly #actions: Record<string, Float32Array>[];

  constructor(envs: readonly MarketEnv[]) {
    if (envs.length === 0) {
      throw new RangeError("VecEnv: expected at least one environment, found none");
    }
    this.envs = envs;
    this.K = envs.length;
    this.agents = envs[0].possibleAgents;
    this.A = this.agents.length;
    this.obsSize = envs[0].observationSpace(this.agents[0]).size;
    this.actDims = Int32Array.from(this.agents.map((a) => envs[0].actionSpace(a).size));
    this.actSize = Math.max(...this.actDims);
    for (const e of envs) {
      if (e.possibleAgents.join() !== this.agents.join()) {
        throw new RangeError(
          `VecEnv: environments have different agents: ${e.possibleAgents.join()} vs ${this.agents.join()}`,
        );
      }
    }
    this.#seeds = envs.map(() => 0);
    const n = this.K * this.A;
    this.#out = {
      observations: new Float32Array(n * this.obsSize),
      rewards: new Float32Array(n),
      terminations: new Uint8Array(n),
      truncations: new Uint8Array(n),
      episodeEnded: new Uint8Array(this.K),
      finalObservations: new Float32Array(n * this.obsSize),
      finalStates: new Float32Array(this.K * envs[0].state().length),
    };
    this.#actions = envs.map(() =>
      Object.fromEntries(this.agents.map((a, i) => [a, new Float32Array(this.actDims[i])]))
    );
  }

  /** Resets every environment; environment k gets seed `seed + k`. Returns the observations `[K, A, obs]`. */
  reset(seed: number): Float32Array {
    for (let k = 0; k < this.K; k++) {
      this.#seeds[k] = seed + k;
      const { observations } = this.envs[k].reset({ seed: this.#seeds[k] });
      this.#writeObs(k, observations, this.#out.observations);
    }
    return this.#out.observations;
  }

  /** One step of every environment with actions `[K, A, actSize]`. */
  step(actions: Float32Array): VecStep {
    const out = this.#out;
    out.episodeEnded.fill(0);
    for (let k = 0; k < this.K; k++) {
      const env = this.envs[k];
      const acts = this.#actions[k];
      for (let i = 0; i < this.A; i++) {
        const base = (k * this.A + i) * this.actSize;
        acts[this.agents[i]].set(actions.subarray(base, base + this.actDims[i]));
      }
      const r = env.step(acts);
      let allDone = true;
      for (let i = 0; i < this.A; i++) {
        const a = this.agents[i];
        const j = k * this.A + i;
        out.rewards[j] = r.rewards[a] ?? 0;
        out.terminations[j] = r.terminations[a] === true ? 1 : 0;
        out.truncations[j] = r.truncations[a] === true ? 1 : 0;
      }
      if (env.agents.length > 0) allDone = false;
      this.#writeObs(k, r.observations, out.observations);
      if (allDone) {
        out.episodeEnded[k] = 1;
        out.finalObservations.set(
          out.observations.subarray(k * this.A * this.obsSize, (k + 1) * this.A * this.obsSize),
          k * this.A * this.obsSize,
        );
        const state = env.state();
        out.finalStates!.set(state, k * state.length);
        this.#seeds[k] += this.K;
        const reset = env.reset({ seed: this.#seeds[k] });
        this.#writeObs(k, reset.observations, out.observations);
      }
    }
    return out;
  }

  /** Global states of every environment, `[K, stateSize]`. */
  states(out?: Float32Array): Float32Array {
    const size = this.envs[0].state().length;
    const o = out ?? new Float32Array(this.K * size);
    for (let k = 0; k < this.K; k++) o.set(this.envs[k].state(), k * size);
    return o;
  }

  #writeObs(k: number, obs: Record<string, Float32Array>, into: Float32Array): void {
    for (let i = 0; i < this.A; i++) {
      const base = (k * this.A + i) * this.obsSize;
      const o = obs[this.agents[i]];
      if (o === undefined) into.fill(0, base, base + this.obsSize);
      else into.set(o, base);
    }
  }
}
