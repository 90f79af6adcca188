/**
 * The feature stage on typed arrays: {@linkcode computeFeatureColumns} fills
 * one Float64Array per planned feature for one symbol-day
 * ({@linkcode GridDay}) from its base series (`base_series.ts`) with each
 * feature's `batch` kernel, several times faster than the polars
 * expressions it is tested equal to. {@linkcode computeFeaturesColumnar}
 * wraps it for interim frames: same columns, types, order and nulls as
 * `computeFeatures(frame, plan).collectSync()`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { emptyGridDay } from "../data/interim/grid_day.ts";
 * import { computeFeatureColumns } from "./columnar.ts";
 * import { inspectSource, planFeatures } from "./pipeline.ts";
 * import { syntheticInterim } from "./synthetic.ts";
 * const plan = planFeatures(inspectSource(syntheticInterim({ rowsPerDay: 3 })), {
 *   features: ["spread_rel", "log_return_1"],
 * });
 * const g = emptyGridDay({ symbol: "SYN", date: "2024-01-02", rows: 2, levels: 1, tickSize: 0.01 });
 * g.timeNs.set([34_200e9, 34_200.1e9]);
 * g.bestBid.set([10, 10]);
 * g.bestAsk.set([10.02, 10.02]);
 * const { mid, columns } = computeFeatureColumns(g, plan);
 * assert.deepEqual(Array.from(mid), [10.01, 10.01]);
 * assert.equal(Math.round(columns[0][0]), 2); // two ticks
 * assert(Number.isNaN(columns[1][0]) && columns[1][1] === 0);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { UsageError } from "../core/errors.ts";
import type { GridDay } from "../data/interim/grid_day.ts";
import { gridDayFromFrame } from "../data/interim/grid_day_frame.ts";
import { type BaseSeries, baseSeries } from "./base_series.ts";
import {
  checkColumns,
  computeFeatures,
  type FeaturePlan,
  levelsPresent,
  splitDays,
  toLazy,
} from "./pipeline.ts";

/** The OFI source of each planned symbol-day, by "symbol|date". */
const OFI_SOURCES = new WeakMap<FeaturePlan, Map<string, "events" | "snapshots">>();

function ofiSourceOf(
  plan: FeaturePlan,
  symbol: string,
  date: string,
): "events" | "snapshots" | "auto" {
  let byDay = OFI_SOURCES.get(plan);
  if (byDay === undefined) {
    byDay = new Map(plan.ofiSource.days.map((d) => [`${d.symbol}|${d.date}`, d.source]));
    OFI_SOURCES.set(plan, byDay);
  }
  return byDay.get(`${symbol}|${date}`) ?? "auto";
}

/** Options of {@linkcode computeFeatureColumns}. */
export interface ColumnarOptions {
  /** Book levels the source has on both sides (caps `plan.params.depthLevels`; default the day's). */
  levels?: number;
  /** A previous day's base series whose arrays may be reused (same row count). */
  reuse?: BaseSeries;
}

/**
 * The plan's features of one symbol-day, one Float64Array per feature in
 * `plan.features` order (NaN where the polars path gives null), and the
 * snapped mid. `outs`, when given, are filled instead of fresh arrays (one
 * per feature, each `day.rows` long). The OFI source is the plan's for the
 * symbol-day, else events when the day has them. Throws a
 * {@linkcode UsageError} for a feature without a batch form or an output of
 * the wrong length.
 */
export function computeFeatureColumns(
  day: GridDay,
  plan: FeaturePlan,
  outs?: Float64Array[],
  options: ColumnarOptions = {},
): { mid: Float64Array; columns: Float64Array[]; base: BaseSeries } {
  const p = plan.params;
  const levels = Math.max(1, Math.min(p.depthLevels, options.levels ?? day.levels));
  const base = baseSeries(
    day,
    levels === p.depthLevels ? p : { ...p, depthLevels: levels },
    ofiSourceOf(plan, day.symbol, day.date),
    options.reuse,
  );
  const columns = plan.features.map((f, j) => {
    const out = outs?.[j] ?? new Float64Array(day.rows);
    if (out.length !== day.rows) {
      throw new UsageError(
        `computeFeatureColumns: output ${j} (${f.name}) expected ${day.rows} rows, found ${out.length}`,
      );
    }
    if (f.batch === undefined) {
      throw new UsageError(
        `computeFeatureColumns: expected a feature with a batch form, found "${f.name}" without one`,
      );
    }
    f.batch(p, base, out);
    return out;
  });
  return { mid: base.mid, columns, base };
}

/**
 * The feature frame of an interim frame computed with the typed-array
 * kernels: exactly the columns, types and row order of
 * `computeFeatures(frame, plan).collectSync()` (`ts`, `symbol`, `date`,
 * `mid`, the features; null where undefined), one symbol-day at a time.
 * The tick size of a symbol-day is its first row's (`GridDay` holds one).
 */
export function computeFeaturesColumnar(
  frame: pl.DataFrame | pl.LazyDataFrame,
  plan: FeaturePlan,
): pl.DataFrame {
  const eager = pl.DataFrame.isDataFrame(frame) ? frame : toLazy(frame).collectSync();
  checkColumns(eager.columns);
  if (eager.height === 0) return computeFeatures(eager, plan).collectSync();
  const levels = levelsPresent(eager.columns);
  const names = ["mid", ...plan.features.map((f) => f.name)];
  const parts = splitDays(eager).map((slice) => {
    const day = gridDayFromFrame(slice);
    const { mid, columns } = computeFeatureColumns(day, plan, undefined, { levels });
    const values = pl.DataFrame([mid, ...columns].map((c, j) => pl.Series(names[j], c)));
    const keys = slice.select(
      pl.col("ts").cast(pl.Datetime("ns")),
      pl.col("symbol"),
      pl.col("date"),
    );
    return keys.hstack(values).select(
      pl.col("ts"),
      pl.col("symbol"),
      pl.col("date"),
      ...names.map((c) => pl.col(c).fillNan(pl.lit(null)).alias(c)),
    );
  });
  return parts.length === 1 ? parts[0] : pl.concat(parts, { how: "vertical" });
}
