/**
 * The feature pipeline: every feature defined once (registry entry, polars
 * expression, online form), the stage as functions on polars frames, the
 * `deno task features` job, and the online calculator the environment uses.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { DEFAULT_FEATURES, featureTableMarkdown } from "./mod.ts";
 * assert.equal(DEFAULT_FEATURES.length, 28);
 * assert(featureTableMarkdown().startsWith("| feature"));
 * ```
 * @module
 */

export * from "./types.ts";
export * from "./base.ts";
export * from "./base_series.ts";
export * from "./kernels.ts";
export * from "./columnar.ts";
export * from "./book.ts";
export * from "./returns.ts";
export * from "./volatility.ts";
export * from "./order_flow.ts";
export * from "./technical.ts";
export * from "./time.ts";
export * from "./names.ts";
export * from "./registry.ts";
export * from "./pipeline.ts";
export * from "./numeric.ts";
export * from "./online_row.ts";
export * from "./online.ts";
export * from "./synthetic.ts";
export * from "./bench.ts";
export * from "./job.ts";
