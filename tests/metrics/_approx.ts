/** Shared assertion for the metric tests: |actual − expected| ≤ tol. */
import { strict as assert } from "node:assert";

/** Asserts that `actual` is within `tol` of `expected` (hand-computed). */
export function assertClose(actual: number, expected: number, tol = 1e-9, what = ""): void {
  assert(
    Math.abs(actual - expected) <= tol,
    `${what} expected ${expected} ± ${tol}, got ${actual}`,
  );
}
