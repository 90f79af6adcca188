/**
 * The Avellaneda–Stoikov (2008) closed-form quotes of the "inventory
 * strategy" (section 3.3, eqs. (29)–(30); the paper's Table 1 strategy), for
 * an agent with exponential utility, risk aversion γ:
 *
 * - reservation price r = s − q·γ·σ²·(T − t);
 * - total spread δᵃ + δᵇ = γ·σ²·(T − t) + (2/γ)·ln(1 + γ/k);
 * - quotes r ∓ spread/2, i.e. distances from the mid
 *   δᵇ = s − bid = spread/2 + q·γσ²(T − t) and δᵃ = ask − s = spread/2 − q·γσ²(T − t).
 *
 * An offset can be negative (a large inventory puts the ask below the mid);
 * {@linkcode AsModelMarket} fills such a quote with the capped probability.
 * The paper's "symmetric strategy" quotes the same total spread centred on
 * the mid: δᵇ = δᵃ = {@linkcode asOptimalSpread}/2.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { asOptimalQuotes, asOptimalSpread } from "./optimal_quotes.ts";
 * import { asModelParams } from "./params.ts";
 * const p = asModelParams(); // σ = 2, T = 1, k = 1.5
 * const flat = asOptimalQuotes(100, 0, 1, p, 0.1); // at T: no inventory term
 * assert(Math.abs(flat.bidOffset + flat.askOffset - 20 * Math.log(1 + 0.1 / 1.5)) < 1e-12);
 * const long = asOptimalQuotes(100, 2, 0, p, 0.1); // long 2 units at t = 0
 * assert(Math.abs(long.bidOffset - long.askOffset - 2 * 2 * 0.1 * 4 * 1) < 1e-12); // 2qγσ²(T−t)
 * assert(Math.abs(long.bidOffset + long.askOffset - asOptimalSpread(0, p, 0.1)) < 1e-12);
 * ```
 * @module
 */

import type { AsModelParams } from "./params.ts";

/** Quote distances from the mid, price units (bid below, ask above). */
export interface AsQuotes {
  /** δᵇ = s − bid price. */
  bidOffset: number;
  /** δᵃ = ask price − s. */
  askOffset: number;
}

function checkGamma(gamma: number): void {
  if (!(gamma > 0 && gamma < Infinity)) {
    throw new RangeError(`AS quotes: expected risk aversion gamma > 0, found ${gamma}`);
  }
}

/**
 * The optimal total spread δᵃ + δᵇ = γσ²(T − t) + (2/γ)·ln(1 + γ/k) at time
 * t (time units), price units.
 */
export function asOptimalSpread(t: number, params: Readonly<AsModelParams>, gamma: number): number {
  checkGamma(gamma);
  return gamma * params.sigma * params.sigma * (params.T - t) +
    (2 / gamma) * Math.log(1 + gamma / params.k);
}

/**
 * The inventory strategy's quotes for mid s (price units), inventory q
 * (units) at time t (time units), risk aversion γ > 0 (per price unit).
 */
export function asOptimalQuotes(
  s: number,
  q: number,
  t: number,
  params: Readonly<AsModelParams>,
  gamma: number,
): AsQuotes {
  const half = asOptimalSpread(t, params, gamma) / 2;
  const reservation = s - q * gamma * params.sigma * params.sigma * (params.T - t);
  return { bidOffset: s - (reservation - half), askOffset: reservation + half - s };
}
