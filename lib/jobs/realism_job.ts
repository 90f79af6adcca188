/**
 * The realism job behind `deno task realism`: load simulated and real LOBSTER
 * sessions, compute their stylized facts (`lib/realism/`), and write
 * `realism.json` (the facts of both groups and the return densities) and
 * `realism.html` (charts and the table, plotly.js inlined) into the run
 * folder. The summary holds the comparison table and the sessions used.
 * @module
 */

import { UsageError } from "../core/errors.ts";
import type { Progress } from "../core/progress.ts";
import type { RunDir } from "../core/run_dir.ts";
import type { RealismConfig } from "../config/schemas/realism.ts";
import { type ComparisonRow, comparisonRows } from "../realism/compare.ts";
import { type GroupFacts, groupFacts, standardizedReturnDensity } from "../realism/facts.ts";
import { type RealismReportData, renderRealismHtml } from "../realism/html_report.ts";
import { readPlotlyBundle } from "../realism/plotly_bundle.ts";
import { type Group, loadSessionData, type SessionData } from "../realism/session_data.ts";
import { findLobsterSources } from "../realism/sources.ts";
import type { LobsterFilePair } from "../data/lobster/mod.ts";

/** The loaded sessions of a realism run. */
export interface RealismInputs {
  sessions: SessionData[];
  /** Paths not found, pairs skipped, sessions too short for a bar. */
  notes: string[];
  /** Every file read (for the run manifest). */
  files: string[];
}

/** One session in the summary. */
export interface RealismSessionLine {
  group: Group;
  label: string;
  messageFile: string;
  messages: number;
  bars: number;
  mismatches: number;
}

/** The summary (`summary.json`; deterministic). */
export interface RealismSummary {
  comparison: ComparisonRow[];
  sessions: RealismSessionLine[];
  notes: string[];
  files: string[];
}

/**
 * Finds and loads the sessions `cfg` names. Real pairs without an orderbook
 * file are skipped (noted); simulated ones are replayed from their messages.
 * Throws `UsageError` when no session at all is found.
 */
export async function loadRealismInputs(
  cfg: RealismConfig,
  progress?: (total: number, label: string) => Progress,
): Promise<RealismInputs> {
  const c = cfg.realism;
  const notes: string[] = [];
  const todo: [LobsterFilePair, Group][] = [];
  for (const group of ["sim", "real"] as const) {
    const found = await findLobsterSources(c[group]);
    for (const path of found.missing) notes.push(`${group}: ${path} not found`);
    for (const pair of found.pairs) {
      if (group === "real" && pair.orderbookFile === null) {
        notes.push(
          `real: ${pair.messageFile} skipped: no orderbook file, so the book resting before the file starts is unknown`,
        );
      } else todo.push([pair, group]);
    }
  }
  if (todo.length === 0) {
    throw new UsageError(
      `realism: no LOBSTER sessions found in ${[...c.sim, ...c.real].join(", ")}`,
    );
  }
  const bar = progress?.(todo.length, "realism");
  const sessions: SessionData[] = [];
  const files: string[] = [];
  for (const [pair, group] of todo) {
    const s = await loadSessionData(pair, group, {
      tickSize: c.tick_size,
      barNs: c.bar_seconds * 1e9,
      quoteSampleNs: c.quote_sample_ms * 1e6,
    });
    sessions.push(s);
    files.push(pair.messageFile);
    if (pair.orderbookFile !== null) files.push(pair.orderbookFile);
    if (s.returns.length === 0) {
      notes.push(
        `${group}: ${s.label} covers ${
          ((s.endNs - s.startNs) / 1e9).toFixed(1)
        } s, less than one ${c.bar_seconds} s bar: spread and depth only`,
      );
    }
    bar?.tick();
  }
  bar?.done();
  return { sessions, notes, files };
}

function factsOf(cfg: RealismConfig, sessions: SessionData[], group: Group): GroupFacts | null {
  const mine = sessions.filter((s) => s.group === group);
  if (mine.length === 0) return null;
  return groupFacts(mine, {
    acfLags: cfg.realism.acf_lags,
    bucketMinutes: cfg.realism.bucket_minutes,
  });
}

function densityOf(sessions: SessionData[], group: Group) {
  const mine = sessions.filter((s) => s.group === group);
  if (mine.length === 0) return null;
  const all = new Float64Array(mine.reduce((n, s) => n + s.returns.length, 0));
  let o = 0;
  for (const s of mine) {
    all.set(s.returns, o);
    o += s.returns.length;
  }
  return standardizedReturnDensity(all);
}

/** Computes the facts and writes realism.json and realism.html into `run`. */
export async function runRealismJob(
  cfg: RealismConfig,
  inputs: RealismInputs,
  run: RunDir,
): Promise<RealismSummary> {
  const { sessions, notes } = inputs;
  const sim = factsOf(cfg, sessions, "sim");
  const real = factsOf(cfg, sessions, "real");
  const rows = comparisonRows(sim, real);
  const lines: RealismSessionLine[] = sessions.map((s) => ({
    group: s.group,
    label: s.label,
    messageFile: s.messageFile,
    messages: s.messages,
    bars: s.returns.reduce((n, r) => (Number.isFinite(r) ? n + 1 : n), 0),
    mismatches: s.mismatches,
  }));
  const data: RealismReportData = {
    title: "Realism check: simulated vs real stylized facts",
    sim,
    real,
    simDensity: densityOf(sessions, "sim"),
    realDensity: densityOf(sessions, "real"),
    rows,
    sessions: lines,
    notes,
  };
  await run.writeJson("realism.json", { config: cfg.realism, ...data });
  const plotly = await readPlotlyBundle();
  await run.writeText("realism.html", renderRealismHtml(data, plotly));
  return { comparison: rows, sessions: lines, notes, files: ["realism.json", "realism.html"] };
}
