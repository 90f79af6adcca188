/**
 * Execution metrics for a parent order: implementation shortfall, slippage
 * against the arrival price and against the VWAP, and participation.
 *
 * Side: +1 for a buy order, −1 for a sell order. Costs are positive when the
 * execution was worse than the benchmark. Basis points: 1 bp = 10⁻⁴.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { slippageVsArrivalBps, vwap } from "./execution.ts";
 * assert.equal(vwap([100, 102], [1, 1]), 101);
 * // buy, average fill 101 vs arrival 100: (101 − 100) / 100 = 100 bp of cost.
 * assert(Math.abs(slippageVsArrivalBps(1, [100, 102], [1, 1], 100) - 100) < 1e-9);
 * ```
 * @module
 */

import { describeValue, InputError } from "../core/errors.ts";
import { requirePositive, requireSameLength, type Series } from "./_util.ts";

function requireSide(side: number): void {
  if (side !== 1 && side !== -1) {
    throw new InputError({
      keyPath: "side",
      expected: "+1 (buy) or −1 (sell)",
      found: describeValue(side),
    });
  }
}

/** Volume-weighted average price Σ p_i q_i / Σ q_i (|q_i| used); NaN when Σ|q| = 0. */
export function vwap(prices: Series, quantities: Series): number {
  requireSameLength("quantities", quantities, prices, "prices");
  let pq = 0, q = 0;
  for (let i = 0; i < prices.length; i++) {
    pq += prices[i] * Math.abs(quantities[i]);
    q += Math.abs(quantities[i]);
  }
  return q > 0 ? pq / q : NaN;
}

/** Inputs of {@linkcode implementationShortfall}. */
export interface ShortfallInput {
  /** +1 buy, −1 sell. */
  side: number;
  /** Mid (or last) price when the decision to trade was made. */
  arrivalPrice: number;
  /** Intended quantity Q of the parent order (> 0). */
  targetQuantity: number;
  /** Fill prices p_i. */
  fillPrices: Series;
  /** Fill quantities q_i (|q_i| is used). */
  fillQuantities: Series;
  /** Price at the end of the horizon, for the opportunity cost of the unfilled part; default arrivalPrice. */
  finalPrice?: number;
  /** Explicit costs (fees) paid, in currency; default 0. */
  fees?: number;
}

/** Implementation shortfall split into its parts (currency, positive = cost). */
export interface Shortfall {
  /** side × Σ q_i (p_i − P_arr). */
  executionCost: number;
  /** side × (Q − Σ q_i)(P_final − P_arr). */
  opportunityCost: number;
  /** Fees as given. */
  fees: number;
  /** executionCost + opportunityCost + fees. */
  total: number;
  /** total / (Q × P_arr) × 10⁴. */
  bps: number;
}

/**
 * Implementation shortfall (Perold 1988, "The implementation shortfall: paper
 * versus reality", J. Portfolio Management 14(3)): the paper portfolio trades
 * Q at the arrival price P_arr; the real one fills q_i at p_i and leaves
 * Q − Σq_i unfilled. With side s,
 *
 *   IS = s Σ q_i (p_i − P_arr) + s (Q − Σ q_i)(P_final − P_arr) + fees,
 *
 * also given in bp of the paper notional Q × P_arr.
 */
export function implementationShortfall(input: ShortfallInput): Shortfall {
  requireSide(input.side);
  requirePositive("arrivalPrice", input.arrivalPrice);
  requirePositive("targetQuantity", input.targetQuantity);
  requireSameLength("fillQuantities", input.fillQuantities, input.fillPrices, "fillPrices");
  const s = input.side, pArr = input.arrivalPrice;
  let exec = 0, filled = 0;
  for (let i = 0; i < input.fillPrices.length; i++) {
    const q = Math.abs(input.fillQuantities[i]);
    exec += s * q * (input.fillPrices[i] - pArr);
    filled += q;
  }
  const opportunity = s * (input.targetQuantity - filled) * ((input.finalPrice ?? pArr) - pArr);
  const fees = input.fees ?? 0;
  const total = exec + opportunity + fees;
  return {
    executionCost: exec,
    opportunityCost: opportunity + 0, // + 0 turns −0 (a sell with nothing unfilled) into 0
    fees,
    total,
    bps: total / (input.targetQuantity * pArr) * 1e4,
  };
}

/**
 * Slippage against the arrival price, in bp (Kissell 2013, "The Science of
 * Algorithmic Trading and Portfolio Management", ch. 3):
 *
 *   s × (VWAP_fills − P_arr) / P_arr × 10⁴.
 *
 * Positive = cost. NaN when nothing was filled.
 */
export function slippageVsArrivalBps(
  side: number,
  fillPrices: Series,
  fillQuantities: Series,
  arrivalPrice: number,
): number {
  requireSide(side);
  requirePositive("arrivalPrice", arrivalPrice);
  return side * (vwap(fillPrices, fillQuantities) - arrivalPrice) / arrivalPrice * 1e4;
}

/**
 * Slippage against the market VWAP over the execution window, in bp (Berkowitz,
 * Logue & Noser 1988, "The total cost of transactions on the NYSE", J. Finance
 * 43(1)):
 *
 *   s × (VWAP_fills − VWAP_market) / VWAP_market × 10⁴.
 *
 * Positive = cost. NaN when nothing was filled.
 */
export function slippageVsVwapBps(
  side: number,
  fillPrices: Series,
  fillQuantities: Series,
  marketVwap: number,
): number {
  requireSide(side);
  requirePositive("marketVwap", marketVwap);
  return side * (vwap(fillPrices, fillQuantities) - marketVwap) / marketVwap * 1e4;
}

/**
 * Participation rate: executed quantity / market volume traded over the same
 * window, Σ|q_i| / V. The market volume is the tape's volume and so includes
 * the agent's own fills. NaN when V = 0.
 */
export function participationRate(executedQuantity: number, marketVolume: number): number {
  return marketVolume > 0 ? Math.abs(executedQuantity) / marketVolume : NaN;
}
