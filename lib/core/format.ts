/**
 * Small formatting helpers for human-readable CLI output: counts and rates with
 * SI suffixes, byte sizes, durations and aligned plain-text tables.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { formatBytes, formatDuration, formatRate, formatTable } from "./format.ts";
 * assert(formatRate(5_210_000) === "5.21M/s");
 * assert(formatBytes(1536) === "1.50 KiB");
 * assert(formatDuration(125) === "2m05s");
 * assert(formatTable([{ name: "a", n: 1 }, { name: "bb", n: 10 }]) === "name   n\n----  --\na      1\nbb    10");
 * ```
 * @module
 */

/** Three significant digits: 3.14, 31.4, 314. */
function threeDigits(x: number): string {
  if (x === 0) return "0";
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

function scaled(n: number, base: number, units: readonly string[]): [string, string] {
  let i = 0;
  let v = n;
  while (i < units.length - 1 && Math.abs(v) >= base) {
    v /= base;
    i++;
  }
  let text = threeDigits(v);
  // Rounding can carry into the next unit (999.7 → "1000").
  if (Math.abs(Number(text)) >= base && i < units.length - 1) {
    i++;
    text = threeDigits(v / base);
  }
  return [text, units[i]];
}

/** A count with an SI suffix and three significant digits: 950, 1.20k, 5.21M, 3.00G. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1000) return String(n);
  const [text, unit] = scaled(n, 1000, ["", "k", "M", "G", "T"]);
  return `${text}${unit}`;
}

/** Items per second with an SI suffix: `formatRate(5.21e6)` → "5.21M/s". */
export function formatRate(perSecond: number): string {
  return `${formatCount(perSecond)}/s`;
}

/** A byte size in binary units: 512 B, 1.50 KiB, 3.20 MiB, 1.00 GiB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  if (Math.abs(bytes) < 1024) return `${Math.round(bytes)} B`;
  const [text, unit] = scaled(bytes, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]);
  return `${text} ${unit}`;
}

/**
 * A duration: 850µs, 350ms, 3.42s, 42.1s, 4m05s, 2h03m, 3d04h; "?" when the
 * value is not finite (an unknown ETA).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds < 1e-3) return `${Math.round(seconds * 1e6)}µs`;
  if (seconds < 1) return `${Math.round(seconds * 1e3)}ms`;
  if (seconds < 60) return `${threeDigits(seconds)}s`;
  const pad = (n: number) => String(n).padStart(2, "0");
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${pad(s % 60)}s`;
  const m = Math.round(seconds / 60);
  if (m < 24 * 60) return `${Math.floor(m / 60)}h${pad(m % 60)}m`;
  const h = Math.round(seconds / 3600);
  return `${Math.floor(h / 24)}d${pad(h % 24)}h`;
}

/** Display width of a string, counted in code points. */
function width(text: string): number {
  return [...text].length;
}

/**
 * An aligned plain-text table: a header row of the column names (the union of
 * the rows' keys, in first-seen order), a dashed rule, then one line per row.
 * Numbers are right-aligned, text left-aligned; missing cells are blank. No
 * trailing newline; an empty list gives "".
 */
export function formatTable(rows: readonly Record<string, string | number>[]): string {
  if (rows.length === 0) return "";
  const columns: string[] = [];
  for (const row of rows) {
    for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  }
  const cells = rows.map((row) => columns.map((c) => (row[c] === undefined ? "" : String(row[c]))));
  const numeric = columns.map((c) =>
    rows.every((r) => r[c] === undefined || typeof r[c] === "number")
  );
  const widths = columns.map((c, j) => Math.max(width(c), ...cells.map((line) => width(line[j]))));
  const fit = (text: string, j: number) => {
    const padding = " ".repeat(widths[j] - width(text));
    return numeric[j] ? padding + text : text + padding;
  };
  const lines = [
    columns.map(fit),
    widths.map((w) => "-".repeat(w)),
    ...cells.map((line) => line.map(fit)),
  ];
  return lines.map((parts) => parts.join("  ").trimEnd()).join("\n");
}
