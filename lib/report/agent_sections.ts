/**
 * The report's tables and figures from evaluate and compare runs: the
 * comparison table with significance marks (from a compare run's
 * `summary.json` rows), per-agent metrics (means over episodes of
 * `episodes.parquet`), multi-agent metrics (evaluate `summary.json`
 * `multiAgent`) and market quality against the control run
 * (`market_steps.parquet`, lib/report/market_quality.ts). Polars needs
 * --allow-ffi and --allow-sys.
 * @module
 */

import pl from "nodejs-polars";
import { compareLatex } from "../jobs/compare_latex.ts";
import type { CompareRow } from "../jobs/compare_table.ts";
import { axes, figureId, type FigureSpec } from "./figure.ts";
import type { ReportTable } from "./html.ts";
import {
  formatCell,
  MARKET_QUALITY_MEASURES,
  marketQualityByStrategy,
  marketQualityTable,
  relativeChange,
} from "./market_quality.ts";
import { readRunTable, type RunInfo } from "./runs.ts";

function col(df: pl.DataFrame, name: string): number[] {
  return Array.from(df.getColumn(name).toArray() as ArrayLike<number | bigint>, Number);
}

function interval(m: number, lo: number, hi: number): string {
  if (!Number.isFinite(m)) return "—";
  return Number.isFinite(lo) && Number.isFinite(hi)
    ? `${formatCell(m)} [${formatCell(lo)}, ${formatCell(hi)}]`
    : formatCell(m);
}

/**
 * The comparison table of a compare run's rows: mean [95% CI], paired
 * difference [95% CI] with its mark, raw and Holm-adjusted p. Its LaTeX
 * export is lib/jobs/compare_latex.ts `compareLatex`.
 */
export function comparisonTable(rows: readonly CompareRow[], source: string): ReportTable {
  const ref = rows[0]?.reference ?? "";
  return {
    id: "comparison",
    caption:
      `Strategy comparison (${source}): means with 95% BCa intervals; Δ = paired difference against ${ref}; p: paired permutation test, Holm-adjusted (* p<0.05, ** p<0.01, *** p<0.001)`,
    headers: ["metric", "strategy", "n", "mean [95% CI]", "Δ [95% CI]", "p", "p (Holm)", "mark"],
    rows: rows.map((r) => [
      r.metric,
      r.strategy,
      String(r.n),
      interval(r.mean, r.meanLower, r.meanUpper),
      r.strategy === r.reference ? "reference" : interval(r.diff, r.diffLower, r.diffUpper),
      Number.isFinite(r.p) ? formatCell(r.p) : "—",
      Number.isFinite(r.pAdjusted) ? formatCell(r.pAdjusted) : "—",
      r.mark,
    ]),
    latex: compareLatex(rows),
  };
}

/** A figure of the comparison: each strategy's mean terminal PnL with its interval. */
export function comparisonFigure(rows: readonly CompareRow[]): FigureSpec[] {
  const pnl = rows.filter((r) => r.metric === "terminal_pnl" && Number.isFinite(r.mean));
  if (pnl.length === 0) return [];
  return [{
    id: "comparison-terminal-pnl",
    title: "Mean terminal PnL per strategy (95% BCa interval; marks: Holm-adjusted p)",
    data: [{
      type: "bar",
      x: pnl.map((r) => r.strategy + (r.mark === "" ? "" : ` ${r.mark}`)),
      y: pnl.map((r) => r.mean),
      error_y: {
        type: "data",
        symmetric: false,
        array: pnl.map((r) => Number.isFinite(r.meanUpper) ? r.meanUpper - r.mean : 0),
        arrayminus: pnl.map((r) => Number.isFinite(r.meanLower) ? r.mean - r.meanLower : 0),
      },
      name: "terminal PnL",
    }],
    layout: axes("strategy", "terminal PnL"),
  }];
}

/** The metric columns shown per agent, when present. */
const AGENT_METRICS = [
  "terminal_pnl",
  "sharpe",
  "max_drawdown",
  "mean_abs_inventory",
  "final_inventory",
  "fills",
  "total_reward",
] as const;

