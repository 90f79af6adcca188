/**
 * Consolidation of the validated parts of one symbol and day, possibly from
 * several files: concatenated in source order, sorted by `ts` (stable, so rows
 * with equal times keep their file order), exact duplicates removed and gaps
 * reported.
 *
 * - The book of a symbol-day comes either from **one** events table (a
 *   replayed LOBSTER pair: two independent replays cannot be merged into one
 *   book) or from one or more snapshot tables. Mixing them, or adding a trades
 *   table to an events table (which has its own trades), throws `InputError`
 *   naming both files. Tick sizes must agree; the levels kept are the fewest
 *   any part has.
 * - **Duplicates**: a row equal to an earlier row of the same symbol-day in
 *   every column but the provenance (`row`, `file_id`) is dropped and counted
 *   against its file. Rows of an events table are messages and are never
 *   duplicates of each other: LOBSTER prints two hidden executions of the same
 *   size, price and nanosecond as identical lines (order id 0), and both are
 *   real trades.
 * - **Gaps**: consecutive book rows more than `max_gap_s` apart, and more than
 *   `max_gap_s` from the session open to the first row or from the last row
 *   to the close, are reported (`./gaps.ts`); the rows are kept.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { consolidateSymbolDay } from "./consolidate.ts";
 * import { ValidationReportBuilder } from "./report.ts";
 * const report = new ValidationReportBuilder({ strict: false, maxExamples: 5, maxGapS: null });
 * const fileIndex = report.addFile({ file: "t.csv", source: 0, kind: "trades", rows: 3 });
 * const frame = pl.DataFrame({ ts: [2, 1, 2], symbol: ["A", "A", "A"], row: [2, 3, 4],
 *   price: [10, 10, 10], qty: [1, 2, 1], aggressor_side: [1, 1, 1] })
 *   .withColumns(pl.col("ts").cast(pl.Datetime("ns")));
 * const day = consolidateSymbolDay([{ file: "t.csv", fileIndex, source: 0, kind: "trades",
 *   levels: 0, tickSize: 0.01, symbol: "A", day: 0, date: "1970-01-01", frame }],
 *   { strict: false, report, maxGapS: null });
 * assert(day === null); // trades without a book: kept but unused, and reported
 * assert(report.finish().dropped.duplicate.count === 1 && report.finish().unused[0].rows === 2);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../../core/errors.ts";
import { timeOfDay } from "./_frames.ts";
import { rawColumns, type TableKind } from "./columns.ts";
import { findDuplicates } from "./duplicates.ts";
import { describeGap, findGaps } from "./gaps.ts";
import { rowValues } from "./problem_detail.ts";
import { PROBLEM_RULES, type ValidationReportBuilder } from "./report.ts";
import { keepRows, type TablePart } from "./validate.ts";

/** The consolidated rows of one symbol and day, ready for the grid. */
export interface SymbolDay {
  symbol: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Days since 1970-01-01. */
  day: number;
  /** Where the book comes from: events (with event aggregates) or snapshots. */
  kind: "events" | "snapshots";
  levels: number;
  /** Price increment, dollars. */
  tickSize: number;
  /** Book rows sorted by ts, duplicates removed: raw columns plus `file_id`. */
  book: pl.DataFrame;
  /** Trades sorted by ts, duplicates removed (snapshot sources), or null. */
  trades: pl.DataFrame | null;
  /** The files its rows come from. */
  files: string[];
}

/** Options of {@linkcode consolidateSymbolDay}. */
export interface ConsolidateOptions {
  strict: boolean;
  report: ValidationReportBuilder;
  /** Gap limit in seconds, or null for no gap check. */
  maxGapS: number | null;
  /**
   * Session bounds (ns after midnight): when given, a first book row more than
   * `maxGapS` after the open, or a last one more than `maxGapS` before the
   * close, is reported as a gap too.
   */
  session?: { startNs: number; endNs: number };
}

