/**
 * Helpers for the typed-array grid tests: the general ingest path of one raw
 * table (validate → consolidate), raw snapshot tables built from generated
 * frames, and a column-by-column frame comparison.
 * @module
 */

import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import {
  consolidateSymbolDay,
  groupBySymbolDay,
  type RawTable,
  type SymbolDay,
  validateTable,
  type ValidationReportBuilder,
} from "../../../lib/data/ingest/mod.ts";

/** 09:30:00 in ns after midnight. */
export const OPEN_NS = 34_200_000_000_000;

/** Options of the general path. */
export interface GeneralOptions {
  report: ValidationReportBuilder;
  strict: boolean;
  maxGapS: number | null;
  session?: { startNs: number; endNs: number };
}

/** validateTable → groupBySymbolDay → consolidateSymbolDay over several tables, as the pipeline chains them. */
export function generalDays(tables: readonly RawTable[], options: GeneralOptions): SymbolDay[] {
  const parts = tables.flatMap((t) =>
    validateTable(t, { strict: options.strict, report: options.report })
  );
  return groupBySymbolDay(parts).map((g) => consolidateSymbolDay(g, options))
    .filter((d): d is SymbolDay => d !== null);
}

/**
 * A raw snapshots table of `frame` (columns `ts, symbol` and the book columns,
 * no `row`): `row` numbered from 2 (a CSV's first data line), Int64.
 */
export function snapshotTable(frame: pl.DataFrame, levels = 5, file = "A.parquet"): RawTable {
  const withRow = frame.withRowIndex("row", 2).withColumns(pl.col("row").cast(pl.Int64));
  const rest = frame.columns.filter((c) => c !== "ts" && c !== "symbol");
  return {
    file,
    source: 0,
    kind: "snapshots",
    levels,
    tickSize: 0.01,
    frame: withRow.select("ts", "symbol", "row", ...rest),
    notes: {},
  };
}

/** `frame` with column `name` set to `value` (null: a null cell) at 0-based row `i`. */
export function setCell(
  frame: pl.DataFrame,
  name: string,
  i: number,
  value: number | string | null,
): pl.DataFrame {
  const dtype = frame.getColumn(name).dtype;
  const lit = value === null ? pl.lit(null).cast(dtype) : pl.lit(value).cast(dtype);
  return frame.withRowIndex("_i").withColumns(
    pl.when(pl.col("_i").eq(pl.lit(i))).then(lit).otherwise(pl.col(name)).alias(name),
  ).drop("_i");
}

/** Asserts two frames have the same columns (names, order, dtypes), null cells and values. */
export function assertSameFrame(actual: pl.DataFrame, expected: pl.DataFrame): void {
  assert.deepEqual(actual.columns, expected.columns);
  assert.equal(actual.height, expected.height);
  for (const name of expected.columns) {
    const a = actual.getColumn(name), e = expected.getColumn(name);
    assert.equal(String(a.dtype), String(e.dtype), `dtype of ${name}`);
    assert.equal(a.nullCount(), e.nullCount(), `nulls of ${name}`);
    assert.ok(a.seriesEqual(e, true, true), `values of ${name}`);
  }
  assert.ok(actual.frameEqual(expected, true));
}
