/**
 * Session times in the written files. LOBSTER's time column: seconds after
 * midnight with exactly nine decimals, built from integer nanoseconds by
 * integer arithmetic (never through a float format, which would round). The
 * Parquet `ts` column: the session date's midnight plus those nanoseconds,
 * as a naive (zone-less) epoch in ns, i.e. exchange local time.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { formatLobsterTime, midnightEpochNs } from "./lobster_time.ts";
 * assert(formatLobsterTime(34_200_000_000_001) === "34200.000000001");
 * assert(formatLobsterTime(57_599_999_999_999) === "57599.999999999");
 * assert(formatLobsterTime(0) === "0.000000000");
 * assert(midnightEpochNs("2024-01-02") === 1_704_153_600_000_000_000n);
 * ```
 * @module
 */

const NS_PER_SECOND = 1_000_000_000;

/**
 * Formats `ns` (a non-negative safe integer, nanoseconds after midnight) as
 * `seconds.nnnnnnnnn`. `%` and the division below are exact for integers
 * below 2^53. Throws `RangeError` for anything else.
 */
export function formatLobsterTime(ns: number): string {
  if (!Number.isSafeInteger(ns) || ns < 0) {
    throw new RangeError(
      `LOBSTER time: expected a non-negative integer of nanoseconds, found ${ns}`,
    );
  }
  const fraction = ns % NS_PER_SECOND;
  const seconds = (ns - fraction) / NS_PER_SECOND;
  return `${seconds}.${String(fraction).padStart(9, "0")}`;
}

/** Epoch nanoseconds of midnight of `date` ("YYYY-MM-DD"), as a naive (zone-less) time. */
export function midnightEpochNs(date: string): bigint {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m === null ? NaN : Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`date: expected a real date YYYY-MM-DD, found ${JSON.stringify(date)}`);
  }
  return BigInt(ms) * 1_000_000n;
}
