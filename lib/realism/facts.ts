/**
 * Stylized facts of a group of sessions (all simulated, or all real), from
 * their reduced data ({@linkcode SessionData}); the pooling rules:
 *
 * - returns: the 1-minute (`barNs`) log returns of every session together.
 *   Excess kurtosis g₂ = m₄ / m₂² − 3 of the pooled returns (pooling days of
 *   different volatility itself adds kurtosis; compare like with like);
 * - autocorrelation of returns and of absolute returns at lags 1…K, pooled
 *   over sessions without pairs across a session boundary (see `acf`), with
 *   the ±1.96 / √n band of white noise;
 * - spread (ticks) and depth at the best quotes (shares, bid and ask pooled):
 *   summary statistics and histograms over fixed bins (spread 1…50 ticks;
 *   depth on log-spaced bins, four per decade), so groups compare bin by bin;
 * - volume–volatility: Pearson correlation of a bar's traded volume with its
 *   absolute return, over all bars with a return;
 * - intraday pattern: per `bucketMinutes` bucket from the session open, the
 *   mean traded volume per session, the share of all volume, and the RMS
 *   1-minute return √(mean r²) as volatility.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { groupFacts } from "./facts.ts";
 * const session = {
 *   group: "real" as const, label: "X 2024-01-02", messageFile: "m.csv", orderbookFile: null,
 *   messages: 9, mismatches: 0, startNs: 0, endNs: 180e9, barNs: 60e9,
 *   returns: new Float64Array([0.001, -0.002, 0.001]), volumes: new Float64Array([10, 30, 10]),
 *   spreadTicks: new Float64Array([1, 1, 2]), depth: new Float64Array([100, 200]),
 * };
 * const f = groupFacts([session], { acfLags: 2, bucketMinutes: 1 });
 * assert(f.bars === 3 && f.spreadTicks.median === 1 && f.intraday.buckets.length === 3);
 * assert(Math.abs(f.volumeAbsReturnCorr - 1) < 1e-12); // |r| and volume rise together
 * ```
 * @module
 */

import type { SessionData } from "./session_data.ts";
import {
  acf,
  type DistributionSummary,
  excessKurtosis,
  type Histogram,
  histogram,
  mean,
  pearson,
  summarize,
} from "./stats.ts";

/** Options of {@linkcode groupFacts}. */
export interface FactsOptions {
  /** Largest ACF lag (in bars). */
  acfLags: number;
  /** Length of an intraday bucket, minutes. */
  bucketMinutes: number;
}

/** One intraday bucket. */
export interface IntradayBucket {
  /** Minutes from the session open to the bucket's start. */
  startMinute: number;
  /** Sessions with at least one bar in the bucket. */
  sessions: number;
  /** Bars with a return in the bucket. */
  bars: number;
  /** Traded volume in the bucket, averaged over `sessions`. */
  meanVolume: number;
  /** The bucket's share of all traded volume. */
  volumeShare: number;
  /** √(mean r²) of the bucket's bar returns, basis points. */
  rmsReturnBps: number;
}

/** The stylized facts of one group. */
export interface GroupFacts {
  sessions: number;
  /** Bars with a return. */
  bars: number;
  /** Bar length, seconds. */
  barSeconds: number;
  /** Bar log returns in basis points (1 bp = 0.0001). */
  returnsBps: DistributionSummary;
  excessKurtosis: number;
  acf: {
    lags: number[];
    returns: number[];
    absReturns: number[];
    /** 1.96 / √bars: the 95% band of an uncorrelated series. */
    band: number;
  };
  spreadTicks: DistributionSummary & { histogram: Histogram };
  depth: DistributionSummary & { histogram: Histogram };
  /** Traded volume per bar (over bars with a return). */
  volumePerBar: DistributionSummary;
  volumeAbsReturnCorr: number;
  intraday: { bucketMinutes: number; buckets: IntradayBucket[] };
}

/** Spread bins: one per tick, 1…50 (wider spreads count as outside). */
export const SPREAD_EDGES: readonly number[] = Array.from({ length: 51 }, (_, i) => i + 0.5);
/** Depth bins: 10^(k/4) shares, k = 0…32 (1 to 10⁸ shares, four per decade). */
export const DEPTH_EDGES: readonly number[] = Array.from({ length: 33 }, (_, k) => 10 ** (k / 4));

