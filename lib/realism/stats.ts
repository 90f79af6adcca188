/**
 * Sample statistics for the realism check. NaN values are skipped everywhere
 * (a bar whose mid price is unknown has no return); a statistic of fewer
 * values than it needs is NaN.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { acf, excessKurtosis, quantile } from "./stats.ts";
 * assert(Math.abs(excessKurtosis([1, 2, 3, 4, 5]) - -1.3) < 1e-12);
 * assert.deepEqual(acf([[1, -1, 1, -1]], 2), [-0.75, 0.5]);
 * assert(quantile([4, 1, 3, 2], 0.5) === 2.5);
 * ```
 * @module
 */

/** Numbers that can be read by index. */
export type Values = ArrayLike<number>;

/** The finite values of `x`, as a new array. */
export function finite(x: Values): number[] {
  const out: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) out.push(x[i]);
  return out;
}

/** Arithmetic mean x̄ = Σx / n of the finite values. */
export function mean(x: Values): number {
  let s = 0, n = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      s += x[i];
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/** Sample standard deviation √(Σ(x − x̄)² / (n − 1)) of the finite values. */
export function std(x: Values): number {
  const m = mean(x);
  let s = 0, n = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) {
      s += (x[i] - m) ** 2;
      n++;
    }
  }
  return n < 2 ? NaN : Math.sqrt(s / (n - 1));
}

/**
 * Excess kurtosis by moments, g₂ = m₄ / m₂² − 3 with mₖ = Σ(x − x̄)ᵏ / n
 * (0 for a normal distribution, > 0 for fat tails). NaN for fewer than 4
 * values or zero variance.
 */
export function excessKurtosis(x: Values): number {
  const m = mean(x);
  let m2 = 0, m4 = 0, n = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) continue;
    const d2 = (x[i] - m) ** 2;
    m2 += d2;
    m4 += d2 * d2;
    n++;
  }
  if (n < 4 || m2 === 0) return NaN;
  m2 /= n;
  m4 /= n;
  return m4 / (m2 * m2) - 3;
}

/**
 * Autocorrelation at lags 1…`maxLag` of several series (sessions) pooled:
 * ρ(k) = Σ_s Σ_t (x_t − x̄)(x_{t+k} − x̄) / Σ_s Σ_t (x_t − x̄)², where x̄ is
 * the mean over all series, the numerator takes only pairs inside one series
 * (never across a session boundary) with both values finite, and the
 * denominator every finite value. For one series this is the usual sample
 * ACF. NaN where there are no pairs or no variance.
 */
export function acf(series: readonly Values[], maxLag: number): number[] {
  let sum = 0, n = 0;
  for (const x of series) {
    for (let i = 0; i < x.length; i++) {
      if (Number.isFinite(x[i])) {
        sum += x[i];
        n++;
      }
    }
  }
  const m = n === 0 ? NaN : sum / n;
  let denom = 0;
  for (const x of series) {
    for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) denom += (x[i] - m) ** 2;
  }
  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let num = 0, pairs = 0;
    for (const x of series) {
      for (let t = 0; t + k < x.length; t++) {
        if (Number.isFinite(x[t]) && Number.isFinite(x[t + k])) {
          num += (x[t] - m) * (x[t + k] - m);
          pairs++;
        }
      }
    }
    out.push(pairs === 0 || !(denom > 0) ? NaN : num / denom);
  }
  return out;
}

/**
 * Pearson correlation r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²) over the
 * pairs where both values are finite. NaN for fewer than 2 pairs or no variance.
 */
export function pearson(x: Values, y: Values): number {
  if (x.length !== y.length) {
    throw new RangeError(`pearson: expected equal lengths, found ${x.length} and ${y.length}`);
  }
  let sx = 0, sy = 0, n = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      sx += x[i];
      sy += y[i];
      n++;
    }
  }
  if (n < 2) return NaN;
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i]) && Number.isFinite(y[i])) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
      syy += (y[i] - my) ** 2;
    }
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * The p-quantile (0 ≤ p ≤ 1) of the finite values by linear interpolation
 * between order statistics (Hyndman and Fan's type 7, the default of R and
 * numpy): with sorted x₀ ≤ … ≤ x_{n−1} and h = (n − 1)p,
 * q = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋).
 */
export function quantile(x: Values, p: number): number {
  return quantilesOfSorted(finite(x).sort((a, b) => a - b), [p])[0];
}

/** Type-7 quantiles of already sorted finite values (see {@linkcode quantile}). */
export function quantilesOfSorted(sorted: readonly number[], ps: readonly number[]): number[] {
  return ps.map((p) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: expected 0 ≤ p ≤ 1, found ${p}`);
    const n = sorted.length;
    if (n === 0) return NaN;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
  });
}

/** A distribution summarised: count, mean, standard deviation and quantiles. */
export interface DistributionSummary {
  n: number;
  mean: number;
  std: number;
  min: number;
  q05: number;
  q25: number;
  median: number;
  q75: number;
  q95: number;
  max: number;
}

/** {@linkcode DistributionSummary} of the finite values of `x`. */
export function summarize(x: Values): DistributionSummary {
  const s = finite(x).sort((a, b) => a - b);
  const [min, q05, q25, median, q75, q95, max] = quantilesOfSorted(
    s,
    [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1],
  );
  return { n: s.length, mean: mean(s), std: std(s), min, q05, q25, median, q75, q95, max };
}

/** Counts per bin and their share of the total. */
export interface Histogram {
  /** Bin edges, ascending; bin i is [edges[i], edges[i+1]), the last bin closed. */
  edges: number[];
  counts: number[];
  /** counts / Σcounts (NaN when empty). */
  probability: number[];
  /** Values below the first edge or above the last. */
  outside: number;
}

/** Histogram of the finite values of `x` over `edges` (ascending, ≥ 2 of them). */
export function histogram(x: Values, edges: readonly number[]): Histogram {
  if (edges.length < 2) {
    throw new RangeError(`histogram: expected ≥ 2 edges, found ${edges.length}`);
  }
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  let outside = 0, total = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) continue;
    if (v < edges[0] || v > edges[bins]) {
      outside++;
      continue;
    }
    // Binary search for the last edge ≤ v.
    let lo = 0, hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (edges[mid] <= v) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
    total++;
  }
  return {
    edges: [...edges],
    counts,
    probability: counts.map((c) => (total === 0 ? NaN : c / total)),
    outside,
  };
}
