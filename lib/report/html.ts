/**
 * The report page: one self-contained HTML file with plotly.js inlined once,
 * every figure's data inlined as JSON and drawn by a short script, and the
 * sections' tables and notes. All text from runs is escaped.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { renderReportHtml } from "./html.ts";
 * const page = renderReportHtml({ title: "R", generatedFrom: [], sections: [] }, "var P = 1;");
 * assert(page.startsWith("<!DOCTYPE html>") && page.includes("var P = 1;"));
 * ```
 * @module
 */

import { scriptSafe } from "../realism/plotly_bundle.ts";
import type { FigureSpec } from "./figure.ts";

/** One section of the report. */
export interface ReportSection {
  /** Anchor id. */
  id: string;
  title: string;
  /** Set when the inputs are missing: what to run to fill the section. */
  missing?: string;
  /** Tables shown before the figures. */
  tables: ReportTable[];
  figures: FigureSpec[];
}

/** A table of text cells (escaped when rendered). */
export interface ReportTable {
  /** File name of its CSV and LaTeX exports (default: from the caption). */
  id?: string;
  /** Export as CSV and LaTeX into `tables/` (default true). */
  export?: boolean;
  /** Its own LaTeX for the export (default: a booktabs table of the cells). */
  latex?: string;
  caption: string;
  headers: string[];
  rows: string[][];
  /** Shown folded under its caption (a `<details>` element), e.g. long config dumps. */
  collapsed?: boolean;
}

/** Everything the page shows. */
export interface ReportData {
  title: string;
  /** Run folders the report was built from. */
  generatedFrom: string[];
  sections: ReportSection[];
}

/** Escapes `& < > " '` for HTML text and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function renderTable(t: ReportTable): string {
  const head = t.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = t.rows.map((r) =>
    `<tr>${r.map((c) => `<td>${escapeHtml(c).replace(/\n/g, "<br>")}</td>`).join("")}</tr>`
  ).join("\n");
  const table = `<table><caption>${
    escapeHtml(t.caption)
  }</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
  return t.collapsed === true
    ? `<details><summary>${escapeHtml(t.caption)}</summary>${table}</details>`
    : table;
}

function renderSection(s: ReportSection): string {
  const parts = [`<section id="${escapeHtml(s.id)}">`, `<h2>${escapeHtml(s.title)}</h2>`];
  if (s.missing !== undefined) parts.push(`<p class="missing">${escapeHtml(s.missing)}</p>`);
  for (const t of s.tables) parts.push(renderTable(t));
  for (const f of s.figures) {
    parts.push(`<div class="figure" id="fig-${escapeHtml(f.id)}"></div>`);
  }
  parts.push("</section>");
  return parts.join("\n");
}

/** Draws every figure from the inlined JSON; exposes `window.REPORT_FIGURES` for export. */
const DRAW = `
const FIGS = JSON.parse(document.getElementById("report-data").textContent);
window.REPORT_FIGURES = FIGS;
window.REPORT_READY = Promise.all(FIGS.map((f) => Plotly.newPlot("fig-" + f.id, f.data,
  Object.assign({ title: { text: f.title }, margin: { t: 50 }, height: 420 }, f.layout),
  { responsive: true, displaylogo: false })));
`;

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: bold; margin-bottom: 0.3em; }
pre { background: #f6f6f6; padding: 0.5em; overflow-x: auto; font-size: 0.8em; }
.missing { background: #fff4e0; border-left: 4px solid #f0a020; padding: 0.5em 1em; }
.figure { margin: 1em 0; }
`;

/** The full page; `plotlyBundle` is the plotly.js source (see `readPlotlyBundle`). */
export function renderReportHtml(data: ReportData, plotlyBundle: string): string {
  const figures = data.sections.flatMap((s) => s.figures);
  const toc = data.sections.map((s) =>
    `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.title)}</a></li>`
  ).join("");
  const from = data.generatedFrom.map((p) => `<li><code>${escapeHtml(p)}</code></li>`).join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
<script>${scriptSafe(plotlyBundle)}</script>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<nav><ul>${toc}</ul></nav>
<p>Built from:</p><ul>${from}</ul>
${data.sections.map(renderSection).join("\n")}
<script type="application/json" id="report-data">${scriptSafe(JSON.stringify(figures))}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
