/**
 * Volatility features over n rows (the registry lists n ∈ {10, 20, 50}):
 * `realized_vol_n`, the sample standard deviation of the one-row log return,
 * and `hl_vol_n`, Parkinson's (1980) range estimator from each interval's
 * highest and lowest mid. Not annualised: per-row units.
 *
 * Polars' rolling variance and mean are incremental, so a window of zeros
 * can come out as ~1e−13 instead of 0 after larger values have passed
 * through; both features are therefore exactly 0 when every value in the
 * window is 0 (counted exactly, as a rolling sum of 0/1 indicators). A window
 * of nearly equal nonzero returns (a run of identical tick moves) is
 * ill-conditioned for any one-pass variance: there polars' value carries an
 * absolute error of a few ε·mean(r²), while the online calculator (two-pass)
 * is exact to rounding.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { hlVol, realizedVol } from "./volatility.ts";
 * assert.equal(realizedVol(20).name, "realized_vol_20");
 * assert.equal(hlVol(50).window, 50);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { BASE } from "./base.ts";
import { rollingRootMean, rollingStd } from "./kernels.ts";
import type { FeatureDef } from "./types.ts";

/** `realized_vol_n` = sample std (ddof = 1) of `log_return_1` over the last n rows. */
export function realizedVol(n: number): FeatureDef {
  if (!(Number.isInteger(n) && n >= 2)) {
    throw new RangeError(`realized_vol_n: expected n ≥ 2, found ${n}`);
  }
  const x = pl.col(BASE.logReturn);
  return {
    name: `realized_vol_${n}`,
    family: "volatility",
    definition:
      `sqrt( Σ (r_i − m)² / (${n} − 1) ) over the last ${n} rows, r = log_return_1, m their mean (ddof = 1; needs ${
        n + 1
      } mids)`,
    window: n,
    expr: () =>
      pl.when(pl.col(BASE.logReturnMoved).rollingSum(n).eq(0)).then(pl.lit(0).cast(pl.Float64))
        .otherwise(x.rollingStd({ windowSize: n, ddof: 1 })),
    // Two-pass: a window of zeros gives exactly 0 without a special case.
    online: () => ({ update: (r) => r.logReturn.std(n), reset: () => {} }),
    batch: (_p, s, out) => rollingStd(s.logReturn, n, out),
  };
}

/** `hl_vol_n` = sqrt( mean over the last n rows of (ln(H/L))² / (4·ln 2) ). */
export function hlVol(n: number): FeatureDef {
  const x = pl.col(BASE.parkinson);
  return {
    name: `hl_vol_${n}`,
    family: "volatility",
    definition:
      `sqrt( mean over the last ${n} rows of (ln(H/L))² / (4·ln 2) ), H, L the interval's highest and lowest mid (Parkinson 1980)`,
    window: n,
    inputs: ["mid_high", "mid_low"],
    expr: () =>
      pl.when(pl.col(BASE.parkinsonMoved).rollingSum(n).eq(0)).then(pl.lit(0).cast(pl.Float64))
        .otherwise(x.rollingMean(n).pow(0.5)),
    // A direct sum of zeros is exactly 0, so no special case is needed online.
    online: () => ({ update: (r) => Math.sqrt(r.parkinson.mean(n)), reset: () => {} }),
    batch: (_p, s, out) => rollingRootMean(s.parkinson, n, out),
  };
}

/** The volatility family's registered instances: n ∈ {10, 20, 50}. */
export const VOLATILITY_FEATURES: readonly FeatureDef[] = [
  ...[10, 20, 50].map(realizedVol),
  ...[10, 20, 50].map(hlVol),
];
