/**
 * Polars helpers shared by the dataset stages: which columns are features,
 * typed-array views of columns, the row validity mask, symbol-day segments
 * and scaler groups. Every function takes a feature frame as the features
 * stage writes it: `ts` (Datetime), `symbol`, `date` (YYYY-MM-DD), `mid`
 * (raw), then one numeric column per feature (null where incomplete); rows
 * sorted by symbol, date and time.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { resolveFeatures, segmentStarts, validMask } from "./frames.ts";
 * const df = pl.DataFrame({
 *   ts: [1, 2, 3], symbol: ["A", "A", "B"], date: ["2024-01-02", "2024-01-02", "2024-01-02"],
 *   mid: [10, 10.5, 20], spread: [0.1, null, 0.2],
 * });
 * assert.deepEqual(resolveFeatures(df.schema), ["spread"]);
 * assert.deepEqual([...validMask(df, ["spread"])], [1, 0, 1]);
 * assert.deepEqual([...segmentStarts(df)], [0, 2]); // a new symbol starts a segment
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../core/errors.ts";
import type { DateRange } from "./splits.ts";

/** Columns every feature frame carries besides its features. */
export const KEY_COLUMNS: readonly string[] = ["ts", "symbol", "date", "mid"];

const NUMERIC = new Set([
  "Float64",
  "Float32",
  "Int8",
  "Int16",
  "Int32",
  "Int64",
  "UInt8",
  "UInt16",
  "UInt32",
  "UInt64",
]);

/** Options of {@linkcode resolveFeatures}. */
export interface ResolveFeaturesOptions {
  /** Features wanted, in this order; default: every non-key column, in frame order. */
  features?: readonly string[] | null;
  /** A regime column, never a feature. */
  regimeColumn?: string | null;
  /** File or frame name for error messages. */
  source?: string;
}

/**
 * The feature columns of a frame with this schema: the requested ones, or
 * else every column that is not a key column (`ts`, `symbol`, `date`, `mid`)
 * or the regime column, in the frame's order. Each must exist and be numeric
 * (a stray text column is an error, not silently skipped). Throws
 * {@linkcode InputError} naming the source and column.
 */
export function resolveFeatures(
  schema: Record<string, pl.DataType>,
  opts: ResolveFeaturesOptions = {},
): string[] {
  const source = opts.source ?? "feature frame";
  for (const key of KEY_COLUMNS) {
    if (!(key in schema)) {
      throw new InputError({
        file: source,
        keyPath: key,
        expected: `a column "${key}" (feature frames carry ${KEY_COLUMNS.join(", ")})`,
        found: `columns ${Object.keys(schema).join(", ")}`,
      });
    }
  }
  const wanted = opts.features ??
    Object.keys(schema).filter((c) => !KEY_COLUMNS.includes(c) && c !== opts.regimeColumn);
  if (wanted.length === 0) {
    throw new InputError({
      file: source,
      expected: "at least one feature column besides ts, symbol, date, mid",
      found: "none",
    });
  }
  const seen = new Set<string>();
  for (const name of wanted) {
    const dtype = schema[name];
    if (dtype === undefined) {
      throw new InputError({
        file: source,
        keyPath: name,
        expected: `a feature column "${name}"`,
        found: `columns ${Object.keys(schema).join(", ")}`,
      });
    }
    if (!NUMERIC.has(dtype.variant)) {
      throw new InputError({
        file: source,
        keyPath: name,
        expected: "a numeric feature column",
        found: String(dtype.variant),
      });
    }
    if (seen.has(name)) {
      throw new InputError({
        file: source,
        keyPath: name,
        expected: "each feature listed once",
        found: `"${name}" twice`,
      });
    }
    seen.add(name);
  }
  return [...wanted];
}

