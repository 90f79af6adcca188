/**
 * Ingestion into the interim store (`deno task ingest`): LOBSTER pairs
 * (replayed), simulator outputs and user CSV / Parquet files are read into
 * raw tables, validated (bad rows dropped and reported, or `strict`: the
 * first problem fails), consolidated per symbol and day (sorted, exact
 * duplicates removed, gaps reported), sampled onto the decision grid and
 * written to `data/interim/<symbol>/<date>.parquet`
 * (layout: `lib/data/interim/schema.ts`).
 *
 * Stages, each a plain function on polars frames:
 * {@linkcode readSourceFile} → {@linkcode validateTable} →
 * {@linkcode consolidateSymbolDay} → {@linkcode sampleDecisionGrid} →
 * {@linkcode writeInterimFile}; {@linkcode runIngest} runs them all.
 * Typed-array twins for the in-memory path: {@linkcode sampleGridDay} (a
 * consolidated symbol-day to a `GridDay`) and {@linkcode cleanSnapshotDays}
 * (a clean snapshot table straight to its `GridDay`, or null).
 * Importing this module loads polars (`--allow-ffi --allow-sys`).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { gridAggregates, ofiIncrements } from "./mod.ts";
 * assert.deepEqual([...ofiIncrements(
 *   new Float64Array([10, 10]), new Float64Array([5, 5]),
 *   new Float64Array([11, 11]), new Float64Array([2, 1]),
 * )], [0, 1]); // one share left the ask: +1
 * const g = gridAggregates({
 *   tod: new Float64Array([1]), bid: new Float64Array([10]), ask: new Float64Array([11]),
 *   bidQty: new Float64Array([5]), askQty: new Float64Array([2]),
 * }, { startNs: 0, endNs: 2, stepNs: 1 });
 * assert.deepEqual([...g.rows], [-1, 0, 0]);
 * ```
 * @module
 */

export * from "./columns.ts";
export * from "./raw_table.ts";
export * from "./timestamps.ts";
export * from "./user_table.ts";
export * from "./lobster_table.ts";
export * from "./sim_folders.ts";
export * from "./sources.ts";
export * from "./report.ts";
export * from "./row_checks.ts";
export * from "./problem_detail.ts";
export * from "./validate.ts";
export * from "./duplicates.ts";
export * from "./gaps.ts";
export * from "./consolidate.ts";
export * from "./ofi.ts";
export * from "./grid.ts";
export * from "./grid_day_sample.ts";
export * from "./clean_snapshots.ts";
export * from "./write.ts";
export * from "./run_ingest.ts";
