/**
 * Learning curves of a train run from its `updates.parquet` (mean episode
 * return, evaluation return and loss columns per iteration; the best model,
 * `summary.json` `bestIteration`, marked with a star) and
 * `episodes.parquet` (per-episode returns). Polars needs --allow-ffi and
 * --allow-sys.
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { axes, figureId, type FigureSpec } from "./figure.ts";
import type { RunInfo } from "./runs.ts";
import { pathExists } from "../core/path_exists.ts";

function column(df: pl.DataFrame, name: string): number[] {
  return df.columns.includes(name) ? Array.from(df.getColumn(name).toArray() as number[]) : [];
}

/**
 * Where the best model was saved: the summary's `bestIteration` when it is
 * one of the evaluation points, else the highest evaluation return (first on
 * ties); null without evaluation points.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { bestModelPoint } from "./train_curves.ts";
 * assert.deepEqual(bestModelPoint([1, 2, 3], [5, 9, 9]), { iteration: 2, evalReturn: 9 });
 * assert.deepEqual(bestModelPoint([1, 2, 3], [5, 9, 9], 3), { iteration: 3, evalReturn: 9 });
 * ```
 */
export function bestModelPoint(
  iterations: readonly number[],
  evalReturns: readonly number[],
  bestIteration?: unknown,
): { iteration: number; evalReturn: number } | null {
  if (iterations.length === 0) return null;
  const at = iterations.indexOf(bestIteration as number);
  let k = at;
  if (k < 0) {
    k = 0;
    evalReturns.forEach((v, i) => {
      if (v > evalReturns[k]) k = i;
    });
  }
  return { iteration: iterations[k], evalReturn: evalReturns[k] };
}

/** The learning-curve figures of one train run (none when it has no updates.parquet). */
export async function trainFigures(run: RunInfo): Promise<FigureSpec[]> {
  const updatesPath = join(run.path, "updates.parquet");
  if (!await pathExists(updatesPath)) return [];
  const u = pl.readParquet(updatesPath);
  const it = column(u, "iteration");
  const label = run.label;
  const traces: Record<string, unknown>[] = [
    { x: it, y: column(u, "mean_episode_return"), name: "mean episode return", mode: "lines" },
  ];
  const evalReturn = column(u, "eval_return");
  const evalX: number[] = [], evalY: number[] = [];
  evalReturn.forEach((v, i) => {
    if (Number.isFinite(v)) {
      evalX.push(it[i]);
      evalY.push(v);
    }
  });
  if (evalX.length > 0) {
    traces.push({ x: evalX, y: evalY, name: "evaluation return", mode: "lines+markers" });
    const best = bestModelPoint(evalX, evalY, run.summary?.bestIteration);
    if (best !== null) {
      traces.push({
        x: [best.iteration],
        y: [best.evalReturn],
        name: "best model (models/best)",
        mode: "markers",
        marker: { symbol: "star", size: 14, color: "#d62728" },
      });
    }
  }
  const episodesPath = join(run.path, "episodes.parquet");
  if (await pathExists(episodesPath)) {
    const e = pl.readParquet(episodesPath);
    traces.push({
      x: column(e, "iteration"),
      y: column(e, "return"),
      name: "episode return",
      mode: "markers",
      marker: { size: 3, opacity: 0.3 },
    });
  }
  const figures: FigureSpec[] = [{
    id: figureId("learning", label),
    title: `Learning curve: ${label}`,
    data: traces,
    layout: axes("iteration", "return"),
  }];
  const losses = u.columns.filter((c) => c.endsWith("_loss"));
  if (losses.length > 0) {
    figures.push({
      id: figureId("losses", label),
      title: `Losses: ${label}`,
      data: losses.map((c) => ({ x: it, y: column(u, c), name: c, mode: "lines" })),
      layout: axes("iteration", "loss"),
    });
  }
  return figures;
}
