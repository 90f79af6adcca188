/**
 * Tail risk of a returns (or PnL) series: Value at Risk and Conditional Value
 * at Risk (expected shortfall) at a confidence level α (95% and 99% are the
 * usual ones), historical and Cornish–Fisher.
 *
 * Sign convention: VaR and CVaR are LOSSES, reported as positive numbers when
 * the tail is below 0: VaR_α = −q_{1−α}(r), where q_p is the p-quantile of the
 * returns. CVaR_α ≥ VaR_α always holds for the historical estimator.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { historicalCvar, historicalVar } from "./tail_risk.ts";
 * // 20 returns: -0.05, -0.04, then 18 × 0.01. n(1 − α) = 20 × 0.05 = 1 → k = 1.
 * const r = [-0.05, -0.04, ...Array(18).fill(0.01)];
 * assert.equal(historicalVar(r, 0.95), 0.05);
 * assert.equal(historicalCvar(r, 0.95), 0.05);
 * ```
 * @module
 */

import { mean, requireProbability, sampleStd, type Series } from "./_util.ts";
import { normalQuantile as statsNormalQuantile } from "../stats/distributions.ts";

/** The k = ⌈n p⌉ used by the historical estimators (guarded against float error in n p). */
function tailCount(n: number, p: number): number {
  // 100 × (1 − 0.95) = 5.000000000000004 in floating point; ⌈·⌉ would give 6.
  return Math.max(1, Math.ceil(n * p - 1e-9));
}

function sortedAscending(x: Series): Float64Array {
  return Float64Array.from(x as ArrayLike<number>).sort();
}

/**
 * Historical VaR at level α: VaR_α = −r_(k), k = ⌈n (1 − α)⌉, where r_(1) ≤ … ≤
 * r_(n) are the sorted returns. Quantile convention: the empirical quantile as
 * the inverse of the empirical CDF (Hyndman & Fan 1996, "Sample quantiles in
 * statistical packages", type 1; no interpolation), so the VaR is always one of
 * the observed returns. NaN for an empty series. Throws unless 0 < α < 1.
 */
export function historicalVar(returns: Series, level = 0.95): number {
  requireProbability("level", level);
  const n = returns.length;
  if (n === 0) return NaN;
  const s = sortedAscending(returns);
  return -s[tailCount(n, 1 - level) - 1];
}

/**
 * Historical CVaR (expected shortfall) at level α: the mean loss of the k worst
 * periods, CVaR_α = −(1/k) Σ_{i=1..k} r_(i), with the same k = ⌈n (1 − α)⌉ as
 * {@linkcode historicalVar} (the tail-mean estimator of Acerbi & Tasche 2002,
 * "On the coherence of expected shortfall", J. Banking & Finance 26(7),
 * without the fractional weight on r_(k)). NaN for an empty series.
 */
export function historicalCvar(returns: Series, level = 0.95): number {
  requireProbability("level", level);
  const n = returns.length;
  if (n === 0) return NaN;
  const s = sortedAscending(returns);
  const k = tailCount(n, 1 - level);
  let total = 0;
  for (let i = 0; i < k; i++) total += s[i];
  return -total / k;
}

/**
 * Sample skewness g₁ = m₃ / m₂^{3/2}, with m_k = (1/n) Σ (r − r̄)^k the biased
 * central moments (Joanes & Gill 1998, "Comparing measures of sample skewness
 * and kurtosis", estimator g₁). NaN when n = 0 or m₂ = 0.
 */
export function skewness(x: Series): number {
  const [m2, m3] = centralMoments(x);
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : NaN;
}

/**
 * Sample excess kurtosis g₂ = m₄ / m₂² − 3 (Joanes & Gill 1998, estimator g₂;
 * biased moments as in {@linkcode skewness}). NaN when n = 0 or m₂ = 0.
 */
export function excessKurtosis(x: Series): number {
  const [m2, , m4] = centralMoments(x);
  return m2 > 0 ? m4 / (m2 * m2) - 3 : NaN;
}

function centralMoments(x: Series): [number, number, number] {
  const n = x.length;
  if (n === 0) return [NaN, NaN, NaN];
  const m = mean(x);
  let m2 = 0, m3 = 0, m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  return [m2 / n, m3 / n, m4 / n];
}

/**
 * Standard normal quantile Φ⁻¹(p) (Acklam's approximation refined by one
 * Halley step; lib/stats/distributions.ts). Throws unless 0 < p < 1.
 */
export function normalQuantile(p: number): number {
  requireProbability("p", p);
  return statsNormalQuantile(p);
}

