/**
 * What a multi-agent algorithm needs to know of the vectorised environment
 * it trains on: the shapes of observations, actions and the critics' global
 * state, and each agent's name and role. MAPPO and MADDPG take the same spec.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import type { AlgorithmEnvSpec } from "./env_spec.ts";
 * const spec: AlgorithmEnvSpec = {
 *   K: 8, A: 2, obsSize: 12, actSize: 3, actDims: new Int32Array([3, 2]),
 *   agents: ["mm_0", "mt_0"], roles: ["market_maker", "market_taker"], stateSize: 24,
 * };
 * assert.equal(spec.stateSize, spec.A * spec.obsSize);
 * ```
 * @module
 */

/** The environment as an algorithm sees it. */
export interface AlgorithmEnvSpec {
  /** Environments stepped together. */
  K: number;
  /** Agents per environment. */
  A: number;
  /** Observation size (every agent). */
  obsSize: number;
  /** Row width of the action array (the largest action size). */
  actSize: number;
  /** Action size of each agent (≤ actSize; an agent uses the first values of its row). */
  actDims: Int32Array;
  /** Agent names. */
  agents: readonly string[];
  /**
   * Role of each agent (agents of a role share the action size; MADDPG shares
   * actors within a role when `share_within_role`).
   */
  roles: readonly string[];
  /**
   * Global-state size for the critics: `A · obsSize` when the state is every
   * agent's observation concatenated (MADDPG also takes 0 for that).
   */
  stateSize: number;
}
