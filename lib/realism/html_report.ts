/**
 * The realism report as one self-contained HTML page: plotly.js inlined once,
 * the data inlined as JSON, charts of simulated against real sessions (return
 * distribution on a log scale, ACF of returns and of absolute returns, spread
 * and depth histograms, intraday volume and volatility) and the table of
 * facts side by side. Deterministic: the same data gives the same page.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { renderRealismHtml } from "./html_report.ts";
 * const page = renderRealismHtml(
 *   { title: "t", sim: null, real: null, simDensity: null, realDensity: null, rows: [], sessions: [], notes: [] },
 *   "var plotlyStub = 1;",
 * );
 * assert(page.startsWith("<!DOCTYPE html>") && page.includes("var plotlyStub = 1;"));
 * ```
 * @module
 */

import type { ComparisonRow } from "./compare.ts";
import type { GroupFacts } from "./facts.ts";
import { scriptSafe } from "./plotly_bundle.ts";

/** A standardized-return density (see `standardizedReturnDensity`). */
export interface ReturnDensity {
  centers: number[];
  density: number[];
  outside: number;
}

/** Everything the page shows. */
export interface RealismReportData {
  title: string;
  sim: GroupFacts | null;
  real: GroupFacts | null;
  simDensity: ReturnDensity | null;
  realDensity: ReturnDensity | null;
  rows: ComparisonRow[];
  /** One line per session used: group, label, bars, samples. */
  sessions: { group: string; label: string; messages: number; bars: number; mismatches: number }[];
  /** Sessions skipped and other remarks. */
  notes: string[];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The page's own script: draws every chart from the inlined data. */
const DRAW = `
const D = JSON.parse(document.getElementById("realism-data").textContent);
const C = { sim: "#d62728", real: "#1f77b4" };
const groups = ["sim", "real"].filter((g) => D[g] !== null);
const layout = (title, x, y, extra) =>
  Object.assign({ title: { text: title }, xaxis: Object.assign({ title: { text: x } }, extra?.x),
    yaxis: Object.assign({ title: { text: y } }, extra?.y), margin: { t: 50 } }, extra?.rest);
const plot = (id, traces, lay) => Plotly.newPlot(id, traces, lay, { responsive: true, displaylogo: false });
const dens = ["sim", "real"].filter((g) => D[g + "Density"] !== null).map((g) => ({
  x: D[g + "Density"].centers, y: D[g + "Density"].density.map((v) => (v > 0 ? v : null)),
  name: g, mode: "lines+markers", line: { color: C[g] } }));
const positive = dens.flatMap((t) => t.y.filter((v) => v !== null));
const floor = positive.length > 0 ? Math.min(...positive) / 3 : 1e-4;
if (dens.length > 0) {
  const xs = dens[0].x;
  dens.push({ x: xs, y: xs.map((z) => Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI))
    .map((v) => (v >= floor ? v : null)), name: "N(0, 1)", mode: "lines", line: { color: "#888", dash: "dot" } });
}
plot("returns", dens, layout("Distribution of standardized bar returns (log scale)", "return / σ", "density",
  { y: { type: "log", range: [Math.log10(floor), 0] } }));
for (const [id, key, title] of [["acf", "returns", "ACF of returns"], ["acf-abs", "absReturns", "ACF of |returns|"]]) {
  const traces = groups.map((g) => ({ x: D[g].acf.lags, y: D[g].acf[key], name: g, mode: "lines+markers",
    line: { color: C[g] } }));
  for (const g of groups) {
    for (const s of [1, -1]) traces.push({ x: D[g].acf.lags, y: D[g].acf.lags.map(() => s * D[g].acf.band),
      mode: "lines", line: { color: C[g], dash: "dot", width: 1 }, showlegend: false, hoverinfo: "skip" });
  }
  plot(id, traces, layout(title + " (" + (D[groups[0]]?.barSeconds ?? "?") + " s bars)", "lag (bars)", "autocorrelation"));
}
const hist = (id, key, title, x, logx) => {
  // Bins that hold samples of either group, from the first to the last.
  const used = groups.flatMap((g) => D[g][key].histogram.counts.flatMap((c, i) => (c > 0 ? [i] : [])));
  const lo = Math.min(...used), hi = Math.max(...used);
  const traces = groups.map((g) => {
    const h = D[g][key].histogram;
    const idx = h.counts.map((_, i) => i).filter((i) => i >= lo && i <= hi);
    const x = idx.map((i) => logx ? Math.sqrt(h.edges[i] * h.edges[i + 1]) : (h.edges[i] + h.edges[i + 1]) / 2);
    const y = idx.map((i) => h.probability[i]);
    return logx
      ? { x, y, name: g, mode: "lines+markers", line: { color: C[g], shape: "hvh" } }
      : { x, y, name: g, type: "bar", opacity: 0.6, marker: { color: C[g] } };
  });
  plot(id, traces, layout(title, x, "share of samples", { x: logx ? { type: "log" } : {}, rest: { barmode: "overlay" } }));
};
hist("spread", "spreadTicks", "Bid-ask spread", "ticks", false);
hist("depth", "depth", "Depth at the best quotes (bid and ask pooled)", "shares (log bins, four per decade)", true);
const buckets = (g) => D[g].intraday.buckets;
plot("intraday-volume", groups.map((g) => ({ x: buckets(g).map((b) => b.startMinute), y: buckets(g).map((b) => b.volumeShare),
  name: g, type: "bar", opacity: 0.6, marker: { color: C[g] } })),
  layout("Intraday volume share", "minutes from the open (bucket start)", "share of volume", { rest: { barmode: "group" } }));
plot("intraday-vol", groups.map((g) => ({ x: buckets(g).map((b) => b.startMinute), y: buckets(g).map((b) => b.rmsReturnBps),
  name: g, mode: "lines+markers", line: { color: C[g] } })),
  layout("Intraday volatility", "minutes from the open (bucket start)", "RMS bar return (bp)"));
`;

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.8rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.chart { height: 420px; margin: 1rem 0; }
.note { color: #666; }
`;

/** The whole page; `plotlyJs` is the plotly.js bundle text (see `readPlotlyBundle`). */
export function renderRealismHtml(data: RealismReportData, plotlyJs: string): string {
  const facts = table(["fact", "simulated", "real"], data.rows.map((r) => [r.fact, r.sim, r.real]));
  const sessions = table(
    ["group", "session", "messages", "bars", "replay mismatches"],
    data.sessions.map((s) => [
      s.group,
      s.label,
      String(s.messages),
      String(s.bars),
      String(s.mismatches),
    ]),
  );
  const notes = data.notes.map((n) => `<li class="note">${escapeHtml(n)}</li>`).join("\n");
  const charts = ["returns", "acf", "acf-abs", "spread", "depth", "intraday-volume", "intraday-vol"]
    .map((id) => `<div id="${id}" class="chart"></div>`).join("\n");
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(data.title)}</title>
<style>${STYLE}</style>
<script>${scriptSafe(plotlyJs)}</script>
</head>
<body>
<h1>${escapeHtml(data.title)}</h1>
<h2>Stylized facts</h2>
${facts}
${charts}
<h2>Sessions</h2>
${sessions}
<ul>
${notes}
</ul>
<script type="application/json" id="realism-data">${json}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
