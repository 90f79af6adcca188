/**
 * Schema of `configs/features.yaml` (`deno task features`): which features to
 * compute from the interim store, their windows and parameters, and where to
 * read and write. The features themselves are defined in `lib/features/`
 * (`deno task features --list` prints the table).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { FeaturesConfigSchema } from "./features.ts";
 * const cfg = FeaturesConfigSchema.parse({});
 * assert.equal(cfg.features.list.length, 28);
 * assert.equal(cfg.features.depth_levels, 5);
 * assert.throws(() => FeaturesConfigSchema.parse({ features: { list: ["sma_0"] } }));
 * ```
 * @module
 */

import { z } from "zod";
import { closestMatch } from "../../core/suggest.ts";
import { DEFAULT_FEATURES, isFeatureName, knownFeatureNames } from "../../features/names.ts";
import { int, num, posInt, section } from "../schema_helpers.ts";
import { clock, parseClockNs } from "../clock.ts";

/** Seconds after midnight of a validated clock time "HH:MM:SS". */
export function clockSeconds(text: string): number {
  return parseClockNs(text) / 1e9;
}

const featureList = () =>
  z.array(z.string()).min(1).superRefine((names, ctx) => {
    const seen = new Set<string>();
    names.forEach((name, i) => {
      if (!isFeatureName(name)) {
        const hint = closestMatch(name, knownFeatureNames());
        ctx.addIssue({
          code: "custom",
          path: [i],
          message: `a feature name (deno task features --list)${
            hint === undefined ? "" : `; did you mean "${hint}"?`
          }`,
        });
      } else if (seen.has(name)) {
        ctx.addIssue({ code: "custom", path: [i], message: "each feature once (listed twice)" });
      }
      seen.add(name);
    });
  });

/** The `features:` section. */
export const FeaturesSectionSchema = section({
  input: z.string().min(1).default("data/interim").describe(
    "interim store to read: <input>/<symbol>/<date>.parquet (written by deno task ingest)",
  ),
  output: z.string().min(1).default("data/features").describe(
    "feature store to write: <output>/<symbol>/<date>.parquet and <output>/features.json (the feature metadata)",
  ),
  symbols: z.array(z.string().regex(/^[A-Za-z0-9.-]+$/, "a ticker of letters, digits, '.' or '-'"))
    .default([]).describe("symbols to process; [] = every symbol folder under input"),
  list: featureList().default([...DEFAULT_FEATURES]).describe(
    "features to compute, in column order: registered names (deno task features --list) or log_return_<k>, return_<k>, realized_vol_<n>, hl_vol_<n>, sma_<n>, ema_<n> with any k, n ≥ 1 (n ≥ 2 for realized_vol); default: the 28 market features of the original design",
  ),
  windows: section({
    fast: posInt().default(10).describe("fast window (rows): ofi_rolling sums ofi over it"),
    rsi: int({ min: 2, max: 10_000 }).default(14).describe(
      "RSI period P (rows); Wilder's smoothing α = 1/P",
    ),
  }).prefault({}).describe(
    "window lengths not given by a feature's name (rows of the decision grid)",
  ),
  depth_levels: int({ min: 1, max: 200 }).default(5).describe(
    "L, the book levels depth_imbalance sums (capped at the levels in the data, with a note)",
  ),
  session: section({
    open: clock().default("09:30:00").describe("session open, exchange local time HH:MM:SS"),
    close: clock().default("16:00:00").describe(
      "session close, exchange local time HH:MM:SS (after open)",
    ),
  }).refine((s) => clockSeconds(s.close) > clockSeconds(s.open), {
    message: "close after open",
    path: ["close"],
  }).prefault({}).describe("session hours for time_since_open"),
  tick_size: num({ gt: 0 }).default(0.01).describe(
    "tick size in dollars where the data's tick_size column is missing or null (spread_rel; snapping mids to the half-tick grid)",
  ),
  decision_ms: int({ min: 1, max: 3_600_000 }).optional().describe(
    "grid step (ms) for trade_intensity and cancel_intensity; default: inferred per symbol-day as the smallest step between grid times",
  ),
});

/** The whole file. */
export const FeaturesConfigSchema = section({
  features: FeaturesSectionSchema.prefault({}).describe(
    "the feature stage: interim store → feature store",
  ),
});

/** Typed `configs/features.yaml`. */
export type FeaturesConfig = z.infer<typeof FeaturesConfigSchema>;
/** Typed `features:` section. */
export type FeaturesSection = z.infer<typeof FeaturesSectionSchema>;
