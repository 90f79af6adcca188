/**
 * The `ts` column of user files, normalised to Datetime(ns) in exchange local
 * time (no time zone):
 *
 * - Datetime (any unit) without a time zone: cast to ns. A zoned Datetime is
 *   refused: the decision grid is in exchange local time, and converting zones
 *   is the user's call, not a silent default.
 * - Date: midnight of that day.
 * - Integer: epoch in `unit` (ns, us, ms or s), read as local time.
 * - Float: epoch in `unit`: whole units exactly, the fraction rounded to the
 *   nanosecond (a double holds epoch seconds to about 0.24 µs, no better).
 * - Text (CSV): an integer epoch as above, or ISO 8601 local time
 *   `YYYY-MM-DD[T or space]HH:MM:SS[.fraction]` with up to 9 decimals, exact
 *   to the nanosecond (polars' own parser stops at microseconds, so the
 *   fraction is read separately). A cell that is neither becomes null, and the
 *   validation reports the row as missing.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { tsToNanos } from "./timestamps.ts";
 * const df = pl.DataFrame({ ts: ["2024-01-02 09:30:00.123456789", "1704187800000"] });
 * const ns = df.select(tsToNanos(df.getColumn("ts").dtype, "ms", "f.csv").cast(pl.Int64).cast(pl.Utf8));
 * assert.deepEqual(ns.getColumn("ts").toArray(), ["1704187800123456789", "1704187800000000000"]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../../core/errors.ts";

/** Units of an integer or float epoch. */
export type TsUnit = "ns" | "us" | "ms" | "s";

/** Nanoseconds per unit. */
export const NS_PER_UNIT: Record<TsUnit, number> = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

const INTEGER_TYPES = new Set([
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
]);
const FLOAT_TYPES = new Set(["Float32", "Float64"]);

function i64(value: number): pl.Expr {
  return pl.lit(value).cast(pl.Int64);
}

/** Integer epoch in `unit` → Int64 ns. */
function fromInteger(e: pl.Expr, unit: TsUnit): pl.Expr {
  const ints = e.cast(pl.Int64);
  return unit === "ns" ? ints : ints.mul(i64(NS_PER_UNIT[unit]));
}

/** ISO local time text → Int64 ns (null where it does not parse). */
function fromIsoText(e: pl.Expr): pl.Expr {
  const s = e.str.replace(" ", "T");
  const seconds = s.str.slice(0, 19).str.strptime(pl.Datetime("ms"), "%Y-%m-%dT%H:%M:%S")
    .cast(pl.Datetime("ns")).cast(pl.Int64);
  // ".123456789" → 123456789 ns: a double holds 9 decimals exactly enough to round back.
  const fraction = s.str.slice(19, 11).cast(pl.Float64, false).mul(1e9).round(0).cast(pl.Int64);
  const hasFraction = s.str.lengths().gt(19);
  const tail = s.str.slice(19, 1);
  return pl.when(hasFraction.and(tail.eq(pl.lit(".")).not())).then(pl.lit(null).cast(pl.Int64))
    .when(hasFraction).then(seconds.plus(fraction))
    .otherwise(seconds);
}

/**
 * An expression turning column `ts` of type `dtype` into Datetime(ns) (see the
 * module doc); throws `InputError` naming `file` for a zoned Datetime or a
 * type that cannot hold a time.
 */
export function tsToNanos(dtype: pl.DataType, unit: TsUnit, file: string): pl.Expr {
  const col = pl.col("ts");
  const variant = dtype.variant;
  let ns: pl.Expr;
  if (variant === "Datetime") {
    const zone = (dtype as unknown as { timeZone?: string | null }).timeZone;
    if (zone !== undefined && zone !== null && zone !== "") {
      throw new InputError({
        file,
        keyPath: "ts",
        expected: "timestamps without a time zone (exchange local time)",
        found: `Datetime with time zone ${zone}`,
      });
    }
    return col.cast(pl.Datetime("ns")).alias("ts");
  } else if (variant === "Date") {
    return col.cast(pl.Datetime("ns")).alias("ts");
  } else if (INTEGER_TYPES.has(variant)) {
    ns = fromInteger(col, unit);
  } else if (FLOAT_TYPES.has(variant)) {
    // Whole units exactly, then the fraction: x × 1e9 as one double would lose ~256 ns.
    const x = col.cast(pl.Float64);
    const whole = x.floor();
    ns = fromInteger(whole, unit).plus(
      x.minus(whole).mul(NS_PER_UNIT[unit]).round(0).cast(pl.Int64),
    );
  } else if (variant === "String" || variant === "Utf8") {
    const trimmed = col.str.strip();
    ns = fromInteger(trimmed.cast(pl.Int64, false), unit).fillNull(fromIsoText(trimmed));
  } else {
    throw new InputError({
      file,
      keyPath: "ts",
      expected: "a Datetime, an integer epoch or ISO 8601 text",
      found: `a column of type ${String(dtype).replace(/^DataType\((.*)\)$/, "$1")}`,
    });
  }
  return ns.cast(pl.Datetime("ns")).alias("ts");
}
