/**
 * `deno task ingest --config configs/data.yaml [--strict]`: reads the sources
 * of the config's `ingest:` section (LOBSTER pairs, simulator outputs, CSV or
 * Parquet files), validates them, samples them onto the decision grid and
 * writes `<interim_dir>/<symbol>/<date>.parquet`; the run folder holds the
 * resolved config, the manifest (input hashes, stage timings), the full
 * validation report (`validation.json`) and the summary.
 * @module
 */

import { formatTable } from "../../core/format.ts";
import { DataConfigSchema } from "../../config/schemas/data.ts";
import type { IngestSummary, ValidationReport } from "../../data/ingest/mod.ts";
import type { Command, CommandContext } from "../command.ts";
import { configFlags, loadCommandConfig, openRun } from "./_config_run.ts";

/** Prints one line per interim file and the validation counts. */
export function printIngestSummary(
  ctx: CommandContext,
  s: IngestSummary,
  report: ValidationReport,
): void {
  if (s.outputs.length > 0) {
    ctx.print(formatTable(s.outputs.map((o) => ({
      symbol: o.symbol,
      date: o.date,
      from: o.source_kind,
      levels: o.levels,
      "book rows": o.book_rows,
      trades: o.trade_rows,
      "grid rows": o.grid_rows,
      file: o.file,
    }))));
  }
  const v = s.validation;
  ctx.print(
    `${v.rows_in} rows read, ${v.rows_kept} kept, ${v.rows_dropped} dropped; ${v.gaps} gaps over ${report.gaps.max_gap_s} s reported`,
  );
  for (const [kind, summary] of Object.entries(report.dropped)) {
    if (summary.count === 0) continue;
    ctx.print(`  ${kind.padEnd(15)} ${summary.count} rows dropped`);
    const ex = summary.examples[0];
    if (ex !== undefined) ctx.print(`    e.g. ${ex.file}:${ex.row}: ${ex.detail}`);
  }
  if (report.gaps.count > 0) {
    const ex = report.gaps.examples[0];
    ctx.print(`  ${"gap".padEnd(15)} ${report.gaps.count} (rows kept)`);
    if (ex !== undefined) ctx.print(`    e.g. ${ex.file}:${ex.row}: ${ex.detail}`);
  }
  for (const u of report.unused) {
    ctx.log(`warning: ${u.file}: ${u.rows} rows of ${u.symbol} ${u.date} not used: ${u.reason}`);
  }
}

/** The `ingest` command. */
export const ingestCommand: Command = {
  name: "ingest",
  summary: "Validate market data and sample it onto the decision grid (data/interim)",
  description:
    "Reads the sources of the ingest: section (LOBSTER message/orderbook pairs through the replay, simulator outputs, CSV or Parquet files), drops and reports bad rows (or, with --strict, fails on the first), sorts by (symbol, ts), removes exact duplicates, samples onto the decision grid and writes <interim_dir>/<symbol>/<date>.parquet. The run folder holds validation.json (counts and examples per kind of problem) and summary.json.",
  flags: [
    ...configFlags("configs/data.yaml"),
    {
      name: "strict",
      type: "boolean",
      description: "Fail on the first problem instead of dropping bad rows (sets ingest.strict)",
    },
  ],
  async run(ctx) {
    const loaded = await loadCommandConfig(ctx, DataConfigSchema, {
      "ingest.strict": ctx.flags.strict === true ? true : undefined,
    });
    const cfg = loaded.config.ingest;
    // Loaded here: polars needs --allow-ffi, which commands that never ingest need not grant.
    const ingest = await import("../../data/ingest/mod.ts");
    const sources = await ingest.resolveSources(cfg);
    const prepared = await ingest.loadIngest(cfg, { progress: ctx.progress }, sources);
    const run = await openRun(ctx, "ingest", loaded, null, prepared.inputs);
    const summary = await ingest.writeIngest(cfg, prepared, { progress: ctx.progress });
    for (const [label, seconds] of Object.entries(prepared.timings)) {
      run.recordTiming(label, seconds);
    }
    await run.writeJson("validation.json", prepared.report);
    await run.finish(summary);
    printIngestSummary(ctx, summary, prepared.report);
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
