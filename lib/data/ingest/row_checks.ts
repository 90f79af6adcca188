/**
 * The row-local validation rules, as polars expressions over a raw table.
 * Each row gets the code of the first rule it breaks:
 *
 * 1. `missing`: a null, NaN or infinite value where one is required — `ts`,
 *    `symbol`; for book snapshots the best quotes, level-1 prices and sizes,
 *    and at deeper levels a price without a size or a size > 0 without a price
 *    (a level with neither is empty, which is fine); for trades `price` and
 *    `qty`; for events the message columns. An empty side in a replayed book
 *    (an events table) is a state of the book, not missing data.
 * 2. `non_positive`: a price or size ≤ 0 at a non-empty level (trades: price
 *    or qty ≤ 0).
 * 3. `crossed`: `best_bid ≥ best_ask` (crossed or locked) in a book row.
 *
 * A cheap test first clears the rows of clean data (every value finite and
 * positive, bid < ask); only the rows it does not clear get the full checks.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { rowProblemCodes } from "./row_checks.ts";
 * const frame = pl.DataFrame({
 *   ts: [1, 2, 3, 4], symbol: ["A", "A", "A", "A"], row: [2, 3, 4, 5],
 *   best_bid: [10, null, 10, -1], best_ask: [10.01, 10.01, 10, 10.01],
 *   bid_price_1: [10, null, 10, -1], bid_qty_1: [5, 5, 5, 5],
 *   ask_price_1: [10.01, 10.01, 10, 10.01], ask_qty_1: [5, 5, 5, 5],
 * }).withColumns(pl.col("ts").cast(pl.Datetime("ns")));
 * assert.deepEqual([...rowProblemCodes(frame, "snapshots", 1)], [0, 1, 3, 2]); // ok, missing, locked, ≤ 0
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { EVENT_COLUMNS, levelPairs, type TableKind } from "./columns.ts";
import type { DropKind } from "./report.ts";

/** Row codes: 0 kept, then one per drop kind. */
export const ROW_CODE: Record<DropKind, number> = {
  missing: 1,
  non_positive: 2,
  crossed: 3,
  time_backwards: 4,
  duplicate: 5,
};

const c = (name: string) => pl.col(name);
/** Null, NaN or infinite (never null itself). */
const bad = (name: string) =>
  c(name).isNull().or(c(name).cast(pl.Float64).isNan().fillNull(pl.lit(false))).or(
    c(name).cast(pl.Float64).isInfinite().fillNull(pl.lit(false)),
  );
const present = (name: string) => bad(name).not();
const anyOf = (exprs: pl.Expr[]) => exprs.reduce((a, b) => a.or(b));
const notPositive = (name: string) => c(name).lt(pl.lit(0)).or(c(name).eq(pl.lit(0)));

/** Required columns of a table (for `missing`). */
export function requiredColumns(kind: TableKind): string[] {
  if (kind === "trades") return ["ts", "symbol", "price", "qty"];
  if (kind === "events") return ["ts", "symbol", ...EVENT_COLUMNS];
  return [
    "ts",
    "symbol",
    "best_bid",
    "best_ask",
    "bid_price_1",
    "bid_qty_1",
    "ask_price_1",
    "ask_qty_1",
  ];
}

function missingExpr(kind: TableKind, levels: number): pl.Expr {
  const parts = requiredColumns(kind).map((name) =>
    name === "symbol"
      ? c(name).isNull().or(c(name).eq(pl.lit("")))
      : name === "ts"
      ? c(name).isNull()
      : bad(name)
  );
  if (kind === "snapshots") {
    for (const [p, q] of levelPairs(2, levels)) {
      parts.push(present(p).and(bad(q)));
      parts.push(bad(p).and(present(q)).and(c(q).eq(pl.lit(0)).not()));
      parts.push(c(p).isInfinite().fillNull(pl.lit(false)));
      parts.push(c(q).isInfinite().fillNull(pl.lit(false)));
    }
  }
  return anyOf(parts);
}

function nonPositiveExpr(kind: TableKind, levels: number): pl.Expr {
  if (kind === "trades") return notPositive("price").or(notPositive("qty"));
  const parts = [notPositive("best_bid"), notPositive("best_ask")];
  for (const [p, q] of levelPairs(1, levels)) {
    parts.push(present(p).and(notPositive(p).or(notPositive(q))));
  }
  return anyOf(parts).fillNull(pl.lit(false));
}

