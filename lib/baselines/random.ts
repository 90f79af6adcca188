/**
 * The random policy: every action value uniform on [−1, 1], from its own
 * stream `Rng.fromSeed(seed).derive("baselines/random/<stream>")`, re-seeded
 * at every episode start with that episode's seed — so the same seed gives
 * the same actions, and agents with different stream names act
 * independently. For either role (4 values for market makers, 2 for takers).
 * The floor every learned policy must beat.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { RandomPolicy } from "./random.ts";
 * const p = new RandomPolicy(4, "mm_0");
 * const a = new Float32Array(4), b = new Float32Array(4);
 * p.reset(7); p.act(new Float32Array(0), {} as never, a);
 * p.reset(7); p.act(new Float32Array(0), {} as never, b);
 * assert.deepEqual(a, b);
 * assert(a.every((x) => x >= -1 && x <= 1));
 * ```
 * @module
 */

import { Rng } from "../core/rng.ts";
import type { AgentView, Policy } from "../env/policy.ts";

/** Uniform random actions in [−1, 1]^actionDim. */
export class RandomPolicy implements Policy {
  readonly name = "random";
  readonly actionDim: number;
  readonly options: Readonly<{ stream: string }>;
  #rng: Rng;

  /** @param stream name of the random stream (e.g. the agent's name) */
  constructor(actionDim: number, stream = "agent") {
    if (!(Number.isSafeInteger(actionDim) && actionDim >= 1)) {
      throw new RangeError(`random: expected an action size ≥ 1, found ${actionDim}`);
    }
    this.actionDim = actionDim;
    this.options = Object.freeze({ stream });
    this.#rng = Rng.fromSeed(0).derive(`baselines/random/${stream}`);
  }

  reset(seed: number): void {
    this.#rng = Rng.fromSeed(seed).derive(`baselines/random/${this.options.stream}`);
  }

  act(_obs: Float32Array, _view: AgentView, out: Float32Array): void {
    for (let i = 0; i < this.actionDim; i++) out[i] = 2 * this.#rng.nextFloat() - 1;
  }
}
