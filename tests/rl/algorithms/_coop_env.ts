/**
 * A small cooperative two-agent task for MAPPO's learning test: each step
 * agent i sees its own number x_i ~ U(−0.4, 0.4) (and the fraction of the
 * episode left) and outputs one action a_i ∈ (−1, 1); both get the shared
 * reward −(a₁ + a₂ − (x₁ + x₂))². Neither can reach the target alone (it
 * does not see the other's number): the optimum needs both, a_i = x_i (up to
 * a constant moved between them). Episodes last `length` steps and end by
 * termination. The global state is [x₁, x₂, time left].
 * @module
 */

import { Rng } from "../../../lib/core/rng.ts";
import type { VecStep } from "../../../lib/env/vec_env.ts";

/** K copies of the two-agent sum task. */
export class CoopSumEnv {
  readonly A = 2;
  readonly obsSize = 2;
  readonly actSize = 1;
  readonly agents = ["left", "right"] as const;
  readonly actDims = Int32Array.of(1, 1);
  readonly roles = ["left", "right"] as const;
  #rng = Rng.fromSeed(0);
  readonly #x: Float64Array;
  readonly #t: Int32Array;
  readonly #out: VecStep;

  constructor(readonly K: number, readonly length = 4) {
    this.#x = new Float64Array(K * 2);
    this.#t = new Int32Array(K);
    this.#out = {
      observations: new Float32Array(K * 2 * 2),
      rewards: new Float32Array(K * 2),
      terminations: new Uint8Array(K * 2),
      truncations: new Uint8Array(K * 2),
      episodeEnded: new Uint8Array(K),
      finalObservations: new Float32Array(K * 2 * 2),
    };
  }

  reset(seed: number): Float32Array {
    this.#rng = Rng.fromSeed(seed);
    for (let k = 0; k < this.K; k++) this.#newStep(k, 0);
    this.#writeObs(this.#out.observations);
    return this.#out.observations;
  }

  #newStep(k: number, t: number): void {
    this.#t[k] = t;
    this.#x[2 * k] = this.#rng.uniform(-0.4, 0.4);
    this.#x[2 * k + 1] = this.#rng.uniform(-0.4, 0.4);
  }

  #writeObs(into: Float32Array): void {
    for (let k = 0; k < this.K; k++) {
      for (let i = 0; i < 2; i++) {
        into[(k * 2 + i) * 2] = this.#x[2 * k + i];
        into[(k * 2 + i) * 2 + 1] = 1 - this.#t[k] / this.length;
      }
    }
  }

  step(actions: Float32Array): VecStep {
    const o = this.#out;
    o.episodeEnded.fill(0);
    for (let k = 0; k < this.K; k++) {
      const err = actions[2 * k] + actions[2 * k + 1] - (this.#x[2 * k] + this.#x[2 * k + 1]);
      const done = this.#t[k] + 1 >= this.length;
      for (let i = 0; i < 2; i++) {
        o.rewards[2 * k + i] = -err * err;
        o.terminations[2 * k + i] = done ? 1 : 0;
        o.truncations[2 * k + i] = 0;
      }
      if (done) o.episodeEnded[k] = 1;
      this.#newStep(k, done ? 0 : this.#t[k] + 1);
    }
    this.#writeObs(o.observations);
    return o;
  }

  states(out?: Float32Array): Float32Array {
    const s = out ?? new Float32Array(this.K * 3);
    for (let k = 0; k < this.K; k++) {
      s[3 * k] = this.#x[2 * k];
      s[3 * k + 1] = this.#x[2 * k + 1];
      s[3 * k + 2] = 1 - this.#t[k] / this.length;
    }
    return s;
  }
}

/**
 * Mean squared error of the deterministic joint action over `n` fresh draws
 * of (x₁, x₂): what a learned pair gets wrong (0.107 for a ≡ 0).
 */
export function coopError(
  act: (obs: Float32Array, role: string, out: Float32Array) => void,
  n = 1000,
  seed = 99,
): number {
  const rng = Rng.fromSeed(seed);
  const x1 = new Float32Array(n), x2 = new Float32Array(n);
  const o1 = new Float32Array(2 * n), o2 = new Float32Array(2 * n);
  for (let j = 0; j < n; j++) {
    x1[j] = rng.uniform(-0.4, 0.4);
    x2[j] = rng.uniform(-0.4, 0.4);
    o1[2 * j] = x1[j];
    o2[2 * j] = x2[j];
    o1[2 * j + 1] = o2[2 * j + 1] = 1 - (j % 4) / 4;
  }
  const a1 = new Float32Array(n), a2 = new Float32Array(n);
  act(o1, "left", a1);
  act(o2, "right", a2);
  let se = 0;
  for (let j = 0; j < n; j++) se += (a1[j] + a2[j] - x1[j] - x2[j]) ** 2;
  return se / n;
}
