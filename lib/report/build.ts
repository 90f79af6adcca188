/**
 * Builds the report: reads the named run folders (or discovers the latest
 * under `outputs/`), assembles the sections, writes `index.html` into the
 * output folder, every table as CSV and LaTeX into `tables/` and, when
 * Chromium is installed, every figure as SVG and PNG into `figures/`.
 * @module
 */

import { join } from "node:path";
import { writeTextAtomic } from "../core/atomic_write.ts";
import { readPlotlyBundle } from "../realism/plotly_bundle.ts";
import { chromiumAvailable } from "./browser.ts";
import { exportFigures } from "./export_figures.ts";
import { renderReportHtml } from "./html.ts";
import { discoverRuns, readRun, type RunInfo } from "./runs.ts";
import { buildSections } from "./sections.ts";
import { writeTables } from "./table_export.ts";

/** Options of {@linkcode buildReport}. */
export interface BuildReportOptions {
  /** Run folders; empty: discover under `outputsRoot`. */
  runs: string[];
  /** Where runs are discovered (default "outputs"). */
  outputsRoot?: string;
  /** Output folder (default "outputs/report"). */
  outDir?: string;
  /** Export figures as SVG and PNG (default true; skipped without Chromium). */
  exportFigures?: boolean;
}

/** What was written. */
export interface BuildReportResult {
  html: string;
  runs: { kind: string; label: string; path: string }[];
  figures: number;
  /** Exported figure files (relative to `<outDir>/figures`). */
  exported: string[];
  /** Table files, CSV and LaTeX (relative to `<outDir>/tables`). */
  tables: string[];
  /** Every file written, as paths under `outDir` (the page first). */
  files: string[];
  /** Remarks (sections left empty, export skipped). */
  notes: string[];
}

/** Builds the report (see the module docs). */
export async function buildReport(opts: BuildReportOptions): Promise<BuildReportResult> {
  const outDir = opts.outDir ?? "outputs/report";
  const runs: RunInfo[] = opts.runs.length > 0
    ? await Promise.all(opts.runs.map(readRun))
    : await discoverRuns(opts.outputsRoot ?? "outputs");
  const sections = await buildSections(runs);
  const page = renderReportHtml({
    title: "HFT MARL report",
    generatedFrom: runs.map((r) => r.path),
    sections,
  }, await readPlotlyBundle());
  await Deno.mkdir(outDir, { recursive: true });
  const html = join(outDir, "index.html");
  await writeTextAtomic(html, page);
  const notes = sections.flatMap((s) =>
    s.missing === undefined ? [] : [`${s.title}: ${s.missing}`]
  );
  const figures = sections.reduce((n, s) => n + s.figures.length, 0);
  const tables = await writeTables(sections, join(outDir, "tables"));
  let exported: string[] = [];
  if (opts.exportFigures !== false && figures > 0) {
    if (await chromiumAvailable()) exported = await exportFigures(html, join(outDir, "figures"));
    else {notes.push(
        "figure export skipped: /usr/bin/chromium not found (apt-get install chromium)",
      );}
  }
  return {
    html,
    runs: runs.map((r) => ({ kind: r.kind, label: r.label, path: r.path })),
    figures,
    exported,
    tables,
    files: [
      html,
      ...tables.map((f) => join(outDir, "tables", f)),
      ...exported.map((f) => join(outDir, "figures", f)),
    ],
    notes,
  };
}
