/**
 * Numeric constants and the scalar helpers shared by the polars expressions
 * and the online calculator. Polars divides a column by a scalar (a literal,
 * or a column it holds as one constant) as a multiplication by the
 * reciprocal, so both sides write such divisions as multiplications by a
 * reciprocal: the two computations then round identically.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { snapHalfTick } from "./numeric.ts";
 * assert.equal(snapHalfTick((223.45 + 223.48) / 2, 0.01), 223.465);
 * assert.equal(snapHalfTick(10.0042, 0.01), 10.0042); // off the grid: unchanged
 * ```
 * @module
 */

/** Parkinson's constant 4·ln 2. */
export const FOUR_LN2 = 4 * Math.LN2;
/** 1/(4·ln 2). */
export const INV_FOUR_LN2 = 1 / FOUR_LN2;
/** ns per day, hour and minute. */
export const NS_PER_DAY = 86_400_000_000_000;
export const NS_PER_HOUR = 3_600_000_000_000;
export const NS_PER_MINUTE = 60_000_000_000;
/** Hours per ns and minutes per ns (reciprocals, see the module doc). */
export const HOURS_PER_NS = 1 / NS_PER_HOUR;
export const MINUTES_PER_NS = 1 / NS_PER_MINUTE;
/** Seconds per ns. */
export const SECONDS_PER_NS = 1e-9;

/** Largest distance (in half ticks) from the half-tick grid that is snapped onto it. */
export const SNAP_TOLERANCE = 1e-6;

/**
 * `x` (a mid, dollars) snapped to the nearest half tick when it lies within
 * {@linkcode SNAP_TOLERANCE} half ticks of one: k·(tick/2), k the whole
 * number of half ticks (one rounding, so each k gives one number; a product,
 * not a quotient, because polars may turn a division by a constant column
 * into a multiplication by its reciprocal). Prices on the tick grid give mids on the half-tick grid, but
 * (a + b)/2 in binary floating point lands an ulp either side of it depending
 * on a and b; snapping makes equal mids equal numbers, so an unchanged mid has
 * a log return of exactly 0 (not ±1e−16, which rolling variances turn into
 * noise). Off-grid values are left as they are; NaN stays NaN.
 */
export function snapHalfTick(x: number, tick: number): number {
  const perDollar = 2 / tick;
  const q = x * perDollar;
  const k = Math.round(q);
  return Math.abs(q - k) <= SNAP_TOLERANCE ? k * (tick * 0.5) : x;
}
