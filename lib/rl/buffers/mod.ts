/**
 * Experience replay for off-policy learning: struct-of-arrays ring storage of
 * joint multi-agent transitions, uniform replay, and proportional prioritised
 * replay over a sum tree (Schaul et al., 2016).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { PrioritizedReplay, type ReplayBuffer, UniformReplay } from "./mod.ts";
 * const layout = { capacity: 16, agents: 2, obsSize: 3, actSize: 1, stateSize: 5 };
 * const buffers: ReplayBuffer[] = [new UniformReplay(layout), new PrioritizedReplay(layout)];
 * for (const buffer of buffers) {
 *   buffer.add({
 *     obs: new Float32Array(6), actions: [0.5, -0.5], rewards: [1, 1], nextObs: new Float32Array(6),
 *     dones: [0, 0], states: new Float32Array(5), nextStates: new Float32Array(5),
 *   });
 *   const batch = buffer.sample(4, Rng.fromSeed(0));
 *   assert.deepEqual(Array.from(batch.actions), [0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5]);
 * }
 * ```
 * @module
 */

export * from "./sum_tree.ts";
export * from "./replay_storage.ts";
export * from "./replay_buffer.ts";
export * from "./uniform_replay.ts";
export * from "./prioritized_replay.ts";
