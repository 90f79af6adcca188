/**
 * Returns and risk of one run: the PnL and returns series, Sharpe, Sortino,
 * hit rate, profit factor and turnover.
 *
 * Convention (used by every function here and in `drawdown.ts`,
 * `tail_risk.ts`): a run produces an equity (mark-to-market PnL) curve
 * E₀, E₁, …, E_N sampled on the decision grid. The per-step PnL is the
 * difference Δ_t = E_t − E_{t−1} (t = 1…N, so N values), and the return of a
 * step is that PnL on a fixed capital C: r_t = Δ_t / C. Returns are simple and
 * additive (no compounding), because a market maker's equity starts at 0 and
 * its capital is the fixed risk budget, not the running equity.
 *
 * Empty or too-short series give NaN (there is nothing to measure); NaN in the
 * input propagates.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { periodsPerYear, pnlSeries, returnsOnCapital, sharpeRatio } from "./returns_risk.ts";
 * const pnl = pnlSeries([0, 3, 2, 3]); // [3, -1, 1]
 * assert.deepEqual(Array.from(pnl), [3, -1, 1]);
 * const r = returnsOnCapital(pnl, 100); // [0.03, -0.01, 0.01]
 * const ppy = periodsPerYear({ decisionIntervalSeconds: 60, sessionSeconds: 23400 }); // 252 × 390
 * assert.equal(ppy, 98280);
 * // mean 0.01 / std 0.02 × √98280 ≈ 156.75
 * assert(Math.abs(sharpeRatio(r, { periodsPerYear: ppy }) - 0.5 * Math.sqrt(98280)) < 1e-9);
 * ```
 * @module
 */

import { mean, requirePositive, requireSameLength, sampleStd, type Series } from "./_util.ts";

export type { Series } from "./_util.ts";

/**
 * Per-step PnL from an equity curve: Δ_t = E_t − E_{t−1}, t = 1…N.
 * An equity curve of N + 1 points gives N PnL values; fewer than 2 points give
 * an empty series.
 */
export function pnlSeries(equity: Series): Float64Array {
  const n = Math.max(0, equity.length - 1);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) out[t] = equity[t + 1] - equity[t];
  return out;
}

/**
 * Simple returns on a fixed capital: r_t = Δ_t / C. Throws an `InputError`
 * unless C is a finite number > 0.
 */
export function returnsOnCapital(pnl: Series, capital: number): Float64Array {
  requirePositive("capital", capital);
  const out = new Float64Array(pnl.length);
  for (let t = 0; t < pnl.length; t++) out[t] = pnl[t] / capital;
  return out;
}

/** Cumulative sum with a leading 0: [0, x₁, x₁ + x₂, …]; turns PnL back into equity from 0. */
export function cumulative(x: Series): Float64Array {
  const out = new Float64Array(x.length + 1);
  for (let t = 0; t < x.length; t++) out[t + 1] = out[t] + x[t];
  return out;
}

/** What fixes the number of decision periods in a year. */
export interface PeriodsPerYearOptions {
  /** Seconds between two decisions (the env's decision interval). */
  decisionIntervalSeconds: number;
  /** Seconds of trading in one session (day); 23,400 for a 09:30–16:00 equity session. */
  sessionSeconds: number;
  /** Trading days in a year; default 252. */
  tradingDaysPerYear?: number;
}

/**
 * Periods per year P = D × S / Δ, with D trading days per year (default 252),
 * S the session length and Δ the decision interval, both in seconds. Used to
 * annualise: the mean scales with P, the standard deviation with √P (returns
 * assumed i.i.d., Sharpe 1994; Lo 2002 for the caveat under autocorrelation).
 */
export function periodsPerYear(opts: PeriodsPerYearOptions): number {
  requirePositive("decisionIntervalSeconds", opts.decisionIntervalSeconds);
  requirePositive("sessionSeconds", opts.sessionSeconds);
  const days = opts.tradingDaysPerYear ?? 252;
  requirePositive("tradingDaysPerYear", days);
  return days * opts.sessionSeconds / opts.decisionIntervalSeconds;
}

/** Options of {@linkcode sharpeRatio}. */
export interface SharpeOptions {
  /** Periods per year P (see {@linkcode periodsPerYear}). */
  periodsPerYear: number;
  /** Annual risk-free rate r_f, as a simple rate; default 0. */
  riskFreeRate?: number;
}

/**
 * Annualised Sharpe ratio (Sharpe 1966; 1994, "The Sharpe Ratio", J. Portfolio
 * Management 21(1)):
 *
 *   SR = mean(r_t − r_f/P) / std(r_t − r_f/P) × √P
 *
 * with std the sample standard deviation (ddof = 1) and r_f/P the per-period
 * risk-free rate. NaN when fewer than 2 returns (no std) or when the std is 0
 * (a constant series has no risk to reward).
 */
