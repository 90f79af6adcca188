/**
 * Market-making metrics: inventory (mean and maximum absolute, time at the
 * limit), fill rate, spread captured and adverse selection measured by
 * markouts.
 *
 * Sides: +1 when the maker BOUGHT (its bid was hit), −1 when it SOLD (its ask
 * was lifted). Times are in seconds (any origin, the same for fills and mids).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { markouts, spreadCaptured } from "./market_making.ts";
 * // bought at 99.5 with mid 100, sold at 100.5 with mid 100: +0.5 each.
 * assert.deepEqual(Array.from(spreadCaptured([99.5, 100.5], [1, -1], [100, 100]).perFill), [0.5, 0.5]);
 * // bought at t = 0 (mid 100); 1 s later the mid is 99: markout −1 (adverse).
 * const m = markouts({ fillTimesSec: [0], sides: [1], midTimesSec: [0, 1], mids: [100, 99], horizonsSec: [1] });
 * assert.equal(m[0].mean, -1);
 * ```
 * @module
 */

import { describeValue, InputError } from "../core/errors.ts";
import { mean, requirePositive, requireSameLength, type Series } from "./_util.ts";

/** Mean absolute inventory (1/N) Σ |I_t| over the decision steps; NaN when empty. */
export function meanAbsInventory(inventory: Series): number {
  if (inventory.length === 0) return NaN;
  let s = 0;
  for (let t = 0; t < inventory.length; t++) s += Math.abs(inventory[t]);
  return s / inventory.length;
}

/** Maximum absolute inventory max_t |I_t|; NaN when empty. */
export function maxAbsInventory(inventory: Series): number {
  if (inventory.length === 0) return NaN;
  let m = 0;
  for (let t = 0; t < inventory.length; t++) m = Math.max(m, Math.abs(inventory[t]));
  return m;
}

/**
 * Time at the inventory limit: the fraction of decision steps with |I_t| ≥ L
 * (steps are equally spaced, so the fraction of steps is the fraction of
 * time). NaN when empty; throws unless L > 0.
 */
export function timeAtInventoryLimit(inventory: Series, limit: number): number {
  requirePositive("limit", limit);
  if (inventory.length === 0) return NaN;
  let at = 0;
  for (let t = 0; t < inventory.length; t++) if (Math.abs(inventory[t]) >= limit) at++;
  return at / inventory.length;
}

/**
 * Fill rate: fills / quotes posted (a quote is one order placed on one side;
 * a partial fill counts as one fill). NaN when no quote was posted.
 */
export function fillRate(fills: number, quotesPosted: number): number {
  return quotesPosted > 0 ? fills / quotesPosted : NaN;
}

/** Spread captured per fill, their mean and the quantity-weighted total. */
export interface SpreadCaptured {
  /** s_i = side_i × (mid_i − price_i) per fill, in price units. */
  perFill: Float64Array;
  /** Mean of `perFill`; NaN when there is no fill. */
  mean: number;
  /** Σ q_i s_i (q_i = 1 when no quantities are given): the PnL earned against the mid. */
  total: number;
}

/**
 * Spread captured (e.g. Cartea, Jaimungal & Penalva 2015, "Algorithmic and
 * High-Frequency Trading", ch. 10): for each fill, s_i = side_i × (mid_i −
 * price_i), where mid_i is the mid price at the fill. A buy below the mid or a
 * sell above it captures a positive amount (half the quoted spread at the
 * touch).
 */
export function spreadCaptured(
  prices: Series,
  sides: Series,
  mids: Series,
  quantities?: Series,
): SpreadCaptured {
  requireSameLength("sides", sides, prices, "prices");
  requireSameLength("mids", mids, prices, "prices");
  if (quantities !== undefined) requireSameLength("quantities", quantities, prices, "prices");
  const perFill = new Float64Array(prices.length);
  let total = 0;
  for (let i = 0; i < prices.length; i++) {
    perFill[i] = sides[i] * (mids[i] - prices[i]);
    total += (quantities === undefined ? 1 : quantities[i]) * perFill[i];
  }
  return { perFill, mean: mean(perFill), total };
}

