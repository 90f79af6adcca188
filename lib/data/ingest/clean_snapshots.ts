/**
 * A fast path for the common case of ingestion: a book-snapshot table that
 * is entirely clean goes from the raw table to its {@linkcode GridDay} in a
 * few passes over typed arrays, skipping `validateTable`,
 * `consolidateSymbolDay` and the polars grid.
 *
 * A table is clean when it is a snapshots table (`kind === "snapshots"`)
 * with at least one row and:
 *
 * - one symbol (no null, not empty) and one date;
 * - `ts` never null and strictly increasing (so no row goes back in time and
 *   no two rows can be exact duplicates: those share a time);
 * - every row passes the row-local rules of `./row_checks.ts`: best quotes
 *   and level-1 prices and sizes finite and > 0, `best_bid < best_ask`, and
 *   each deeper level either empty (price and size both null) or with a
 *   finite price and size > 0. A NaN cell (as opposed to a null), or a level
 *   with a null price beside a size of 0, which the general path allows, is
 *   left to the general path;
 * - in strict mode, no gap longer than `maxGapS` (the general path throws
 *   for it, naming the file and row).
 *
 * Then the report gets exactly what the general path would record: the file
 * (all rows kept) and its gaps (`./gaps.ts`, with the session bounds when
 * given), examples included. Anything else answers null and leaves the
 * report untouched: the caller then runs the general path.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { cleanSnapshotDays } from "./clean_snapshots.ts";
 * import { ValidationReportBuilder } from "./report.ts";
 * const frame = pl.DataFrame({
 *   ts: [34_200e9, 34_200.05e9], symbol: ["A", "A"], row: [2, 3],
 *   best_bid: [10, 10], best_ask: [10.01, 10.02], bid_price_1: [10, 10],
 *   bid_qty_1: [5, 6], ask_price_1: [10.01, 10.02], ask_qty_1: [7, 8],
 * }).withColumns(pl.col("ts").cast(pl.Datetime("ns")));
 * const table = { file: "q.csv", source: 0, kind: "snapshots" as const, levels: 1, tickSize: 0.01,
 *   frame, notes: {} };
 * const report = new ValidationReportBuilder({ strict: false, maxExamples: 5, maxGapS: 60 });
 * const grid = { decisionMs: 100, sessionStartNs: 34_200e9, sessionEndNs: 34_200.2e9 };
 * const days = cleanSnapshotDays(table, { report, strict: false, maxGapS: 60, grid });
 * assert.deepEqual([...days![0].bestAsk], [10.01, 10.02, 10.02]);
 * assert.equal(report.finish().files[0].rows_kept, 2);
 * const crossed = { ...table, frame: frame.withColumns(pl.lit(11).alias("best_bid")) };
 * assert.equal(cleanSnapshotDays(crossed, { report, strict: false, maxGapS: 60, grid }), null);
 * assert.equal(report.finish().files.length, 1); // untouched
 * ```
 * @module
 */

import pl from "nodejs-polars";
import type { GridDay } from "../interim/grid_day.ts";
import { dateOfDay, DAY_NS } from "./_frames.ts";
import { bookColumns, rawColumns } from "./columns.ts";
import { describeGap, findGaps } from "./gaps.ts";
import { gridAggregates, type SampleOptions } from "./grid.ts";
import {
  bookArraysOf,
  float64Arrays,
  type Float64Column,
  gatherGridDay,
  gridSpecOf,
} from "./grid_day_sample.ts";
import { rowValues } from "./problem_detail.ts";
import type { RawTable } from "./raw_table.ts";
import type { ValidationReportBuilder } from "./report.ts";

/** Options of {@linkcode cleanSnapshotDays}: those of `validateTable` and `consolidateSymbolDay`, and the grid. */
export interface CleanSnapshotOptions {
  /** Collects the file and its gaps (only when the table is clean). */
  report: ValidationReportBuilder;
  /** Strict mode: a gap sends the table to the general path (which throws for it). */
  strict: boolean;
  /** Gap limit in seconds, or null for no gap check. */
  maxGapS: number | null;
  /** Session bounds (ns after midnight) for the start and end gaps, as `consolidateSymbolDay`. */
  session?: { startNs: number; endNs: number };
  /** The decision grid. */
  grid: SampleOptions;
}

/**
 * Whether each row of a deeper level is empty (price and size both NaN) or
 * has a finite price and size > 0; answers the count of empty rows, or −1.
 */
function emptyOrPositive(p: Float64Array, q: Float64Array): number {
  let empty = 0;
  for (let i = 0; i < p.length; i++) {
    const x = p[i], y = q[i];
    if (x !== x && y !== y) empty++;
    else if (!(x > 0 && x < Infinity && y > 0 && y < Infinity)) return -1;
  }
  return empty;
}

