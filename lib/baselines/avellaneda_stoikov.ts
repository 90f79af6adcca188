/**
 * The Avellaneda-Stoikov market maker: M. Avellaneda and S. Stoikov,
 * "High-frequency trading in a limit order book", Quantitative Finance 8(3),
 * 217–224 (2008), section 3.3, eqs. (29)–(30) (the paper's "inventory
 * strategy", its Table 1). At time t, with mid s, inventory q (lots) and
 * T − t = timeLeft × T:
 *
 * - reservation price r = s − q·γ·σ²·(T − t);
 * - total spread δᵃ + δᵇ = γσ²(T − t) + (2/γ)·ln(1 + γ/k);
 * - bid r − spread/2 and ask r + spread/2, i.e. distances from the mid
 *   δᵇ = spread/2 + q·γσ²(T − t), δᵃ = spread/2 − q·γσ²(T − t),
 *
 * each divided by the tick size and written through the env's
 * {@linkcode MakerActionMap} (offsets outside the map's bounds are clipped to
 * them, e.g. a negative offset to the smallest one). Units: s, r, δ in price
 * units (dollars); γ and k per price unit; σ in price units per √(time unit);
 * T in time units. On the Avellaneda-Stoikov model market the registry passes
 * the model's own σ, k and T (its time unit); elsewhere k defaults to
 * `DEFAULT_K_PER_TICK` / tick size (registry.ts: the paper's k = 1.5 per
 * dollar would put the quotes ~65 ticks from the mid on a $0.01-tick market,
 * where they never fill), T to the episode length in seconds (time
 * unit = 1 s) and σ, when not given, is
 * estimated online from the observed mids (see `_volatility.ts`: zero-mean
 * realized variance over the last `sigmaWindow` steps, per step length
 * dt = T / steps).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { MakerActionMap } from "../env/action_mapping.ts";
 * import { AvellanedaStoikov } from "./avellaneda_stoikov.ts";
 * const map = new MakerActionMap({ mode: "offsets", minOffsetTicks: 0, maxOffsetTicks: 300, maxQuoteSize: 1 });
 * const as = new AvellanedaStoikov(map, { gamma: 0.1, k: 1.5, sigma: 2, horizon: 1 });
 * const view = {
 *   agent: "mm_0", role: "market_maker" as const, nowNs: 0, episodeStartNs: 0, episodeEndNs: 200,
 *   timeLeft: 1, bidTicks: 10_000, askTicks: 10_000, midTicks: 10_000, tickSize: 0.01,
 *   inventory: 2, cash: 0, marketVolume: 0, cumulativeMarketVolume: 0, decisionNs: 1, maxInventory: 100,
 * };
 * const q = as.decide(view);
 * assert(Math.abs(as.reservation - (100 - 2 * 0.1 * 4 * 1)) < 1e-12); // r = s − qγσ²(T − t)
 * assert(Math.abs(q.bidOffsetTicks - q.askOffsetTicks - 2 * 2 * 0.1 * 4 / 0.01) < 1e-9);
 * ```
 * @module
 */

import type { MakerActionMap, MakerQuote } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { episodeSteps, midDollars } from "./_clock.ts";
import { RealizedVolatility } from "./_volatility.ts";

/** Options of {@linkcode AvellanedaStoikov}. */
export interface AvellanedaStoikovOptions {
  /** Risk aversion γ, per price unit (default 0.1, the paper's Table 1). */
  gamma: number;
  /** Decay k of the fill intensity A·e^(−kδ), per price unit (default 1.5, the paper's). */
  k: number;
  /** Volatility σ, price units per √(time unit); null = estimated online. */
  sigma: number | null;
  /** Horizon T, time units; null = the episode length in seconds. */
  horizon: number | null;
  /** Quote size per side, lots (default 1). */
  size: number;
  /** Steps in the online σ estimate (default 100). */
  sigmaWindow: number;
}

/** Defaults of {@linkcode AvellanedaStoikovOptions}. */
export const AVELLANEDA_STOIKOV_DEFAULTS: Readonly<AvellanedaStoikovOptions> = Object.freeze({
  gamma: 0.1,
  k: 1.5,
  sigma: null,
  horizon: null,
  size: 1,
  sigmaWindow: 100,
});

/** Throws a RangeError unless `x` is a finite number > 0. */
export function checkPositive(who: string, key: string, x: number): void {
  if (!(x > 0 && x < Infinity)) throw new RangeError(`${who}: expected ${key} > 0, found ${x}`);
}

/** The Avellaneda-Stoikov (2008) inventory strategy as a market-maker policy. */
export class AvellanedaStoikov implements Policy {
  readonly name = "avellaneda-stoikov";
  readonly actionDim = 4;
  readonly options: Readonly<AvellanedaStoikovOptions>;
  /** Last decision: reservation price r and total spread (price units), and the σ used. */
  reservation = NaN;
  spread = NaN;
  sigmaUsed = NaN;
  readonly #map: MakerActionMap;
  readonly #vol: RealizedVolatility;
  readonly #quote: MakerQuote = { bidOffsetTicks: 0, askOffsetTicks: 0, bidSize: 0, askSize: 0 };

  constructor(map: MakerActionMap, options: Partial<AvellanedaStoikovOptions> = {}) {
    const o = { ...AVELLANEDA_STOIKOV_DEFAULTS, ...options };
    checkPositive(this.name, "gamma", o.gamma);
    checkPositive(this.name, "k", o.k);
    if (o.sigma !== null && !(o.sigma >= 0 && o.sigma < Infinity)) {
      throw new RangeError(`${this.name}: expected sigma ≥ 0 or null, found ${o.sigma}`);
    }
    if (o.horizon !== null) checkPositive(this.name, "horizon", o.horizon);
    if (!(Number.isSafeInteger(o.size) && o.size >= 0)) {
      throw new RangeError(`${this.name}: expected a size ≥ 0 lots, found ${o.size}`);
    }
    this.options = Object.freeze(o);
    this.#map = map;
    this.#vol = new RealizedVolatility(o.sigmaWindow);
  }

  reset(_seed: number): void {
    this.#vol.reset();
    this.reservation = this.spread = this.sigmaUsed = NaN;
  }

  /** The quote (ticks from the mid, lots) for this view; updates the σ estimate. The result is reused by the next call. */
  decide(view: AgentView): MakerQuote {
    const o = this.options;
    const s = midDollars(view);
    const q = this.#quote;
    const T = o.horizon ?? (view.episodeEndNs - view.episodeStartNs) / 1e9;
    this.#vol.update(s);
    if (Number.isNaN(s)) {
      q.bidOffsetTicks = q.askOffsetTicks = 0;
      q.bidSize = q.askSize = 0;
      return q;
    }
    const sigma = o.sigma ?? this.#vol.sigma(T / episodeSteps(view));
    const tau = view.timeLeft * T;
    const skew = view.inventory * o.gamma * sigma * sigma * tau; // q·γσ²(T − t)
    const spread = o.gamma * sigma * sigma * tau + (2 / o.gamma) * Math.log(1 + o.gamma / o.k);
    this.reservation = s - skew;
    this.spread = spread;
    this.sigmaUsed = sigma;
    q.bidOffsetTicks = (spread / 2 + skew) / view.tickSize;
    q.askOffsetTicks = (spread / 2 - skew) / view.tickSize;
    q.bidSize = q.askSize = o.size;
    return q;
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    this.#map.encode(this.decide(view), out);
  }
}
