/**
 * On-policy rollout storage (MAPPO): `[steps, envs, agents]` blocks, GAE(λ)
 * in place, shuffled minibatches per agent, per role or per joint env step.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { RolloutStorage } from "./mod.ts";
 * const store = new RolloutStorage({ steps: 4, envs: 2, agents: 3, obsSize: 5, actSize: 2 });
 * assert.equal(store.obs.length, 4 * 2 * 3 * 5);
 * ```
 * @module
 */

export * from "./rollout_storage.ts";
