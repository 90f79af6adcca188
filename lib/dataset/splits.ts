/**
 * Train/validation/test splits by session date. Each split is an inclusive
 * date range `{ start, end }` (YYYY-MM-DD); ranges must not overlap; every
 * symbol-day belongs to at most one split (days outside all ranges are left
 * out). A split with fewer than `min_samples` windows is an error naming the
 * split, its range and its count.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { checkSplitRanges, splitOfDate } from "./splits.ts";
 * const splits = {
 *   dev: { start: "2024-01-02", end: "2024-01-31" },
 *   val: { start: "2024-02-01", end: "2024-02-15" },
 * };
 * checkSplitRanges(splits);
 * assert.equal(splitOfDate(splits, "2024-02-01"), "val");
 * assert.equal(splitOfDate(splits, "2024-03-01"), null);
 * assert.throws(
 *   () => checkSplitRanges({ ...splits, test: { start: "2024-02-10", end: "2024-02-20" } }),
 *   /dataset\.splits\.test: expected a date range not overlapping val \(2024-02-01 … 2024-02-15\)/,
 * );
 * ```
 * @module
 */

import { ConfigError, InputError } from "../core/errors.ts";

/** Split names, in build order. */
export const SPLIT_NAMES = ["dev", "val", "test"] as const;

/** A split name. */
export type SplitName = typeof SPLIT_NAMES[number];

/** An inclusive range of session dates, YYYY-MM-DD. */
export interface DateRange {
  /** First date in the split. */
  start: string;
  /** Last date in the split (inclusive). */
  end: string;
}

/** Date ranges per split; `dev` is required (the scaler is fitted on it). */
export interface SplitRanges {
  /** Development (training) days: the scaler is fitted here only. */
  dev: DateRange;
  /** Validation days. */
  val?: DateRange;
  /** Test days. */
  test?: DateRange;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** "2024-01-02 … 2024-01-31". */
export function formatRange(r: DateRange): string {
  return `${r.start} … ${r.end}`;
}

/** The splits present, in order dev, val, test. */
export function presentSplits(splits: SplitRanges): { name: SplitName; range: DateRange }[] {
  return SPLIT_NAMES.flatMap((name) => {
    const range = splits[name];
    return range === undefined ? [] : [{ name, range }];
  });
}

/**
 * The first problem with a set of ranges, as a key path below the splits and
 * the expected/found texts; null when they are fine.
 */
export function splitRangeProblem(
  splits: SplitRanges,
): { key: string; expected: string; found: string } | null {
  const present = presentSplits(splits);
  for (const { name, range } of present) {
    for (const key of ["start", "end"] as const) {
      if (!isIsoDate(range[key])) {
        return { key: `${name}.${key}`, expected: "a real date YYYY-MM-DD", found: range[key] };
      }
    }
    if (range.start > range.end) {
      return {
        key: `${name}.end`,
        expected: `a date on or after start (${range.start})`,
        found: range.end,
      };
    }
  }
  for (let i = 0; i < present.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = present[j], b = present[i];
      if (b.range.start <= a.range.end && a.range.start <= b.range.end) {
        return {
          key: b.name,
          expected: `a date range not overlapping ${a.name} (${formatRange(a.range)})`,
          found: formatRange(b.range),
        };
      }
    }
  }
  return null;
}

/**
 * Throws {@linkcode ConfigError} at `<keyPath>.<split>` when a date is not
 * real, a range ends before it starts, or two ranges overlap.
 */
export function checkSplitRanges(
  splits: SplitRanges,
  keyPath = "dataset.splits",
  file?: string,
): void {
  const p = splitRangeProblem(splits);
  if (p !== null) {
    throw new ConfigError({
      file,
      keyPath: `${keyPath}.${p.key}`,
      expected: p.expected,
      found: p.found,
    });
  }
}

/** The split a session date belongs to, or null. */
export function splitOfDate(splits: SplitRanges, date: string): SplitName | null {
  for (const { name, range } of presentSplits(splits)) {
    if (range.start <= date && date <= range.end) return name;
  }
  return null;
}

/**
 * Throws {@linkcode InputError} when a split has fewer than `minSamples`
 * windows, naming the split, its range and its count (`detail`, e.g. the
 * number of files, is appended to the count).
 */
export function checkMinSamples(
  split: string,
  range: DateRange,
  windows: number,
  minSamples: number,
  detail = "",
): void {
  if (windows < minSamples) {
    throw new InputError({
      keyPath: "dataset.min_samples",
      expected: `at least ${minSamples} windows in split ${split} (${formatRange(range)})`,
      found: `${windows} windows${detail === "" ? "" : ` (${detail})`}`,
    });
  }
}
