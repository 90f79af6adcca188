/**
 * The base columns of `base.ts` as typed arrays, computed once per
 * symbol-day from a {@linkcode GridDay}: the snapped mid, the one-row log
 * return, Parkinson's term, the OFI (events or consecutive snapshots), the up
 * and down moves of the mid, the depth sums, and the row's inputs the book
 * and intensity features read. Same arithmetic, in the same order, as the
 * polars expressions and `OnlineRow.push`; NaN stands for null. The feature
 * kernels (each feature's `batch`) read this.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { emptyGridDay } from "../data/interim/grid_day.ts";
 * import { baseSeries } from "./base_series.ts";
 * import { DEFAULT_FEATURE_PARAMS } from "./types.ts";
 * const g = emptyGridDay({ symbol: "A", date: "2024-01-02", rows: 3, levels: 1, tickSize: 0.01 });
 * g.timeNs.set([34_200e9, 34_200.1e9, 34_200.2e9]);
 * g.bestBid.set([10, 10.01, 10.01]);
 * g.bestAsk.set([10.02, 10.03, 10.03]);
 * g.bidQty[0].set([100, 200, 300]);
 * g.askQty[0].set([100, 100, 100]);
 * const b = baseSeries(g, DEFAULT_FEATURE_PARAMS);
 * assert.deepEqual(Array.from(b.mid), [10.01, 10.02, 10.02]);
 * assert(Number.isNaN(b.logReturn[0]) && b.logReturn[2] === 0);
 * assert.equal(b.ofiSource, "snapshots");
 * assert.deepEqual(Array.from(b.ofi.subarray(1)), [300, 100]);
 * assert.equal(b.perSecond, 10);
 * ```
 * @module
 */

import type { GridDay } from "../data/interim/grid_day.ts";
import { INV_FOUR_LN2, SNAP_TOLERANCE } from "./numeric.ts";
import type { FeatureParams } from "./types.ts";

/** The base series of one symbol-day (NaN = null), rows in time order. */
export interface BaseSeries {
  /** Rows of the symbol-day. */
  rows: number;
  /** Grid time, ns after midnight (the day's `timeNs`, shared). */
  timeNs: Float64Array;
  /** Best quotes and level-1 sizes (the day's arrays, shared). */
  bestBid: Float64Array;
  bestAsk: Float64Array;
  bidQty1: Float64Array;
  askQty1: Float64Array;
  /** Σ sizes over levels 1…`depthLevels` (deeper empty levels count 0; NaN when level 1 is). */
  bidDepth: Float64Array;
  askDepth: Float64Array;
  /** Levels summed in the depths. */
  depthLevels: number;
  /** Event counts of the interval (shared), null without event data. */
  tradeCount: Float64Array | null;
  cancelCount: Float64Array | null;
  /** Tick size used (the day's, else the `tickSize` parameter). */
  tick: number;
  /** 1/(interval length in seconds): from `decisionMs`, else 10⁹/(smallest positive step); NaN when unknown. */
  perSecond: number;
  /** (a + b)/2 snapped to the half-tick grid. */
  mid: Float64Array;
  /** ln(mid_t / mid_{t−1}) (NaN on the first row). */
  logReturn: Float64Array;
  /** (ln(H/L))²/(4·ln 2) with H, L the snapped interval high and low mid. */
  parkinson: Float64Array;
  /** Where `ofi` comes from. */
  ofiSource: "events" | "snapshots";
  /** OFI of the interval. */
  ofi: Float64Array;
  /** max(Δmid, 0) and max(−Δmid, 0). */
  up: Float64Array;
  down: Float64Array;
}

/**
 * `x` snapped to the half-tick grid: `snapHalfTick` of numeric.ts with its
 * constants hoisted. floor(q + 0.5) picks the same whole number as
 * `Math.round(q)` wherever the snap applies (|q − k| ≤ 10⁻⁶), and is cheaper.
 */
function snap(x: number, perDollar: number, halfTick: number): number {
  const q = x * perDollar;
  const k = Math.floor(q + 0.5);
  const e = q - k;
  return e <= SNAP_TOLERANCE && e >= -SNAP_TOLERANCE ? k * halfTick : x;
}

/** A Float64Array of `n` from `reuse` when it has that length, else a new one. */
function buffer(reuse: Float64Array | undefined, n: number): Float64Array {
  return reuse !== undefined && reuse.length === n ? reuse : new Float64Array(n);
}

/** 1/(grid step in seconds) as base.ts computes it. */
function perSecondOf(timeNs: Float64Array, n: number, decisionMs: number | undefined): number {
  if (decisionMs !== undefined) return 1e9 / (decisionMs * 1e6);
  let min = Infinity;
  for (let i = 1; i < n; i++) {
    const step = timeNs[i] - timeNs[i - 1];
    if (step > 0 && step < min) min = step;
  }
  return min === Infinity ? NaN : 1e9 / min;
}

/**
 * Σ sizes of levels 1…L into `out` (level 1 as is, deeper NaN as 0), in
 * level order: one pass per four deeper levels (row-major within the pass),
 * then one per level left.
 */