/** Groups parts by (symbol, day), sorted by symbol then date; parts keep their order. */
export function groupBySymbolDay(parts: readonly TablePart[]): TablePart[][] {
  const groups = new Map<string, TablePart[]>();
  for (const p of parts) {
    const key = `${p.symbol}\u0000${p.date}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [p]);
    else g.push(p);
  }
  const keys = [...groups.keys()].sort();
  return keys.map((k) => groups.get(k)!);
}

function isSorted(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (t[i] < t[i - 1]) return false;
  return true;
}

/** Concatenates parts (common columns, `file_id` = index in `parts`) and sorts by ts. */
function stack(
  parts: readonly TablePart[],
  kind: TableKind,
  levels: number,
): { frame: pl.DataFrame; tod: Float64Array } {
  const cols = rawColumns(kind, levels);
  const frames = parts.map((p, j) =>
    p.frame.select(...cols.map((c) => pl.col(c)), pl.lit(j).cast(pl.Int32).alias("file_id"))
  );
  let frame = frames.length === 1 ? frames[0] : pl.concat(frames, { how: "vertical" });
  let tod = timeOfDay(frame);
  if (!isSorted(tod)) {
    frame = frame.sort({ by: "ts", maintainOrder: true });
    tod = timeOfDay(frame);
  }
  return { frame, tod };
}

function dayOfPart(parts: readonly TablePart[]): number {
  return parts[0].day;
}

/** Drops duplicates from a stacked frame, reporting each against its file. */
function dropDuplicates(
  stacked: { frame: pl.DataFrame; tod: Float64Array },
  parts: readonly TablePart[],
  options: ConsolidateOptions,
): { frame: pl.DataFrame; tod: Float64Array } {
  const copyOf = findDuplicates(stacked.frame, stacked.tod);
  if (copyOf === null) return stacked;
  const frame = stacked.frame;
  const fileIds = frame.getColumn("file_id").toTypedArray() as Int32Array;
  const rows = frame.getColumn("row").cast(pl.Float64).toTypedArray() as Float64Array;
  const keep = new Uint8Array(copyOf.length);
  const day = dayOfPart(parts);
  for (let i = 0; i < copyOf.length; i++) {
    const k = copyOf[i];
    if (k < 0) {
      keep[i] = 1;
      continue;
    }
    const part = parts[fileIds[i]];
    const detail = `an exact copy of ${parts[fileIds[k]].file} row ${rows[k]}`;
    if (options.strict) {
      throw new InputError({
        file: part.file,
        line: rows[i],
        expected: PROBLEM_RULES.duplicate,
        found: `duplicate: ${detail}`,
      });
    }
    const example = options.report.wantsExample("duplicate")
      ? {
        file: part.file,
        row: rows[i],
        values: withoutFileId(rowValues(frame, i, day, stacked.tod[i])),
        detail,
      }
      : undefined;
    options.report.drop(part.fileIndex, "duplicate", example);
  }
  const kept = keepRows(frame, keep, 1);
  return { frame: kept, tod: stacked.tod.filter((_, i) => keep[i] === 1) };
}

function withoutFileId(values: Record<string, unknown>): Record<string, unknown> {
  const { file_id: _, ...rest } = values;
  return rest;
}

/**
 * Reports (or, strict, throws for) the gaps of a stacked book (see
 * `./gaps.ts`), each against the file and row after it.
 */
function reportGaps(
  stacked: { frame: pl.DataFrame; tod: Float64Array },
  parts: readonly TablePart[],
  options: ConsolidateOptions,
): void {
  if (options.maxGapS === null) return;
  const gaps = findGaps(stacked.tod, options.maxGapS * 1e9, options.session);
  if (gaps.length === 0) return;
  const fileIds = stacked.frame.getColumn("file_id").toTypedArray() as Int32Array;
  const rows = stacked.frame.getColumn("row").cast(pl.Float64).toTypedArray() as Float64Array;
  const day = dayOfPart(parts);
  for (const gap of gaps) {
    const i = gap.row;
    const part = parts[fileIds[i]];
    const detail = describeGap(gap, day);
    if (options.strict) {
      throw new InputError({
        file: part.file,
        line: rows[i],
        expected: `${PROBLEM_RULES.gap} (${options.maxGapS} s)`,
        found: `a gap: ${detail}`,
      });
    }
    options.report.gap({
      file: part.file,
      row: rows[i],
      values: options.report.wantsExample("gap")
        ? withoutFileId(rowValues(stacked.frame, i, day, stacked.tod[i]))
        : {},
      detail,
    });
  }
}

function conflict(a: TablePart, b: TablePart, what: string): never {
  throw new InputError({
    file: b.file,
    expected: what,
    found: `${b.symbol} ${b.date} also comes from ${a.file}`,
  });
}

/**
 * Consolidates the parts of one symbol-day (see the module doc). Answers null
 * when there is no book (trades alone: reported as unused).
 */
export function consolidateSymbolDay(
  parts: readonly TablePart[],
  options: ConsolidateOptions,
): SymbolDay | null {
  const bookParts = parts.filter((p) => p.kind !== "trades");
  const tradeParts = parts.filter((p) => p.kind === "trades");
  const events = bookParts.filter((p) => p.kind === "events");
  if (events.length > 0 && bookParts.length > 1) {
    conflict(
      bookParts[0],
      bookParts[1],
      "one events source per symbol and day (a replayed LOBSTER pair), and no other book source for it",
    );
  }
  if (events.length > 0 && tradeParts.length > 0) {
    conflict(events[0], tradeParts[0], "no trades file for a symbol-day with an events source");
  }
  for (const p of parts.slice(1)) {
    if (Math.abs(p.tickSize - parts[0].tickSize) > 1e-12) {
      throw new InputError({
        file: p.file,
        expected: `tick size ${parts[0].tickSize} (as ${parts[0].file}, same symbol and day)`,
        found: String(p.tickSize),
      });
    }
  }
  let trades: pl.DataFrame | null = null;
  if (tradeParts.length > 0) {
    const t = dropDuplicates(stack(tradeParts, "trades", 0), tradeParts, options);
    trades = t.frame;
  }
  const first = parts[0];
  if (bookParts.length === 0) {
    const counts = new Map<string, number>();
    if (trades !== null) {
      const ids = trades.getColumn("file_id").toTypedArray() as Int32Array;
      for (const id of ids) {
        const f = tradeParts[id].file;
        counts.set(f, (counts.get(f) ?? 0) + 1);
      }
    }
    for (const [file, rows] of counts) {
      options.report.unusedRows({
        symbol: first.symbol,
        date: first.date,
        file,
        rows,
        reason: "trades without any book rows for this symbol and day",
      });
    }
    return null;
  }
  const kind = events.length > 0 ? "events" : "snapshots";
  const levels = Math.min(...bookParts.map((p) => p.levels));
  let book = stack(bookParts, kind, levels);
  if (kind === "snapshots") book = dropDuplicates(book, bookParts, options);
  reportGaps(book, bookParts, options);
  return {
    symbol: first.symbol,
    date: first.date,
    day: first.day,
    kind,
    levels,
    tickSize: first.tickSize,
    book: book.frame,
    trades,
    files: [...new Set(parts.map((p) => p.file))],
  };
}
