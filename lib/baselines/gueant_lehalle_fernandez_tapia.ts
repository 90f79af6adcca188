/**
 * The Guéant-Lehalle-Fernandez-Tapia market maker: O. Guéant, C.-A. Lehalle
 * and J. Fernandez-Tapia, "Dealing with the inventory risk: a solution to the
 * market making problem", Mathematics and Financial Economics 7(4), 477–507
 * (2013); arXiv:1105.3115. The paper solves the Avellaneda-Stoikov problem
 * with inventory bounds exactly, shows that the optimal quotes converge as
 * T → ∞ (its theorem on the asymptotics of the optimal quotes), and
 * approximates the limit in closed form by replacing the eigenvector f⁰ with
 * the Gaussian x ↦ exp(−½·√(α/η)·x²) (the approximation that follows that
 * theorem; unnumbered displays in arXiv v5), with α = (k/2)·γσ² and
 * η = A·(1 + γ/k)^−(1 + k/γ). This policy quotes those closed forms:
 *
 *   c₁ = (1/γ)·ln(1 + γ/k)
 *   c₂ = √( σ²γ/(2kA) · (1 + γ/k)^(1 + k/γ) )
 *   δᵇ(q) = c₁ + (2q + 1)/2 · c₂     (bid distance below the mid)
 *   δᵃ(q) = c₁ − (2q − 1)/2 · c₂     (ask distance above the mid)
 *
 * so the spread is 2c₁ + c₂ whatever q, and each lot of inventory shifts
 * both quotes by c₂ (down when long). The quotes do not depend on time.
 * Units as in {@linkcode AvellanedaStoikov}: δ, 1/γ, 1/k in price units; σ
 * in price units per √(time unit); A in fills per time unit. σ is given (the
 * model's on the Avellaneda-Stoikov market) or estimated online from the
 * observed mids (`_volatility.ts`), with time unit = `horizon`/steps per step
 * (horizon null = the episode in seconds, i.e. time unit 1 s).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { glftQuotes } from "./gueant_lehalle_fernandez_tapia.ts";
 * const flat = glftQuotes(0, 0.1, 1.5, 140, 2);
 * assert(Math.abs(flat.bid - flat.ask) < 1e-12);           // symmetric when flat
 * const long = glftQuotes(3, 0.1, 1.5, 140, 2);
 * assert(Math.abs((long.bid - long.ask) - 2 * 3 * long.c2) < 1e-12); // skew 2q·c₂/2 per side
 * ```
 * @module
 */

import type { MakerActionMap, MakerQuote } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { episodeSteps, midDollars } from "./_clock.ts";
import { RealizedVolatility } from "./_volatility.ts";
import { checkPositive } from "./avellaneda_stoikov.ts";

/** GLFT quote distances (price units) and the two constants behind them. */
export interface GlftQuotes {
  /** δᵇ: bid distance below the mid. */
  bid: number;
  /** δᵃ: ask distance above the mid. */
  ask: number;
  /** c₁ = (1/γ)·ln(1 + γ/k). */
  c1: number;
  /** c₂ = √(σ²γ/(2kA) · (1 + γ/k)^(1 + k/γ)). */
  c2: number;
}

/** The closed-form asymptotic quotes (price units) for inventory q, written into `out`. */
export function glftQuotes(
  q: number,
  gamma: number,
  k: number,
  A: number,
  sigma: number,
  out: GlftQuotes = { bid: 0, ask: 0, c1: 0, c2: 0 },
): GlftQuotes {
  const c1 = Math.log(1 + gamma / k) / gamma;
  const c2 = Math.sqrt(
    ((sigma * sigma * gamma) / (2 * k * A)) * Math.pow(1 + gamma / k, 1 + k / gamma),
  );
  out.c1 = c1;
  out.c2 = c2;
  out.bid = c1 + ((2 * q + 1) / 2) * c2;
  out.ask = c1 - ((2 * q - 1) / 2) * c2;
  return out;
}

/** Options of {@linkcode GueantLehalleFernandezTapia}. */
export interface GlftOptions {
  /** Risk aversion γ, per price unit (default 0.1). */
  gamma: number;
  /** Decay k of the fill intensity A·e^(−kδ), per price unit (default 1.5). */
  k: number;
  /** Scale A of the fill intensity, fills per time unit (default 140). */
  A: number;
  /** Volatility σ, price units per √(time unit); null = estimated online. */
  sigma: number | null;
  /** Time units in an episode (only sets the σ estimate's unit); null = the episode in seconds. */
  horizon: number | null;
  /** Quote size per side, lots (default 1). */
  size: number;
  /** Steps in the online σ estimate (default 100). */
  sigmaWindow: number;
}

/** Defaults of {@linkcode GlftOptions} (γ, k, A of the Avellaneda-Stoikov paper's example). */
export const GLFT_DEFAULTS: Readonly<GlftOptions> = Object.freeze({
  gamma: 0.1,
  k: 1.5,
  A: 140,
  sigma: null,
  horizon: null,
  size: 1,
  sigmaWindow: 100,
});

/** The GLFT (2013) closed-form asymptotic quotes as a market-maker policy. */
export class GueantLehalleFernandezTapia implements Policy {
  readonly name = "gueant-lehalle-fernandez-tapia";
  readonly actionDim = 4;
  readonly options: Readonly<GlftOptions>;
  /** σ used by the last decision. */
  sigmaUsed = NaN;
  readonly #map: MakerActionMap;
  readonly #vol: RealizedVolatility;
  readonly #quote: MakerQuote = { bidOffsetTicks: 0, askOffsetTicks: 0, bidSize: 0, askSize: 0 };
  readonly #glft: GlftQuotes = { bid: 0, ask: 0, c1: 0, c2: 0 };

  constructor(map: MakerActionMap, options: Partial<GlftOptions> = {}) {
    const o = { ...GLFT_DEFAULTS, ...options };
    for (const key of ["gamma", "k", "A"] as const) checkPositive(this.name, key, o[key]);
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
    this.sigmaUsed = NaN;
  }

  /** The quote (ticks from the mid, lots) for this view; updates the σ estimate. The result is reused by the next call. */
  decide(view: AgentView): MakerQuote {
    const o = this.options;
    const s = midDollars(view);
    const out = this.#quote;
    this.#vol.update(s);
    if (Number.isNaN(s)) {
      out.bidOffsetTicks = out.askOffsetTicks = 0;
      out.bidSize = out.askSize = 0;
      return out;
    }
    const T = o.horizon ?? (view.episodeEndNs - view.episodeStartNs) / 1e9;
    const sigma = o.sigma ?? this.#vol.sigma(T / episodeSteps(view));
    this.sigmaUsed = sigma;
    const g = glftQuotes(view.inventory, o.gamma, o.k, o.A, sigma, this.#glft);
    out.bidOffsetTicks = g.bid / view.tickSize;
    out.askOffsetTicks = g.ask / view.tickSize;
    out.bidSize = out.askSize = o.size;
    return out;
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    this.#map.encode(this.decide(view), out);
  }
}
