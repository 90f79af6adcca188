/**
 * Schema of the `dataset` section (mounted under `dataset:` in
 * `configs/data.yaml`; `deno task dataset`): which feature files to read, the
 * scaler, the date splits and the window layout. `splits.dev` has no default,
 * so mount the section with `.optional()`; the dataset command requires it.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { DatasetSectionSchema } from "./dataset.ts";
 * const d = DatasetSectionSchema.parse({ splits: { dev: { start: "2024-01-02", end: "2024-01-31" } } });
 * assert(d.history_T === 20 && d.target_horizon === 1 && d.min_samples === 1000);
 * assert(d.scaler.method === "robust" && d.scaler.clip === null);
 * assert.throws(() => // overlapping ranges
 *   DatasetSectionSchema.parse({
 *     splits: {
 *       dev: { start: "2024-01-02", end: "2024-01-31" },
 *       val: { start: "2024-01-31", end: "2024-02-10" },
 *     },
 *   })
 * );
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, posInt, section } from "../schema_helpers.ts";
import { isIsoDate, splitRangeProblem } from "../../dataset/splits.ts";

const isoDate = () => z.string().refine(isIsoDate, "a real date YYYY-MM-DD");

const DateRangeSchema = section({
  start: isoDate().describe("first session date of the split, YYYY-MM-DD (inclusive)"),
  end: isoDate().describe("last session date of the split, YYYY-MM-DD (inclusive)"),
});

/** The `dataset.splits` section: inclusive date ranges that must not overlap. */
export const SplitsSchema = section({
  dev: DateRangeSchema.describe(
    "development (training) days; the scaler is fitted on these rows only",
  ),
  val: DateRangeSchema.optional().describe("validation days (scaled with the dev scaler)"),
  test: DateRangeSchema.optional().describe("test days (scaled with the dev scaler)"),
}).superRefine((splits, ctx) => {
  const p = splitRangeProblem(splits);
  if (p !== null) ctx.addIssue({ code: "custom", path: p.key.split("."), message: p.expected });
});

/** The `dataset.scaler` section. */
export const ScalerSectionSchema = section({
  method: oneOf(["robust", "standard"]).default("robust").describe(
    "robust: (x − median) / IQR, IQR = q75 − q25 by linear interpolation (numpy's default), " +
      "an IQR of 0 becomes 1; standard: (x − mean) / population std, a std of 0 becomes 1",
  ),
  clip: num({ gt: 0 }).nullable().default(null).describe(
    "clip scaled values to [−clip, clip] (e.g. 5); null = no clipping",
  ),
  regime_column: z.string().min(1).nullable().default(null).describe(
    "column of the feature files whose values split each symbol's statistics further " +
      "(null = per symbol only); rows with a null regime are left out",
  ),
});

/** The `dataset` section. */
export const DatasetSectionSchema = section({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, "a name of letters, digits, '.', '_' or '-'")
    .default("default").describe("dataset name: it is written to <out>/<name>/"),
  features_dir: z.string().min(1).default("data/features").describe(
    "feature store to read: <features_dir>/<symbol>/<date>.parquet (deno task features)",
  ),
  out: z.string().min(1).default("data/datasets").describe(
    "dataset root: <out>/<name>/ gets scaler.json, dataset.json and one folder per split",
  ),
  symbols: z.array(z.string().min(1)).default([]).describe(
    "symbols to include (folders of features_dir); [] = all",
  ),
  features: z.array(z.string().min(1)).min(1).nullable().default(null).describe(
    "feature columns, in this order; null = every column of the first file " +
      "except ts, symbol, date, mid and the regime column, in file order",
  ),
  history_T: posInt().max(100_000).default(20).describe(
    "rows per window T: windows are [N, T, F]",
  ),
  target_horizon: posInt().default(1).describe(
    "h, in rows: target y = ln(mid[t + h] / mid[t]) for a window's last row t; " +
      "windows whose t + h is past the end of the day are dropped",
  ),
  min_samples: int({ min: 0 }).default(1000).describe(
    "fewest windows a split may have; fewer is an error naming the split, its range and its count",
  ),
  scaler: ScalerSectionSchema.prefault({}).describe("feature scaling, fitted on dev only"),
  splits: SplitsSchema.describe("date ranges of the dev, val and test splits (inclusive)"),
  export: oneOf(["none", "npz"]).default("none").describe(
    "also write <out>/<name>/npz/<split>.npz (X [N, T, F] float32, y, ts, features) " +
      "and a copy of scaler.json for Python users (--export npz)",
  ),
});

/** Typed `dataset:` section. */
export type DatasetSection = z.infer<typeof DatasetSectionSchema>;