/** Per strategy and agent, the mean of each metric over the episodes of the runs. */
export async function perAgentTable(runs: readonly RunInfo[]): Promise<ReportTable | null> {
  const rows: string[][] = [];
  let headers: string[] = [];
  for (const run of runs) {
    const df = await readRunTable(run, "episodes.parquet");
    if (df === null || df.height === 0 || !df.columns.includes("agent")) continue;
    const metrics = AGENT_METRICS.filter((m) => df.columns.includes(m));
    if (headers.length === 0) headers = ["run", "strategy", "agent", "episodes", ...metrics];
    const strategy = df.columns.includes("strategy")
      ? df.getColumn("strategy").toArray() as string[]
      : new Array<string>(df.height).fill(run.label);
    const agent = df.getColumn("agent").toArray() as string[];
    const cols = metrics.map((m) => col(df, m));
    const groups = new Map<string, number[]>();
    for (let i = 0; i < df.height; i++) {
      const k = `${strategy[i] || run.label}\u0000${agent[i]}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(i);
    }
    for (const [k, idx] of groups) {
      const [s, a] = k.split("\u0000");
      rows.push([
        `${run.kind} ${run.label}`,
        s,
        a,
        String(idx.length),
        ...cols.map((c) => {
          const f = idx.map((i) => c[i]).filter(Number.isFinite);
          return formatCell(f.length === 0 ? NaN : f.reduce((x, y) => x + y, 0) / f.length);
        }),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    id: "per-agent",
    caption: "Per-agent metrics (means over episodes)",
    headers: headers.slice(0, 4).concat(headers.slice(4).map((h) => `mean ${h}`)),
    rows,
  };
}

/** What the report reads of evaluate's `summary.json` `multiAgent`. */
interface MultiAgentJson {
  agents: number;
  pnlCorrelation: number | null;
  inventoryCorrelation: number | null;
  actionDiversity: number | null;
  teamPnl: number | null;
  coordinationEfficiency?: number | null;
}

/** Multi-agent metrics per evaluate run and strategy with 2 or more agents. */
export function multiAgentTable(runs: readonly RunInfo[]): ReportTable | null {
  const num = (v: number | null | undefined) => formatCell(typeof v === "number" ? v : NaN);
  const rows: string[][] = [];
  for (const run of runs) {
    const m = (run.summary?.multiAgent ?? {}) as Record<string, MultiAgentJson>;
    for (const [strategy, x] of Object.entries(m)) {
      rows.push([
        run.path,
        strategy,
        String(x.agents),
        num(x.pnlCorrelation),
        num(x.inventoryCorrelation),
        num(x.actionDiversity),
        num(x.teamPnl),
        num(x.coordinationEfficiency),
      ]);
    }
  }
  if (rows.length === 0) return null;
  return {
    id: "multi-agent",
    caption:
      "Multi-agent metrics (means over episodes): PnL correlation of per-step PnL changes, inventory correlation, action diversity (mean pairwise action distance), coordination efficiency = team PnL / Σ solo PnL",
    headers: [
      "run",
      "strategy",
      "agents",
      "PnL correlation",
      "inventory correlation",
      "action diversity",
      "team PnL",
      "coordination efficiency",
    ],
    rows,
  };
}

/** The market-quality tables and figures of evaluate runs that ran the control. */
export async function marketQualityParts(
  runs: readonly RunInfo[],
): Promise<{ tables: ReportTable[]; figures: FigureSpec[]; markets: string[] }> {
  const tables: ReportTable[] = [], figures: FigureSpec[] = [], markets: string[] = [];
  for (const run of runs) {
    const df = await readRunTable(run, "market_steps.parquet");
    if (df === null || df.height === 0) continue;
    const strategy = df.getColumn("strategy").toArray() as string[];
    if (!strategy.includes("control")) continue;
    const market = typeof run.summary?.market === "string" ? run.summary.market : "?";
    markets.push(market);
    const byStrategy = marketQualityByStrategy({
      strategy,
      envSeed: col(df, "env_seed"),
      step: col(df, "step"),
      midTicks: col(df, "mid_ticks"),
      spreadTicks: col(df, "spread_ticks"),
      depthLots: col(df, "depth_lots"),
      signedVolume: col(df, "signed_volume"),
    });
    const suffix = runs.length > 1 ? `-${figureId(run.label)}` : "";
    const table = marketQualityTable(
      byStrategy,
      "control",
      `Market quality with the agents against the control run without them (${market} market, ${run.path})`,
    );
    tables.push({ ...table, id: `${table.id}${suffix}` });
    const others = [...byStrategy.keys()].filter((s) => s !== "control");
    const control = byStrategy.get("control")!;
    figures.push({
      id: `market-quality-change${suffix}`,
      title: `Market quality against the control (${market}): change in %`,
      data: others.map((s) => ({
        type: "bar",
        name: s,
        x: MARKET_QUALITY_MEASURES.map((m) => m.label),
        y: MARKET_QUALITY_MEASURES.map((m) => {
          const v = relativeChange(byStrategy.get(s)![m.key], control[m.key]);
          return Number.isFinite(v) ? v : null;
        }),
      })),
      layout: axes("measure", "change against control (%)", { barmode: "group" }),
    });
    // Mean spread per step over the episodes, per strategy.
    const step = col(df, "step"), spread = col(df, "spread_ticks");
    figures.push({
      id: `market-spread${suffix}`,
      title: `Quoted spread per step, mean over episodes (${market})`,
      data: [...byStrategy.keys()].map((s) => {
        const sum: number[] = [], n: number[] = [];
        strategy.forEach((v, i) => {
          if (v !== s || !Number.isFinite(spread[i])) return;
          sum[step[i]] = (sum[step[i]] ?? 0) + spread[i];
          n[step[i]] = (n[step[i]] ?? 0) + 1;
        });
        const x: number[] = [], y: number[] = [];
        sum.forEach((v, t) => {
          if (v !== undefined) {
            x.push(t);
            y.push(v / n[t]);
          }
        });
        return { x, y, name: s, mode: "lines" };
      }).filter((t) => t.x.length > 0),
      layout: axes("step", "spread (ticks)"),
    });
    if (figures[figures.length - 1].data.length === 0) figures.pop();
  }
  return { tables, figures, markets };
}
