/**
 * The shape of a feature: its registry entry (name, family, the formula as
 * text, its window, whether it needs event data), its polars expression and
 * its online (one row at a time) form, and its batch (typed-array) form. Each family file (`book.ts`,
 * `returns.ts`, …) defines its features with both forms side by side, so a
 * definition is written once and the two computations can be read against
 * each other.
 *
 * Conventions shared by every feature:
 * - rows are decision-grid intervals of one symbol-day, in time order; every
 *   window, lag and recursion restarts at a symbol or day boundary, and a
 *   window that would reach across one is null;
 * - a null input gives a null output; 0/0 and other undefined values are null
 *   (never NaN) in the Parquet output and NaN in the online vector;
 * - a rolling window of n rows is null unless all n of its values are known.
 * @module
 */

import type pl from "nodejs-polars";
import type { BaseSeries } from "./base_series.ts";
import type { OnlineRow } from "./online_row.ts";

/** The families, in table order. */
export const FEATURE_FAMILIES = [
  "book",
  "returns",
  "volatility",
  "order_flow",
  "technical",
  "time",
] as const;

/** One of {@linkcode FEATURE_FAMILIES}. */
export type FeatureFamily = typeof FEATURE_FAMILIES[number];

/** A registry entry: what the README's feature table and the feature metadata show. */
export interface FeatureSpec {
  /** Column name in the feature files, e.g. `realized_vol_20`. */
  name: string;
  /** Family (the file that defines it). */
  family: FeatureFamily;
  /** The formula, in words and symbols; the one place the definition is written. */
  definition: string;
  /** Window length or lag in rows, for windowed features. */
  window?: number;
  /** `"events"`: needs event data (absent, not zero, where the source has none). */
  needs?: "events";
}

/** Parameters the expressions and online updates read (from `configs/features.yaml`). */
export interface FeatureParams {
  /** Book levels summed by `depth_imbalance` (the data's level count caps it). */
  depthLevels: number;
  /** Fast window (rows): `ofi_rolling`. */
  fastWindow: number;
  /** RSI period (rows); Wilder's α = 1/period. */
  rsiPeriod: number;
  /** Session open and close, seconds after midnight (exchange local time). */
  sessionOpenS: number;
  sessionCloseS: number;
  /** Tick size (dollars) used where the data's `tick_size` is null. */
  tickSize: number;
  /** Grid step (ms) for the intensities; undefined = inferred per symbol-day. */
  decisionMs?: number;
}

/** Defaults of {@linkcode FeatureParams} (those of `configs/features.yaml`). */
export const DEFAULT_FEATURE_PARAMS: FeatureParams = {
  depthLevels: 5,
  fastWindow: 10,
  rsiPeriod: 14,
  sessionOpenS: 9.5 * 3600,
  sessionCloseS: 16 * 3600,
  tickSize: 0.01,
};

/** A feature's online form: one value per row, state kept inside. */
export interface OnlineFeature {
  /** The feature's value for the row just pushed into `row` (NaN = null). */
  update(row: OnlineRow): number;
  /** Forgets all state (a new symbol-day starts). */
  reset(): void;
}

/** A feature with both computations. */
export interface FeatureDef extends FeatureSpec {
  /**
   * Optional interim columns it reads (event counts, the interval's high and
   * low mid): where one is missing, or null on every row of a symbol-day,
   * the feature is unavailable for the run (left out, never filled).
   */
  inputs?: readonly string[];
  /**
   * The polars expression, evaluated on one symbol-day sorted by time, after
   * the base columns of `base.ts` are added (so plain `shift`, `rolling…` and
   * `ewm…` stay inside the day).
   */
  expr(p: FeatureParams): pl.Expr;
  /**
   * Helper columns `expr` reads, in stages (each stage a `withColumns`, so a
   * helper is computed once however often `expr` reads it); names start with
   * `__f_` and encode their parameters, so features can share them.
   */
  helpers?(p: FeatureParams): pl.Expr[][];
  /** A fresh online calculator of the same definition. */
  online(p: FeatureParams): OnlineFeature;
  /**
   * The typed-array form (`columnar.ts`): fills `out` (one symbol-day's
   * rows) with the feature from the day's base series, NaN where the polars
   * expression gives null (or NaN). Implemented by every registered feature.
   */
  batch?(p: FeatureParams, base: BaseSeries, out: Float64Array): void;
}

/** A stateless online feature from a function of the row. */
export function pointwise(f: (row: OnlineRow) => number): (p: FeatureParams) => OnlineFeature {
  return () => ({ update: f, reset: () => {} });
}