/** The one symbol of the frame, or null when there are several, a null or an empty one. */
function oneSymbol(frame: pl.DataFrame): string | null {
  const s = frame.getColumn("symbol");
  if (s.nullCount() !== 0 || (s.dtype.variant !== "String" && s.dtype.variant !== "Utf8")) {
    return null;
  }
  const range = frame.select(
    pl.col("symbol").min().alias("lo"),
    pl.col("symbol").max().alias("hi"),
  );
  const lo = range.getColumn("lo").get(0), hi = range.getColumn("hi").get(0);
  return typeof lo === "string" && lo !== "" && lo === hi ? lo : null;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The day number of the first row and every row's ns after its midnight, or
 * null unless the times (never null) are strictly increasing within that day.
 * The Int64 ns are read as pairs of 32-bit words: their difference from the
 * midnight is exact in a double.
 */
function timesInOneDay(frame: pl.DataFrame): { day: number; tod: Float64Array } | null {
  const ns = frame.getColumn("ts").cast(pl.Datetime("ns")).cast(pl.Int64)
    .toTypedArray() as BigInt64Array;
  const n = ns.length;
  const dayNs = BigInt(DAY_NS);
  let day = ns[0] / dayNs;
  if (ns[0] % dayNs < 0n) day -= 1n; // floor, as a cast to Date
  const midnight = day * dayNs;
  const tod = new Float64Array(n);
  if (LITTLE_ENDIAN) {
    const words = new Int32Array(ns.buffer, ns.byteOffset, 2 * n);
    const lo0 = Number(BigInt.asUintN(32, midnight)), hi0 = Number(midnight >> 32n);
    for (let i = 0; i < n; i++) {
      tod[i] = (words[2 * i + 1] - hi0) * 4_294_967_296 + ((words[2 * i] >>> 0) - lo0);
    }
  } else {
    for (let i = 0; i < n; i++) tod[i] = Number(ns[i] - midnight);
  }
  if (!(tod[0] >= 0)) return null;
  for (let i = 1; i < n; i++) if (!(tod[i] > tod[i - 1])) return null;
  if (!(tod[n - 1] < DAY_NS)) return null;
  return { day: Number(day), tod };
}

/**
 * The row-local rules that are not checked while gathering: no null in the
 * best quotes and level 1, best_bid < best_ask, and deeper levels with nulls
 * either empty or positive. Answers, per column in `bookColumns` order,
 * whether the gather must check it for finite values > 0 (every column without
 * nulls), or null when a rule fails.
 */
function checkBook(cols: Float64Column[], levels: number): boolean[] | null {
  for (let j = 0; j < 6; j++) if (cols[j].nulls !== 0) return null;
  const bid = cols[0].values, ask = cols[1].values;
  for (let i = 0; i < bid.length; i++) if (!(bid[i] < ask[i])) return null;
  const check = cols.map((c) => c.nulls === 0);
  for (let j = 6; j < 2 + 4 * levels; j += 2) {
    const p = cols[j], q = cols[j + 1];
    if (p.nulls === 0 && q.nulls === 0) continue;
    // Every NaN must be a null, in pairs.
    if (p.nulls !== q.nulls || emptyOrPositive(p.values, q.values) !== p.nulls) return null;
    check[j] = check[j + 1] = false; // checked just now
  }
  return check;
}

/**
 * The grid day of a clean snapshot table (see the module doc), its file and
 * gaps recorded in `options.report` as `validateTable` and
 * `consolidateSymbolDay` would; null, with the report untouched, when the
 * table is not entirely clean.
 */
export function cleanSnapshotDays(
  table: RawTable,
  options: CleanSnapshotOptions,
): GridDay[] | null {
  const { frame, levels } = table;
  const n = frame.height;
  if (table.kind !== "snapshots" || n === 0 || levels < 1) return null;
  if (frame.getColumn("ts").nullCount() !== 0) return null;
  const symbol = oneSymbol(frame);
  if (symbol === null) return null;
  const times = timesInOneDay(frame);
  if (times === null) return null;
  const { day: d, tod } = times;
  const cols = float64Arrays(frame, bookColumns(levels));
  const check = checkBook(cols, levels);
  if (check === null) return null;
  const gaps = options.maxGapS === null
    ? []
    : findGaps(tod, options.maxGapS * 1e9, options.session);
  if (options.strict && gaps.length > 0) return null;
  const book = bookArraysOf(cols.map((c) => c.values), levels);
  const g = gridAggregates({
    tod,
    bid: book.bestBid,
    ask: book.bestAsk,
    bidQty: book.bidQty[0],
    askQty: book.askQty[0],
  }, gridSpecOf(options.grid));
  const meta = { symbol, date: dateOfDay(d), day: d, tickSize: table.tickSize };
  const grid = gatherGridDay(book, g, meta, check); // the rest of the checks
  if (grid === null) return null;

  // Clean: record what validation and consolidation would.
  const report = options.report;
  report.addFile({
    file: table.file,
    source: table.source,
    kind: table.kind,
    rows: n,
    notes: table.notes,
  });
  if (gaps.length > 0) {
    const raw = frame.select(...rawColumns("snapshots", levels).map((c) => pl.col(c)));
    const rows = frame.getColumn("row").cast(pl.Float64).toTypedArray() as Float64Array;
    for (const gap of gaps) {
      const i = gap.row;
      report.gap({
        file: table.file,
        row: rows[i],
        values: report.wantsExample("gap") ? rowValues(raw, i, d, tod[i]) : {},
        detail: describeGap(gap, d),
      });
    }
  }
  return [grid];
}
