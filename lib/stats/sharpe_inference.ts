/**
 * Inference on the Sharpe ratio that accounts for short samples, non-normal
 * returns and selection among many trials.
 *
 * - Probabilistic Sharpe Ratio (Bailey and López de Prado 2012, "The Sharpe
 *   ratio efficient frontier", Journal of Risk 15(2), eq. 11):
 *   PSR(SR*) = Φ((SR − SR*) √(n − 1) / √(1 − γ₃ SR + (γ₄ − 1)/4 · SR²)),
 *   the probability that the true Sharpe ratio exceeds the benchmark SR*,
 *   with SR the observed non-annualised Sharpe ratio of n returns, γ₃ their
 *   skewness and γ₄ their (non-excess) kurtosis.
 * - Minimum track record length (same paper, eq. 12):
 *   MinTRL = 1 + (1 − γ₃ SR + (γ₄ − 1)/4 · SR²) (z_c / (SR − SR*))².
 * - Deflated Sharpe Ratio (Bailey and López de Prado 2014, "The deflated
 *   Sharpe ratio: correcting for selection bias, backtest overfitting and
 *   non-normality", Journal of Portfolio Management 40(5), eq. 2):
 *   DSR = PSR(SR₀) with SR₀ = √V[SRₙ] · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))),
 *   the expected maximum Sharpe ratio of N independent trials with zero true
 *   Sharpe and variance V[SRₙ] across trials; γ ≈ 0.5772 is the
 *   Euler–Mascheroni constant.
 *
 * All Sharpe ratios here are per observation (not annualised); divide an
 * annualised ratio by √(periods per year) first.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { deflatedSharpeRatio } from "./sharpe_inference.ts";
 * // The numerical example of Bailey and López de Prado (2014): annualised
 * // SR 2.5 over 1250 daily returns, skewness −3, kurtosis 10, N = 100 trials
 * // with annualised variance 1/2 → SR₀ ≈ 0.1132, DSR ≈ 0.9004.
 * const r = deflatedSharpeRatio(
 *   { sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10 },
 *   { trials: 100, trialsSharpeVariance: 0.5 / 250 },
 * );
 * assert(Math.abs(r.benchmark - 0.1132) < 5e-5);
 * assert(Math.abs(r.dsr - 0.9004) < 5e-5);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { moments, requireSample, sampleVariance } from "./descriptive.ts";
import { normalCdf, normalQuantile } from "./distributions.ts";

/** Euler–Mascheroni constant γ. */
export const EULER_MASCHERONI = 0.5772156649015329;

/** What PSR needs to know about a return series. */
export interface SharpeMoments {
  /** Observed Sharpe ratio per observation (mean / standard deviation, not annualised). */
  sharpe: number;
  /** Number of returns n. */
  observations: number;
  /** Skewness γ₃ of the returns (0 for normal). */
  skewness: number;
  /** Kurtosis γ₄ of the returns, not excess (3 for normal). */
  kurtosis: number;
}

/**
 * Sharpe ratio and moments of a return series: SR = mean / sample standard
 * deviation (divisor n − 1), minus `riskFree` per period from every return;
 * skewness and kurtosis are the population moments (divisor n), as in
 * `scipy.stats.skew` and `scipy.stats.kurtosis(fisher=False)`.
 */
export function sharpeMomentsFromReturns(
  returns: ArrayLike<number>,
  riskFree = 0,
): SharpeMoments {
  requireSample(returns, 3, "returns");
  const excess = Float64Array.from(returns, (r) => r - riskFree);
  const m = moments(excess);
  return {
    sharpe: m.mean / Math.sqrt(sampleVariance(excess)),
    observations: excess.length,
    skewness: m.skewness,
    kurtosis: m.kurtosis,
  };
}

function sharpeVarianceFactor(m: SharpeMoments): number {
  return 1 - m.skewness * m.sharpe + (m.kurtosis - 1) / 4 * m.sharpe * m.sharpe;
}

function checkMoments(m: SharpeMoments): void {
  if (!(Number.isInteger(m.observations) && m.observations >= 2)) {
    throw new UsageError(`Sharpe inference: expected observations ≥ 2, found ${m.observations}`);
  }
  if (!(sharpeVarianceFactor(m) > 0)) {
    throw new UsageError(
      `Sharpe inference: expected 1 − γ₃·SR + (γ₄ − 1)/4·SR² > 0, found SR=${m.sharpe}, ` +
        `γ₃=${m.skewness}, γ₄=${m.kurtosis}`,
    );
  }
}

/** Probabilistic Sharpe Ratio: P(true SR > `benchmark`) (Bailey and López de Prado 2012). */
export function probabilisticSharpeRatio(m: SharpeMoments, benchmark = 0): number {
  checkMoments(m);
  const z = (m.sharpe - benchmark) * Math.sqrt(m.observations - 1) /
    Math.sqrt(sharpeVarianceFactor(m));
  return normalCdf(z);
}

/**
 * Minimum track record length (number of observations) for the observed SR to
 * exceed `benchmark` with probability `confidence` (Bailey and López de Prado 2012).
 * Infinity when SR ≤ benchmark.
 */
export function minTrackRecordLength(
  m: SharpeMoments,
  benchmark = 0,
  confidence = 0.95,
): number {
  checkMoments(m);
  if (!(confidence > 0 && confidence < 1)) {
    throw new UsageError(
      `minTrackRecordLength: expected confidence in (0, 1), found ${confidence}`,
    );
  }
  if (m.sharpe <= benchmark) return Infinity;
  const z = normalQuantile(confidence);
  return 1 + sharpeVarianceFactor(m) * (z / (m.sharpe - benchmark)) ** 2;
}

/**
 * Expected maximum Sharpe ratio of `trials` independent trials whose true
 * Sharpe ratio is zero and whose estimated Sharpe ratios have variance
 * `trialsSharpeVariance` (Bailey and López de Prado 2014, eq. 2).
 */
export function expectedMaxSharpe(trials: number, trialsSharpeVariance: number): number {
  if (!(Number.isInteger(trials) && trials >= 2)) {
    throw new UsageError(
      `expectedMaxSharpe: expected an integer number of trials ≥ 2, found ${trials}`,
    );
  }
  if (!(trialsSharpeVariance >= 0)) {
    throw new UsageError(
      `expectedMaxSharpe: expected a variance ≥ 0, found ${trialsSharpeVariance}`,
    );
  }
  const g = EULER_MASCHERONI;
  return Math.sqrt(trialsSharpeVariance) *
    ((1 - g) * normalQuantile(1 - 1 / trials) + g * normalQuantile(1 - 1 / (trials * Math.E)));
}

/** Result of {@linkcode deflatedSharpeRatio}. */
export interface DeflatedSharpeResult {
  /** The deflated Sharpe ratio, a probability. */
  dsr: number;
  /** SR₀, the expected maximum Sharpe ratio under the null (per observation). */
  benchmark: number;
}

/**
 * Deflated Sharpe Ratio: PSR against the expected maximum Sharpe ratio of the
 * `trials` strategies tried (Bailey and López de Prado 2014).
 */
export function deflatedSharpeRatio(
  m: SharpeMoments,
  selection: { trials: number; trialsSharpeVariance: number },
): DeflatedSharpeResult {
  const benchmark = expectedMaxSharpe(selection.trials, selection.trialsSharpeVariance);
  return { dsr: probabilisticSharpeRatio(m, benchmark), benchmark };
}
