/**
 * Builds a {@linkcode MarketEnv} from the `environment:` config: the market
 * backend it names, the feature list and the dev-fitted scaler (checked
 * against each other: a scaler fitted on other features fails naming both
 * layouts), and the episode window.
 * @module
 */

import { parseClockNs } from "../config/clock.ts";
import type { EnvironmentSection } from "../config/schemas/environment.ts";
import { UsageError } from "../core/errors.ts";
import { assertLayout } from "../dataset/layout.ts";
import { loadScaler } from "../dataset/scaler_file.ts";
import { DEFAULT_FEATURES } from "../features/names.ts";
import { asModelParamsFromConfig, asModelSteps } from "../sim/as_model/mod.ts";
import type { Market } from "./market.ts";
import { AbmMarket } from "./markets/abm_market.ts";
import { createReplayMarket, ReplayMarket } from "./markets/replay_market.ts";
import { loadReplayTape, type ReplayTape } from "./markets/replay_tape.ts";
import { AsModelVecEnv } from "./as_model_vec_env.ts";
import { VecEnv } from "./vec_env.ts";
import { type FeatureScaling, MarketEnv } from "./market_env.ts";
import { AsModelMarketBackend } from "./markets/as_model_market.ts";

/** Reads the dev-fitted scaler for `symbol` and checks its features. */
export async function loadFeatureScaling(
  path: string,
  features: readonly string[],
  symbol: string,
  T: number,
): Promise<FeatureScaling> {
  const { scaler } = await loadScaler(path);
  assertLayout({ features, T }, { features: scaler.features, T }, path);
  const bySymbol = scaler.stats[symbol];
  const stats = bySymbol?.all ?? (bySymbol === undefined ? undefined : Object.values(bySymbol)[0]);
  if (stats === undefined) {
    throw new UsageError(
      `${path}: the scaler has no statistics for symbol ${symbol} (it has: ${
        Object.keys(scaler.stats).join(", ")
      })`,
    );
  }
  return { center: Float64Array.from(stats.center), scale: Float64Array.from(stats.scale) };
}

/** The symbol a market trades (for the per-symbol scaler). */
function symbolOf(cfg: EnvironmentSection, market: Market): string {
  if (cfg.market === "abm") return cfg.abm.symbol;
  return market instanceof ReplayMarket ? market.tape.symbol : "SIM";
}

/** Options of {@linkcode createEnv}. */
export interface CreateEnvOptions {
  /** Symbol whose scaler statistics apply (default: the market's). */
  symbol?: string;
  /** A replay tape to share between environments (the day is parsed and replayed once). */
  tape?: ReplayTape;
}

/** Builds the environment a config describes. */
export async function createEnv(
  cfg: EnvironmentSection,
  opts: CreateEnvOptions = {},
): Promise<MarketEnv> {
  const decisionNs = cfg.decision_ms * 1e6;
  if (cfg.market === "as_model") {
    const a = cfg.as_model;
    const params = asModelParamsFromConfig(a.model);
    const market = new AsModelMarketBackend(params, a.tick, decisionNs);
    return new MarketEnv(cfg, market, {
      features: [],
      scaling: null,
      episodeStartNs: 0,
      steps: asModelSteps(params),
      date: cfg.date,
      minOffsetTicks: Math.round(a.min_offset / a.tick),
      maxOffsetTicks: Math.round(a.max_offset / a.tick),
    });
  }
  const market: Market = cfg.market === "abm"
    ? new AbmMarket(cfg.abm)
    : await createReplayMarket(cfg.replay, { tape: opts.tape });
  const features = cfg.features ?? DEFAULT_FEATURES;
  const scaling = cfg.scaler === null ? null : await loadFeatureScaling(
    cfg.scaler,
    features,
    opts.symbol ?? symbolOf(cfg, market),
    cfg.history_T,
  );
  return new MarketEnv(cfg, market, {
    features,
    scaling,
    episodeStartNs: parseClockNs(cfg.episode_start),
    steps: Math.round((cfg.episode_seconds * 1e9) / decisionNs),
    // Replay takes its date from its files.
    date: cfg.market === "replay"
      ? (market instanceof ReplayMarket ? market.tape.date : "")
      : cfg.date,
    minOffsetTicks: cfg.agents.min_offset_ticks,
    maxOffsetTicks: cfg.agents.max_offset_ticks,
    ...(market instanceof ReplayMarket
      ? {
        startJitterNs: cfg.replay.start_jitter_s * 1e9,
        dataSpan: {
          file: market.tape.file,
          firstNs: market.tape.firstNs,
          lastNs: market.tape.lastNs,
        },
      }
      : {}),
  });
}

/**
 * K environments of one config in lockstep: the typed-array fast path for the
 * AS-model market with one market maker, otherwise K {@linkcode MarketEnv}s
 * (replay environments share one tape).
 */
export async function createVecEnv(
  cfg: EnvironmentSection,
  K: number,
  opts: { fastPath?: boolean } = {},
): Promise<VecEnv | AsModelVecEnv> {
  const fast = cfg.market === "as_model" && cfg.agents.market_makers === 1 &&
    cfg.agents.market_takers === 0;
  if (fast && opts.fastPath !== false) return new AsModelVecEnv(cfg, K);
  const tape = cfg.market === "replay" ? await loadReplayTape(cfg.replay) : undefined;
  const envs: MarketEnv[] = [];
  for (let k = 0; k < K; k++) envs.push(await createEnv(cfg, { tape }));
  return new VecEnv(envs);
}
