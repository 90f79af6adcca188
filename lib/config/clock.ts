/**
 * Clock times and calendar dates in configs: "HH:MM:SS" (24 h, exchange
 * local time) and "YYYY-MM-DD".
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { isRealDate, parseClockNs } from "./clock.ts";
 * assert.equal(parseClockNs("09:30:00"), 34_200_000_000_000);
 * assert(isRealDate("2024-02-29") && !isRealDate("2023-02-29"));
 * ```
 * @module
 */

import { z } from "zod";

/** A clock time HH:MM:SS, 24 h. */
export const CLOCK = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;

/** Nanoseconds after midnight of a clock time "HH:MM:SS" (already validated). */
export function parseClockNs(clock: string): number {
  const m = CLOCK.exec(clock);
  if (m === null) throw new RangeError(`expected a clock time HH:MM:SS, found ${clock}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1_000_000_000;
}

/** Whether `text` is a real calendar date YYYY-MM-DD. */
export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** A config string that must be a clock time HH:MM:SS. */
export const clock = (): z.ZodString => z.string().regex(CLOCK, "a clock time HH:MM:SS (24 h)");
