/**
 * Private polars helpers of the ingestion stages: typed arrays in and out
 * (never JS arrays of numbers), NaN ↔ null, and times split into a day
 * number and exact nanoseconds after midnight (a Float64 holds those
 * exactly; it cannot hold epoch nanoseconds).
 * @module
 */

import pl from "nodejs-polars";

/** Nanoseconds in a day. */
export const DAY_NS = 86_400_000_000_000;

/** `NaN → null` for a Float64 expression. */
export function nanToNull(e: pl.Expr): pl.Expr {
  return pl.when(e.isNan()).then(pl.lit(null).cast(pl.Float64)).otherwise(e);
}

/** Several columns as Float64Arrays (one polars call), nulls as NaN. */
export function float64Columns(frame: pl.DataFrame, names: readonly string[]): Float64Array[] {
  if (names.length === 0) return [];
  const out = frame.select(
    ...names.map((n) => pl.col(n).cast(pl.Float64).fillNull(pl.lit(NaN)).alias(n)),
  );
  return names.map((n) => out.getColumn(n).toTypedArray() as Float64Array);
}

/**
 * Day number (days since 1970-01-01) and nanoseconds after midnight of the
 * Datetime(ns) column `ts`; null times give day 0 and NaN.
 */
export function dayAndTime(frame: pl.DataFrame): { day: Int32Array; tod: Float64Array } {
  const ns = pl.col("ts").cast(pl.Int64);
  const out = frame.select(
    pl.col("ts").cast(pl.Date).cast(pl.Int32).fillNull(pl.lit(0).cast(pl.Int32)).alias("day"),
    ns.modulo(pl.lit(DAY_NS).cast(pl.Int64)).cast(pl.Float64).fillNull(pl.lit(NaN)).alias("tod"),
  );
  return {
    day: out.getColumn("day").toTypedArray() as Int32Array,
    tod: out.getColumn("tod").toTypedArray() as Float64Array,
  };
}

/** ns after midnight of every row of a frame whose `ts` lie in one day, as exact doubles. */
export function timeOfDay(frame: pl.DataFrame): Float64Array {
  return frame.select(
    pl.col("ts").cast(pl.Int64).modulo(pl.lit(DAY_NS).cast(pl.Int64)).cast(pl.Float64).alias("t"),
  ).getColumn("t").toTypedArray() as Float64Array;
}

/** A Datetime(ns) series: midnight of `day` plus the exact ns in `tod`. */
export function datetimeFromDay(name: string, day: number, tod: Float64Array): pl.Series {
  const midnight = BigInt(day) * BigInt(DAY_NS);
  return pl.DataFrame([pl.Series(name, tod)])
    .select(
      pl.col(name).cast(pl.Int64).plus(pl.lit(midnight).cast(pl.Int64)).cast(
        pl.Datetime("ns"),
      ).alias(name),
    )
    .getColumn(name);
}

/** Day number of a `YYYY-MM-DD` date. */
export function dayOfDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn` of a day number and ns after midnight. */
export function formatTimestamp(day: number, tod: number): string {
  if (Number.isNaN(tod)) return "null";
  const s = Math.floor(tod / 1e9);
  const frac = String(tod - s * 1e9).padStart(9, "0");
  const hh = String(Math.floor(s / 3600)).padStart(2, "0");
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, "0");
  const ss = String(s % 60).padStart(2, "0");
  return `${dateOfDay(day)}T${hh}:${mm}:${ss}.${frac}`;
}

/** A JSON-friendly value of a polars cell (bigint → number or string, NaN → "NaN"). */
export function jsonCell(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : String(value);
  }
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value instanceof Date) return value.toISOString();
  return value ?? null;
}
