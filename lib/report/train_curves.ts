/**
 * Learning curves of a train run from its `updates.parquet` (mean episode
 * return, evaluation return and loss columns per iteration) and
 * `episodes.parquet` (per-episode returns). Polars needs --allow-ffi and
 * --allow-sys.
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { axes, figureId, type FigureSpec } from "./figure.ts";
import type { RunInfo } from "./runs.ts";

function column(df: pl.DataFrame, name: string): number[] {
  return df.columns.includes(name) ? Array.from(df.getColumn(name).toArray() as number[]) : [];
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** The learning-curve figures of one train run (none when it has no updates.parquet). */
export async function trainFigures(run: RunInfo): Promise<FigureSpec[]> {
  const updatesPath = join(run.path, "updates.parquet");
  if (!await exists(updatesPath)) return [];
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
  }
  const episodesPath = join(run.path, "episodes.parquet");
  if (await exists(episodesPath)) {
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