function concat(arrays: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
  let o = 0;
  for (const a of arrays) {
    out.set(a, o);
    o += a.length;
  }
  return out;
}

function intraday(sessions: readonly SessionData[], bucketMinutes: number): IntradayBucket[] {
  const bucketNs = bucketMinutes * 60e9;
  const vol: number[] = [], sq: number[] = [], bars: number[] = [];
  const present: Set<number>[] = [];
  let totalVolume = 0;
  sessions.forEach((s, si) => {
    for (let j = 0; j < s.returns.length; j++) {
      const b = Math.floor((j * s.barNs) / bucketNs);
      while (vol.length <= b) {
        vol.push(0);
        sq.push(0);
        bars.push(0);
        present.push(new Set());
      }
      present[b].add(si);
      vol[b] += s.volumes[j];
      totalVolume += s.volumes[j];
      if (Number.isFinite(s.returns[j])) {
        sq[b] += s.returns[j] ** 2;
        bars[b]++;
      }
    }
  });
  return vol.map((v, b) => ({
    startMinute: b * bucketMinutes,
    sessions: present[b].size,
    bars: bars[b],
    meanVolume: v / present[b].size,
    volumeShare: totalVolume > 0 ? v / totalVolume : NaN,
    rmsReturnBps: bars[b] > 0 ? Math.sqrt(sq[b] / bars[b]) * 1e4 : NaN,
  }));
}

/** The stylized facts of `sessions` (see the module doc). */
export function groupFacts(sessions: readonly SessionData[], o: FactsOptions): GroupFacts {
  const returns = concat(sessions.map((s) => s.returns));
  const volumes = concat(sessions.map((s) => s.volumes));
  const bps = returns.map((r) => r * 1e4);
  const absSeries = sessions.map((s) => s.returns.map(Math.abs));
  const bars = returns.reduce((n, r) => (Number.isFinite(r) ? n + 1 : n), 0);
  const spread = concat(sessions.map((s) => s.spreadTicks));
  const depth = concat(sessions.map((s) => s.depth));
  const withReturn = volumes.map((v, i) => (Number.isFinite(returns[i]) ? v : NaN));
  return {
    sessions: sessions.length,
    bars,
    barSeconds: sessions.length > 0 ? sessions[0].barNs / 1e9 : NaN,
    returnsBps: summarize(bps),
    excessKurtosis: excessKurtosis(returns),
    acf: {
      lags: Array.from({ length: o.acfLags }, (_, i) => i + 1),
      returns: acf(sessions.map((s) => s.returns), o.acfLags),
      absReturns: acf(absSeries, o.acfLags),
      band: bars > 0 ? 1.96 / Math.sqrt(bars) : NaN,
    },
    spreadTicks: { ...summarize(spread), histogram: histogram(spread, SPREAD_EDGES) },
    depth: { ...summarize(depth), histogram: histogram(depth, DEPTH_EDGES) },
    volumePerBar: summarize(withReturn),
    volumeAbsReturnCorr: pearson(withReturn, returns.map(Math.abs)),
    intraday: { bucketMinutes: o.bucketMinutes, buckets: intraday(sessions, o.bucketMinutes) },
  };
}

/**
 * A histogram of standardized returns z = r / σ of each group (σ its own
 * standard deviation) over common bins of `binWidth` from −`limit` to
 * `limit`, as densities (probability / bin width), for a log-scale chart.
 */
export function standardizedReturnDensity(
  returns: Float64Array,
  limit = 8,
  binWidth = 0.5,
): { centers: number[]; density: number[]; outside: number } {
  const sd = Math.sqrt(mean(returns.map((r) => r * r)) - mean(returns) ** 2);
  const m = mean(returns);
  const bins = Math.round((2 * limit) / binWidth);
  const edges = Array.from({ length: bins + 1 }, (_, i) => -limit + i * binWidth);
  const h = histogram(returns.map((r) => (r - m) / sd), edges);
  return {
    centers: edges.slice(0, -1).map((e) => e + binWidth / 2),
    density: h.probability.map((p) => p / binWidth),
    outside: h.outside,
  };
}
