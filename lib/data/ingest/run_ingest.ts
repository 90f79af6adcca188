/**
 * The ingest pipeline behind `deno task ingest`, in two phases so that bad
 * input (in strict mode: the first problem) stops it before anything is
 * written:
 *
 * 1. {@linkcode loadIngest}: resolve the sources' files, read each into a raw
 *    table, validate it (dropping and counting bad rows), and consolidate the
 *    rows of each symbol-day (sort, duplicates, gaps).
 * 2. {@linkcode writeIngest}: sample each symbol-day onto the decision grid
 *    and write `<interim_dir>/<symbol>/<date>.parquet` atomically.
 *
 * Each stage is also a plain function on polars frames (`readSourceFile`,
 * `validateTable`, `consolidateSymbolDay`, `sampleDecisionGrid`,
 * `writeInterimFile`) for notebooks.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { IngestSectionSchema } from "../../config/schemas/ingest.ts";
 * import { runIngest } from "./run_ingest.ts";
 * const out = await Deno.makeTempDir();
 * const cfg = IngestSectionSchema.parse({
 *   sources: [{ kind: "lobster", path: "tests/fixtures/lobster" }],
 *   interim_dir: out, session_end: "09:31:00",
 * });
 * const { summary, report } = await runIngest(cfg);
 * assert(report.rows_in === 500 && report.rows_in === report.rows_kept + report.rows_dropped);
 * assert(summary.outputs[0].file === `${out}/AAPL/2012-06-21.parquet`);
 * const df = pl.readParquet(summary.outputs[0].file);
 * assert(df.height === 601); // 09:30:00.0 … 09:31:00.0 every 100 ms
 * await Deno.remove(out, { recursive: true });
 * ```
 * @module
 */

import pl from "nodejs-polars";
import type { IngestSection } from "../../config/schemas/ingest.ts";
import { parseClockNs } from "../../config/schemas/data.ts";
import { NativeMemoryBudget } from "../../core/native_memory.ts";
import type { Progress } from "../../core/progress.ts";
import { consolidateSymbolDay, groupBySymbolDay, type SymbolDay } from "./consolidate.ts";
import { sampleDecisionGrid, type SampleOptions } from "./grid.ts";
import {
  DROP_KINDS,
  type DropKind,
  type ValidationReport,
  ValidationReportBuilder,
} from "./report.ts";
import { inputPaths, readSourceFile, type SourceFile, sourceFiles } from "./sources.ts";
import { type TablePart, validateTable } from "./validate.ts";
import { writeInterimFile } from "./write.ts";

/** Options of the ingest phases. */
export interface IngestOptions {
  /** Makes a progress bar (e.g. the command context's `progress`); none by default. */
  progress?: (total: number, label: string) => Progress;
}

/** Files of each source, in order. */
export interface ResolvedSource {
  /** Index in `ingest.sources`. */
  source: number;
  files: SourceFile[];
}

/** Phase 1's result: validated, consolidated symbol-days, and the report so far. */
export interface LoadedIngest {
  days: SymbolDay[];
  report: ValidationReport;
  /** Every file read (for the run manifest). */
  inputs: string[];
  /** Seconds per stage. */
  timings: Record<string, number>;
}

/** One interim file written. */
export interface IngestOutput {
  symbol: string;
  date: string;
  /** The interim file. */
  file: string;
  /** Where the book came from: events (event aggregates filled) or snapshots. */
  source_kind: "events" | "snapshots";
  levels: number;
  tick_size: number;
  /** Book rows and trade rows consolidated for this symbol-day. */
  book_rows: number;
  trade_rows: number;
  /** Rows written (grid times), and those with an empty book (before the first book row). */
  grid_rows: number;
  grid_rows_empty_book: number;
  bytes: number;
  sha256: string;
  /** Input files of this symbol-day. */
  inputs: string[];
}

/** The run summary (deterministic: counts and hashes, no timings). */
export interface IngestSummary {
  interim_dir: string;
  decision_ms: number;
  session_start: string;
  session_end: string;
  outputs: IngestOutput[];
  validation: {
    mode: "default" | "strict";
    rows_in: number;
    rows_kept: number;
    rows_dropped: number;
    dropped: Record<DropKind, number>;
    gaps: number;
    unused_rows: number;
  };
}

async function timed<T>(
  timings: Record<string, number>,
  label: string,
  fn: () => T | Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = (timings[label] ?? 0) + (performance.now() - t0) / 1000;
  }
}

/** The files every source reads (throws InputError for a missing path). */
export async function resolveSources(cfg: IngestSection): Promise<ResolvedSource[]> {
  const out: ResolvedSource[] = [];
  for (let i = 0; i < cfg.sources.length; i++) {
    out.push({ source: i, files: await sourceFiles(cfg.sources[i]) });
  }
  return out;
}

