/**
 * Validation of one raw table, on its rows as read (before any sorting or
 * sampling). Each row is checked in this order and dropped for the first
 * rule it breaks (see `PROBLEM_RULES` in `./report.ts`):
 *
 * 1. to 3. `missing`, `non_positive`, `crossed`: the row-local rules of
 *    `./row_checks.ts`.
 * 4. `time_backwards`: `ts` earlier than that of the row before it with the
 *    same symbol and day, in file order (rows dropped by 1–3 are skipped).
 *
 * Exact duplicates (5) and gaps are found later, per symbol-day across files
 * (`./consolidate.ts`). The kept rows come back split into one part per
 * (symbol, day), in file order. In strict mode the first problem (lowest row)
 * throws an `InputError` naming the file and row instead.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { ValidationReportBuilder } from "./report.ts";
 * import { validateTable } from "./validate.ts";
 * const frame = pl.DataFrame({
 *   ts: [2, 1, 3], symbol: ["A", "A", "A"], row: [2, 3, 4],
 *   best_bid: [10, 10, 10], best_ask: [11, 11, 11], bid_price_1: [10, 10, 10],
 *   bid_qty_1: [1, 1, 1], ask_price_1: [11, 11, 11], ask_qty_1: [1, 1, 1],
 * }).withColumns(pl.col("ts").cast(pl.Datetime("ns")));
 * const report = new ValidationReportBuilder({ strict: false, maxExamples: 5, maxGapS: null });
 * const parts = validateTable(
 *   { file: "q.csv", source: 0, kind: "snapshots", levels: 1, tickSize: 0.01, frame, notes: {} },
 *   { strict: false, report },
 * );
 * assert(parts.length === 1 && parts[0].frame.height === 2); // row 3 went back in time
 * assert(report.finish().dropped.time_backwards.examples[0].row === 3);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../../core/errors.ts";
import { dateOfDay, dayAndTime, formatTimestamp } from "./_frames.ts";
import type { TableKind } from "./columns.ts";
import { describeProblem, rowValues } from "./problem_detail.ts";
import type { RawTable } from "./raw_table.ts";
import {
  type DropKind,
  PROBLEM_RULES,
  type ProblemExample,
  type ValidationReportBuilder,
} from "./report.ts";
import { ROW_CODE, rowProblemCodes } from "./row_checks.ts";

const c = (name: string) => pl.col(name);

const KIND_OF_CODE: DropKind[] = [
  "missing",
  "missing",
  "non_positive",
  "crossed",
  "time_backwards",
  "duplicate",
];

/** The kept rows of one table for one symbol and day, in file order. */
export interface TablePart {
  file: string;
  /** Index of the file in the report. */
  fileIndex: number;
  source: number;
  kind: TableKind;
  levels: number;
  tickSize: number;
  symbol: string;
  /** Days since 1970-01-01. */
  day: number;
  /** `YYYY-MM-DD`. */
  date: string;
  frame: pl.DataFrame;
}

/** Symbol codes per row (dense ranks), or null when the frame holds one symbol. */
function symbolCodes(frame: pl.DataFrame): Uint32Array | null {
  const distinct = frame.select(c("symbol").nUnique().alias("n")).getColumn("n").get(0);
  if (Number(distinct) <= 1) return null;
  return frame.select(
    c("symbol").rank("dense").cast(pl.UInt32).fillNull(pl.lit(0)).alias("s"),
  ).getColumn("s").toTypedArray() as Uint32Array;
}

/** The rows of `frame` whose `marks` value equals `keep` (a mask built from a typed array). */
export function keepRows(frame: pl.DataFrame, marks: Uint8Array, keep: number): pl.DataFrame {
  return frame.withColumns(pl.Series("_keep", marks))
    .filter(c("_keep").eq(pl.lit(keep)))
    .drop("_keep");
}

/** Options of {@linkcode validateTable}. */
export interface ValidateOptions {
  /** Throw on the first problem instead of dropping. */
  strict: boolean;
  /** Collects counts and examples. */
  report: ValidationReportBuilder;
}

/**
 * Validates `table` (see the module doc), records it in the report, and
 * returns its kept rows split per (symbol, day), in order of first
 * appearance.
 */
