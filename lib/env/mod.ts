/**
 * The multi-agent market environment (centralised training, decentralised
 * execution): a PettingZoo-style parallel env over swappable market backends,
 * the action maps, observation layout, accounting, and the policy interface
 * shared by learned agents and baselines.
 * @module
 */

export * from "./spaces.ts";
export * from "./market.ts";
export * from "./grid_accumulator.ts";
export * from "./action_mapping.ts";
export * from "./observation.ts";
export * from "./account.ts";
export * from "./policy.ts";
export * from "./episode_start.ts";
export * from "./market_env.ts";
export * from "./make_env.ts";
export * from "./markets/as_model_market.ts";
export * from "./vec_env.ts";
export * from "./as_model_vec_env.ts";
export * from "./rollout.ts";