function depthSum(levels: Float64Array[], depth: number, n: number, out: Float64Array): void {
  out.set(levels[0].subarray(0, n));
  let k = 1;
  for (; k + 4 <= depth; k += 4) {
    const a = levels[k], b = levels[k + 1], c = levels[k + 2], d = levels[k + 3];
    for (let i = 0; i < n; i++) {
      let s = out[i], v = a[i];
      if (v === v) s += v;
      v = b[i];
      if (v === v) s += v;
      v = c[i];
      if (v === v) s += v;
      v = d[i];
      if (v === v) s += v;
      out[i] = s;
    }
  }
  for (; k < depth; k++) {
    const q = levels[k];
    for (let i = 0; i < n; i++) {
      const v = q[i];
      if (v === v) out[i] += v;
    }
  }
}

/** CKS (2014) OFI between consecutive rows (NaN when any of the eight inputs is). */
function snapshotOfi(
  b: Float64Array,
  a: Float64Array,
  qb: Float64Array,
  qa: Float64Array,
  n: number,
  out: Float64Array,
): void {
  if (n > 0) out[0] = NaN;
  for (let i = 1; i < n; i++) {
    const bi = b[i], ai = a[i], qbi = qb[i], qai = qa[i];
    const pb = b[i - 1], pa = a[i - 1], pqb = qb[i - 1], pqa = qa[i - 1];
    // NaN compares false, so the sum of the eight is NaN exactly when one is.
    const all = bi + ai + qbi + qai + pb + pa + pqb + pqa;
    if (all !== all) {
      out[i] = NaN;
      continue;
    }
    out[i] = (bi >= pb ? qbi : 0) - (bi <= pb ? pqb : 0) - (ai <= pa ? qai : 0) +
      (ai >= pa ? pqa : 0);
  }
}

/**
 * The base series of `day`. `p.depthLevels` is the number of levels summed
 * (capped at the day's levels); `ofiSource` where `ofi` comes from ("auto":
 * events when the day has `ofiEvents`, else snapshots); `reuse` a previous
 * result whose arrays are reused when the row count matches.
 */
export function baseSeries(
  day: GridDay,
  p: FeatureParams,
  ofiSource: "events" | "snapshots" | "auto" = "auto",
  reuse?: BaseSeries,
): BaseSeries {
  const n = day.rows;
  const tick = Number.isNaN(day.tickSize) ? p.tickSize : day.tickSize;
  const perDollar = 2 / tick, halfTick = tick * 0.5;
  const depth = Math.max(1, Math.min(p.depthLevels, day.bidQty.length, day.askQty.length));
  const source = ofiSource === "auto"
    ? (day.ofiEvents !== null ? "events" : "snapshots")
    : ofiSource;

  const mid = buffer(reuse?.mid, n);
  const logReturn = buffer(reuse?.logReturn, n);
  const up = buffer(reuse?.up, n);
  const down = buffer(reuse?.down, n);
  const parkinson = buffer(reuse?.parkinson, n);
  const ofi = buffer(reuse?.ofi, n);
  const bidDepth = buffer(reuse?.bidDepth, n);
  const askDepth = buffer(reuse?.askDepth, n);

  const bid = day.bestBid, ask = day.bestAsk;
  let prev = NaN;
  for (let i = 0; i < n; i++) {
    const m = snap((ask[i] + bid[i]) * 0.5, perDollar, halfTick);
    mid[i] = m;
    // ln(1) = 0 exactly: skip the logarithm for an unchanged mid.
    logReturn[i] = m === prev ? 0 : Math.log(m / prev);
    const d = m - prev;
    const ad = Math.abs(d);
    up[i] = (ad + d) * 0.5;
    down[i] = (ad - d) * 0.5;
    prev = m;
  }
  const hi = day.midHigh, lo = day.midLow;
  let ph = NaN, pl = NaN, pv = NaN; // the last pair whose logarithm was taken
  for (let i = 0; i < n; i++) {
    const h = snap(hi[i], perDollar, halfTick), l = snap(lo[i], perDollar, halfTick);
    if (h === l) parkinson[i] = 0;
    else if (h === ph && l === pl) parkinson[i] = pv;
    else {
      const hl = Math.log(h / l);
      ph = h;
      pl = l;
      parkinson[i] = pv = hl * hl * INV_FOUR_LN2;
    }
  }
  if (source === "events") {
    if (day.ofiEvents === null) ofi.fill(NaN);
    else ofi.set(day.ofiEvents.subarray(0, n));
  } else snapshotOfi(bid, ask, day.bidQty[0], day.askQty[0], n, ofi);
  depthSum(day.bidQty, depth, n, bidDepth);
  depthSum(day.askQty, depth, n, askDepth);

  return {
    rows: n,
    timeNs: day.timeNs,
    bestBid: bid,
    bestAsk: ask,
    bidQty1: day.bidQty[0],
    askQty1: day.askQty[0],
    bidDepth,
    askDepth,
    depthLevels: depth,
    tradeCount: day.tradeCount,
    cancelCount: day.cancelCount,
    tick,
    perSecond: perSecondOf(day.timeNs, n, p.decisionMs),
    mid,
    logReturn,
    parkinson,
    ofiSource: source,
    ofi,
    up,
    down,
  };
}
