/**
 * Every report table as CSV (RFC 4180) and as a LaTeX `booktabs` table
 * (needs `\usepackage{booktabs}`), written into `<report>/tables/` as
 * `<id>.csv` and `<id>.tex`. Text is escaped with lib/jobs/compare_latex.ts
 * `latexEscape`; line breaks in cells become `\newline`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tableCsv, tableLatex } from "./table_export.ts";
 * const t = { caption: "A_b", headers: ["x", "y"], rows: [["1,5", 'say "hi"']] };
 * assert.equal(tableCsv(t), 'x,y\n"1,5","say ""hi"""\n');
 * assert.ok(tableLatex(t).includes("\\caption{A\\_b}"));
 * ```
 * @module
 */

import { join } from "node:path";
import { writeTextAtomic } from "../core/atomic_write.ts";
import { latexEscape } from "../jobs/compare_latex.ts";
import { figureId } from "./figure.ts";
import type { ReportSection, ReportTable } from "./html.ts";

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV: the header row, then the rows; "\n" line ends. */
export function tableCsv(t: ReportTable): string {
  return [t.headers, ...t.rows].map((r) => r.map(csvField).join(",")).join("\n") + "\n";
}

/** The table as a LaTeX booktabs table (see the module docs). */
export function tableLatex(t: ReportTable): string {
  const cell = (s: string) => latexEscape(s).replace(/\r?\n/g, " \\newline ");
  return [
    "\\begin{table}[t]",
    "\\centering",
    `\\caption{${latexEscape(t.caption)}}`,
    `\\begin{tabular}{${"l".repeat(Math.max(1, t.headers.length))}}`,
    "\\toprule",
    `${t.headers.map(cell).join(" & ")} \\\\`,
    "\\midrule",
    ...t.rows.map((r) => `${r.map(cell).join(" & ")} \\\\`),
    "\\bottomrule",
    "\\end{tabular}",
    "\\end{table}",
    "",
  ].join("\n");
}

/** The file stem of a table: its id, else one from its caption. */
export function tableId(t: ReportTable): string {
  return t.id ?? (figureId(t.caption) || "table");
}

/**
 * Writes every exported table of the sections as `<id>.csv` and `<id>.tex`
 * into `dir` (ids made unique with -2, -3, …); a table may bring its own
 * LaTeX (`latex`). Returns the file names written.
 */
export async function writeTables(
  sections: readonly ReportSection[],
  dir: string,
): Promise<string[]> {
  const tables = sections.flatMap((s) => s.tables).filter((t) => t.export !== false);
  if (tables.length === 0) return [];
  await Deno.mkdir(dir, { recursive: true });
  const used = new Map<string, number>();
  const written: string[] = [];
  for (const t of tables) {
    const base = tableId(t);
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    const id = n === 1 ? base : `${base}-${n}`;
    await writeTextAtomic(join(dir, `${id}.csv`), tableCsv(t));
    await writeTextAtomic(join(dir, `${id}.tex`), t.latex ?? tableLatex(t));
    written.push(`${id}.csv`, `${id}.tex`);
  }
  return written;
}