/** Phase 1 (see the module doc). */
export async function loadIngest(
  cfg: IngestSection,
  options: IngestOptions = {},
  resolved?: ResolvedSource[],
): Promise<LoadedIngest> {
  const timings: Record<string, number> = {};
  const sources = resolved ?? await timed(timings, "resolve", () => resolveSources(cfg));
  const report = new ValidationReportBuilder({
    strict: cfg.strict,
    maxExamples: cfg.max_examples,
    maxGapS: cfg.max_gap_s,
  });
  const total = sources.reduce((a, s) => a + s.files.length, 0);
  const bar = options.progress?.(total, "ingest: read and validate");
  const parts: TablePart[] = [];
  const inputs: string[] = [];
  const budget = new NativeMemoryBudget();
  let done = 0;
  for (const { source, files } of sources) {
    for (const f of files) {
      const table = await timed(
        timings,
        "read",
        () => readSourceFile(f, cfg.sources[source], source, cfg),
      );
      const kept = await timed(
        timings,
        "validate",
        () => validateTable(table, { strict: cfg.strict, report }),
      );
      parts.push(...kept);
      inputs.push(...inputPaths([f]));
      bar?.update(++done);
      // The file's raw frame is garbage now (the parts are new frames): free such frames
      // once enough have piled up, or they would stay until V8 happens to collect.
      await budget.note(table.frame.height * table.frame.width * 8);
    }
  }
  bar?.done();
  const days: SymbolDay[] = [];
  const session = {
    startNs: parseClockNs(cfg.session_start),
    endNs: parseClockNs(cfg.session_end),
  };
  await timed(timings, "consolidate", () => {
    for (const group of groupBySymbolDay(parts)) {
      const day = consolidateSymbolDay(group, {
        strict: cfg.strict,
        report,
        maxGapS: cfg.max_gap_s,
        session,
      });
      if (day !== null) days.push(day);
    }
  });
  return { days, report: report.finish(), inputs, timings };
}

/** The grid options of a config section. */
export function sampleOptions(cfg: IngestSection): SampleOptions {
  return {
    decisionMs: cfg.decision_ms,
    sessionStartNs: parseClockNs(cfg.session_start),
    sessionEndNs: parseClockNs(cfg.session_end),
  };
}

/**
 * Phase 2 without writing: the interim frame of each symbol-day in turn (for
 * notebooks, and for pipelines that go on in memory).
 */
export function* interimFrames(
  cfg: IngestSection,
  loaded: LoadedIngest,
): Generator<{ symbol: string; date: string; frame: pl.DataFrame }> {
  const options = sampleOptions(cfg);
  for (const day of loaded.days) {
    yield { symbol: day.symbol, date: day.date, frame: sampleDecisionGrid(day, options) };
  }
}

/** Phase 2 (see the module doc): answers the summary; adds its timings to `loaded.timings`. */
export async function writeIngest(
  cfg: IngestSection,
  loaded: LoadedIngest,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const timings = loaded.timings;
  const sample = sampleOptions(cfg);
  const bar = options.progress?.(loaded.days.length, "ingest: grid and write");
  const outputs: IngestOutput[] = [];
  const budget = new NativeMemoryBudget();
  // Day d's file is written by polars (in the background) while day d + 1 is sampled.
  let writing: Promise<void> | null = null;
  for (const day of loaded.days) {
    const frame = await timed(timings, "grid", () => sampleDecisionGrid(day, sample));
    const tradeRows = day.kind === "events"
      ? countTrades(day)
      : day.trades === null
      ? 0
      : day.trades.height;
    const emptyBook = countEmptyBook(frame);
    if (writing !== null) await timed(timings, "write", () => writing);
    writing = writeInterimFile(frame, cfg.interim_dir, day, cfg.compression).then((written) => {
      outputs.push({
        symbol: day.symbol,
        date: day.date,
        file: written.path,
        source_kind: day.kind,
        levels: day.levels,
        tick_size: day.tickSize,
        book_rows: day.book.height,
        trade_rows: tradeRows,
        grid_rows: written.rows,
        grid_rows_empty_book: emptyBook,
        bytes: written.bytes,
        sha256: written.sha256,
        inputs: day.files,
      });
      bar?.update(outputs.length);
    });
    writing.catch(() => {}); // awaited below; never an unhandled rejection meanwhile
    await budget.note(frame.height * frame.width * 8); // garbage once written
  }
  if (writing !== null) await timed(timings, "write", () => writing);
  bar?.done();
  const r = loaded.report;
  const dropped = Object.fromEntries(DROP_KINDS.map((k) => [k, r.dropped[k].count])) as Record<
    DropKind,
    number
  >;
  return {
    interim_dir: cfg.interim_dir,
    decision_ms: cfg.decision_ms,
    session_start: cfg.session_start,
    session_end: cfg.session_end,
    outputs,
    validation: {
      mode: r.mode,
      rows_in: r.rows_in,
      rows_kept: r.rows_kept,
      rows_dropped: r.rows_dropped,
      dropped,
      gaps: r.gaps.count,
      unused_rows: r.unused.reduce((a, u) => a + u.rows, 0),
    },
  };
}

/** Grid rows whose book is empty on both sides (before the first book row, mostly). */
function countEmptyBook(frame: pl.DataFrame): number {
  const out = frame.select(
    pl.col("best_bid").isNull().and(pl.col("best_ask").isNull()).cast(pl.Int64).sum().alias("n"),
  );
  return Number(out.getColumn("n").get(0));
}

/** Executions (types 4 and 5) among an events symbol-day's rows. */
function countTrades(day: SymbolDay): number {
  const out = day.book.select(
    pl.col("event_kind").isIn([4, 5]).cast(pl.Int64).sum().alias("n"),
  );
  return Number(out.getColumn("n").get(0));
}

/** Both phases: the summary and the full validation report. */
export async function runIngest(
  cfg: IngestSection,
  options: IngestOptions = {},
): Promise<{ summary: IngestSummary; report: ValidationReport; loaded: LoadedIngest }> {
  const loaded = await loadIngest(cfg, options);
  const summary = await writeIngest(cfg, loaded, options);
  return { summary, report: loaded.report, loaded };
}
