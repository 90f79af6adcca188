/**
 * Mann–Whitney U test (Wilcoxon rank-sum; Mann and Whitney 1947, Ann. Math.
 * Statist. 18(1)): do values of a tend to exceed values of b?
 *
 * U of a = Rₐ − nₐ(nₐ + 1)/2 with Rₐ the sum of a's ranks in the pooled
 * sample (ties get the average rank).
 * - Asymptotic: z = (U − nₐn_b/2 − ½) / σ with the tie-corrected
 *   σ² = nₐn_b/12 · ((n + 1) − Σ(t³ − t)/(n(n − 1))), t the size of each tie
 *   group, and the ½ continuity correction (Lehmann 1975, "Nonparametrics",
 *   §1.4); for the two-sided test U is the larger of U and nₐn_b − U and the
 *   one-sided tail is doubled (as `scipy.stats.mannwhitneyu`).
 * - Exact: the null distribution of U by the recursion
 *   P(U = u; m, n) = m/(m+n) P(U = u − n; m − 1, n) + n/(m+n) P(U = u; m, n − 1)
 *   (Mann and Whitney 1947), valid without ties.
 * `method: "auto"` uses the exact distribution when there are no ties and
 * nₐ + n_b ≤ 40, the normal approximation otherwise.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { mannWhitneyU } from "./tests_rank.ts";
 * const r = mannWhitneyU([1.1, 2.3, 0.7, 1.9], [3.2, 2.8, 4.0, 3.5, 2.9]);
 * assert.equal(r.statistic, 0); // every a is below every b
 * assert.equal(r.method, "exact");
 * assert(Math.abs(r.pValue - 2 / 126) < 1e-12); // 2 of C(9,4) = 126 orderings are as extreme
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { type Alternative, checkAlternative } from "./alternative.ts";
import { requireSample } from "./descriptive.ts";
import { normalCdf } from "./distributions.ts";

/** Result of {@linkcode mannWhitneyU}. */
export interface MannWhitneyResult {
  /** U statistic of the first sample (number of pairs with a > b, ties counting ½). */
  statistic: number;
  /** p-value under the chosen alternative. */
  pValue: number;
  /** The z score of the normal approximation (NaN for the exact method). */
  z: number;
  /** Which null distribution gave the p-value. */
  method: "exact" | "asymptotic";
  /** The alternative the p-value is for. */
  alternative: Alternative;
}

/** Options of {@linkcode mannWhitneyU}. */
export interface MannWhitneyOptions {
  /** Default "two-sided". */
  alternative?: Alternative;
  /** "auto" (default), "exact" (no ties allowed) or "asymptotic". */
  method?: "auto" | "exact" | "asymptotic";
  /** Continuity correction of the normal approximation (default true). */
  continuity?: boolean;
}

/** Average ranks (1-based) of `xs`, and Σ(t³ − t) over tie groups. */
export function averageRanks(xs: ArrayLike<number>): { ranks: Float64Array; tieSum: number } {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => xs[i] - xs[j]);
  const ranks = new Float64Array(n);
  let tieSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]] === xs[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    const t = j - i + 1;
    tieSum += t * t * t - t;
    i = j + 1;
  }
  return { ranks, tieSum };
}

/** P(U ≥ u) for U the Mann–Whitney statistic of samples of sizes m and n (no ties). */
export function mannWhitneyExactSf(u: number, m: number, n: number): number {
  // prob[j] holds the distribution for sizes (i, j) as i grows; row-by-row DP.
  const max = m * n;
  let prev: Float64Array[] = [];
  for (let j = 0; j <= n; j++) {
    const d = new Float64Array(max + 1);
    d[0] = 1; // i = 0: U = 0 surely
    prev.push(d);
  }
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [];
    const d0 = new Float64Array(max + 1);
    d0[0] = 1; // j = 0
    cur.push(d0);
    for (let j = 1; j <= n; j++) {
      const d = new Float64Array(max + 1);
      const wa = i / (i + j), wb = j / (i + j);
      const up = prev[j], left = cur[j - 1];
      for (let v = 0; v <= i * j; v++) {
        d[v] = (v >= j ? wa * up[v - j] : 0) + wb * left[v];
      }
      cur.push(d);
    }
    prev = cur;
  }
  const dist = prev[n];
  let s = 0;
  for (let v = Math.max(0, Math.ceil(u)); v <= max; v++) s += dist[v];
  return Math.min(1, s);
}

/** Mann–Whitney U test of a against b. */
export function mannWhitneyU(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const alternative = options.alternative ?? "two-sided";
  checkAlternative(alternative);
  requireSample(a, 1, "mannWhitneyU a");
  requireSample(b, 1, "mannWhitneyU b");
  const n1 = a.length, n2 = b.length, n = n1 + n2;
  const pooled = new Float64Array(n);
  pooled.set(Array.from(a), 0);
  pooled.set(Array.from(b), n1);
  const { ranks, tieSum } = averageRanks(pooled);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - n1 * (n1 + 1) / 2;
  const u2 = n1 * n2 - u1;
  const requested = options.method ?? "auto";
  if (requested !== "auto" && requested !== "exact" && requested !== "asymptotic") {
    throw new UsageError(
      `mannWhitneyU: expected method "auto", "exact" or "asymptotic", found ${requested}`,
    );
  }
  if (requested === "exact" && tieSum > 0) {
    throw new UsageError("mannWhitneyU: the exact method needs samples without ties");
  }
  const method = requested === "auto"
    ? (tieSum === 0 && n <= 40 ? "exact" : "asymptotic")
    : requested;
  const u = alternative === "two-sided" ? Math.max(u1, u2) : alternative === "greater" ? u1 : u2;
  const factor = alternative === "two-sided" ? 2 : 1;
  if (method === "exact") {
    return {
      statistic: u1,
      pValue: Math.min(1, factor * mannWhitneyExactSf(u, n1, n2)),
      z: NaN,
      method,
      alternative,
    };
  }
  const mu = n1 * n2 / 2;
  const sigma = Math.sqrt(n1 * n2 / 12 * ((n + 1) - tieSum / (n * (n - 1))));
  const cc = (options.continuity ?? true) ? 0.5 : 0;
  const z = sigma > 0 ? (u - mu - cc) / sigma : NaN;
  return {
    statistic: u1,
    pValue: Number.isNaN(z) ? 1 : Math.min(1, factor * normalCdf(-z)),
    z,
    method,
    alternative,
  };
}