/** A column's values as Float64 (null → NaN). A fresh array the caller owns. */
export function columnFloat64(df: pl.DataFrame, name: string): Float64Array {
  const s = df.getColumn(name);
  if (s.dtype.variant === "Float64" && s.nullCount() === 0) return s.toTypedArray() as Float64Array;
  const filled = df.select(pl.col(name).cast(pl.Float64).fillNull(pl.lit(NaN)).alias(name));
  return filled.getColumn(name).toTypedArray() as Float64Array;
}

/**
 * The `ts` column as epoch nanoseconds (any Datetime unit, or integer
 * nanoseconds). Throws {@linkcode InputError} when it holds nulls.
 */
export function timestampsNs(df: pl.DataFrame, source = "feature frame"): BigInt64Array {
  const s = df.getColumn("ts");
  if (s.nullCount() > 0) {
    throw new InputError({
      file: source,
      keyPath: "ts",
      expected: "a timestamp on every row",
      found: `${s.nullCount()} null timestamps`,
    });
  }
  const expr = s.dtype.variant === "Datetime"
    ? pl.col("ts").cast(pl.Datetime("ns")).cast(pl.Int64)
    : pl.col("ts").cast(pl.Int64);
  return df.select(expr.alias("ts")).getColumn("ts").toTypedArray() as BigInt64Array;
}

/**
 * 1 for rows whose features are all finite (not null, not NaN, not ±∞) and
 * whose regime column, when given, is not null; 0 otherwise. Fast path: the
 * null bitmaps give the mask when the sum of all feature values is finite (a
 * NaN or ±∞ anywhere makes it non-finite); otherwise each value is tested.
 */
export function validMask(
  df: pl.DataFrame,
  features: readonly string[],
  regimeColumn: string | null = null,
): Uint8Array {
  // One number for all columns: the sum of every row's horizontal sum (nulls skipped) is
  // finite unless a NaN or ±∞ is somewhere (or the sum overflows: then the slow path too).
  const total = df.select(
    pl.sumHorizontal(features.map((f) => pl.col(f).cast(pl.Float64))).sum().alias("s"),
  ).getColumn("s").get(0) as number | null;
  const allFinite = total === null || Number.isFinite(total);
  const checks = features.map((f) =>
    allFinite ? pl.col(f).isNotNull() : pl.col(f).cast(pl.Float64).isFinite()
  );
  if (regimeColumn !== null) checks.push(pl.col(regimeColumn).isNotNull());
  const mask = df.select(pl.allHorizontal(checks).fillNull(false).cast(pl.UInt8).alias("valid"));
  return mask.getColumn("valid").toTypedArray() as Uint8Array;
}

/**
 * The values of `features` on the rows where `valid` is 1, one Float64Array
 * per feature (in order), via one polars filter.
 */
export function validColumns(
  df: pl.DataFrame,
  features: readonly string[],
  valid: Uint8Array,
): Float64Array[] {
  const mask = pl.Series("valid", valid).cast(pl.Bool);
  const kept = df.select(...features.map((f) => pl.col(f).cast(pl.Float64))).filter(mask);
  return features.map((f) => kept.getColumn(f).toTypedArray() as Float64Array);
}

/**
 * First row of each symbol-day segment (a run of rows with the same `symbol`
 * and `date`), ascending; `[0, …]` for a non-empty frame, empty for an empty one.
 */
export function segmentStarts(df: pl.DataFrame): Int32Array {
  if (df.height === 0) return new Int32Array(0);
  if (singleSymbolDay(df)) return new Int32Array([0]);
  const changed = df.select(
    pl.col("symbol").neq(pl.col("symbol").shift(1))
      .or(pl.col("date").neq(pl.col("date").shift(1)))
      .fillNull(true).cast(pl.UInt8).alias("c"),
  ).getColumn("c").toTypedArray() as Uint8Array;
  changed[0] = 1;
  let n = 0;
  for (let i = 0; i < changed.length; i++) n += changed[i];
  const starts = new Int32Array(n);
  for (let i = 0, j = 0; i < changed.length; i++) if (changed[i] === 1) starts[j++] = i;
  return starts;
}

