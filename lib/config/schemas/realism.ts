/**
 * Schema of `configs/realism.yaml` (`deno task realism`): which simulated and
 * real sessions to compare and the clocks of the stylized facts.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { RealismConfigSchema } from "./realism.ts";
 * const cfg = RealismConfigSchema.parse({});
 * assert(cfg.realism.bar_seconds === 60 && cfg.realism.acf_lags === 20);
 * assert.deepEqual(cfg.realism.real, ["../shared/data/lobster"]);
 * ```
 * @module
 */

import { z } from "zod";
import { int, posInt, section } from "../schema_helpers.ts";

/** The `realism:` section. */
export const RealismSectionSchema = section({
  sim: z.array(z.string().min(1)).default(["data/sim"]).describe(
    "simulated sessions: folders (searched recursively for LOBSTER message/orderbook pairs, e.g. a deno task simulate output) or message files",
  ),
  real: z.array(z.string().min(1)).default(["../shared/data/lobster"]).describe(
    "real LOBSTER data: folders (searched recursively) or message files; pairs without an orderbook file are skipped (the book before the file starts is unknown)",
  ),
  tick_size: posInt().default(100).describe(
    "price units (dollars × 10,000) per tick; 100 = one cent",
  ),
  bar_seconds: int({ min: 1, max: 3600 }).default(60).describe(
    "bar length for returns, volumes and their ACF (s)",
  ),
  acf_lags: int({ min: 1, max: 500 }).default(20).describe(
    "autocorrelations at lags 1…acf_lags (bars)",
  ),
  bucket_minutes: int({ min: 1, max: 1440 }).default(30).describe(
    "intraday pattern bucket (minutes from the session open)",
  ),
  quote_sample_ms: int({ min: 1, max: 3_600_000 }).default(1000).describe(
    "sampling step of the spread and depth at the best quotes (ms; time-weighted, not per event)",
  ),
});

/** The whole file. */
export const RealismConfigSchema = section({
  realism: RealismSectionSchema.prefault({}).describe(
    "stylized facts of simulated vs real data: deno task realism",
  ),
});

/** Typed `configs/realism.yaml`. */
export type RealismConfig = z.infer<typeof RealismConfigSchema>;
