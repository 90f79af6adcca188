/**
 * The ABIDES-style agent-based background market: a mean-reverting
 * fundamental with jumps, noise, value and momentum traders, and adaptive
 * market makers, running on the discrete-event kernel.
 * @module
 */

export * from "./fundamental.ts";
export * from "./trading_agent.ts";
export * from "./noise_agent.ts";
export * from "./value_agent.ts";
export * from "./momentum_agent.ts";
export * from "./market_maker_agent.ts";
export * from "./session.ts";
