/**
 * Rich display in the Deno Jupyter kernel. The kernel renders any value with
 * a `[JUPYTER_DISPLAY]()` method returning a MIME bundle.
 *
 * - {@linkcode showPlot} shows a report figure ({@linkcode FigureSpec}, the
 *   type lib/report draws from, so notebooks and the report share chart code)
 *   as `application/vnd.plotly.v1+json` (`{data, layout, config}`: JupyterLab
 *   with the plotly extension, VS Code) plus a `text/html` fallback that draws
 *   the chart with plotly.js (classic Notebook, JupyterLab without the
 *   extension, HTML exported by nbconvert and opened offline), and
 *   `text/plain` (the title and the traces).
 * - The fallback loads plotly.js once per notebook, inline: the first chart
 *   of a kernel session embeds the bundle, later charts only queue a draw call
 *   that runs as soon as `window.Plotly` exists (so output order and render
 *   order do not matter). {@linkcode resetPlotly} (or a kernel restart, or
 *   `showPlot(fig, { embed: true })`) makes the next chart embed it again —
 *   use it after clearing the outputs of the cell that carried the bundle.
 * - {@linkcode showTable} shows a polars DataFrame or plain rows as an HTML
 *   table (+ `text/plain`).
 *
 * Element ids come from a counter and the figure's content, never from a clock
 * or a random source, so two runs of a notebook give identical outputs.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { JUPYTER_DISPLAY, PLOTLY_MIME, resetPlotly, showPlot, showTable } from "./display.ts";
 * resetPlotly();
 * const fig = { id: "demo", title: "Demo", data: [{ type: "scatter", y: [1, 3, 2] }], layout: {} };
 * const first = showPlot(fig)[JUPYTER_DISPLAY]();
 * const second = showPlot(fig)[JUPYTER_DISPLAY]();
 * assert.deepEqual((first[PLOTLY_MIME] as { data: unknown }).data, fig.data);
 * assert.ok(String(first["text/html"]).length > String(second["text/html"]).length);
 * const table = showTable([{ a: 1, b: "x" }])[JUPYTER_DISPLAY]();
 * assert.match(String(table["text/html"]), /<td>x<\/td>/);
 * ```
 * @module
 */

import { scriptSafe } from "../realism/plotly_bundle.ts";
import { formatTable } from "../core/format.ts";
import type { FigureSpec } from "../report/figure.ts";

/** The symbol the Deno Jupyter kernel looks for on displayed values. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display") as never;

/** The Plotly MIME type (JupyterLab's plotly extension, VS Code). */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** A MIME bundle: MIME type → payload (string or JSON). */
export type MimeBundle = Record<string, unknown>;

