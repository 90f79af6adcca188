/**
 * Jobs: the work behind each CLI command, as functions that notebooks can call
 * too. Each takes a validated config and an open run folder and returns the
 * JSON summary it writes.
 * @module
 */

export * from "./replay_job.ts";
export * from "./simulators.ts";
export * from "./simulate_job.ts";
export * from "./trading_days.ts";
export * from "./realism_job.ts";
export * from "./market_simulators.ts";
export * from "./stage_stamp.ts";
export * from "./prepare_job.ts";
