import { strict as assert } from "node:assert";

/** Asserts |actual − expected| ≤ tol (absolute), with a readable message. */
export function assertClose(actual: number, expected: number, tol: number, what = ""): void {
  assert(
    Math.abs(actual - expected) <= tol,
    `${what}: expected ${expected} ± ${tol}, found ${actual}`,
  );
}
