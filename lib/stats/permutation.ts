/**
 * Paired permutation (sign-flip) test for runs that share seeds and episodes
 * (Fisher 1935, "The Design of Experiments", §21; Good 2005, "Permutation,
 * Parametric and Bootstrap Tests of Hypotheses", §3.6). Under the null
 * hypothesis the two members of each pair are exchangeable, so each paired
 * difference dᵢ = aᵢ − bᵢ is as likely to have its sign flipped. The statistic
 * is the mean difference; its null distribution is that of (1/n) Σ sᵢdᵢ over
 * all 2ⁿ sign vectors s.
 *
 * For n ≤ 20 every sign vector is enumerated (Gray-code order, one update per
 * step) and the p-value is exact. For larger n, `resamples` random sign
 * vectors are drawn from the seeded {@linkcode Rng} and
 * p = (1 + #{as extreme}) / (1 + resamples) (Phipson and Smyth 2010, "Permutation
 * p-values should never be zero"). Two-sided: |T*| ≥ |T|. Comparisons allow a
 * relative tolerance of 1e-9 so that rounding never drops the observed
 * arrangement itself.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { pairedPermutationTest } from "./permutation.ts";
 * // All five differences positive: only the identity and the all-flipped
 * // vector are as extreme in absolute value, p = 2 / 32.
 * const r = pairedPermutationTest([3, 4, 5, 6, 7], [1, 1, 1, 1, 1]);
 * assert.equal(r.exact, true);
 * assert(Math.abs(r.pValue - 2 / 32) < 1e-15);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import type { Rng } from "../core/rng.ts";
import { type Alternative, checkAlternative } from "./alternative.ts";
import { requireSample } from "./descriptive.ts";
import { pairedDifferences } from "./tests_parametric.ts";

/** Largest n enumerated exactly (2²⁰ sign vectors). */
export const EXACT_PERMUTATION_MAX_N = 20;

/** Options of {@linkcode pairedPermutationTest}. */
export interface PermutationOptions {
  /** Default "two-sided". */
  alternative?: Alternative;
  /** Seeded stream for the Monte Carlo case (n > 20); required there. */
  rng?: Rng;
  /** Number of random sign vectors when n > 20 (default 10000). */
  resamples?: number;
}

/** Result of {@linkcode pairedPermutationTest}. */
export interface PermutationResult {
  /** Observed mean paired difference mean(a − b). */
  statistic: number;
  /** p-value under the chosen alternative. */
  pValue: number;
  /** True when all 2ⁿ sign vectors were enumerated. */
  exact: boolean;
  /** Number of sign vectors the p-value is based on. */
  permutations: number;
  /** The alternative the p-value is for. */
  alternative: Alternative;
}

/** Paired sign-flip permutation test of mean(a − b) = 0. */
export function pairedPermutationTest(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: PermutationOptions = {},
): PermutationResult {
  const alternative = options.alternative ?? "two-sided";
  checkAlternative(alternative);
  const d = pairedDifferences(a, b);
  requireSample(d, 1, "pairedPermutationTest differences");
  const n = d.length;
  let obs = 0, scale = 0;
  for (const x of d) {
    obs += x;
    scale += Math.abs(x);
  }
  const tol = 1e-9 * scale;
  const extreme = (s: number): boolean =>
    alternative === "two-sided"
      ? Math.abs(s) >= Math.abs(obs) - tol
      : alternative === "greater"
      ? s >= obs - tol
      : s <= obs + tol;

  if (n <= EXACT_PERMUTATION_MAX_N) {
    const total = 2 ** n;
    const sign = new Int8Array(n).fill(1);
    let s = obs;
    let count = extreme(s) ? 1 : 0;
    for (let k = 1; k < total; k++) {
      // Gray code: the bit that changes at step k is the lowest set bit of k.
      const bit = 31 - Math.clz32(k & -k);
      s -= 2 * sign[bit] * d[bit];
      sign[bit] = -sign[bit];
      if (extreme(s)) count++;
    }
    return {
      statistic: obs / n,
      pValue: count / total,
      exact: true,
      permutations: total,
      alternative,
    };
  }

  const rng = options.rng;
  if (rng === undefined) {
    throw new UsageError(
      `pairedPermutationTest: n = ${n} > ${EXACT_PERMUTATION_MAX_N} needs a seeded rng for Monte Carlo`,
    );
  }
  const resamples = options.resamples ?? 10000;
  if (!(Number.isInteger(resamples) && resamples >= 1)) {
    throw new UsageError(
      `pairedPermutationTest: expected resamples to be an integer ≥ 1, found ${resamples}`,
    );
  }
  let count = 0;
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i += 32) {
      const bits = rng.nextU32();
      const end = Math.min(n, i + 32);
      for (let j = i; j < end; j++) s += (bits >>> (j - i)) & 1 ? d[j] : -d[j];
    }
    if (extreme(s)) count++;
  }
  return {
    statistic: obs / n,
    pValue: (1 + count) / (1 + resamples),
    exact: false,
    permutations: resamples,
    alternative,
  };
}
