/**
 * Schema of the replay market's section (`environment.replay` in
 * `configs/environment.yaml`): which LOBSTER files to replay (recorded data,
 * or simulated days written by `deno task simulate` under
 * `data/sim/<symbol>/<date>/`) and how the learning agents' virtual orders are
 * matched against the replayed flow (queue-position model, market impact of
 * aggressive orders, what happens beyond the visible depth). The market itself
 * is `lib/env/markets/replay_market.ts`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ReplayMarketSectionSchema } from "./env_replay.ts";
 * const s = ReplayMarketSectionSchema.parse({ message_file: "m.csv" });
 * assert(s.orderbook_file === "auto" && s.tick_size === 100 && s.levels === 5);
 * assert(s.queue_model === "conservative" && s.queue_power === 2);
 * assert(s.impact.model === "sqrt" && s.impact.coefficient === 1 && s.beyond_depth === "fill");
 * assert.equal(s.start_jitter_s, 0);
 * assert.throws(() => ReplayMarketSectionSchema.parse({ message_file: "m.csv", queue: "x" }));
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, posInt, section } from "../schema_helpers.ts";

/** Queue-position models of the replay market. */
export const REPLAY_QUEUE_MODELS = ["conservative", "probabilistic"] as const;
/** Market-impact models for the agents' aggressive orders. */
export const REPLAY_IMPACT_MODELS = ["none", "linear", "sqrt"] as const;
/** What an aggressive order does with the size beyond the visible depth. */
export const REPLAY_BEYOND_DEPTH = ["fill", "reject"] as const;

/** The `impact` sub-section. */
export const ReplayImpactSchema = section({
  model: oneOf(REPLAY_IMPACT_MODELS).default("sqrt").describe(
    "impact added to an aggressive order's average price: none; linear Δp = η·q ticks; " +
      "sqrt Δp = η·σ·√(q/V) ticks, σ and V estimated from the replayed data seen so far",
  ),
  coefficient: num({ min: 0 }).default(1).describe(
    "η: ticks per lot (linear) or the dimensionless square-root-law prefactor (sqrt, ≈ 1 in the literature)",
  ),
});

/** The replay market's section (the lead mounts it as `environment.replay`). */
export const ReplayMarketSectionSchema = section({
  message_file: z.string().min(1).default(
    "../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv",
  ).describe(
    "LOBSTER message file (TICKER_DATE_START_END_message_LEVEL.csv), real or simulated; relative paths are from the working folder",
  ),
  orderbook_file: z.string().min(1).default("auto").describe(
    'LOBSTER orderbook file the replay checks every row against; "auto" = the matching file beside the message file if present, "none" = replay the messages unchecked',
  ),
  tick_size: posInt().default(100).describe(
    "price units (dollars × 10,000) per tick; 100 = one cent",
  ),
  levels: int({ min: 1, max: 50 }).default(5).describe(
    "book levels per side in the grid rows and walked by aggressive orders (capped at the file's levels)",
  ),
  queue_model: oneOf(REPLAY_QUEUE_MODELS).default("conservative").describe(
    "queue position of a resting agent order: conservative = always last (only executions at its price advance it); probabilistic = cancels at its price also advance it, by c·f(ahead)/(f(ahead)+f(behind))",
  ),
  queue_power: num({ gt: 0 }).default(2).describe(
    "n in f(x) = x^n of the probabilistic queue model (hftbacktest's PowerProbQueueModel)",
  ),
  impact: ReplayImpactSchema.prefault({}).describe(
    "market impact of aggressive agent orders (on their own average price only; the replay does not move)",
  ),
  beyond_depth: oneOf(REPLAY_BEYOND_DEPTH).default("fill").describe(
    "size of an aggressive order beyond the visible levels: fill = at the last visible level's price plus impact; reject = cancelled",
  ),
  start_jitter_s: num({ min: 0 }).default(0).describe(
    "seeded episode start (seconds): each reset starts the episode on the decision grid, drawn uniformly in [episode_start, episode_start + this] from the reset seed, kept inside the data; 0 = always episode_start",
  ),
});

/** Typed replay market section. */
export type ReplayMarketSection = z.infer<typeof ReplayMarketSectionSchema>;
/** The section as written in YAML (defaults not yet filled in). */
export type ReplayMarketSectionInput = z.input<typeof ReplayMarketSectionSchema>;
