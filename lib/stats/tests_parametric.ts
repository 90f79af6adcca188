/**
 * Student t tests: Welch's unequal-variance t test for two independent
 * samples (Welch 1947, "The generalization of 'Student's' problem when several
 * different population variances are involved", Biometrika 34) with the
 * Welch–Satterthwaite degrees of freedom, and the paired t test on the
 * differences a − b (for runs sharing seeds and episodes).
 *
 * Welch: t = (x̄ − ȳ) / √(s²ₓ/nₓ + s²ᵧ/nᵧ),
 * ν = (s²ₓ/nₓ + s²ᵧ/nᵧ)² / ((s²ₓ/nₓ)²/(nₓ − 1) + (s²ᵧ/nᵧ)²/(nᵧ − 1)).
 * p-values come from the Student t CDF in distributions.ts.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { welchTTest } from "./tests_parametric.ts";
 * const r = welchTTest([5.1, 4.9, 5.6, 5.8, 6.0], [4.1, 4.4, 4.0, 4.6]);
 * assert(r.statistic > 0 && r.pValue < 0.01);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";
import { type Alternative, checkAlternative } from "./alternative.ts";
import { mean, requireSample, sampleVariance } from "./descriptive.ts";
import { studentTCdf, studentTTwoSided } from "./distributions.ts";

/** Result of a t test. */
export interface TTestResult {
  /** The t statistic. */
  statistic: number;
  /** Degrees of freedom (Welch–Satterthwaite for Welch's test). */
  df: number;
  /** p-value under the chosen alternative. */
  pValue: number;
  /** Mean of a minus mean of b (the mean paired difference for the paired test). */
  meanDifference: number;
  /** Standard error of `meanDifference`. */
  standardError: number;
  /** The alternative the p-value is for. */
  alternative: Alternative;
}

function pFromT(t: number, df: number, alternative: Alternative): number {
  if (Number.isNaN(t)) return NaN;
  if (alternative === "two-sided") return studentTTwoSided(t, df);
  if (alternative === "greater") return studentTCdf(-t, df);
  return studentTCdf(t, df);
}

function ratio(diff: number, se: number): number {
  if (se > 0) return diff / se;
  return diff === 0 ? NaN : diff > 0 ? Infinity : -Infinity;
}

/** Welch's two-sample t test of equal means (unequal variances allowed). */
export function welchTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: { alternative?: Alternative } = {},
): TTestResult {
  const alternative = options.alternative ?? "two-sided";
  checkAlternative(alternative);
  requireSample(a, 2, "welchTTest a");
  requireSample(b, 2, "welchTTest b");
  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const se = Math.sqrt(va + vb);
  const diff = mean(a) - mean(b);
  const df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
  const t = ratio(diff, se);
  return {
    statistic: t,
    df,
    pValue: pFromT(t, df > 0 ? df : 1, alternative),
    meanDifference: diff,
    standardError: se,
    alternative,
  };
}

/** Paired t test on the differences a[i] − b[i] (df = n − 1). */
export function pairedTTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: { alternative?: Alternative } = {},
): TTestResult {
  const d = pairedDifferences(a, b);
  const alternative = options.alternative ?? "two-sided";
  checkAlternative(alternative);
  requireSample(d, 2, "pairedTTest differences");
  const se = Math.sqrt(sampleVariance(d) / d.length);
  const diff = mean(d);
  const t = ratio(diff, se);
  const df = d.length - 1;
  return {
    statistic: t,
    df,
    pValue: pFromT(t, df, alternative),
    meanDifference: diff,
    standardError: se,
    alternative,
  };
}

/** Differences a[i] − b[i] of two equally long paired samples. */
export function pairedDifferences(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  if (a.length !== b.length) {
    throw new InputError({
      keyPath: "paired samples",
      expected: "two samples of equal length (one value per shared seed/episode)",
      found: `lengths ${a.length} and ${b.length}`,
    });
  }
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return d;
}
