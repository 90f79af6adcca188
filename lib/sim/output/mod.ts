/**
 * Writers for simulated sessions: LOBSTER message / orderbook file pairs (read
 * by every tool that reads real LOBSTER data) and Parquet files of the book
 * sampled at the decision interval and of the trades. Both start from the
 * book rebuilt by replaying the session's events ({@linkcode replaySessionBook}).
 *
 * The polars frames themselves are in `./parquet_frames.ts`, which is not
 * re-exported here: importing it loads polars (`--allow-ffi --allow-sys`).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { formatLobsterTime, sampleOnGrid } from "./mod.ts";
 * assert(formatLobsterTime(34_200_000_000_001) === "34200.000000001");
 * assert.deepEqual([...sampleOnGrid(new Float64Array([3]), 1, 0, 4, 2).rows], [-1, -1, 0]);
 * ```
 * @module
 */

export * from "./lobster_time.ts";
export * from "./session_book.ts";
export * from "./snapshot_grid.ts";
export * from "./lobster_writer.ts";
export * from "./parquet_writer.ts";
