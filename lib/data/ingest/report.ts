/**
 * The validation report of an ingest run (`validation.json` in the run
 * folder). Every row read is either kept or dropped for exactly one kind of
 * problem (the first that applies, in the order of {@linkcode DROP_KINDS}), so
 * for every file and in total `rows_in = rows_kept + Σ dropped`. Gaps are
 * reported but drop nothing. Each kind keeps its count and the first
 * `max_examples` examples (file, 1-based row, the row's values, what was
 * wrong).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ValidationReportBuilder } from "./report.ts";
 * const b = new ValidationReportBuilder({ strict: false, maxExamples: 1, maxGapS: 60 });
 * const f = b.addFile({ file: "q.csv", source: 0, kind: "snapshots", rows: 3 });
 * b.drop(f, "crossed", { file: "q.csv", row: 2, values: {}, detail: "best_bid 10 ≥ best_ask 10" });
 * const r = b.finish();
 * assert(r.rows_in === 3 && r.rows_kept === 2 && r.dropped.crossed.count === 1);
 * assert(r.files[0].dropped.crossed === 1 && r.files[0].rows_kept === 2);
 * ```
 * @module
 */

import type { TableKind } from "./columns.ts";

/** Kinds of problem that drop a row, in the order they are checked. */
export const DROP_KINDS = [
  "missing",
  "non_positive",
  "crossed",
  "time_backwards",
  "duplicate",
] as const;

/** One of {@linkcode DROP_KINDS}. */
export type DropKind = typeof DROP_KINDS[number];

/** Every problem kind the report has: the drop kinds and `gap` (rows kept). */
export type ProblemKind = DropKind | "gap";

/** What each kind of problem means (also the `expected` text of strict-mode errors). */
export const PROBLEM_RULES: Record<ProblemKind, string> = {
  missing:
    "a value in every required column (no null, NaN or infinity; a deeper level is either empty or has both price and size)",
  non_positive: "prices and sizes > 0",
  crossed: "best_bid < best_ask (a crossed or locked book is not a valid state)",
  time_backwards:
    "a time at or after the previous row's (same symbol and day, in file order; rows dropped for another reason are skipped)",
  duplicate: "a row that is not an exact copy of an earlier row of the same symbol and day",
  gap: "book rows at most max_gap_s seconds apart",
};

/** One example of a problem. */
export interface ProblemExample {
  file: string;
  /** 1-based row (CSV: the line number; LOBSTER: the message file's line). */
  row: number;
  /** The row's values by column (ts as `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn`). */
  values: Record<string, unknown>;
  /** What is wrong with it, in words. */
  detail: string;
}

/** Count and first examples of one kind. */
export interface ProblemSummary {
  /** Rows dropped (for `gap`: gaps found, rows kept). */
  count: number;
  rule: string;
  examples: ProblemExample[];
}

/** Counts of one input file. */
export interface FileValidation {
  file: string;
  /** Index of the config source. */
  source: number;
  kind: TableKind;
  rows_in: number;
  rows_kept: number;
  dropped: Record<DropKind, number>;
  /** Facts about the file (replay mismatches, ignored columns, …). */
  notes: Record<string, unknown>;
}

/** The whole report. */
export interface ValidationReport {
  mode: "default" | "strict";
  rows_in: number;
  rows_kept: number;
  rows_dropped: number;
  dropped: Record<DropKind, ProblemSummary>;
  gaps: ProblemSummary & { max_gap_s: number | null };
  files: FileValidation[];
  /** Rows kept but not used, e.g. trades of a symbol-day without a book (with the reason). */
  unused: { symbol: string; date: string; file: string; rows: number; reason: string }[];
}

/** Options of {@linkcode ValidationReportBuilder}. */
export interface ReportOptions {
  strict: boolean;
  maxExamples: number;
  maxGapS: number | null;
}

function zeroCounts(): Record<DropKind, number> {
  return { missing: 0, non_positive: 0, crossed: 0, time_backwards: 0, duplicate: 0 };
}

/** Collects counts and examples while the stages run. */
export class ValidationReportBuilder {
  readonly #opts: ReportOptions;
  readonly #files: FileValidation[] = [];
  readonly #dropped: Record<DropKind, ProblemSummary>;
  readonly #gaps: ProblemSummary;
  readonly #unused: ValidationReport["unused"] = [];

  constructor(options: ReportOptions) {
    this.#opts = options;
    const summary = (kind: ProblemKind): ProblemSummary => ({
      count: 0,
      rule: PROBLEM_RULES[kind],
      examples: [],
    });
    this.#dropped = {
      missing: summary("missing"),
      non_positive: summary("non_positive"),
      crossed: summary("crossed"),
      time_backwards: summary("time_backwards"),
      duplicate: summary("duplicate"),
    };
    this.#gaps = summary("gap");
  }

  /** Whether examples of `kind` are still wanted. */
  wantsExample(kind: ProblemKind): boolean {
    const s = kind === "gap" ? this.#gaps : this.#dropped[kind];
    return s.examples.length < this.#opts.maxExamples;
  }

  /** Registers an input file with all its rows kept; answers its index. */
  addFile(
    f: {
      file: string;
      source: number;
      kind: TableKind;
      rows: number;
      notes?: Record<string, unknown>;
    },
  ): number {
    this.#files.push({
      file: f.file,
      source: f.source,
      kind: f.kind,
      rows_in: f.rows,
      rows_kept: f.rows,
      dropped: zeroCounts(),
      notes: f.notes ?? {},
    });
    return this.#files.length - 1;
  }

  /** The file registered under `index`. */
  file(index: number): FileValidation {
    return this.#files[index];
  }

  /** Drops `count` rows (default 1) of file `index` for `kind`, keeping `example` when wanted. */
  drop(index: number, kind: DropKind, example?: ProblemExample, count = 1): void {
    const f = this.#files[index];
    f.dropped[kind] += count;
    f.rows_kept -= count;
    const s = this.#dropped[kind];
    s.count += count;
    if (example !== undefined && s.examples.length < this.#opts.maxExamples) {
      s.examples.push(example);
    }
  }

  /** Records one gap (rows are kept). */
  gap(example: ProblemExample): void {
    this.#gaps.count++;
    if (this.#gaps.examples.length < this.#opts.maxExamples) this.#gaps.examples.push(example);
  }

  /** Records rows that were kept but could not be used. */
  unusedRows(entry: ValidationReport["unused"][number]): void {
    this.#unused.push(entry);
  }

  /** The report (a snapshot; the builder can go on). */
  finish(): ValidationReport {
    const rowsIn = this.#files.reduce((a, f) => a + f.rows_in, 0);
    const kept = this.#files.reduce((a, f) => a + f.rows_kept, 0);
    return structuredClone({
      mode: this.#opts.strict ? "strict" : "default",
      rows_in: rowsIn,
      rows_kept: kept,
      rows_dropped: rowsIn - kept,
      dropped: this.#dropped,
      gaps: { ...this.#gaps, max_gap_s: this.#opts.maxGapS },
      files: this.#files,
      unused: this.#unused,
    });
  }
}
