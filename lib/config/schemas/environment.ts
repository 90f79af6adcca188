/**
 * Schema of `configs/environment.yaml`: the multi-agent market environment —
 * which market backs it, the episode, the learning agents and their action
 * bounds, latency, fees, rewards and risk limits. Prices in ticks unless a
 * key says dollars; sizes in lots; times as named.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "./environment.ts";
 * const env = EnvironmentSectionSchema.parse({});
 * assert.equal(env.market, "abm");
 * assert.equal(env.history_T, 20);
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, posInt, probability, section } from "../schema_helpers.ts";
import { AsModelSectionSchema } from "./as_model.ts";
import { clock } from "../clock.ts";
import { AbmMarketSectionSchema } from "./env_abm.ts";
import { ReplayMarketSectionSchema } from "./env_replay.ts";

/** The Avellaneda-Stoikov market as an environment backend. */
export const EnvAsModelSectionSchema = section({
  model: AsModelSectionSchema.prefault({}).describe(
    "the model's parameters (s0, horizon_T, sigma, dt, A, k, q0)",
  ),
  tick: num({ gt: 0 }).default(0.01).describe(
    "price units per tick: quotes are placed on this grid",
  ),
  min_offset: num({ min: 0 }).default(0).describe(
    "smallest quote distance from the mid (price units)",
  ),
  max_offset: num({ gt: 0 }).default(3).describe(
    "largest quote distance from the mid (price units)",
  ),
});

/** The `environment:` section. */
export const EnvironmentSectionSchema = section({
  market: oneOf(["abm", "replay", "as_model"]).default("abm").describe(
    "backend: abm (agent-based market, orders enter the live book), replay (recorded or simulated data with a queue model; the market does not react) or as_model (Avellaneda-Stoikov model market, for validation)",
  ),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD").default("2024-01-02").describe(
    "session date of agent-based episodes (replay takes the date from its files)",
  ),
  episode_start: clock().default("09:35:00").describe(
    "episode start, exchange local time (the agent-based market warms up from the open until then)",
  ),
  episode_seconds: num({ gt: 0 }).default(600).describe(
    "episode length (seconds); the as_model market uses horizon_T/dt steps instead",
  ),
  decision_ms: posInt().default(100).describe("decision interval (ms): one env step"),
  history_T: posInt().default(20).describe(
    "rows of market features in each observation (the dataset's T)",
  ),
  features: z.array(z.string()).nullable().default(null).describe(
    "market features in each observation row (null = the default 28; ignored by as_model, which has no book)",
  ),
  scaler: z.string().nullable().default(null).describe(
    "scaler JSON fitted on the dev split (deno task dataset); null = features unscaled",
  ),
  clip_features: num({ gt: 0 }).default(10).describe("scaled features are clipped to ±this"),
  agents: section({
    market_makers: int({ min: 0 }).default(1).describe("learning market makers"),
    market_takers: int({ min: 0 }).default(1).describe("learning market takers"),
    maker_action: oneOf(["offsets", "skew_spread"]).default("offsets").describe(
      "market-maker action form: bid/ask offsets, or reservation skew and half-spread (lib/env/action_mapping.ts)",
    ),
    min_offset_ticks: int({ min: 0 }).default(1).describe(
      "smallest quote offset from the mid (ticks)",
    ),
    max_offset_ticks: posInt().default(20).describe("largest quote offset from the mid (ticks)"),
    max_quote_size: posInt().default(100).describe("largest quote size per side (lots)"),
    max_order_size: posInt().default(100).describe("largest taker order (lots)"),
  }).prefault({}).describe("learning agents and their action bounds"),
  latency: section({
    order_ns: int({ min: 0 }).default(100_000).describe(
      "an action decided at t reaches the exchange at t + order_ns",
    ),
    cancel_ns: int({ min: 0 }).default(100_000).describe(
      "cancels reach the exchange after cancel_ns",
    ),
    feed_ns: int({ min: 0 }).default(100_000).describe(
      "observations show the market as of t − feed_ns",
    ),
  }).prefault({}).describe("the learning agents' latencies"),
  fees: section({
    maker_bps: num().default(-0.2).describe(
      "fee on passive fills, basis points of notional (negative = rebate)",
    ),
    taker_bps: num().default(0.3).describe("fee on aggressive fills, basis points of notional"),
  }).prefault({}).describe("exchange fees"),
  rewards: section({
    inventory_penalty: num({ min: 0 }).default(0.0001).describe(
      "inventory penalty coefficient φ (dollars per step): φ·q² when quadratic, φ·|q| when running",
    ),
    inventory_penalty_kind: oneOf(["quadratic", "running"]).default("quadratic").describe(
      "quadratic (φ·q² per step) or running (φ·|q| per step)",
    ),
    risk_penalty: num({ min: 0 }).default(0).describe(
      "risk penalty per step: this × the current drawdown from the episode's PnL peak (dollars)",
    ),
    team_weight: probability().default(0).describe(
      "reward blend: (1 − w)·own + w·mean of all learning agents (0 = competitive, 1 = fully cooperative)",
    ),
    scale: num({ gt: 0 }).default(1).describe(
      "rewards are divided by this (dollars per reward unit)",
    ),
  }).prefault({}).describe("reward terms (each reported separately in infos)"),
  risk: section({
    max_inventory: posInt().default(500).describe(
      "orders that would take |inventory| beyond this are cut down (lots)",
    ),
    max_notional: num({ gt: 0 }).default(1_000_000).describe(
      "orders that would take |inventory|·price beyond this are cut (dollars)",
    ),
    loss_limit: num({ gt: 0 }).default(10_000).describe(
      "an agent whose PnL falls below −loss_limit is terminated (dollars)",
    ),
    max_orders_per_step: posInt().default(10).describe(
      "order-rate limit: requests beyond this per step are dropped",
    ),
    liquidation_cost_bps: num({ min: 0 }).default(5).describe(
      "inventory left at the end is liquidated at the mid ∓ this (bps)",
    ),
  }).prefault({}).describe("risk controls"),
  abm: AbmMarketSectionSchema.prefault({}).describe(
    "the abm backend: the agent-based market and its population",
  ),
  replay: ReplayMarketSectionSchema.prefault({}).describe(
    "the replay backend: which files, queue and impact models",
  ),
  as_model: EnvAsModelSectionSchema.prefault({}).describe("the as_model backend"),
});

/** Typed `environment:` section. */
export type EnvironmentSection = z.infer<typeof EnvironmentSectionSchema>;

/** The whole file. */
export const EnvironmentConfigSchema = section({
  environment: EnvironmentSectionSchema.prefault({}).describe("the multi-agent market environment"),
});

/** Typed `configs/environment.yaml`. */
export type EnvironmentConfig = z.infer<typeof EnvironmentConfigSchema>;
