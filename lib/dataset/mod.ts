/**
 * Scaling, splits and `[N, T, F]` datasets (issue 4, third stage).
 *
 * Stages, each a plain function on polars frames or typed arrays (so a
 * notebook can inspect every step):
 *
 * | stage | function |
 * | --- | --- |
 * | one split of a feature frame | {@linkcode filterSplit} |
 * | scaler fitted on dev rows | {@linkcode fitScaler}, saved by {@linkcode saveScaler} |
 * | scaled frame (never refits) | {@linkcode applyScaler} |
 * | windows of a frame | {@linkcode buildWindows} → {@linkcode WindowDataset} |
 * | zero-copy window / batch | {@linkcode WindowDataset.windowView}, {@linkcode WindowDataset.gatherBatch} |
 * | the whole `deno task dataset` | {@linkcode runDatasetJob} |
 * | read a stored split | {@linkcode loadDataset}, {@linkcode assertLayout} |
 * | NumPy export | {@linkcode writeNpz} |
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { buildWindows, filterSplit, fitScaler } from "./mod.ts";
 * const n = 60;
 * const df = pl.DataFrame({
 *   ts: pl.Series("ts", [...Array(n).keys()].map((i) => i * 100)).cast(pl.Datetime("ms")),
 *   symbol: Array(n).fill("A"),
 *   date: [...Array(n).keys()].map((i) => (i < 30 ? "2024-01-02" : "2024-01-03")),
 *   mid: [...Array(n).keys()].map((i) => 100 + i),
 *   x: [...Array(n).keys()].map((i) => (i % 30 < 2 ? null : Math.sin(i))),
 * });
 * const dev = filterSplit(df, { start: "2024-01-02", end: "2024-01-02" });
 * const val = filterSplit(df, { start: "2024-01-03", end: "2024-01-03" });
 * const scaler = await fitScaler(dev, { clip: 5 });
 * const windows = await buildWindows(val, scaler, { T: 5, horizon: 1 });
 * assert.equal(windows.length, 30 - 2 - 5 + 1 - 1);
 * assert.equal(windows.windowView(0).length, 5 * 1); // [T, F]
 * ```
 * @module
 */

export * from "./build.ts";
export * from "./build_job.ts";
export * from "./crc32.ts";
export * from "./dataset_store.ts";
export * from "./feature_files.ts";
export * from "./frames.ts";
export * from "./layout.ts";
export * from "./npy.ts";
export * from "./npz.ts";
export * from "./quantile.ts";
export * from "./scaler.ts";
export * from "./scaler_apply.ts";
export * from "./scaler_file.ts";
export * from "./splits.ts";
export * from "./windows.ts";
export * from "./zip_writer.ts";
