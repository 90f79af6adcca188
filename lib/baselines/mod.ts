/**
 * Classical baseline strategies, each a {@linkcode Policy} with the same
 * interface as a learned one (so they run in the same environment and the
 * same evaluation), deciding in ticks and lots and encoding their decisions
 * into [−1, 1] through the env's action maps. Market makers:
 * Avellaneda-Stoikov, Guéant-Lehalle-Fernandez-Tapia, fixed spread, random.
 * Market takers: TWAP, VWAP, POV, momentum, mean reversion, a technical rule
 * (moving-average crossover with an RSI filter), random, buy-and-hold. Each
 * file cites its source; `registry.ts` builds them by name.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { createEnv } from "../env/make_env.ts";
 * import { runEpisodes } from "../env/rollout.ts";
 * import { baselineContext, createBaseline } from "./mod.ts";
 * const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model", agents: { market_takers: 0 } }));
 * const policies = { mm_0: createBaseline("avellaneda-stoikov", baselineContext(env, "mm_0")) };
 * const [episode] = runEpisodes(env, policies, [1]);
 * assert.equal(episode.steps, 200);
 * assert(Number.isFinite(episode.agents.mm_0.finalPnl));
 * ```
 * @module
 */

export * from "./context.ts";
export * from "./registry.ts";
export * from "./avellaneda_stoikov.ts";
export * from "./gueant_lehalle_fernandez_tapia.ts";
export * from "./fixed_spread.ts";
export * from "./random.ts";
export * from "./twap.ts";
export * from "./vwap.ts";
export * from "./pov.ts";
export * from "./volume_curve.ts";
export * from "./momentum.ts";
export * from "./mean_reversion.ts";
export * from "./technical.ts";
export * from "./buy_and_hold.ts";
export type { ParentOrder } from "./_taker.ts";
export * from "./avellaneda_stoikov_batch.ts";