export function validateTable(table: RawTable, options: ValidateOptions): TablePart[] {
  const { frame, kind, levels } = table;
  const report = options.report;
  const n = frame.height;
  const fileIndex = report.addFile({
    file: table.file,
    source: table.source,
    kind,
    rows: n,
    notes: table.notes,
  });
  const codes = rowProblemCodes(frame, kind, levels);
  const { day, tod } = dayAndTime(frame);
  const sym = symbolCodes(frame);
  let rowNumbers: Float64Array | null = null; // read only when a row is reported

  // time_backwards, and one group id per (symbol, day) in order of first appearance.
  const group = new Int32Array(n).fill(-1);
  const groupKeys: { sym: number; day: number; first: number }[] = [];
  const groupOf = new Map<number, number>();
  const lastTs: number[] = [];
  const previousTs = new Map<number, number>(); // row → the earlier row's time, for backwards rows
  let lastKey = NaN, lastGroup = -1;
  for (let i = 0; i < n; i++) {
    if (codes[i] !== 0) continue;
    const s = sym === null ? 0 : sym[i];
    const key = s * 4_000_000 + day[i];
    let g = lastGroup;
    if (key !== lastKey) {
      const found = groupOf.get(key);
      if (found === undefined) {
        g = groupKeys.length;
        groupOf.set(key, g);
        groupKeys.push({ sym: s, day: day[i], first: i });
        lastTs.push(-Infinity);
      } else g = found;
      lastKey = key;
      lastGroup = g;
    }
    if (tod[i] < lastTs[g]) {
      codes[i] = ROW_CODE.time_backwards;
      previousTs.set(i, lastTs[g]);
    } else group[i] = g;
    lastTs[g] = tod[i];
  }

  // Count, give examples, or fail (strict).
  let dropped = 0;
  for (let i = 0; i < n; i++) {
    const code = codes[i];
    if (code === 0) continue;
    dropped++;
    const dropKind = KIND_OF_CODE[code];
    const wanted = options.strict || report.wantsExample(dropKind);
    let example: ProblemExample | undefined;
    if (wanted) {
      const values = rowValues(frame, i, day[i], tod[i]);
      const before = previousTs.get(i);
      const prev = before === undefined ? "" : formatTimestamp(day[i], before);
      const detail = describeProblem(dropKind, kind, levels, values, prev);
      rowNumbers ??= frame.getColumn("row").cast(pl.Float64).toTypedArray() as Float64Array;
      example = { file: table.file, row: rowNumbers[i], values, detail };
      if (options.strict) {
        throw new InputError({
          file: table.file,
          line: rowNumbers[i],
          expected: PROBLEM_RULES[dropKind],
          found: `${dropKind.replace("_", " ")}: ${detail}`,
        });
      }
    }
    report.drop(fileIndex, dropKind, example);
  }

  // Split the kept rows per (symbol, day).
  const base = { file: table.file, fileIndex, source: table.source, kind, levels };
  const partOf = (g: number, part: pl.DataFrame): TablePart => {
    const first = groupKeys[g].first;
    return {
      ...base,
      tickSize: table.tickSize,
      symbol: String(frame.getColumn("symbol").get(first)),
      day: groupKeys[g].day,
      date: dateOfDay(groupKeys[g].day),
      frame: part,
    };
  };
  if (groupKeys.length === 0) return [];
  if (groupKeys.length === 1) {
    const kept = dropped === 0 ? frame : keepRows(frame, codes, 0);
    return [partOf(0, kept)];
  }
  // Each group a run of consecutive rows (a file sorted by day, say): slices, no copying.
  const count = new Int32Array(groupKeys.length), last = new Int32Array(groupKeys.length);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    if (g >= 0) {
      count[g]++;
      last[g] = i;
    }
  }
  if (groupKeys.every((k, g) => last[g] - k.first + 1 === count[g])) {
    return groupKeys.map((k, g) => partOf(g, frame.slice(k.first, count[g])));
  }
  const parts = frame.withColumns(pl.Series("_g", group))
    .filter(c("_g").gtEq(pl.lit(0)))
    .partitionBy("_g", true, true);
  const out = parts.map((p) => partOf(Number(p.getColumn("_g").get(0)), p.drop("_g")));
  // partitionBy does not promise group order: restore the order of first appearance.
  const order = new Map(out.map((p, j) => [p, Number(parts[j].getColumn("_g").get(0))]));
  return out.sort((a, b) => order.get(a)! - order.get(b)!);
}
