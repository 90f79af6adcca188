/**
 * Equity curves, drawdowns and return and inventory distributions of
 * baseline and evaluate runs, from the files `deno task baseline` writes
 * (lib/jobs/baseline_frames.ts): `steps.parquet` (per episode, agent and
 * step: `pnl`, `inventory`, …) and `episodes.parquet` (per episode and agent:
 * `terminal_pnl`, `final_inventory`, …), and from the same files of
 * `deno task evaluate` (lib/jobs/eval_step_columns.ts), one curve per
 * strategy (its `strategy` column).
 *
 * The equity of an episode is the sum of its agents' PnL at each step. The
 * curve is the mean over episodes with a 95% band, mean ± 1.96·s/√n (s the
 * sample standard deviation over episodes); the drawdown is the mean over
 * episodes of (running maximum of equity − equity).
 * @module
 */

import pl from "nodejs-polars";
import { axes, type FigureSpec } from "./figure.ts";
import { readRunTable, type RunInfo } from "./runs.ts";

/** Mean curve with a 95% band and the mean drawdown, per step. */
export interface EquityCurve {
  step: number[];
  mean: number[];
  lower: number[];
  upper: number[];
  drawdown: number[];
}

/**
 * The equity curve from per-row episode, step and pnl arrays (rows of the
 * same episode and step are summed over agents).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { equityCurve } from "./episode_curves.ts";
 * const c = equityCurve([0, 0, 1, 1], [0, 1, 0, 1], [1, 3, 3, 1]);
 * assert.deepEqual(c.mean, [2, 2]);
 * assert.deepEqual(c.drawdown, [0, 1]);
 * ```
 */
export function equityCurve(
  episode: ArrayLike<number>,
  step: ArrayLike<number>,
  pnl: ArrayLike<number>,
): EquityCurve {
  const byEpisode = new Map<number, number[]>();
  let steps = 0;
  for (let i = 0; i < pnl.length; i++) {
    let row = byEpisode.get(episode[i]);
    if (row === undefined) byEpisode.set(episode[i], row = []);
    row[step[i]] = (row[step[i]] ?? 0) + pnl[i];
    steps = Math.max(steps, step[i] + 1);
  }
  const rows = [...byEpisode.values()];
  const out: EquityCurve = { step: [], mean: [], lower: [], upper: [], drawdown: [] };
  const peaks = rows.map(() => -Infinity);
  for (let s = 0; s < steps; s++) {
    let n = 0, sum = 0, sumSq = 0, dd = 0;
    rows.forEach((r, k) => {
      const v = r[s];
      if (v === undefined) return;
      peaks[k] = Math.max(peaks[k], v);
      n++;
      sum += v;
      sumSq += v * v;
      dd += peaks[k] - v;
    });
    if (n === 0) continue;
    const mean = sum / n;
    const sd = n > 1 ? Math.sqrt(Math.max(0, (sumSq - n * mean * mean) / (n - 1))) : 0;
    const half = 1.96 * sd / Math.sqrt(n);
    out.step.push(s);
    out.mean.push(mean);
    out.lower.push(mean - half);
    out.upper.push(mean + half);
    out.drawdown.push(dd / n);
  }
  return out;
}

