/**
 * Feature inspection for notebook 02: distributions of each feature family
 * before and after scaling (the dataset's fitted scaler, never refitted),
 * the correlation matrix, a stationarity statistic per feature (the
 * Lo–MacKinlay variance ratio of its increments, lib/stats), and the
 * scaler-leak check (the scaler's fitted dates against the split ranges).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { scalerLeakCheck } from "./feature_figures.ts";
 * const splits = { dev: { start: "2024-01-02", end: "2024-01-02" },
 *   val: { start: "2024-01-03", end: "2024-01-03" } };
 * const ok = scalerLeakCheck({ split: "dev", first_date: "2024-01-02", last_date: "2024-01-02" }, splits);
 * assert.equal(ok.every((r) => r.ok), true);
 * const bad = scalerLeakCheck({ split: "dev", first_date: "2024-01-02", last_date: "2024-01-03" }, splits);
 * assert.equal(bad.find((r) => r.split === "val")?.ok, false);
 * ```
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { applyScaler } from "../dataset/scaler_apply.ts";
import { loadScaler } from "../dataset/scaler_file.ts";
import type { Scaler } from "../dataset/scaler.ts";
import { resolveFeature } from "../features/registry.ts";
import { pearson } from "../realism/stats.ts";
import { varianceRatioTest } from "../stats/variance_ratio.ts";
import { axes, type FigureSpec } from "../report/figure.ts";

/** Raw and scaled feature frames of some days, with the scaler used. */
export interface FeatureFrames {
  raw: pl.DataFrame;
  scaled: pl.DataFrame;
  scaler: Scaler;
  /** Feature names (the scaler's, in column order). */
  features: string[];
}

/** Reads `<featuresDir>/<symbol>/<date>.parquet` for the dates and scales them with `<datasetDir>/scaler.json`. */
export async function loadFeatureFrames(
  featuresDir: string,
  datasetDir: string,
  symbol: string,
  dates: readonly string[],
): Promise<FeatureFrames> {
  const { scaler } = await loadScaler(join(datasetDir, "scaler.json"));
  const frames = dates.map((d) => pl.readParquet(join(featuresDir, symbol, `${d}.parquet`)));
  const raw = frames.length === 1 ? frames[0] : pl.concat(frames, { how: "vertical" });
  return { raw, scaled: applyScaler(raw, scaler), scaler, features: scaler.features };
}

/** Family of a feature name (book, returns, volatility, order_flow, technical, time, other). */
export function featureFamily(name: string): string {
  return resolveFeature(name)?.family ?? "other";
}

/** Finite values of a column as numbers, every k-th so that at most `max` remain. */
export function columnSample(df: pl.DataFrame, name: string, max = 5000): number[] {
  const all = df.getColumn(name).cast(pl.Float64).toArray() as (number | null)[];
  const step = Math.max(1, Math.ceil(all.length / max));
  const out: number[] = [];
  for (let i = 0; i < all.length; i += step) {
    const v = all[i];
    if (v !== null && Number.isFinite(v)) out.push(v);
  }
  return out;
}

/**
 * One figure per family: a box per feature, before scaling (left panel) and
 * after (right panel), from at most `max` rows per feature.
 */
export function familyDistributionFigures(f: FeatureFrames, max = 2000): FigureSpec[] {
  const families = [...new Set(f.features.map(featureFamily))];
  return families.map((family) => {
    const names = f.features.filter((n) => featureFamily(n) === family);
    const box = (df: pl.DataFrame, n: string, axis: string) => ({
      type: "box",
      name: n,
      y: columnSample(df, n, max),
      xaxis: axis === "1" ? "x" : "x2",
      yaxis: axis === "1" ? "y" : "y2",
      boxpoints: false,
      showlegend: false,
    });
    return {
      id: `features-${family.replace(/_/g, "-")}`,
      title: `Feature family "${family}": raw (left) and scaled (right)`,
      data: [...names.map((n) => box(f.raw, n, "1")), ...names.map((n) => box(f.scaled, n, "2"))],
      layout: {
        grid: { rows: 1, columns: 2, pattern: "independent" },
        yaxis: { title: { text: "raw value" } },
        yaxis2: { title: { text: "scaled value" } },
      },
    };
  });
}

