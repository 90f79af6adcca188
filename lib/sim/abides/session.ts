/**
 * One session of the agent-based market: builds the kernel, the exchange and
 * the population from the `abides:` config, runs it, and returns the book's
 * changes as a {@linkcode SimulatedSession}.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AbidesSectionSchema } from "../../config/schemas/abides.ts";
 * import { simulateAbidesSession } from "./session.ts";
 * const params = AbidesSectionSchema.parse({ noise: { count: 50, wakeups: 1, min_size: 1, max_size: 5, compute_delay_ns: 0 } });
 * const s = simulateAbidesSession({ symbol: "SIM", date: "2024-01-02", dayIndex: 0, seed: 1, sessionStartNs: 34_200e9, sessionEndNs: 34_500e9, tickSize: 100 }, params);
 * assert(s.events.count > 0 && s.messagesProcessed > s.events.count);
 * ```
 * @module
 */

import type { AbidesSection } from "../../config/schemas/abides.ts";
import { ConstantLatency } from "../latency/constant.ts";
import { JitteredLatency } from "../latency/jittered.ts";
import { PerRequestLatency } from "../latency/per_request.ts";
import type { LatencyModel } from "../latency/latency_model.ts";
import { ExchangeAgent } from "../kernel/exchange_agent.ts";
import { Kernel, type KernelStats } from "../kernel/kernel.ts";
import type { Rng } from "../../core/rng.ts";
import type { SessionSpec, SimulatedSession } from "../session.ts";
import { MeanRevertingFundamental } from "./fundamental.ts";
import { MarketMakerAgent } from "./market_maker_agent.ts";
import { MomentumAgent } from "./momentum_agent.ts";
import { NoiseAgent } from "./noise_agent.ts";
import { ValueAgent } from "./value_agent.ts";

/** Where and when a session runs. */
export interface SessionArgs extends SessionSpec {
  /** First order id the kernel hands out (default 1; the environment continues ids across episodes). */
  firstOrderId?: number;
  /** Record the book's changes at the exchange (default true). */
  recordEvents?: boolean;
}

/** Builds the latency model a config asks for. */
export function buildLatency(cfg: AbidesSection["latency"], rng: Rng): LatencyModel {
  const make = (ns: number, name: string): LatencyModel =>
    cfg.model === "constant" ? new ConstantLatency(ns) : new JitteredLatency(
      {
        baseNs: ns,
        medianJitterNs: cfg.jitter_median_ns,
        sigma: cfg.jitter_sigma,
        maxNs: Math.max(ns, cfg.max_ns),
      },
      rng.derive(`latency/${name}`),
    );
  return new PerRequestLatency({
    place: make(cfg.place_ns, "place"),
    modify: make(cfg.modify_ns, "modify"),
    cancel: make(cfg.cancel_ns, "cancel"),
    other: make(cfg.other_ns, "other"),
  });
}

/** The kernel with its exchange and population, ready to run. */
export interface AbidesMarket {
  kernel: Kernel;
  exchange: ExchangeAgent;
}

/** Builds the market for one session (without running it). */
export function buildAbidesMarket(args: SessionArgs, cfg: AbidesSection): AbidesMarket {
  const kernel = new Kernel({
    seed: args.seed,
    startNs: args.sessionStartNs,
    endNs: args.sessionEndNs,
    firstOrderId: args.firstOrderId,
  });
  const latencyRng = kernel.stream("latency");
  (kernel as { latency: LatencyModel }).latency = buildLatency(cfg.latency, latencyRng);
  const exchange = kernel.addAgent(
    new ExchangeAgent([args.symbol], { recordEvents: args.recordEvents ?? true }),
  );
  const f = cfg.fundamental;
  const fundamental = new MeanRevertingFundamental(
    {
      meanTicks: cfg.start_price_ticks,
      kappaPerS: f.kappa_per_s,
      sigmaTicksPerSqrtS: f.sigma_ticks_per_sqrt_s,
      shockRatePerS: f.shock_interval_s === null ? 0 : 1 / f.shock_interval_s,
      shockSdTicks: f.shock_sd_ticks,
    },
    args.sessionStartNs,
    kernel.stream("fundamental"),
  );
  const mm = cfg.market_makers;
  for (let i = 0; i < mm.count; i++) {
    const a = kernel.addAgent(
      new MarketMakerAgent(`market_maker/${i}`, {
        wakeIntervalS: mm.wake_interval_s,
        levels: mm.levels,
        levelSpacingTicks: mm.level_spacing_ticks,
        pov: mm.pov,
        minOrderSize: mm.min_order_size,
        skewBeta: mm.skew_beta,
        spreadAlpha: mm.spread_alpha,
        minHalfSpreadTicks: mm.min_half_spread_ticks,
        backstopQty: mm.backstop_qty,
        openingPriceTicks: cfg.start_price_ticks,
      }),
    );
    a.computeDelayNs = mm.compute_delay_ns;
  }
  const v = cfg.value;
  for (let i = 0; i < v.count; i++) {
    const a = kernel.addAgent(
      new ValueAgent(`value/${i}`, {
        arrivalRatePerS: 1 / v.mean_interval_s,
        obsNoiseSdTicks: v.obs_noise_sd_ticks,
        percentAggressive: v.percent_aggressive,
        depthSpread: v.depth_spread,
        intradayU: cfg.intraday_u,
        minSize: v.min_size,
        maxSize: v.max_size,
      }, fundamental),
    );
    a.computeDelayNs = v.compute_delay_ns;
  }
  const m = cfg.momentum;
  for (let i = 0; i < m.count; i++) {
    const a = kernel.addAgent(
      new MomentumAgent(`momentum/${i}`, {
        wakeIntervalS: m.wake_interval_s,
        shortWindow: m.short_window,
        longWindow: m.long_window,
        minSize: m.min_size,
        maxSize: m.max_size,
      }),
    );
    a.computeDelayNs = m.compute_delay_ns;
  }
  const n = cfg.noise;
  for (let i = 0; i < n.count; i++) {
    const a = kernel.addAgent(
      new NoiseAgent(`noise/${i}`, {
        wakeups: n.wakeups,
        intradayU: cfg.intraday_u,
        minSize: n.min_size,
        maxSize: n.max_size,
      }),
    );
    a.computeDelayNs = n.compute_delay_ns;
  }
  return { kernel, exchange };
}

/** Runs one session and returns its book changes. */
export function simulateAbidesSession(
  args: SessionArgs,
  cfg: AbidesSection,
): SimulatedSession & { stats: KernelStats } {
  const { kernel, exchange } = buildAbidesMarket(args, cfg);
  const stats = kernel.run();
  return {
    symbol: args.symbol,
    date: args.date,
    tickSize: args.tickSize,
    sessionStartNs: args.sessionStartNs,
    sessionEndNs: args.sessionEndNs,
    events: exchange.events(0)!,
    messagesProcessed: stats.messages,
    stats,
  };
}
