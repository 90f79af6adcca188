/**
 * {@linkcode planSource}'s twin for one symbol-day held as typed arrays (the
 * feature kernels' output, NaN = null): validity, windows, targets and
 * timestamps, plus the valid rows' feature values, without a polars frame.
 * A test checks it against `planSource` + `validColumns` on the same values.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { planDay } from "./day_plan.ts";
 * const mid = Float64Array.from([10, 11, 12, 13, 14, 15, 16, 17]);
 * const x = Float64Array.from([NaN, 1, 2, 3, 4, 5, 6, 7]);
 * const { plan, columns } = planDay({
 *   symbol: "A", date: "1970-01-01", day: 0,
 *   timeNs: Float64Array.from(mid, (_, i) => i * 100_000_000), mid, columns: [x],
 * }, { T: 3, horizon: 1 });
 * assert.equal(plan.rowsValid, 7);
 * assert.equal(plan.starts.length, 4); // windows ending at rows 3…6 (row 7 has no next mid)
 * assert.equal(plan.ts[0], 300_000_000n);
 * assert.deepEqual([...columns[0]], [1, 2, 3, 4, 5, 6, 7]);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";
import type { SourcePlan } from "./build.ts";
import { ALL_REGIMES } from "./frames.ts";
import { planWindows, storedValidRows, type WindowOptions } from "./windows.ts";

/** One symbol-day's features as typed arrays. */
export interface DayFeatures {
  symbol: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Days since 1970-01-01 of `date`. */
  day: number;
  /** Row times, ns after midnight, strictly increasing. */
  timeNs: Float64Array;
  /** Mid price per row (targets). */
  mid: Float64Array;
  /** Feature values per row, one array per feature (NaN = null). */
  columns: readonly Float64Array[];
}

/** Options of {@linkcode planDay}. */
export interface DayPlanOptions extends WindowOptions {
  /** Name for messages (a file path). */
  label?: string;
}

const TWO32 = 4294967296;
const NS_PER_DAY = 86_400_000_000_000n;

/**
 * Validity (every feature finite), windows and targets of one symbol-day, and
 * the valid rows' values: views into `day.columns` when the valid rows are
 * one run (the usual case: only the warm-up rows are invalid), else one
 * packed copy.
 */
export function planDay(
  day: DayFeatures,
  opts: DayPlanOptions,
): { plan: SourcePlan; valid: Uint8Array; columns: Float64Array[] } {
  const label = opts.label ?? `${day.symbol} ${day.date}`;
  const n = day.mid.length;
  const F = day.columns.length;
  for (const c of day.columns) {
    if (c.length !== n) throw new RangeError(`planDay: a column has ${c.length} rows, mid ${n}`);
  }
  const t = day.timeNs;
  for (let r = 1; r < n; r++) {
    if (!(t[r] > t[r - 1])) {
      throw new InputError({
        file: label,
        keyPath: "ts",
        expected: "timestamps strictly increasing within each symbol-day",
        found: `row ${r}: ${t[r]} ns after midnight, after ${t[r - 1]}`,
      });
    }
  }
  // Valid: every feature finite (x − x is 0 exactly for finite x, NaN otherwise).
  const valid = new Uint8Array(n).fill(1);
  for (let f = 0; f < F; f++) {
    const c = day.columns[f];
    for (let r = 0; r < n; r++) if (c[r] - c[r] !== 0) valid[r] = 0;
  }
  const windows = planWindows(valid, day.mid, new Int32Array(n === 0 ? 0 : 1), opts);
  const { rowsValid, storedValid } = storedValidRows(valid, windows.rows);
  const first = valid.indexOf(1), last = valid.lastIndexOf(1);
  const plan: SourcePlan = {
    label,
    rowsIn: n,
    rowsValid,
    storedValid,
    starts: windows.starts,
    y: windows.y,
    ts: epochNs(day.day, t, windows.last),
    groupKeys: rowsValid > 0 ? [{ symbol: day.symbol, regime: ALL_REGIMES }] : [],
    validGroups: 0,
    coverage: n === 0 ? [] : [{
      symbol: day.symbol,
      date: day.date,
      rows: n,
      validRows: rowsValid,
      windows: windows.starts.length,
    }],
  };
  let columns: Float64Array[];
  if (rowsValid === 0) columns = day.columns.map(() => new Float64Array(0));
  else if (last - first + 1 === rowsValid) {
    columns = day.columns.map((c) => c.subarray(first, last + 1));
  } else {
    const packed = new Float64Array(rowsValid * F);
    columns = day.columns.map((c, f) => {
      const out = packed.subarray(f * rowsValid, (f + 1) * rowsValid);
      for (let r = 0, j = 0; r < n; r++) if (valid[r] === 1) out[j++] = c[r];
      return out;
    });
  }
  return { plan, valid, columns };
}

/** Epoch ns of `rows` of a day: midnight + timeNs, written as 32-bit halves (no BigInt per row). */
function epochNs(day: number, timeNs: Float64Array, rows: Int32Array): BigInt64Array {
  const out = new BigInt64Array(rows.length);
  if (rows.length === 0) return out;
  const midnight = BigInt(day) * NS_PER_DAY;
  const mLo = Number(BigInt.asUintN(32, midnight));
  const mHi = Number(BigInt.asIntN(32, midnight >> 32n));
  const w = new Int32Array(out.buffer);
  for (let i = 0; i < rows.length; i++) {
    const t = timeNs[rows[i]];
    const tHi = Math.floor(t / TWO32);
    let lo = mLo + (t - tHi * TWO32);
    let hi = mHi + tHi;
    if (lo >= TWO32) {
      lo -= TWO32;
      hi++;
    }
    w[2 * i] = lo | 0;
    w[2 * i + 1] = hi | 0;
  }
  return out;
}
