/**
 * What a baseline needs to know about the environment it will act in besides
 * each step's {@linkcode AgentView}: its agent and role, the env's action maps
 * (baselines decide in ticks and lots and encode into [−1, 1] through them),
 * the market (so that a strategy can read the Avellaneda-Stoikov model's own
 * parameters), and optional data such as an intraday volume curve.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { createEnv } from "../env/make_env.ts";
 * import { baselineContext } from "./context.ts";
 * const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model" }));
 * const ctx = baselineContext(env, "taker_0");
 * assert.equal(ctx.role, "market_taker");
 * assert.equal(ctx.takerMap, env.takerMap);
 * ```
 * @module
 */

import type { MakerActionMap, TakerActionMap } from "../env/action_mapping.ts";
import type { Market } from "../env/market.ts";
import type { MarketEnv, Role } from "../env/market_env.ts";
import type { VolumeCurve } from "./volume_curve.ts";

/** The environment facts a baseline is built from. */
export interface BaselineContext {
  /** Agent name (also names the random policy's stream). */
  agent: string;
  role: Role;
  makerMap: MakerActionMap;
  takerMap: TakerActionMap;
  /** The market behind the env, or null when unknown. */
  market: Market | null;
  /** Intraday volume curve for VWAP (default: the U-shaped default). */
  volumeCurve?: VolumeCurve;
}

/** The context of `agent` in `env`. */
export function baselineContext(
  env: MarketEnv,
  agent: string,
  extra: { volumeCurve?: VolumeCurve } = {},
): BaselineContext {
  return {
    agent,
    role: env.role(agent),
    makerMap: env.makerMap,
    takerMap: env.takerMap,
    market: env.market,
    ...extra,
  };
}
