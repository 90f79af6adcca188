/**
 * From a session's book and trades to fixed-clock bars. Bar j (j = 1…n)
 * covers the interval (g_{j−1}, g_j] of the grid g_j = startNs + j × barNs,
 * g_n ≤ endNs:
 *
 * - the mid price at g_j is the mid (bid₁ + ask₁) / 2 of the book after the
 *   last event at or before g_j (unknown while a side is empty);
 * - the bar's log return is r_j = ln(mid(g_j) / mid(g_{j−1})), NaN when
 *   either mid is unknown;
 * - the bar's volume is the size of the executions (LOBSTER types 4 and 5)
 *   with time in (g_{j−1}, g_j].
 *
 * The same sampling gives the spread and the depth at the best quotes on a
 * finer clock ({@linkcode sampleQuotes}): time-weighted, unlike one sample per
 * event, which would overweight busy moments.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { barReturns } from "./bars.ts";
 * // Mid 100 until t = 15, then 110: bars (0,10] and (10,20] on a grid of 10.
 * const ts = new Float64Array([0, 15]), mid = new Float64Array([100, 110]);
 * const r = barReturns(ts, mid, 0, 20, 10);
 * assert.deepEqual([...r], [0, Math.log(1.1)]);
 * ```
 * @module
 */

import { sampleOnGrid } from "../sim/output/snapshot_grid.ts";
import type { BookSnapshots } from "../sim/market_data/mod.ts";

/** The mid price (ticks) after each snapshot row: (bid₁ + ask₁) / 2, NaN while a side is empty. */
export function midPrices(s: BookSnapshots): Float64Array {
  const out = new Float64Array(s.count);
  for (let k = 0; k < s.count; k++) {
    out[k] = (s.bidPrice[k * s.levels] + s.askPrice[k * s.levels]) / 2;
  }
  return out;
}

/** Number of whole bars of `barNs` in [startNs, endNs]. */
export function barCount(startNs: number, endNs: number, barNs: number): number {
  return endNs < startNs ? 0 : Math.floor((endNs - startNs) / barNs);
}

/** Log returns of `mid` (values after the events at `tsNs`) over bars (see the module doc). */
export function barReturns(
  tsNs: Float64Array,
  mid: Float64Array,
  startNs: number,
  endNs: number,
  barNs: number,
): Float64Array {
  const n = barCount(startNs, endNs, barNs);
  const out = new Float64Array(n);
  if (n === 0) return out;
  const grid = sampleOnGrid(tsNs, tsNs.length, startNs, startNs + n * barNs, barNs);
  const at = (j: number) => (grid.rows[j] < 0 ? NaN : mid[grid.rows[j]]);
  let prev = at(0);
  for (let j = 1; j <= n; j++) {
    const cur = at(j);
    out[j - 1] = prev > 0 && cur > 0 ? Math.log(cur / prev) : NaN;
    prev = cur;
  }
  return out;
}

/** Executed size per bar: `qty` of rows with `isTrade`, by the bar that holds their time. */
export function barVolumes(
  tsNs: Float64Array,
  qty: ArrayLike<number>,
  isTrade: (i: number) => boolean,
  startNs: number,
  endNs: number,
  barNs: number,
): Float64Array {
  const n = barCount(startNs, endNs, barNs);
  const out = new Float64Array(n);
  for (let i = 0; i < tsNs.length; i++) {
    if (!isTrade(i)) continue;
    const t = tsNs[i];
    if (t <= startNs) continue;
    const j = Math.ceil((t - startNs) / barNs) - 1; // t in (g_j, g_{j+1}]
    if (j < n) out[j] += qty[i];
  }
  return out;
}

/** Spread and depth at the best quotes sampled on a clock. */
export interface QuoteSamples {
  /** ask₁ − bid₁ in ticks, one per grid time with both sides present. */
  spreadTicks: Float64Array;
  /** Size at bid₁ and at ask₁ (both sides pooled), one per side present per grid time. */
  depth: Float64Array;
}

/** Samples the best quotes every `stepNs` from `startNs` to `endNs` (the book as of each time). */
export function sampleQuotes(
  s: BookSnapshots,
  startNs: number,
  endNs: number,
  stepNs: number,
): QuoteSamples {
  if (endNs < startNs) return { spreadTicks: new Float64Array(0), depth: new Float64Array(0) };
  const grid = sampleOnGrid(s.tsNs, s.count, startNs, endNs, stepNs);
  const spread: number[] = [], depth: number[] = [];
  for (const r of grid.rows) {
    if (r < 0) continue;
    const bid = s.bidPrice[r * s.levels], ask = s.askPrice[r * s.levels];
    if (!Number.isNaN(bid)) depth.push(s.bidQty[r * s.levels]);
    if (!Number.isNaN(ask)) depth.push(s.askQty[r * s.levels]);
    if (!Number.isNaN(bid) && !Number.isNaN(ask)) spread.push(ask - bid);
  }
  return { spreadTicks: Float64Array.from(spread), depth: Float64Array.from(depth) };
}