/** Standard normal density φ(z) = e^{−z²/2} / √(2π). */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Cornish–Fisher adjusted quantile of a standardised variable with skewness S
 * and excess kurtosis K (Cornish & Fisher 1938; as used for modified VaR by
 * Favre & Galeano 2002, "Mean-modified value-at-risk optimization with hedge
 * funds", J. Alternative Investments 5(2)):
 *
 *   z_cf = z + (z² − 1) S/6 + (z³ − 3z) K/24 − (2z³ − 5z) S²/36.
 */
export function cornishFisherZ(z: number, skew: number, exKurt: number): number {
  return z + (z * z - 1) * skew / 6 + (z ** 3 - 3 * z) * exKurt / 24 -
    (2 * z ** 3 - 5 * z) * skew * skew / 36;
}

/**
 * Cornish–Fisher (modified) VaR at level α (Favre & Galeano 2002):
 *
 *   VaR_α = −(μ + z_cf σ),  z = Φ⁻¹(1 − α),
 *
 * with μ the mean, σ the sample standard deviation (ddof = 1), and S, K the
 * sample skewness g₁ and excess kurtosis g₂ of the returns ({@linkcode skewness},
 * {@linkcode excessKurtosis}). With S = K = 0 it is the Gaussian VaR. NaN when
 * fewer than 2 returns or σ = 0.
 */
export function cornishFisherVar(returns: Series, level = 0.95): number {
  requireProbability("level", level);
  const sd = sampleStd(returns);
  if (!(sd > 0)) return NaN;
  const z = normalQuantile(1 - level);
  const zcf = cornishFisherZ(z, skewness(returns), excessKurtosis(returns));
  return -(mean(returns) + zcf * sd);
}

/**
 * Cornish–Fisher CVaR at level α: the tail mean of the Cornish–Fisher quantile
 * function, CVaR_α = −(μ + σ E_cf), with p = 1 − α, q = Φ⁻¹(p) and
 *
 *   E_cf = (1/p) ∫₀^p z_cf(Φ⁻¹(u)) du = (1/p) E[g(Z) 1{Z ≤ q}],
 *
 * g the polynomial of {@linkcode cornishFisherZ}, Z standard normal. The
 * partial moments M_k = E[Z^k 1{Z ≤ q}] are M₀ = p, M₁ = −φ(q),
 * M₂ = p − q φ(q), M₃ = −(q² + 2) φ(q), so
 *
 *   p E_cf = M₁ + (S/6)(M₂ − M₀) + (K/24)(M₃ − 3M₁) − (S²/36)(2M₃ − 5M₁).
 *
 * With S = K = 0 this is the Gaussian expected shortfall −μ + σ φ(q)/p. It
 * assumes z_cf is increasing in z (moderate S and K); it is not the
 * Edgeworth-based "modified ES" of Boudt, Peterson & Croux 2008 (J. Risk
 * 11(2)). NaN when fewer than 2 returns or σ = 0.
 */
export function cornishFisherCvar(returns: Series, level = 0.95): number {
  requireProbability("level", level);
  const sd = sampleStd(returns);
  if (!(sd > 0)) return NaN;
  const p = 1 - level;
  const q = normalQuantile(p);
  const phi = normalDensity(q);
  const s = skewness(returns), k = excessKurtosis(returns);
  const m0 = p, m1 = -phi, m2 = p - q * phi, m3 = -(q * q + 2) * phi;
  const tail = m1 + (s / 6) * (m2 - m0) + (k / 24) * (m3 - 3 * m1) -
    (s * s / 36) * (2 * m3 - 5 * m1);
  return -(mean(returns) + sd * tail / p);
}

/** VaR and CVaR at 95% and 99%, historical and Cornish–Fisher. */
export interface TailRisk {
  /** {@linkcode historicalVar} at 95%. */
  historicalVar95: number;
  /** {@linkcode historicalVar} at 99%. */
  historicalVar99: number;
  /** {@linkcode historicalCvar} at 95%. */
  historicalCvar95: number;
  /** {@linkcode historicalCvar} at 99%. */
  historicalCvar99: number;
  /** {@linkcode cornishFisherVar} at 95%. */
  cornishFisherVar95: number;
  /** {@linkcode cornishFisherVar} at 99%. */
  cornishFisherVar99: number;
  /** {@linkcode cornishFisherCvar} at 95%. */
  cornishFisherCvar95: number;
  /** {@linkcode cornishFisherCvar} at 99%. */
  cornishFisherCvar99: number;
}

/** All eight tail-risk figures of {@linkcode TailRisk} for one series. */
export function tailRisk(returns: Series): TailRisk {
  return {
    historicalVar95: historicalVar(returns, 0.95),
    historicalVar99: historicalVar(returns, 0.99),
    historicalCvar95: historicalCvar(returns, 0.95),
    historicalCvar99: historicalCvar(returns, 0.99),
    cornishFisherVar95: cornishFisherVar(returns, 0.95),
    cornishFisherVar99: cornishFisherVar(returns, 0.99),
    cornishFisherCvar95: cornishFisherCvar(returns, 0.95),
    cornishFisherCvar99: cornishFisherCvar(returns, 0.99),
  };
}
