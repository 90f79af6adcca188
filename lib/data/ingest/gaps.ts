/**
 * Gaps in a day of book rows: consecutive rows more than a limit apart, and,
 * given the session bounds, a first row more than the limit after the open or
 * a last row more than the limit before the close. Each gap names the row
 * after it (for the end of the session: the last row).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { describeGap, findGaps } from "./gaps.ts";
 * const gaps = findGaps(new Float64Array([10e9, 11e9, 30e9]), 5e9, { startNs: 0, endNs: 32e9 });
 * assert.deepEqual(gaps.map((g) => [g.kind, g.row]), [["start", 0], ["between", 2]]);
 * assert.equal(
 *   describeGap(gaps[1], 0),
 *   "19.000 s without a book row, from 1970-01-01T00:00:11.000000000 to 1970-01-01T00:00:30.000000000",
 * );
 * ```
 * @module
 */

import { formatTimestamp } from "./_frames.ts";

/** One gap. */
export interface Gap {
  /** Between two rows, or from the session start / to the session end. */
  kind: "between" | "start" | "end";
  /** The row after the gap (for `end`: the last row). */
  row: number;
  /** Its bounds, ns after midnight. */
  fromNs: number;
  toNs: number;
}

/** The gaps longer than `limitNs` in the non-decreasing times `tod` (see the module doc). */
export function findGaps(
  tod: Float64Array,
  limitNs: number,
  session?: { startNs: number; endNs: number },
): Gap[] {
  const n = tod.length;
  const out: Gap[] = [];
  if (n === 0) return out;
  if (session !== undefined && tod[0] - session.startNs > limitNs) {
    out.push({ kind: "start", row: 0, fromNs: session.startNs, toNs: tod[0] });
  }
  for (let i = 1; i < n; i++) {
    if (tod[i] - tod[i - 1] > limitNs) {
      out.push({ kind: "between", row: i, fromNs: tod[i - 1], toNs: tod[i] });
    }
  }
  if (session !== undefined && session.endNs - tod[n - 1] > limitNs) {
    out.push({ kind: "end", row: n - 1, fromNs: tod[n - 1], toNs: session.endNs });
  }
  return out;
}

/** Clock time `HH:MM:SS` of ns after midnight. */
function clock(ns: number): string {
  return formatTimestamp(0, ns).slice(11, 19);
}

/** A gap in words, `day` (days since 1970-01-01) dating its bounds. */
export function describeGap(gap: Gap, day: number): string {
  const span = `${((gap.toNs - gap.fromNs) / 1e9).toFixed(3)} s without a book row`;
  const from = gap.kind === "start"
    ? `the session start ${clock(gap.fromNs)}`
    : formatTimestamp(day, gap.fromNs);
  const to = gap.kind === "end"
    ? `the session end ${clock(gap.toNs)}`
    : formatTimestamp(day, gap.toNs);
  return `${span}, from ${from} to ${to}`;
}