/** Inputs of {@linkcode markouts}. */
export interface MarkoutInput {
  /** Fill times in seconds. */
  fillTimesSec: Series;
  /** +1 maker bought, −1 maker sold. */
  sides: Series;
  /** Fill prices; when given, the markouts against the fill price are reported too. */
  prices?: Series;
  /** Times of the mid series in seconds, non-decreasing. */
  midTimesSec: Series;
  /** Mid prices at `midTimesSec`. */
  mids: Series;
  /** Horizons h in seconds; default [1, 10, 60]. */
  horizonsSec?: readonly number[];
}

/** Markouts at one horizon. */
export interface Markout {
  /** The horizon h in seconds. */
  horizonSec: number;
  /** Mean of side × (mid(t + h) − mid(t)) over the fills that have both mids; NaN when none. */
  mean: number;
  /** Mean of side × (mid(t + h) − price) (spread captured plus mid move); NaN when no prices given. */
  meanVsPrice: number;
  /** side × (mid(t + h) − mid(t)) per fill; NaN where a mid is missing. */
  perFill: Float64Array;
  /** Number of fills used (with a mid at t and at t + h). */
  count: number;
}

/** Index of the last time ≤ t in the non-decreasing `times`, or −1. */
function asOfIndex(times: Series, t: number): number {
  let lo = 0, hi = times.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Adverse selection as markouts (Glosten & Milgrom 1985 for the idea; the
 * markout measure as in Cartea, Jaimungal & Penalva 2015, §10.4): for a fill at
 * time t with side ±1,
 *
 *   markout_h = side × (mid(t + h) − mid(t)),
 *
 * averaged over fills, for h = 1, 10 and 60 s by default. Negative means the
 * mid moved against the maker after the fill (adverse selection). mid(τ) is the
 * as-of mid: the last mid with time ≤ τ. A fill with no mid at or before t, or
 * whose t + h lies after the last mid time, is left out of that horizon (its
 * per-fill value is NaN). With prices, `meanVsPrice` = mean of side ×
 * (mid(t + h) − price).
 */
export function markouts(input: MarkoutInput): Markout[] {
  const { fillTimesSec, sides, prices, midTimesSec, mids } = input;
  requireSameLength("sides", sides, fillTimesSec, "fillTimesSec");
  if (prices !== undefined) requireSameLength("prices", prices, fillTimesSec, "fillTimesSec");
  requireSameLength("mids", mids, midTimesSec, "midTimesSec");
  for (let i = 1; i < midTimesSec.length; i++) {
    if (!(midTimesSec[i] >= midTimesSec[i - 1])) {
      throw new InputError({
        keyPath: `midTimesSec[${i}]`,
        expected: `non-decreasing times (≥ ${midTimesSec[i - 1]})`,
        found: describeValue(midTimesSec[i]),
      });
    }
  }
  const lastTime = midTimesSec.length > 0 ? midTimesSec[midTimesSec.length - 1] : -Infinity;
  return (input.horizonsSec ?? [1, 10, 60]).map((h) => {
    const perFill = new Float64Array(fillTimesSec.length).fill(NaN);
    let sum = 0, sumVsPrice = 0, count = 0;
    for (let i = 0; i < fillTimesSec.length; i++) {
      const t = fillTimesSec[i];
      const i0 = asOfIndex(midTimesSec, t);
      if (i0 < 0 || t + h > lastTime) continue;
      const midAfter = mids[asOfIndex(midTimesSec, t + h)];
      perFill[i] = sides[i] * (midAfter - mids[i0]);
      sum += perFill[i];
      if (prices !== undefined) sumVsPrice += sides[i] * (midAfter - prices[i]);
      count++;
    }
    return {
      horizonSec: h,
      mean: count > 0 ? sum / count : NaN,
      meanVsPrice: count > 0 && prices !== undefined ? sumVsPrice / count : NaN,
      perFill,
      count,
    };
  });
}
