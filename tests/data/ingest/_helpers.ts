/**
 * Helpers for the ingestion tests: temporary folders, CSV files, a config
 * section with test defaults, and reading a CSV through validation.
 * @module
 */

import { join } from "node:path";
import { type IngestSection, IngestSectionSchema } from "../../../lib/config/schemas/ingest.ts";
import {
  readUserTable,
  type TablePart,
  validateTable,
  type ValidationReport,
  ValidationReportBuilder,
} from "../../../lib/data/ingest/mod.ts";

export { FIXTURE_DIR, SHARED_DIR, sharedDataPresent } from "../lobster/_helpers.ts";

/** 09:30:00 in ns after midnight. */
export const OPEN_NS = 34_200_000_000_000;

/** The header of a level-1 user book file. */
export const BOOK_HEADER = "ts,symbol,best_bid,best_ask,bid_qty_1,ask_qty_1";

/** Runs `fn` with a fresh temporary folder, removed afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir({ prefix: "ingest-test-" });
  try {
    return await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Writes `lines` (joined by newlines, with a final one) to `dir/name`; answers the path. */
export async function writeLines(dir: string, name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await Deno.writeTextFile(path, lines.join("\n") + "\n");
  return path;
}

/** An ingest section: `overrides` on top of the schema's defaults. */
export function section(overrides: Record<string, unknown>): IngestSection {
  return IngestSectionSchema.parse(overrides);
}

/** Reads a user CSV and validates it; answers the kept parts and the report. */
export async function validateCsv(
  path: string,
  options: { strict?: boolean; levels?: number; maxExamples?: number } = {},
): Promise<{ parts: TablePart[]; report: ValidationReport }> {
  const table = await readUserTable(path, {
    format: "csv",
    table: "auto",
    tsUnit: "ns",
    levels: options.levels ?? 10,
    tickSize: 0.01,
    source: 0,
  });
  const builder = new ValidationReportBuilder({
    strict: options.strict ?? false,
    maxExamples: options.maxExamples ?? 5,
    maxGapS: 60,
  });
  const parts = validateTable(table, { strict: options.strict ?? false, report: builder });
  return { parts, report: builder.finish() };
}

/** Checks the report's bookkeeping: rows in = kept + dropped, per file and in total. */
export function countsAddUp(report: ValidationReport): boolean {
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const files = report.files.every((f) => f.rows_in === f.rows_kept + sum(f.dropped));
  const kinds = Object.values(report.dropped).reduce((a, s) => a + s.count, 0);
  return files && report.rows_in === report.rows_kept + report.rows_dropped &&
    report.rows_dropped === kinds;
}
