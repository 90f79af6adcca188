/**
 * Statistics for comparing strategies: bootstrap confidence intervals
 * (percentile, BCa, stationary block bootstrap), two-sample and paired tests
 * (Welch t, paired t, Mann–Whitney U, sign-flip permutation), the
 * Probabilistic and Deflated Sharpe Ratio, Holm–Bonferroni adjustment, and
 * the distribution functions they rest on. Every random draw comes from a
 * seeded {@linkcode Rng} from lib/core/rng.ts.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../core/rng.ts";
 * import { bootstrapCi, holmBonferroni, pairedPermutationTest, welchTTest } from "./mod.ts";
 * const a = [1.2, 0.8, 1.5, 1.1, 0.9, 1.4];
 * const b = [0.7, 0.6, 1.0, 0.9, 0.5, 0.8];
 * const pT = welchTTest(a, b).pValue;
 * const pPerm = pairedPermutationTest(a, b).pValue;
 * const [adjT, adjPerm] = holmBonferroni([pT, pPerm]);
 * assert(adjT >= pT && adjPerm >= pPerm);
 * const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
 * const ci = bootstrapCi(a, mean, { rng: Rng.fromSeed(3), resamples: 1000 });
 * assert(ci.lower <= ci.upper);
 * ```
 * @module
 */

export type { Alternative } from "./alternative.ts";
export {
  bcaAcceleration,
  bootstrapCi,
  type BootstrapInterval,
  type BootstrapMethod,
  type BootstrapOptions,
  bootstrapReplicates,
  intervalFromReplicates,
  jackknifeValues,
  type Statistic,
} from "./bootstrap.ts";
export {
  stationaryBootstrapCi,
  stationaryBootstrapIndices,
  type StationaryBootstrapOptions,
  stationaryBootstrapReplicates,
} from "./block_bootstrap.ts";
export { mean, moments, quantile, quantileSorted, sampleVariance } from "./descriptive.ts";
export {
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSided,
} from "./distributions.ts";
export { holmBonferroni } from "./multiple_testing.ts";
export {
  EXACT_PERMUTATION_MAX_N,
  pairedPermutationTest,
  type PermutationOptions,
  type PermutationResult,
} from "./permutation.ts";
export {
  deflatedSharpeRatio,
  type DeflatedSharpeResult,
  EULER_MASCHERONI,
  expectedMaxSharpe,
  minTrackRecordLength,
  probabilisticSharpeRatio,
  type SharpeMoments,
  sharpeMomentsFromReturns,
} from "./sharpe_inference.ts";
export {
  pairedDifferences,
  pairedTTest,
  type TTestResult,
  welchTTest,
} from "./tests_parametric.ts";
export {
  averageRanks,
  mannWhitneyExactSf,
  type MannWhitneyOptions,
  type MannWhitneyResult,
  mannWhitneyU,
} from "./tests_rank.ts";
export { type VarianceRatioResult, varianceRatioTest } from "./variance_ratio.ts";
