/**
 * The layout a consumer of a dataset relies on: the feature names, in
 * order, and the window length T. {@linkcode assertLayout} fails with a
 * message naming both layouts and what differs, so that a model trained on
 * one feature set is never fed another.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { assertLayout } from "./layout.ts";
 * assertLayout({ features: ["a", "b"], T: 20 }, { features: ["a", "b"], T: 20 }); // fine
 * assert.throws(
 *   () => assertLayout({ features: ["a", "b"], T: 20 }, { features: ["a", "c"], T: 10 }, "data/datasets/x/dev"),
 *   {
 *     message: "data/datasets/x/dev: layout: expected T = 20, F = 2 features [a, b], " +
 *       "found T = 10, F = 2 features [a, c] (T differs; missing: b; extra: c)",
 *   },
 * );
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";

/** Feature names in column order, and the window length. */
export interface DatasetLayout {
  /** Feature names, in column order. */
  features: readonly string[];
  /** Rows per window. */
  T: number;
}

/** "T = 20, F = 2 features [a, b]". */
export function describeLayout(layout: DatasetLayout): string {
  return `T = ${layout.T}, F = ${layout.features.length} features [${layout.features.join(", ")}]`;
}

/** What differs between two layouts, in words; "" when they are equal. */
export function layoutDifference(expected: DatasetLayout, found: DatasetLayout): string {
  const parts: string[] = [];
  if (expected.T !== found.T) parts.push("T differs");
  const missing = expected.features.filter((f) => !found.features.includes(f));
  const extra = found.features.filter((f) => !expected.features.includes(f));
  if (missing.length > 0) parts.push(`missing: ${missing.join(", ")}`);
  if (extra.length > 0) parts.push(`extra: ${extra.join(", ")}`);
  const sameSet = missing.length === 0 && extra.length === 0;
  const sameOrder = expected.features.length === found.features.length &&
    expected.features.every((f, i) => found.features[i] === f);
  if (sameSet && !sameOrder) parts.push("same features in a different order");
  return parts.join("; ");
}

/**
 * Throws {@linkcode InputError} unless `found` has exactly the expected
 * features, in the same order, and the same T; `where` names the dataset.
 */
export function assertLayout(expected: DatasetLayout, found: DatasetLayout, where?: string): void {
  const diff = layoutDifference(expected, found);
  if (diff === "") return;
  throw new InputError({
    file: where,
    keyPath: "layout",
    expected: describeLayout(expected),
    found: `${describeLayout(found)} (${diff})`,
  });
}
