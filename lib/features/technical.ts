/**
 * Technical indicators of the mid: simple and exponential moving averages
 * (any n; the registry lists sma n ∈ {10, 20, 50} and ema n ∈ {10, 20}) and
 * Wilder's RSI.
 *
 * Starting conventions (per symbol-day):
 * - `ema_n` starts at the day's first known mid (ema = mid there), then
 *   ema_t = (1 − α)·ema_{t−1} + α·mid_t with α = 2/(n + 1), no bias
 *   adjustment; a null mid gives a null value and leaves the state as it was.
 * - `rsi`: with Δ_t = mid_t − mid_{t−1}, U = max(Δ, 0), D = max(−Δ, 0) and
 *   P the period (14), the averages start as the simple means of the first P
 *   complete changes (Wilder 1978), at row P (the (P + 1)-th mid; rows
 *   0…P−1 are null), then follow avg_t = (1 − 1/P)·avg_{t−1} + U_t/P
 *   (same for D). RSI = 100·avgU/(avgU + avgD), and 50 while both averages
 *   are 0 (no move yet). A null change gives a null value and leaves the
 *   averages as they were.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ema, rsi, sma } from "./technical.ts";
 * assert.equal(sma(20).name, "sma_20");
 * assert.equal(ema(10).window, 10);
 * assert.equal(rsi.window, 14);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { BASE } from "./base.ts";
import { ewmMean, rollingSum, wilderRsi } from "./kernels.ts";
import { DEFAULT_FEATURE_PARAMS, type FeatureDef } from "./types.ts";

/** `sma_n` = mean of the mid over the last n rows. */
export function sma(n: number): FeatureDef {
  return {
    name: `sma_${n}`,
    family: "technical",
    definition: `mean of mid over the last ${n} rows`,
    window: n,
    expr: () => pl.col(BASE.mid).rollingMean(n),
    online: () => ({ update: (r) => r.mid.mean(n), reset: () => {} }),
    batch: (_p, s, out) => rollingSum(s.mid, n, n, out),
  };
}

/** `ema_n`: exponential moving average of the mid, α = 2/(n + 1), started at the first mid. */
export function ema(n: number): FeatureDef {
  const alpha = 2 / (n + 1);
  return {
    name: `ema_${n}`,
    family: "technical",
    definition:
      `ema_t = (1 − α)·ema_{t−1} + α·mid_t, α = 2/(${n} + 1); ema = mid on the day's first row; no bias adjustment`,
    window: n,
    expr: () =>
      pl.col(BASE.mid).ewmMean({ alpha, adjust: false, minPeriods: 1, ignoreNulls: true }),
    online: () => {
      let state = NaN;
      return {
        update(r) {
          const m = r.mid.at(0);
          if (Number.isNaN(m)) return NaN;
          state = Number.isNaN(state) ? m : (1 - alpha) * state + alpha * m;
          return state;
        },
        reset() {
          state = NaN;
        },
      };
    },
    batch: (_p, s, out) => ewmMean(s.mid, alpha, out),
  };
}

/**
 * Helper columns of Wilder's averages of U and D with a simple-mean start:
 * each input is null before the first complete window of P changes, that
 * window's mean at its row, and the change itself after it; an `ewmMean`
 * with α = 1/P and no adjustment then starts at the mean and follows
 * Wilder's recursion. U and D are null on the same rows, so one count of
 * complete windows serves both.
 */
function wilderHelpers(period: number): { stages: pl.Expr[][]; u: string; d: string } {
  const name = (what: string) => `__f_rsi${period}_${what}`;
  const seen = pl.col(name("seen"));
  const input = (base: string, what: string) =>
    pl.when(pl.col(name(`m${what}`)).isNotNull().and(seen.eq(1))).then(pl.col(name(`m${what}`)))
      .when(seen.gtEq(1)).then(pl.col(base))
      .otherwise(pl.lit(null).cast(pl.Float64)).alias(name(`x${what}`));
  const average = (what: string) =>
    pl.col(name(`x${what}`))
      .ewmMean({ alpha: 1 / period, adjust: false, minPeriods: 1, ignoreNulls: true })
      .alias(name(`a${what}`));
  const meanU = pl.col(BASE.up).rollingMean(period);
  return {
    stages: [
      [
        meanU.alias(name("mu")),
        pl.col(BASE.down).rollingMean(period).alias(name("md")),
        meanU.isNotNull().cast(pl.Int32).cumSum().alias(name("seen")),
      ],
      [input(BASE.up, "u"), input(BASE.down, "d")],
      [average("u"), average("d")],
    ],
    u: name("au"),
    d: name("ad"),
  };
}

/** `rsi`: Wilder's relative strength index of the mid's changes (see the module doc). */
export const rsi: FeatureDef = {
  name: "rsi",
  family: "technical",
  definition:
    "100·avgU/(avgU + avgD), 50 while both are 0; U, D = max(±Δmid, 0); each average is the mean of the first P changes at row P, then avg_t = (1 − 1/P)·avg_{t−1} + x_t/P (Wilder); P = features.windows.rsi",
  window: DEFAULT_FEATURE_PARAMS.rsiPeriod,
  helpers: (p) => wilderHelpers(p.rsiPeriod).stages,
  expr: (p) => {
    const h = wilderHelpers(p.rsiPeriod);
    const u = pl.col(h.u), d = pl.col(h.d);
    return pl.when(u.add(d).eq(0)).then(pl.lit(50).cast(pl.Float64))
      .otherwise(u.mul(100).div(u.add(d)));
  },
  online: (p) => {
    const period = p.rsiPeriod, alpha = 1 / period;
    let avgU = NaN, avgD = NaN;
    return {
      update(r) {
        if (Number.isNaN(avgU)) {
          if (!r.up.complete(period)) return NaN;
          avgU = r.up.mean(period);
          avgD = r.down.mean(period);
        } else {
          const u = r.up.at(0), d = r.down.at(0);
          if (Number.isNaN(u)) return NaN;
          avgU = (1 - alpha) * avgU + alpha * u;
          avgD = (1 - alpha) * avgD + alpha * d;
        }
        return avgU + avgD === 0 ? 50 : (avgU * 100) / (avgU + avgD);
      },
      reset() {
        avgU = avgD = NaN;
      },
    };
  },
  batch: (p, s, out) => wilderRsi(s.up, s.down, p.rsiPeriod, out),
};

/** The technical family's registered instances. */
export const TECHNICAL_FEATURES: readonly FeatureDef[] = [
  ...[10, 20, 50].map(sma),
  ...[10, 20].map(ema),
  rsi,
];
