/**
 * Replay of recorded market data through the matching engine.
 * @module
 */

export * from "./lobster_replay.ts";
