/**
 * Trading days for simulated data: weekdays only (no holiday calendar).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tradingDays } from "./trading_days.ts";
 * // Friday 2024-01-05, then the Monday and Tuesday after.
 * assert.deepEqual(tradingDays("2024-01-05", 3), ["2024-01-05", "2024-01-08", "2024-01-09"]);
 * assert.deepEqual(tradingDays("2024-01-06", 1), ["2024-01-08"]); // a Saturday start moves on
 * ```
 * @module
 */

const DAY_MS = 86_400_000;

/**
 * `count` weekdays ("YYYY-MM-DD") from `start` on: `start` itself when it is a
 * weekday, else the Monday after. Throws `RangeError` for a date that is not
 * real or a negative count.
 */
export function tradingDays(start: string, count: number): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  let ms = m === null ? NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== start) {
    throw new RangeError(`start date: expected a real date YYYY-MM-DD, found ${start}`);
  }
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`count: expected an integer ≥ 0, found ${count}`);
  }
  const days: string[] = [];
  while (days.length < count) {
    const weekday = new Date(ms).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(new Date(ms).toISOString().slice(0, 10));
    ms += DAY_MS;
  }
  return days;
}
