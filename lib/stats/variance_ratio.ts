/**
 * The Lo–MacKinlay variance-ratio test of the random-walk hypothesis, with the
 * heteroskedasticity-robust statistic z* (Lo & MacKinlay 1988, "Stock market
 * prices do not follow random walks", Review of Financial Studies 1(1),
 * eq. 18–20; overlapping q-period sums).
 *
 * Applied to the increments `x` of a series: VR(q) = Var(q-period sum) /
 * (q · Var(one period)). Under a random walk VR = 1; VR < 1 means the
 * increments mean-revert (the level behaves like a stationary series), VR > 1
 * means they trend. z* is asymptotically standard normal under the null.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { varianceRatioTest } from "./variance_ratio.ts";
 * // Alternating increments: the sums over 2 periods cancel, VR(2) is far below 1.
 * const x = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 1 : -1));
 * const r = varianceRatioTest(x, 2);
 * assert.ok(r.ratio < 0.1 && r.z < -5 && r.pValue < 0.001);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { normalCdf } from "./distributions.ts";

/** Result of {@linkcode varianceRatioTest}. */
export interface VarianceRatioResult {
  /** Holding period q (in observations). */
  q: number;
  /** Observations used (finite increments). */
  n: number;
  /** VR(q). */
  ratio: number;
  /** Heteroskedasticity-robust z* statistic. */
  z: number;
  /** Two-sided p-value of z* under N(0, 1). */
  pValue: number;
}

/**
 * Variance-ratio test of increments `x` (non-finite values are dropped) at
 * holding period `q` ≥ 2. Throws a {@linkcode UsageError} when fewer than
 * `2q` finite values remain or `q` is not an integer ≥ 2. A constant series
 * gives ratio NaN, z NaN and p-value NaN.
 */
export function varianceRatioTest(x: ArrayLike<number>, q: number): VarianceRatioResult {
  if (!Number.isInteger(q) || q < 2) {
    throw new UsageError(`variance ratio: expected an integer q >= 2, found ${q}`);
  }
  const r: number[] = [];
  for (let i = 0; i < x.length; i++) if (Number.isFinite(x[i])) r.push(x[i]);
  const n = r.length;
  if (n < 2 * q) {
    throw new UsageError(
      `variance ratio: expected at least ${2 * q} finite values for q = ${q}, found ${n}`,
    );
  }
  let mu = 0;
  for (const v of r) mu += v;
  mu /= n;
  const d = r.map((v) => v - mu);
  let ss = 0;
  for (const v of d) ss += v * v;
  const varA = ss / n;
  let sq = 0;
  let window = 0;
  for (let t = 0; t < n; t++) {
    window += d[t];
    if (t >= q) window -= d[t - q];
    if (t >= q - 1) sq += window * window;
  }
  const varC = sq / (n * q);
  const ratio = varC / varA;
  let theta = 0;
  for (let j = 1; j < q; j++) {
    let num = 0;
    for (let t = j; t < n; t++) num += d[t] * d[t] * d[t - j] * d[t - j];
    const delta = (n * num) / (ss * ss);
    const w = (2 * (q - j)) / q;
    theta += w * w * delta;
  }
  const z = Math.sqrt(n) * (ratio - 1) / Math.sqrt(theta);
  const pValue = Number.isFinite(z) ? 2 * (1 - normalCdf(Math.abs(z))) : NaN;
  return { q, n, ratio, z, pValue };
}
