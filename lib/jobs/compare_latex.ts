/**
 * The comparison table as a LaTeX `booktabs` table (needs
 * `\usepackage{booktabs}`): one block per metric, one row per strategy with
 * its mean and 95% interval, the paired difference against the reference
 * with its interval and significance mark (* p < 0.05, ** p < 0.01, *** p < 0.001 after
 * Holm–Bonferroni), and the adjusted p-value. Names are escaped
 * ({@linkcode latexEscape}).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { latexEscape } from "./compare_latex.ts";
 * assert.equal(latexEscape("terminal_pnl"), "terminal\\_pnl");
 * ```
 * @module
 */

import type { CompareRow } from "./compare_table.ts";

const SPECIAL: Record<string, string> = {
  "\\": "\\textbackslash{}",
  "_": "\\_",
  "&": "\\&",
  "%": "\\%",
  "$": "\\$",
  "#": "\\#",
  "{": "\\{",
  "}": "\\}",
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
};

/** Escapes LaTeX's special characters (`_ & % $ # { } ~ ^ \`) in text. */
export function latexEscape(text: string): string {
  return text.replace(/[\\_&%$#{}~^]/g, (c) => SPECIAL[c]);
}

/** A number for the table: "--" when not finite, else 3 decimals (scientific when very large or small). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "--";
  const a = Math.abs(x);
  const s = a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : x.toFixed(3);
  return s.startsWith("-") ? `$-$${s.slice(1)}` : s;
}

function interval(m: number, lo: number, hi: number): string {
  if (!Number.isFinite(m)) return "--";
  return `${formatNumber(m)} [${formatNumber(lo)}, ${formatNumber(hi)}]`;
}

/** The booktabs table of the rows (see the module docs). */
export function compareLatex(rows: readonly CompareRow[], caption = "Strategy comparison"): string {
  const ref = rows.length > 0 ? rows[0].reference : "";
  const lines = [
    "\\begin{table}[t]",
    "\\centering",
    `\\caption{${
      latexEscape(caption)
    }. Means with 95\\% BCa bootstrap intervals; $\\Delta$: paired difference against ${
      latexEscape(ref)
    }; $p$: paired permutation test, Holm--Bonferroni adjusted (* $p<0.05$, ** $p<0.01$, *** $p<0.001$).}`,
    "\\begin{tabular}{llrrr}",
    "\\toprule",
    "Metric & Strategy & Mean [95\\% CI] & $\\Delta$ [95\\% CI] & $p$ \\\\",
  ];
  let last = "";
  for (const r of rows) {
    if (r.metric !== last) {
      lines.push("\\midrule");
      last = r.metric;
    }
    const first = lines[lines.length - 1] === "\\midrule";
    const mark = r.mark === "" ? "" : `$^{${r.mark}}$`;
    const diff = r.strategy === r.reference
      ? "--"
      : `${interval(r.diff, r.diffLower, r.diffUpper)}${mark}`;
    lines.push(
      `${first ? latexEscape(r.metric) : ""} & ${latexEscape(r.strategy)} & ${
        interval(r.mean, r.meanLower, r.meanUpper)
      } & ${diff} & ${formatNumber(r.pAdjusted)} \\\\`,
    );
  }
  lines.push("\\bottomrule", "\\end{tabular}", "\\end{table}", "");
  return lines.join("\n");
}
