/**
 * Evaluation views for notebook 04, from a comparison run (`deno task
 * compare`): the table of one metric (mean with its BCa interval, the paired
 * difference against the reference with its interval, Holm-adjusted p and the
 * significance mark), and a chart of the means with their intervals.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { metricTable } from "./eval_figures.ts";
 * const rows = [{ metric: "terminal_pnl", strategy: "a", reference: "a", n: 3, mean: 1,
 *   meanLower: 0, meanUpper: 2, diff: null, diffLower: null, diffUpper: null, p: null,
 *   pAdjusted: null, mark: "" }];
 * assert.equal(metricTable(rows, "terminal_pnl")[0]["mean [95% CI]"], "1 [0, 2]");
 * ```
 * @module
 */

import { join } from "node:path";
import type { FigureSpec } from "../report/figure.ts";

/** One row of a comparison run's summary.json `rows`. */
export interface ComparisonRow {
  metric: string;
  strategy: string;
  reference: string;
  n: number;
  mean: number;
  meanLower: number;
  meanUpper: number;
  diff: number | null;
  diffLower: number | null;
  diffUpper: number | null;
  p: number | null;
  pAdjusted: number | null;
  mark: string;
}

/** Reads the rows of `<compareRun>/summary.json`. */
export async function readComparisonRows(compareRun: string): Promise<ComparisonRow[]> {
  const s = JSON.parse(await Deno.readTextFile(join(compareRun, "summary.json")));
  return s.rows as ComparisonRow[];
}

/** A number with 4 significant digits ("—" for null or NaN). */
export function sig(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return "—";
  return String(Number(x.toPrecision(4)));
}

/** The rows of one metric as display rows. */
export function metricTable(
  rows: readonly ComparisonRow[],
  metric: string,
): Record<string, string | number>[] {
  return rows.filter((r) => r.metric === metric).map((r) => ({
    strategy: r.strategy,
    n: r.n,
    "mean [95% CI]": `${sig(r.mean)} [${sig(r.meanLower)}, ${sig(r.meanUpper)}]`,
    [`diff vs ${r.reference} [95% CI]`]: r.diff === null
      ? "reference"
      : `${sig(r.diff)} [${sig(r.diffLower)}, ${sig(r.diffUpper)}]`,
    "p (Holm)": sig(r.pAdjusted),
    sig: r.mark,
  }));
}

/** Means with their intervals as error bars, one bar per strategy. */
export function metricFigure(rows: readonly ComparisonRow[], metric: string): FigureSpec {
  const mine = rows.filter((r) => r.metric === metric);
  return {
    id: `eval-${metric.replace(/_/g, "-")}`,
    title: `${metric}: mean per strategy with 95% BCa interval (test split)`,
    data: [{
      type: "bar",
      x: mine.map((r) => r.strategy),
      y: mine.map((r) => r.mean),
      error_y: {
        type: "data",
        symmetric: false,
        array: mine.map((r) => r.meanUpper - r.mean),
        arrayminus: mine.map((r) => r.mean - r.meanLower),
      },
    }],
    layout: { xaxis: { title: { text: "strategy" } }, yaxis: { title: { text: metric } } },
  };
}
