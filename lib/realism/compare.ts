/**
 * The side-by-side comparison of simulated and real stylized facts: one row
 * per fact with both values formatted, for the terminal and the HTML report.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { formatFact } from "./compare.ts";
 * assert(formatFact(3.14159) === "3.142" && formatFact(1234.5) === "1235");
 * assert(formatFact(NaN) === "–" && formatFact(0.00012) === "0.0001200");
 * ```
 * @module
 */

import type { GroupFacts } from "./facts.ts";

/** One row of the comparison. */
export interface ComparisonRow {
  fact: string;
  sim: string;
  real: string;
}

/** Four significant digits (integers ≥ 1000 in full); "–" when not a number. */
export function formatFact(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (Math.abs(x) >= 1000 || Number.isInteger(x)) return x.toFixed(0);
  return x.toPrecision(4);
}

/** Mean of a list without NaN. */
function meanOf(xs: readonly number[]): number {
  const f = xs.filter(Number.isFinite);
  return f.length === 0 ? NaN : f.reduce((a, b) => a + b, 0) / f.length;
}

/** Volume share or volatility of the first and last bucket over the mean of the others. */
function uShape(values: readonly number[]): number {
  if (values.length < 3) return NaN;
  return meanOf([values[0], values[values.length - 1]]) / meanOf(values.slice(1, -1));
}

/** The facts of both groups, one row each (a group may be absent). */
export function comparisonRows(sim: GroupFacts | null, real: GroupFacts | null): ComparisonRow[] {
  const rows: [string, (f: GroupFacts) => number][] = [
    ["sessions", (f) => f.sessions],
    ["bars with a return", (f) => f.bars],
    ["bar length (s)", (f) => f.barSeconds],
    ["return std (bp)", (f) => f.returnsBps.std],
    ["return |max| (bp)", (f) => Math.max(-f.returnsBps.min, f.returnsBps.max)],
    ["excess kurtosis of returns", (f) => f.excessKurtosis],
    ["ACF returns lag 1", (f) => f.acf.returns[0]],
    ["ACF returns mean lags 1–5", (f) => meanOf(f.acf.returns.slice(0, 5))],
    ["ACF |returns| lag 1", (f) => f.acf.absReturns[0]],
    ["ACF |returns| mean of all lags", (f) => meanOf(f.acf.absReturns)],
    ["white-noise ACF band ±", (f) => f.acf.band],
    ["spread mean (ticks)", (f) => f.spreadTicks.mean],
    ["spread median (ticks)", (f) => f.spreadTicks.median],
    ["spread q95 (ticks)", (f) => f.spreadTicks.q95],
    ["share of 1-tick spreads", (f) => f.spreadTicks.histogram.probability[0]],
    ["depth at best mean (shares)", (f) => f.depth.mean],
    ["depth at best median (shares)", (f) => f.depth.median],
    ["depth at best q05–q95 width", (f) => f.depth.q95 - f.depth.q05],
    ["volume per bar mean (shares)", (f) => f.volumePerBar.mean],
    ["corr(volume, |return|) per bar", (f) => f.volumeAbsReturnCorr],
    [
      "intraday volume U (ends / middle)",
      (f) => uShape(f.intraday.buckets.map((b) => b.volumeShare)),
    ],
    [
      "intraday volatility U (ends / middle)",
      (f) => uShape(f.intraday.buckets.map((b) => b.rmsReturnBps)),
    ],
  ];
  return rows.map(([fact, get]) => ({
    fact,
    sim: sim === null ? "(none)" : formatFact(get(sim)),
    real: real === null ? "(none)" : formatFact(get(real)),
  }));
}