/** The numeric book columns (best quotes and every level's price and size). */
function bookNumericColumns(levels: number): string[] {
  return ["best_bid", "best_ask", ...levelPairs(1, levels).flat()];
}

/**
 * A cheap test that a row passes the row-local checks, true for nearly every
 * row of clean data: every book value finite (NaN and ±∞ fail; null passes
 * only where a level may be empty) and > 0, and best_bid < best_ask. Rows it
 * does not pass go through the full checks.
 */
function cleanRowExpr(frame: pl.DataFrame, kind: TableKind, levels: number): pl.Expr {
  if (kind === "trades") {
    return anyOf(requiredColumns(kind).map((n) => c(n).isNull())).not()
      .and(c("price").isFinite()).and(c("qty").isFinite())
      .and(c("price").gt(pl.lit(0))).and(c("qty").gt(pl.lit(0)));
  }
  const numeric = bookNumericColumns(levels);
  const nulls = new Map(
    frame.select(...numeric.map((n) => c(n).nullCount().alias(n))).getColumns().map((s) => [
      s.name,
      Number(s.get(0)),
    ]),
  );
  // Where a null is allowed: a replayed book may have empty sides; snapshots empty deeper levels.
  const required = new Set(kind === "events" ? [] : requiredColumns(kind));
  const parts: pl.Expr[] = [c("ts").isNotNull(), c("symbol").isNotNull()];
  // Every value finite, in one horizontal sum: nulls are skipped, and a NaN or ±∞
  // anywhere (or an overflow: then the full checks too) makes the sum non-finite.
  parts.push(pl.sumHorizontal(numeric.map((n) => c(n).cast(pl.Float64))).isFinite());
  for (const n of numeric) {
    if (required.has(n) && nulls.get(n) !== 0) parts.push(c(n).isNotNull());
  }
  if (kind === "snapshots") {
    // An empty level has both cells null; anything else with a null is checked in full.
    for (const [p, q] of levelPairs(2, levels)) {
      if (nulls.get(p)! + nulls.get(q)! > 0) parts.push(c(p).isNull().eq(c(q).isNull()));
    }
  } else {
    for (const n of EVENT_COLUMNS) parts.push(c(n).isNotNull());
  }
  parts.push(pl.minHorizontal(numeric.map(c)).gt(pl.lit(0)));
  const crossedFree = c("best_bid").lt(c("best_ask"));
  parts.push(kind === "events" ? crossedFree.fillNull(pl.lit(true)) : crossedFree);
  return pl.allHorizontal(parts);
}

function fullCodesExpr(kind: TableKind, levels: number): pl.Expr {
  let code = pl.when(missingExpr(kind, levels)).then(pl.lit(ROW_CODE.missing))
    .when(nonPositiveExpr(kind, levels)).then(pl.lit(ROW_CODE.non_positive));
  if (kind !== "trades") {
    code = code.when(c("best_bid").gtEq(c("best_ask")).fillNull(pl.lit(false)))
      .then(pl.lit(ROW_CODE.crossed));
  }
  return code.otherwise(pl.lit(0)).cast(pl.UInt8).alias("code");
}

/**
 * The row-local checks (missing, non_positive, crossed) of a raw frame as
 * codes (0 kept, 1 missing, 2 non_positive, 3 crossed; see {@linkcode ROW_CODE}).
 * A cheap test clears the clean rows; only the others get the full checks.
 */
export function rowProblemCodes(frame: pl.DataFrame, kind: TableKind, levels: number): Uint8Array {
  const n = frame.height;
  const clean = frame.select(
    cleanRowExpr(frame, kind, levels).fillNull(pl.lit(false)).cast(pl.UInt8).alias("ok"),
  ).getColumn("ok").toTypedArray() as Uint8Array;
  const suspects: number[] = [];
  for (let i = 0; i < n; i++) if (clean[i] === 0) suspects.push(i);
  const codes = new Uint8Array(n);
  if (suspects.length === 0) return codes;
  const index = pl.Series("i", new Uint32Array(suspects));
  const sub = suspects.length === n
    ? frame
    : frame.select(...frame.columns.map((name) => c(name).gather(index)));
  const subCodes = sub.select(fullCodesExpr(kind, levels)).getColumn("code")
    .toTypedArray() as Uint8Array;
  for (let j = 0; j < suspects.length; j++) codes[suspects[j]] = subCodes[j];
  return codes;
}
