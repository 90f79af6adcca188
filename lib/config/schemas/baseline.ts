/**
 * Schema of the `baseline:` section read by `deno task baseline` (next to the
 * `environment:` section of `configs/environment.yaml`; the section may be
 * left out, every key has a default, and the command's flags set the common
 * ones): which strategy, how many episodes from which seed, the strategy's
 * parameters, the other role's agents, the parent order of the execution
 * strategies and the VWAP volume curve.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BaselineRunConfigSchema } from "./baseline.ts";
 * const cfg = BaselineRunConfigSchema.parse({ baseline: { strategy: "twap", parent_order: { side: "sell" } } });
 * assert.equal(cfg.baseline.episodes, 100);
 * assert.equal(cfg.baseline.parent_order.size, 100);
 * assert.equal(cfg.environment.market, "abm");
 * assert.throws(() => BaselineRunConfigSchema.parse({ baseline: { strategy: "twap", episode: 3 } }));
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, posInt, section } from "../schema_helpers.ts";
import { EnvironmentConfigSchema } from "./environment.ts";

const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
const CLOCK = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, "a clock time HH:MM:SS");
const PARAM = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** The `baseline:` section. */
export const BaselineSectionSchema = section({
  strategy: z.string().min(1).default("avellaneda-stoikov").describe(
    "strategy run by every learning agent of its role (deno task baseline --list shows the names and parameters)",
  ),
  episodes: posInt().default(100).describe("episodes to run; episode i uses seed + i"),
  seed: int().default(1).describe("seed of the first episode"),
  params: z.record(z.string(), PARAM).default({}).describe(
    "the strategy's parameters by name (snake_case, e.g. gamma: 0.1); unset ones take their defaults",
  ),
  counterpart: z.string().min(1).default("none").describe(
    'the other role\'s agents: "none" sets their count to 0 (the strategy trades alone against the market), or a strategy name (e.g. random) run by each of them',
  ),
  counterpart_params: z.record(z.string(), PARAM).default({}).describe(
    "the counterpart's parameters by name",
  ),
  parent_order: section({
    side: oneOf(["buy", "sell"]).default("buy").describe("side of the parent order"),
    size: posInt().default(100).describe("parent order size, lots"),
    horizon_seconds: num({ gt: 0 }).nullable().default(null).describe(
      "seconds from the episode start to complete it in (null = the whole episode)",
    ),
    aggressive: z.boolean().default(true).describe(
      "slices as market orders (true) or passive limits at the own best quote (false)",
    ),
  }).prefault({}).describe(
    "the parent order of the execution strategies (twap, vwap, pov); params override it",
  ),
  volume_curve: section({
    interim: z.string().nullable().default(null).describe(
      "interim store root (data/interim) to estimate the VWAP curve from; null = the U-shaped default curve",
    ),
    symbol: z.string().min(1).default("SIM").describe("symbol whose trade_volume is read"),
    dev_start: DATE.nullable().default(null).describe(
      "first date of the dev split (required with interim)",
    ),
    dev_end: DATE.nullable().default(null).describe(
      "last date of the dev split (required with interim)",
    ),
    buckets: posInt().default(13).describe("time-of-day buckets between the open and the close"),
    session_open: CLOCK.default("09:30:00").describe("session open, exchange local time"),
    session_close: CLOCK.default("16:00:00").describe("session close, exchange local time"),
  }).prefault({}).describe("intraday volume curve of the vwap strategy"),
  write_steps: z.boolean().default(true).describe(
    "write steps.parquet (one row per agent and step) besides episodes.parquet",
  ),
});

/** Typed `baseline:` section. */
export type BaselineSection = z.infer<typeof BaselineSectionSchema>;

/** What `deno task baseline` reads: the environment file's sections plus `baseline:`. */
export const BaselineRunConfigSchema = EnvironmentConfigSchema.extend({
  baseline: BaselineSectionSchema.prefault({}).describe("the baseline run"),
});

/** Typed config of `deno task baseline`. */
export type BaselineRunConfig = z.infer<typeof BaselineRunConfigSchema>;
