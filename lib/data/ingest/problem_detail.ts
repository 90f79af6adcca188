/**
 * How a reported row is shown: its values (JSON-friendly, `ts` to the
 * nanosecond) and what is wrong with it, in words.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { describeProblem } from "./problem_detail.ts";
 * assert.equal(
 *   describeProblem("crossed", "snapshots", 1, { best_bid: 10.02, best_ask: 10.01 }, ""),
 *   "best_bid 10.02 ≥ best_ask 10.01",
 * );
 * ```
 * @module
 */

import type pl from "nodejs-polars";
import { formatTimestamp, jsonCell } from "./_frames.ts";
import { levelPairs, type TableKind } from "./columns.ts";
import type { DropKind } from "./report.ts";
import { requiredColumns } from "./row_checks.ts";

/** A missing value as `rowValues` gives it: null, or NaN / ±Infinity (written as text). */
function isBadNumber(v: unknown): boolean {
  return v === null || v === undefined || v === "NaN" || v === "Infinity" || v === "-Infinity" ||
    (typeof v === "number" && !Number.isFinite(v));
}

/** The row's values as a JSON-friendly object, ts formatted to the nanosecond. */
export function rowValues(
  frame: pl.DataFrame,
  i: number,
  day: number,
  tod: number,
): Record<string, unknown> {
  // Not frame.row(i): polars' DataFrame proxy answers a column named "row" for it.
  const record = frame.slice(i, 1).toRecords()[0] as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const name of frame.columns) {
    values[name] = name === "ts"
      ? (Number.isNaN(tod) ? null : formatTimestamp(day, tod))
      : jsonCell(record[name]);
  }
  return values;
}

function fmt(v: unknown): string {
  return v === null || v === undefined ? "null" : String(v);
}

/** What is wrong with a row (its values `v`), in words; `previousTs` for time_backwards. */
export function describeProblem(
  kind: DropKind,
  tableKind: TableKind,
  levels: number,
  v: Record<string, unknown>,
  previousTs: string,
): string {
  switch (kind) {
    case "missing": {
      const cols = requiredColumns(tableKind).filter((n) => isBadNumber(v[n]) || v[n] === "");
      const found = cols.map((n) => `${fmt(v[n])} in ${n}`);
      if (tableKind === "snapshots") {
        for (const [p, q] of levelPairs(2, levels)) {
          if (!isBadNumber(v[p]) && isBadNumber(v[q])) found.push(`${p} ${v[p]} without ${q}`);
          else if (isBadNumber(v[p]) && !isBadNumber(v[q]) && v[q] !== 0) {
            found.push(`${q} ${v[q]} without ${p}`);
          } else if (v[p] === "Infinity" || v[q] === "Infinity") {
            found.push(`infinity in ${p}/${q}`);
          }
        }
      }
      return found.join(", ") || "a missing value";
    }
    case "non_positive": {
      const cols = tableKind === "trades"
        ? ["price", "qty"]
        : ["best_bid", "best_ask", ...levelPairs(1, levels).flat()];
      return cols.filter((n) => typeof v[n] === "number" && (v[n] as number) <= 0)
        .map((n) => `${n} = ${v[n]}`).join(", ");
    }
    case "crossed":
      return `best_bid ${fmt(v.best_bid)} ≥ best_ask ${fmt(v.best_ask)}`;
    case "time_backwards":
      return `ts ${fmt(v.ts)} is before the previous row's ${previousTs}`;
    case "duplicate":
      return "an exact copy of an earlier row";
  }
}
