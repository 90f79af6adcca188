/**
 * Descriptive helpers shared by the statistics modules: mean, variance,
 * moments and the linear-interpolation quantile (Hyndman and Fan 1996,
 * definition 7, the default of R and NumPy).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { mean, quantile, sampleVariance } from "./descriptive.ts";
 * assert.equal(mean([1, 2, 3, 4]), 2.5);
 * assert.equal(sampleVariance([1, 2, 3, 4]), 5 / 3);
 * assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";

/** Throws an {@linkcode InputError} unless `xs` has at least `min` finite values. */
export function requireSample(xs: ArrayLike<number>, min: number, what: string): void {
  if (xs.length < min) {
    throw new InputError({
      keyPath: what,
      expected: `at least ${min} observation${min === 1 ? "" : "s"}`,
      found: `${xs.length}`,
    });
  }
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) {
      throw new InputError({
        keyPath: `${what}[${i}]`,
        expected: "a finite number",
        found: String(xs[i]),
      });
    }
  }
}

/** Arithmetic mean. */
export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Unbiased sample variance (divisor n − 1). */
export function sampleVariance(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += (xs[i] - m) * (xs[i] - m);
  return s / (xs.length - 1);
}

/**
 * Population skewness γ₃ = m₃ / m₂^{3/2} and (non-excess) kurtosis
 * γ₄ = m₄ / m₂², with central moments mₖ = (1/n) Σ (xᵢ − x̄)ᵏ. A normal
 * distribution has γ₃ = 0 and γ₄ = 3 (the convention of Bailey and López de
 * Prado's PSR; `scipy.stats.skew` and `scipy.stats.kurtosis(fisher=False)`).
 */
export function moments(
  xs: ArrayLike<number>,
): { mean: number; std: number; skewness: number; kurtosis: number } {
  const n = xs.length;
  const m = mean(xs);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    mean: m,
    std: Math.sqrt(m2),
    skewness: m3 / Math.pow(m2, 1.5),
    kurtosis: m4 / (m2 * m2),
  };
}

/** Quantile by linear interpolation between order statistics (type 7; `numpy.quantile`). */
export function quantile(xs: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(xs).sort();
  return quantileSorted(sorted, p);
}

/** {@linkcode quantile} on an already ascending array. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