/** A value the Deno kernel renders as the MIME bundle its method returns. */
export interface Displayable {
  /** Returns the MIME bundle to show. */
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** Wraps a MIME bundle as a displayable value. */
export function displayable(bundle: MimeBundle): Displayable {
  return { [JUPYTER_DISPLAY]: () => bundle };
}

/** The kernel's `Deno.jupyter` namespace (present only inside the Deno Jupyter kernel). */
interface JupyterNamespace {
  broadcast(
    msgType: string,
    content: Record<string, unknown>,
    extra?: { metadata?: Record<string, unknown> },
  ): Promise<void>;
}

/**
 * Sends a value's MIME bundle as a `display_data` message and waits until it
 * is sent, so it reaches the notebook before the cell finishes. Use it as
 * `await display(showPlot(fig))` in notebooks executed headless: some Deno
 * kernel versions can publish a cell's `execute_result` after the kernel went
 * idle, and nbclient (nbconvert --execute) then drops it. Outside the kernel
 * it does nothing. Resolves to nothing, so the cell shows no second copy.
 */
export async function display(value: Displayable): Promise<void> {
  let jupyter: JupyterNamespace | undefined;
  try {
    // A getter that throws outside `deno jupyter`.
    jupyter = (Deno as unknown as { jupyter?: JupyterNamespace }).jupyter;
  } catch {
    return;
  }
  if (jupyter === undefined) return;
  const data = value[JUPYTER_DISPLAY]();
  await jupyter.broadcast("display_data", { data, metadata: {}, transient: {} });
  // Observed with the Deno 2.9 kernel under nbclient (nbconvert --execute): a
  // display message can still be on its way when the kernel reports the cell
  // done, and nbclient then drops it; messages published while a multi-megabyte
  // one (the chart embedding plotly.js) is being sent are lost too. A short
  // pause (about a second per megabyte for large ones) lets it go out first.
  const bytes = Object.values(data).reduce<number>(
    (n, v) => n + (typeof v === "string" ? v.length : 0),
    0,
  );
  const waitMs = bytes > LARGE_MESSAGE_BYTES ? Math.min(15_000, 1000 + bytes / 1000) : 150;
  await new Promise((r) => setTimeout(r, waitMs));
}

/** Size (characters of text payloads) above which {@linkcode display} waits for the send. */
export const LARGE_MESSAGE_BYTES = 1_000_000;

/** Options of {@linkcode showPlot}. */
export interface ShowPlotOptions {
  /** Embed plotly.js in this output even if an earlier one did (default: only the first). */
  embed?: boolean;
  /** Chart height in pixels (default 420). */
  height?: number;
  /** Plotly config (default `{ responsive: true, displaylogo: false }`). */
  config?: Record<string, unknown>;
}

/**
 * The plotly.js bundle text, read synchronously (so that `showPlot(fig)` can be
 * a cell's last expression: the Deno kernel does not display the value of a
 * final `await` expression) from the same place as lib/realism's
 * `readPlotlyBundle`; cached after the first read.
 */
let bundleCache: string | null = null;

/** Reads (once) the plotly.js bundle; throws naming the path and the fix if it is missing. */
export function plotlyBundleSync(): string {
  if (bundleCache !== null) return bundleCache;
  const bundle = new URL("./plotly.min.js", new URL(import.meta.resolve("plotly.js-dist-min")));
  try {
    bundleCache = Deno.readTextFileSync(bundle);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new Error(
      `plotly.js bundle not found at ${bundle.pathname}; run \`deno install\` to fetch the packages of deno.json`,
    );
  }
  return bundleCache;
}

/** Per-kernel-session state: whether plotly.js was embedded, and the chart counter. */
const state = { embedded: false, counter: 0 };

/** Forgets that plotly.js was embedded: the next chart embeds it again; ids restart at 1. */
export function resetPlotly(): void {
  state.embedded = false;
  state.counter = 0;
}

/** Whether the next {@linkcode showPlot} will embed plotly.js. */
export function plotlyPending(): boolean {
  return !state.embedded;
}

/** FNV-1a 32-bit hash of a string, as 8 hex digits (element ids; not cryptographic). */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Escapes `& < > " '` for HTML text and attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON for inlining in a `<script>` (no `</script` or `<!--` can end it early). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The figure's layout with its title and a default height. */
function figureLayout(fig: FigureSpec, height: number): Record<string, unknown> {
  return { height, ...fig.layout, title: { text: fig.title } };
}

/** The `text/plain` view: the title and one line per trace. */
function plainFigure(fig: FigureSpec): string {
  const lines = fig.data.map((t, i) => {
    const name = typeof t.name === "string" ? t.name : `trace ${i + 1}`;
    const n = ["y", "x", "z", "values"].map((k) => t[k]).find(Array.isArray) as
      | unknown[]
      | undefined;
    return `  ${name} (${String(t.type ?? "scatter")}${
      n === undefined ? "" : `, ${n.length} points`
    })`;
  });
  return [`Figure "${fig.title}" (${fig.id})`, ...lines].join("\n");
}

/**
 * The draw script of a chart: queues a call that draws into the element just
 * before it; the queue is flushed by the embedded bundle (or at once when
 * plotly.js is already there). Shows a note in the chart's place when
 * plotly.js never arrives (its output was cleared: call resetPlotly()).
 */
function drawScript(divId: string, payload: string): string {
  return `<script type="text/javascript">
(function () {
  var w = window;
  var spec = ${payload};
  function draw() {
    var el = document.getElementById(${JSON.stringify(divId)});
    if (el) w.Plotly.newPlot(el, spec.data, spec.layout, spec.config);
  }
  if (w.Plotly) { draw(); return; }
  (w.__nbPlotlyQueue = w.__nbPlotlyQueue || []).push(draw);
  setTimeout(function () {
    if (w.Plotly) return;
    var el = document.getElementById(${JSON.stringify(divId)});
    if (el) el.textContent = "plotly.js is not loaded in this page: run resetPlotly() and re-run this cell.";
  }, 10000);
})();
</script>`;
}

/** The loader: plotly.js inline, then the queued draw calls. */
function loaderScript(bundle: string): string {
  return `<script type="text/javascript">
if (!window.Plotly) {
  // Hide an AMD loader (require.js in the classic Notebook) so that the bundle sets window.Plotly.
  var __nbDefine = window.define;
  window.define = undefined;
  try {
${scriptSafe(bundle)}
  } finally {
    window.define = __nbDefine;
  }
}
</script>
<script type="text/javascript">
(function () {
  var q = window.__nbPlotlyQueue || [];
  window.__nbPlotlyQueue = [];
  for (var i = 0; i < q.length; i++) q[i]();
})();
</script>`;
}

/**
 * Shows a figure (see the module docs): the first call of a kernel session (or
 * after {@linkcode resetPlotly}) embeds plotly.js in its HTML output.
 */
export function showPlot(fig: FigureSpec, opts: ShowPlotOptions = {}): Displayable {
  const embed = opts.embed === true || !state.embedded;
  const bundle = embed ? plotlyBundleSync() : null;
  const layout = figureLayout(fig, opts.height ?? 420);
  const config = opts.config ?? { responsive: true, displaylogo: false };
  const spec = { data: fig.data, layout, config };
  const payload = scriptJson(spec);
  state.counter += 1;
  const divId = `nbplot-${state.counter}-${fnv1a(fig.id + payload)}`;
  const html = [
    `<div id="${divId}" class="nb-plotly" data-figure="${escapeHtml(fig.id)}" style="min-height:${
      Number(layout.height) || 420
    }px"></div>`,
    drawScript(divId, payload),
    bundle === null ? "" : loaderScript(bundle),
  ].join("\n");
  if (bundle !== null) state.embedded = true;
  return displayable({
    [PLOTLY_MIME]: JSON.parse(JSON.stringify(spec)),
    "text/html": html,
    "text/plain": plainFigure(fig),
  });
}

/** A table cell as text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (Number.isInteger(value)) return String(value);
    return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Something with polars' `toRecords()` and `height` (a polars DataFrame). */
export interface RecordsFrame {
  /** Row count. */
  height: number;
  /** The rows as objects. */
  toRecords(): Record<string, unknown>[];
}

/** Options of {@linkcode showTable}. */
export interface ShowTableOptions {
  /** Caption above the table. */
  caption?: string;
  /** Rows shown at most (default 50); the rest are counted in a note. */
  maxRows?: number;
}

/** Rows of a polars DataFrame or plain rows. */
function tableRows(table: RecordsFrame | readonly Record<string, unknown>[]): {
  rows: Record<string, unknown>[];
  total: number;
} {
  if (Array.isArray(table)) return { rows: [...table], total: table.length };
  const frame = table as RecordsFrame;
  return { rows: frame.toRecords(), total: frame.height };
}

/** Shows a polars DataFrame or plain rows as an HTML table (and text/plain). */
export function showTable(
  table: RecordsFrame | readonly Record<string, unknown>[],
  opts: ShowTableOptions = {},
): Displayable {
  const { rows, total } = tableRows(table);
  const max = opts.maxRows ?? 50;
  const shown = rows.slice(0, max);
  const headers: string[] = [];
  for (const r of shown) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join("");
  const body = shown.map((r) =>
    `<tr>${headers.map((h) => `<td>${escapeHtml(cellText(r[h]))}</td>`).join("")}</tr>`
  ).join("\n");
  const note = total > shown.length ? `${total - shown.length} more rows not shown` : "";
  const caption = opts.caption === undefined
    ? ""
    : `<caption>${escapeHtml(opts.caption)}</caption>`;
  const html =
    `<table class="nb-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n` +
    `</tbody></table>${note === "" ? "" : `<p><em>${note}</em></p>`}`;
  const plainRows = shown.map((r) => Object.fromEntries(headers.map((h) => [h, cellText(r[h])])));
  const plain = [
    opts.caption ?? "",
    shown.length === 0 ? "(no rows)" : formatTable(plainRows),
    note,
  ].filter((s) => s !== "").join("\n");
  return displayable({ "text/html": html, "text/plain": plain });
}
