/**
 * Maximum drawdown of an equity curve (with its peak, trough, recovery and
 * duration) and the Calmar ratio.
 *
 * Drawdowns are absolute: DD_t = max_{s≤t} E_s − E_t, in the units of the curve
 * (currency for an equity curve, return units for cumulative returns on a fixed
 * capital — see the convention in `returns_risk.ts`). Relative drawdowns are
 * not used because a market maker's equity starts at 0.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { maxDrawdown } from "./drawdown.ts";
 * const dd = maxDrawdown([0, 5, 2, 4, 6, 1]);
 * assert.equal(dd.maxDrawdown, 5); // peak 6 at index 4, trough 1 at index 5
 * assert.equal(dd.peakIndex, 4);
 * assert.equal(dd.troughIndex, 5);
 * assert.equal(dd.recovered, false);
 * ```
 * @module
 */

import { cumulative } from "./returns_risk.ts";
import { mean, requirePositive, type Series } from "./_util.ts";

/** The largest peak-to-trough fall of a curve and where it happened. */
export interface MaxDrawdown {
  /** max_t (max_{s≤t} E_s − E_t) ≥ 0; NaN for an empty curve. */
  maxDrawdown: number;
  /** Index of the peak before the deepest trough (the latest index where that peak level was reached); -1 when empty. */
  peakIndex: number;
  /** Index of the deepest trough (the first one when tied); -1 when empty. */
  troughIndex: number;
  /** First index after the trough where the curve is back at or above the peak; -1 when it never is. */
  recoveryIndex: number;
  /** Whether the curve recovered to the peak level before its end. */
  recovered: boolean;
  /** troughIndex − peakIndex, in periods. */
  peakToTroughPeriods: number;
  /** Duration in periods: recoveryIndex − peakIndex, or (last index − peakIndex) when not recovered. */
  durationPeriods: number;
}

/**
 * Maximum drawdown (e.g. Magdon-Ismail & Atiya 2004, "Maximum drawdown", Risk
 * 17(10)): MDD = max_t (max_{s≤t} E_s − E_t), found in one pass.
 *
 * Peak: the running maximum is updated on E_t ≥ running max, so the peak is the
 * latest index at that level before the trough. Trough: the first index where
 * the maximum drawdown is reached. A curve that never falls has MDD = 0 with
 * peak = trough = the index of its maximum and duration 0. An empty curve gives
 * NaN and indices -1.
 */
export function maxDrawdown(equity: Series): MaxDrawdown {
  const n = equity.length;
  if (n === 0) {
    return {
      maxDrawdown: NaN,
      peakIndex: -1,
      troughIndex: -1,
      recoveryIndex: -1,
      recovered: false,
      peakToTroughPeriods: NaN,
      durationPeriods: NaN,
    };
  }
  let runPeak = equity[0], runPeakIdx = 0;
  let mdd = 0, peakIdx = 0, troughIdx = 0;
  for (let t = 0; t < n; t++) {
    if (equity[t] >= runPeak) {
      runPeak = equity[t];
      runPeakIdx = t;
    }
    const dd = runPeak - equity[t];
    if (dd > mdd) {
      mdd = dd;
      peakIdx = runPeakIdx;
      troughIdx = t;
    }
  }
  if (mdd === 0) {
    // Never fell: report the (latest) maximum as both peak and trough.
    peakIdx = troughIdx = runPeakIdx;
    return {
      maxDrawdown: 0,
      peakIndex: peakIdx,
      troughIndex: troughIdx,
      recoveryIndex: peakIdx,
      recovered: true,
      peakToTroughPeriods: 0,
      durationPeriods: 0,
    };
  }
  let recoveryIdx = -1;
  for (let t = troughIdx + 1; t < n; t++) {
    if (equity[t] >= equity[peakIdx]) {
      recoveryIdx = t;
      break;
    }
  }
  const recovered = recoveryIdx >= 0;
  return {
    maxDrawdown: mdd,
    peakIndex: peakIdx,
    troughIndex: troughIdx,
    recoveryIndex: recoveryIdx,
    recovered,
    peakToTroughPeriods: troughIdx - peakIdx,
    durationPeriods: (recovered ? recoveryIdx : n - 1) - peakIdx,
  };
}

/** The drawdown series DD_t = max_{s≤t} E_s − E_t (≥ 0), for plotting underwater curves. */
export function drawdownSeries(equity: Series): Float64Array {
  const out = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let t = 0; t < equity.length; t++) {
    peak = Math.max(peak, equity[t]);
    out[t] = peak - equity[t];
  }
  return out;
}

/**
 * Calmar ratio (Young 1991, "Calmar ratio: a smoother tool", Futures 20(1)):
 *
 *   Calmar = R_ann / MDD,  R_ann = mean(r) × P,
 *
 * with MDD the maximum drawdown of the cumulative return curve [0, r₁,
 * r₁ + r₂, …] (additive returns on a fixed capital; Young used a 36-month
 * window of compounded monthly returns, here the whole series is used). NaN
 * for an empty series; when MDD = 0 it is +Infinity if R_ann > 0 and NaN
 * otherwise.
 */
export function calmarRatio(returns: Series, periodsPerYear: number): number {
  requirePositive("periodsPerYear", periodsPerYear);
  if (returns.length === 0) return NaN;
  const annual = mean(returns) * periodsPerYear;
  const mdd = maxDrawdown(cumulative(returns)).maxDrawdown;
  if (Number.isNaN(annual) || Number.isNaN(mdd)) return NaN;
  if (mdd === 0) return annual > 0 ? Infinity : NaN;
  return annual / mdd;
}