/** Pearson correlation matrix of the features (pairwise finite rows, at most `max` rows). */
export function correlationMatrix(
  df: pl.DataFrame,
  names: readonly string[],
  max = 20000,
): number[][] {
  const cols = names.map((n) => columnSample(df, n, Number.MAX_SAFE_INTEGER));
  const step = Math.max(1, Math.ceil(df.height / max));
  const thinned = cols.map((c) => c.filter((_, i) => i % step === 0));
  return names.map((_, i) =>
    names.map((_, j) => {
      const n = Math.min(thinned[i].length, thinned[j].length);
      return Number(pearson(thinned[i].slice(-n), thinned[j].slice(-n)).toFixed(6));
    })
  );
}

/** The correlation heatmap of the scaled features. */
export function correlationFigure(f: FeatureFrames): FigureSpec {
  const z = correlationMatrix(f.scaled, f.features);
  return {
    id: "features-correlation",
    title: "Correlation of the scaled features (Pearson)",
    data: [{
      type: "heatmap",
      x: f.features,
      y: f.features,
      z,
      zmin: -1,
      zmax: 1,
      colorscale: "RdBu",
      reversescale: true,
    }],
    layout: { height: 700, xaxis: { tickangle: -45 }, yaxis: { autorange: "reversed" } },
  };
}

/** One row of the stationarity table. */
export interface StationarityRow extends Record<string, unknown> {
  feature: string;
  family: string;
  /** Variance ratio of the increments at q. */
  vr: number;
  z: number;
  p: number;
  /** "mean-reverting" (VR < 1, p < 0.01), "trending" (VR > 1, p < 0.01) or "random walk". */
  reading: string;
}

/**
 * Variance-ratio test of each feature's increments at holding period `q`
 * (rows in time order; a feature with too few finite increments is left out).
 */
export function stationarityTable(f: FeatureFrames, q = 10): StationarityRow[] {
  const rows: StationarityRow[] = [];
  for (const name of f.features) {
    const x = f.raw.getColumn(name).cast(pl.Float64).toArray() as (number | null)[];
    const dx: number[] = [];
    for (let i = 1; i < x.length; i++) {
      const a = x[i - 1];
      const b = x[i];
      if (a !== null && b !== null && Number.isFinite(a) && Number.isFinite(b)) dx.push(b - a);
    }
    if (dx.length < 2 * q) continue;
    const r = varianceRatioTest(dx, q);
    const reading = !(r.pValue < 0.01)
      ? "random walk"
      : r.ratio < 1
      ? "mean-reverting"
      : "trending";
    const round = (v: number) => Number(v.toPrecision(4));
    rows.push({
      feature: name,
      family: featureFamily(name),
      vr: round(r.ratio),
      z: round(r.z),
      p: round(r.pValue),
      reading,
    });
  }
  return rows;
}

/** The variance ratios as a bar chart (a line at 1 = random walk). */
export function stationarityFigure(rows: readonly StationarityRow[], q = 10): FigureSpec {
  return {
    id: "features-variance-ratio",
    title: `Variance ratio VR(${q}) of each feature's increments (1 = random walk)`,
    data: [{ type: "bar", x: rows.map((r) => r.feature), y: rows.map((r) => r.vr) }],
    layout: axes("feature", `VR(${q})`, {
      shapes: [{
        type: "line",
        xref: "paper",
        x0: 0,
        x1: 1,
        y0: 1,
        y1: 1,
        line: { dash: "dash" },
      }],
      xaxis: { tickangle: -45 },
    }),
  };
}

/** A date range (inclusive, ISO dates). */
export interface DateRange {
  start: string;
  end: string;
}

/** One row of the scaler-leak check. */
export interface LeakRow extends Record<string, unknown> {
  split: string;
  start: string;
  end: string;
  /** Scaler fitted on dates from … to …. */
  fitted: string;
  /** Whether the fitted dates stay inside dev (dev row) / outside this split (other rows). */
  ok: boolean;
}

/**
 * Checks that the scaler saw only its fit split: its first and last fitted
 * dates lie inside that split's range and do not overlap any other split.
 */
export function scalerLeakCheck(
  fit: { split: string; first_date: string; last_date: string },
  splits: Readonly<Record<string, DateRange>>,
): LeakRow[] {
  const fitted = `${fit.first_date} … ${fit.last_date}`;
  return Object.entries(splits).map(([split, r]) => {
    const ok = split === fit.split
      ? fit.first_date >= r.start && fit.last_date <= r.end
      : fit.last_date < r.start || fit.first_date > r.end;
    return { split, start: r.start, end: r.end, fitted, ok };
  });
}