function numbers(df: pl.DataFrame, name: string): number[] {
  return Array.from(df.getColumn(name).toArray() as ArrayLike<number>, Number);
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"];

/** One curve group: a run, or one strategy of an evaluate run. */
interface Group {
  name: string;
  steps: pl.DataFrame | null;
  episodes: pl.DataFrame | null;
}

function split(df: pl.DataFrame | null, strategy: string): pl.DataFrame | null {
  if (df === null || !df.columns.includes("strategy")) return df;
  return df.filter(pl.col("strategy").eq(pl.lit(strategy)));
}

/**
 * The groups of a run: one per strategy when its files have a `strategy`
 * column with several values (evaluate runs), else the run itself.
 */
async function groupsOf(run: RunInfo): Promise<Group[]> {
  const steps = await readRunTable(run, "steps.parquet");
  const episodes = await readRunTable(run, "episodes.parquet");
  if (run.kind !== "evaluate") {
    return [{ name: `${run.label} (${run.kind})`, steps, episodes }];
  }
  const names = new Set<string>();
  for (const df of [episodes, steps]) {
    if (df !== null && df.columns.includes("strategy")) {
      for (const v of df.getColumn("strategy").toArray() as string[]) names.add(v);
    }
  }
  return [...names].map((n) => ({
    name: `${n} (evaluate)`,
    steps: split(steps, n),
    episodes: split(episodes, n),
  }));
}

/**
 * Drops a group whose name and episodes (env seeds and terminal PnL, in order)
 * repeat an earlier group's: the baselines that several evaluate runs ran on the
 * same seeds (common random numbers) are drawn once.
 */
function dropRepeats(groups: Group[]): Group[] {
  const seen = new Set<string>();
  return groups.filter((g) => {
    const e = g.episodes;
    if (e === null || !e.columns.includes("env_seed") || !e.columns.includes("terminal_pnl")) {
      return true;
    }
    const key = JSON.stringify([g.name, numbers(e, "env_seed"), numbers(e, "terminal_pnl")]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Equity, drawdown, terminal PnL and final inventory figures over the given runs. */
export async function episodeFigures(runs: readonly RunInfo[]): Promise<FigureSpec[]> {
  const equity: Record<string, unknown>[] = [], drawdown: Record<string, unknown>[] = [];
  const pnl: Record<string, unknown>[] = [], inventory: Record<string, unknown>[] = [];
  const groups = dropRepeats((await Promise.all(runs.map(groupsOf))).flat());
  for (const [k, g] of groups.entries()) {
    const color = COLORS[k % COLORS.length];
    const name = g.name;
    const steps = g.steps;
    if (steps !== null && steps.height > 0) {
      const c = equityCurve(
        numbers(steps, "episode"),
        numbers(steps, "step"),
        numbers(steps, "pnl"),
      );
      equity.push({
        x: [...c.step, ...[...c.step].reverse()],
        y: [...c.upper, ...[...c.lower].reverse()],
        fill: "toself",
        fillcolor: color,
        opacity: 0.2,
        line: { width: 0 },
        name: `${name} 95% band`,
        showlegend: false,
        hoverinfo: "skip",
      });
      equity.push({ x: c.step, y: c.mean, name, mode: "lines", line: { color } });
      drawdown.push({ x: c.step, y: c.drawdown, name, mode: "lines", line: { color } });
    }
    const episodes = g.episodes;
    if (episodes !== null && episodes.height > 0) {
      const hist = { type: "histogram", opacity: 0.6, name, marker: { color } };
      pnl.push({ ...hist, x: numbers(episodes, "terminal_pnl") });
      inventory.push({ ...hist, x: numbers(episodes, "final_inventory") });
    }
  }
  const figures: FigureSpec[] = [];
  if (equity.length > 0) {
    figures.push({
      id: "equity",
      title: "Equity curves (mean over episodes, 95% band)",
      data: equity,
      layout: axes("step", "PnL"),
    }, {
      id: "drawdown",
      title: "Drawdown (mean over episodes)",
      data: drawdown,
      layout: axes("step", "drawdown"),
    });
  }
  if (pnl.length > 0) {
    figures.push({
      id: "terminal-pnl",
      title: "Distribution of the terminal PnL per episode",
      data: pnl,
      layout: axes("terminal PnL", "episodes", { barmode: "overlay" }),
    }, {
      id: "final-inventory",
      title: "Distribution of the final inventory per episode",
      data: inventory,
      layout: axes("final inventory (lots)", "episodes", { barmode: "overlay" }),
    });
  }
  return figures;
}