/**
 * Whether every row has the first row's symbol and date (one cheap pass; the
 * common case of a frame that holds one symbol-day).
 */
function singleSymbolDay(df: pl.DataFrame): boolean {
  const first = df.select(pl.col("symbol").first(), pl.col("date").first());
  const symbol = first.getColumn("symbol").toArray()[0];
  const date = first.getColumn("date").toArray()[0];
  if (symbol === null || date === null) return false;
  const same = df.select(
    pl.col("symbol").eq(pl.lit(symbol)).and(pl.col("date").eq(pl.lit(date))).all().alias("same"),
  );
  return same.getColumn("same").toArray()[0] === true;
}

/** Symbol and date of each segment (see {@linkcode segmentStarts}). */
export function segmentLabels(
  df: pl.DataFrame,
  starts: Int32Array,
): { symbol: string; date: string }[] {
  if (starts.length === 0) return [];
  const idx = Array.from(starts);
  const sub = df.select(pl.col("symbol").gather(idx), pl.col("date").gather(idx));
  const symbols = sub.getColumn("symbol").toArray() as (string | null)[];
  const dates = sub.getColumn("date").toArray() as (string | null)[];
  return symbols.map((symbol, i) => ({ symbol: String(symbol), date: String(dates[i]) }));
}

/** A scaler group: a symbol, and a regime value (`"all"` without a regime column). */
export interface GroupKey {
  /** Ticker. */
  symbol: string;
  /** Regime value as text, or `"all"` when no regime column is used. */
  regime: string;
}

/** Regime label used when statistics are per symbol only. */
export const ALL_REGIMES = "all";

/** Orders group keys by symbol, then regime (plain string order). */
export function compareGroupKeys(a: GroupKey, b: GroupKey): number {
  if (a.symbol !== b.symbol) return a.symbol < b.symbol ? -1 : 1;
  if (a.regime !== b.regime) return a.regime < b.regime ? -1 : 1;
  return 0;
}

const SEP = "\u001f";

/**
 * The scaler group of every row: `keys` (sorted by symbol, then regime) and
 * `ids[i]`, the index into `keys` of row i, or −1 where the regime is null.
 */
export function groupIndex(
  df: pl.DataFrame,
  regimeColumn: string | null = null,
): { keys: GroupKey[]; ids: Int32Array } {
  const key = regimeColumn === null ? pl.col("symbol").cast(pl.Utf8) : pl.concatString(
    [pl.col("symbol").cast(pl.Utf8), pl.col(regimeColumn).cast(pl.Utf8)],
    SEP,
    false,
  );
  const uniq = (df.select(key.alias("k")).getColumn("k").unique().dropNulls().toArray() as string[])
    .map((k) => {
      const [symbol, regime] = regimeColumn === null ? [k, ALL_REGIMES] : k.split(SEP);
      return { text: k, key: { symbol, regime } };
    })
    .sort((a, b) => compareGroupKeys(a.key, b.key));
  if (uniq.length === 0) return { keys: [], ids: new Int32Array(df.height).fill(-1) };
  if (uniq.length === 1 && regimeColumn === null && df.getColumn("symbol").nullCount() === 0) {
    return { keys: [uniq[0].key], ids: new Int32Array(df.height) }; // one symbol: all group 0
  }
  const ids = df.select(
    key.replaceStrict(uniq.map((u) => u.text), uniq.map((_, i) => i), -1, pl.Int32)
      .fillNull(-1).cast(pl.Int32).alias("g"),
  ).getColumn("g").toTypedArray() as Int32Array;
  return { keys: uniq.map((u) => u.key), ids };
}

/** The rows of a feature frame whose `date` lies in `range` (inclusive): one split. */
export function filterSplit(df: pl.DataFrame, range: DateRange): pl.DataFrame {
  return df.filter(
    pl.col("date").gtEq(pl.lit(range.start)).and(pl.col("date").ltEq(pl.lit(range.end))),
  );
}
