/**
 * Schema of the `abides:` section of `configs/data.yaml`: the agent-based
 * background market's population and parameters. The default population is
 * sized like ABIDES's RMSC04 (1,000 noise, 100 value, 12 momentum agents and
 * 2 market makers). Prices in ticks, times in seconds or nanoseconds as named.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AbidesSectionSchema } from "./abides.ts";
 * const cfg = AbidesSectionSchema.parse({});
 * assert.equal(cfg.noise.count, 1000);
 * assert.equal(cfg.market_makers.count, 2);
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, posInt, probability, section } from "../schema_helpers.ts";

/** `min_size` and `max_size` keys with the given defaults (lots). */
function sizeRange(min: number, max: number) {
  return {
    min_size: posInt().default(min).describe("smallest order size (lots)"),
    max_size: posInt().default(max).describe("largest order size (lots)"),
  };
}

/** Latency between agents and the exchange. */
export const LatencySectionSchema = section({
  model: oneOf(["constant", "jittered"]).default("constant").describe(
    "constant: every message takes place_ns/modify_ns/cancel_ns/other_ns; jittered: those plus clipped log-normal jitter",
  ),
  place_ns: int({ min: 0 }).default(100_000).describe("one-way latency of a new order (ns)"),
  modify_ns: int({ min: 0 }).default(100_000).describe("one-way latency of a modify (ns)"),
  cancel_ns: int({ min: 0 }).default(100_000).describe("one-way latency of a cancel (ns)"),
  other_ns: int({ min: 0 }).default(100_000).describe(
    "one-way latency of market data and exchange responses (ns)",
  ),
  jitter_median_ns: int({ min: 1 }).default(20_000).describe(
    "jittered: median of the log-normal jitter (ns)",
  ),
  jitter_sigma: num({ min: 0, max: 5 }).default(0.5).describe(
    "jittered: log-scale standard deviation of the jitter",
  ),
  max_ns: int({ min: 0 }).default(5_000_000).describe("jittered: largest delay (ns)"),
});

/** The `abides:` section. */
export const AbidesSectionSchema = section({
  start_price_ticks: posInt().default(22_000).describe(
    "opening price and the fundamental's long-run mean r̄ (ticks)",
  ),
  intraday_u: probability().default(0.6).describe(
    "strength a of the U-shaped intraday profile of noise and value traders' arrivals: density 1 + a·(12(u − ½)² − 1) over the session fraction u (0 = flat)",
  ),
  latency: LatencySectionSchema.prefault({}).describe(
    "agent ↔ exchange latency",
  ),
  fundamental: section({
    kappa_per_s: num({ min: 0 }).default(1e-4).describe(
      "mean-reversion speed κ of the fundamental (per second)",
    ),
    sigma_ticks_per_sqrt_s: num({ min: 0 }).default(5).describe(
      "diffusion σ of the fundamental (ticks per √s)",
    ),
    shock_interval_s: num({ gt: 0 }).nullable().default(3600).describe(
      "mean time between megashocks (seconds; null = no shocks)",
    ),
    shock_sd_ticks: num({ min: 0 }).default(20).describe(
      "standard deviation of one megashock (ticks)",
    ),
  }).prefault({}).describe(
    "mean-reverting fundamental with jumps (ABIDES SparseMeanRevertingOracle)",
  ),
  noise: section({
    count: int({ min: 0 }).default(1000).describe("number of noise traders"),
    wakeups: posInt().default(1).describe(
      "arrivals per trader per session, at random times drawn from the intraday profile",
    ),
    ...sizeRange(20, 50),
    compute_delay_ns: int({ min: 0 }).default(0).describe(
      "reaction time added to every message sent (ns)",
    ),
  }).prefault({}).describe("uninformed traders sending marketable orders of random side"),
  value: section({
    count: int({ min: 0 }).default(100).describe("number of value traders"),
    mean_interval_s: num({ gt: 0 }).default(60).describe(
      "mean time between a trader's arrivals (seconds; arrivals are a Poisson process)",
    ),
    obs_noise_sd_ticks: num({ min: 0 }).default(10).describe(
      "standard deviation of one observation of the fundamental (ticks)",
    ),
    percent_aggressive: probability().default(0.1).describe(
      "probability of pricing at the touch (crossing)",
    ),
    depth_spread: num({ min: 0 }).default(2).describe(
      "passive orders go up to this many spreads behind the touch",
    ),
    ...sizeRange(20, 100),
    compute_delay_ns: int({ min: 0 }).default(0).describe("reaction time (ns)"),
  }).prefault({}).describe("informed traders with a noisy view of the fundamental"),
  momentum: section({
    count: int({ min: 0 }).default(12).describe("number of momentum traders"),
    wake_interval_s: num({ gt: 0 }).default(20).describe("seconds between looks at the market"),
    short_window: posInt().default(20).describe("short moving average (observations)"),
    long_window: posInt().default(50).describe("long moving average (observations)"),
    ...sizeRange(1, 10),
    compute_delay_ns: int({ min: 0 }).default(0).describe("reaction time (ns)"),
  }).prefault({}).describe("trend followers on a moving-average crossover"),
  market_makers: section({
    count: int({ min: 0 }).default(2).describe("number of market makers"),
    wake_interval_s: num({ gt: 0 }).default(1).describe("seconds between quote updates"),
    levels: posInt().default(10).describe("quote levels per side"),
    level_spacing_ticks: posInt().default(1).describe("ticks between ladder levels"),
    pov: num({ min: 0, max: 1 }).default(0.025).describe(
      "share of recent market volume quoted per side",
    ),
    min_order_size: posInt().default(50).describe("smallest size per level (lots)"),
    skew_beta: num({ min: 0 }).default(0.002).describe("centre shift per lot of inventory (ticks)"),
    min_half_spread_ticks: posInt().default(10).describe(
      "narrowest half-width of the inside quotes (ticks)",
    ),
    spread_alpha: probability().default(0.75).describe(
      "weight of the newest observed spread in its moving average",
    ),
    backstop_qty: int({ min: 0 }).default(200).describe("extra size at the outermost level (lots)"),
    compute_delay_ns: int({ min: 0 }).default(0).describe("reaction time (ns)"),
  }).prefault({}).describe("adaptive ladder market makers with inventory skew"),
});

/** Typed `abides:` section. */
export type AbidesSection = z.infer<typeof AbidesSectionSchema>;
