/**
 * Private helpers shared by the metric families: argument checks, the mean and
 * the sample standard deviation. NaN inputs are not skipped: they propagate into
 * the result, so a caller sees that a series was incomplete.
 *
 * @module
 */

import { describeValue, InputError } from "../core/errors.ts";

/** Numbers that can be read by index (plain arrays and typed arrays alike). */
export type Series = ArrayLike<number>;

/** Throws an {@linkcode InputError} naming `key` unless `a` and `b` have the same length. */
export function requireSameLength(key: string, a: Series, b: Series, otherKey: string): void {
  if (a.length !== b.length) {
    throw new InputError({
      keyPath: key,
      expected: `the same length as ${otherKey} (${b.length})`,
      found: `length ${a.length}`,
    });
  }
}

/** Throws unless `value` is a finite number > 0. */
export function requirePositive(key: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new InputError({
      keyPath: key,
      expected: "a finite number > 0",
      found: describeValue(value),
    });
  }
}

/** Throws unless `value` lies strictly between 0 and 1. */
export function requireProbability(key: string, value: number): void {
  if (!(value > 0 && value < 1)) {
    throw new InputError({
      keyPath: key,
      expected: "a number strictly between 0 and 1",
      found: describeValue(value),
    });
  }
}

/** Σx. */
export function sum(x: Series): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** x̄ = Σx / n; NaN when n = 0. */
export function mean(x: Series): number {
  return x.length === 0 ? NaN : sum(x) / x.length;
}

/** Sample standard deviation √(Σ(x − x̄)² / (n − 1)) (ddof = 1); NaN when n < 2. */
export function sampleStd(x: Series): number {
  const n = x.length;
  if (n < 2) return NaN;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  return Math.sqrt(ss / (n - 1));
}
