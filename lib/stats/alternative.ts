/**
 * The alternative hypothesis shared by the tests in this folder.
 * "greater" means the first sample (or the paired difference a − b) tends to
 * be larger; "less" the opposite; "two-sided" either.
 *
 * @module
 */

import { UsageError } from "../core/errors.ts";

/** Direction of the alternative hypothesis. */
export type Alternative = "two-sided" | "greater" | "less";

/** Throws {@linkcode UsageError} unless `alt` is a known alternative. */
export function checkAlternative(alt: string): asserts alt is Alternative {
  if (alt !== "two-sided" && alt !== "greater" && alt !== "less") {
    throw new UsageError(
      `expected alternative "two-sided", "greater" or "less", found ${JSON.stringify(alt)}`,
    );
  }
}