export function sharpeRatio(returns: Series, opts: SharpeOptions): number {
  requirePositive("periodsPerYear", opts.periodsPerYear);
  const rf = (opts.riskFreeRate ?? 0) / opts.periodsPerYear;
  const excess = Float64Array.from(returns as ArrayLike<number>, (r) => r - rf);
  const sd = sampleStd(excess);
  if (!(sd > 0)) return NaN;
  return mean(excess) / sd * Math.sqrt(opts.periodsPerYear);
}

/** Options of {@linkcode sortinoRatio}. */
export interface SortinoOptions {
  /** Periods per year P (see {@linkcode periodsPerYear}). */
  periodsPerYear: number;
  /** Per-period target (minimum acceptable) return τ; default 0. */
  target?: number;
}

/**
 * Target downside deviation (Sortino & Price 1994, "Performance measurement in
 * a downside risk framework", J. Investing 3(3)):
 *
 *   DD = √( (1/N) Σ_t min(0, r_t − τ)² )
 *
 * averaged over ALL N periods (periods above target count as 0), not only the
 * losing ones. NaN for an empty series.
 */
export function downsideDeviation(returns: Series, target = 0): number {
  const n = returns.length;
  if (n === 0) return NaN;
  let ss = 0;
  for (let t = 0; t < n; t++) {
    const d = Math.min(0, returns[t] - target);
    ss += d * d;
  }
  return Math.sqrt(ss / n);
}

/**
 * Annualised Sortino ratio (Sortino & Price 1994):
 *
 *   SoR = (mean(r) − τ) / DD × √P
 *
 * with DD the {@linkcode downsideDeviation} against τ. NaN for an empty series;
 * when DD = 0 (no period below target) it is +Infinity if mean(r) > τ and NaN
 * otherwise.
 */
export function sortinoRatio(returns: Series, opts: SortinoOptions): number {
  requirePositive("periodsPerYear", opts.periodsPerYear);
  const tau = opts.target ?? 0;
  const dd = downsideDeviation(returns, tau);
  const excess = mean(returns) - tau;
  if (Number.isNaN(dd) || Number.isNaN(excess)) return NaN;
  if (dd === 0) return excess > 0 ? Infinity : NaN;
  return excess / dd * Math.sqrt(opts.periodsPerYear);
}

/**
 * Annualised return of additive (non-compounding) returns: R_ann = mean(r) × P.
 * With returns on a fixed capital the yearly return is the sum of the period
 * returns, so the arithmetic mean scales with P. NaN for an empty series.
 */
export function annualisedReturn(returns: Series, periodsPerYear: number): number {
  requirePositive("periodsPerYear", periodsPerYear);
  return mean(returns) * periodsPerYear;
}

/**
 * Hit rate: wins / (wins + losses), where a win is a period with PnL > 0 and a
 * loss one with PnL < 0. Flat periods (PnL = 0: a market maker with no fill)
 * are left out of both counts. NaN when there is no win and no loss.
 */
export function hitRate(pnl: Series): number {
  let wins = 0, losses = 0;
  for (let t = 0; t < pnl.length; t++) {
    if (pnl[t] > 0) wins++;
    else if (pnl[t] < 0) losses++;
  }
  return wins + losses === 0 ? NaN : wins / (wins + losses);
}

/**
 * Profit factor (e.g. Pardo 2008, "The Evaluation and Optimization of Trading
 * Strategies", ch. 9): gross profit / gross loss = Σ_{Δ>0} Δ / |Σ_{Δ<0} Δ|.
 * +Infinity when there are gains but no losses; NaN when there are neither.
 */
export function profitFactor(pnl: Series): number {
  let gain = 0, loss = 0;
  for (let t = 0; t < pnl.length; t++) {
    if (pnl[t] > 0) gain += pnl[t];
    else if (pnl[t] < 0) loss -= pnl[t];
  }
  if (loss === 0) return gain > 0 ? Infinity : NaN;
  return gain / loss;
}

/**
 * Turnover: traded notional over capital, Σ_i |q_i × p_i| / C, for fills of
 * quantity q_i (either sign) at price p_i. Divide by the number of days for a
 * daily figure. 0 for no fills; throws unless the arrays have the same length
 * and C > 0.
 */
export function turnover(quantities: Series, prices: Series, capital: number): number {
  requireSameLength("prices", prices, quantities, "quantities");
  requirePositive("capital", capital);
  let notional = 0;
  for (let i = 0; i < quantities.length; i++) notional += Math.abs(quantities[i] * prices[i]);
  return notional / capital;
}
