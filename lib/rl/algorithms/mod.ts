/**
 * The learning algorithms, each one readable file: MAPPO (Yu et al., 2022)
 * and MADDPG (Lowe et al., 2017), on the shared pieces of lib/rl.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { MAPPO_DEFAULTS } from "./mod.ts";
 * assert.equal(MAPPO_DEFAULTS.clip, 0.2);
 * ```
 * @module
 */

export * from "./env_spec.ts";
export * from "./mappo.ts";
export * from "./maddpg.ts";
