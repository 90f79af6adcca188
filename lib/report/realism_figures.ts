/**
 * The simulator's stylized facts against real data from a realism run's
 * `realism.json` (written by `deno task realism`): ACF of returns and of
 * absolute returns, spread histogram and intraday volume share, plus the
 * table of facts side by side.
 * @module
 */

import { join } from "node:path";
import { axes, type FigureSpec } from "./figure.ts";

/** The parts of realism.json the report uses (see lib/realism/html_report.ts). */
export interface RealismJson {
  sim: RealismGroup | null;
  real: RealismGroup | null;
  rows: { fact: string; sim: string; real: string }[];
}

/** One group's facts (the fields the report draws). */
export interface RealismGroup {
  acf: { lags: number[]; returns: number[]; absReturns: number[] };
  spreadTicks: { histogram: { edges: number[]; probability: number[] } };
  intraday: { buckets: { startMinute: number; volumeShare: number }[] };
}

/** Reads `realism.json` of a run folder. */
export async function readRealismJson(folder: string): Promise<RealismJson> {
  return JSON.parse(await Deno.readTextFile(join(folder, "realism.json"))) as RealismJson;
}

const COLOR = { sim: "#d62728", real: "#1f77b4" } as const;

/** The realism figures (groups that are null are left out). */
export function realismFigures(r: RealismJson): FigureSpec[] {
  const groups = (["sim", "real"] as const).flatMap((g) => {
    const v = r[g];
    return v === null || v === undefined ? [] : [[g, v] as const];
  });
  if (groups.length === 0) return [];
  const line = (g: "sim" | "real") => ({
    mode: "lines+markers",
    name: g,
    line: { color: COLOR[g] },
  });
  return [
    {
      id: "realism-acf",
      title: "ACF of 1-minute returns: simulated vs real",
      data: groups.map(([g, v]) => ({ ...line(g), x: v.acf.lags, y: v.acf.returns })),
      layout: axes("lag (bars)", "autocorrelation"),
    },
    {
      id: "realism-acf-abs",
      title: "ACF of absolute returns: simulated vs real",
      data: groups.map(([g, v]) => ({ ...line(g), x: v.acf.lags, y: v.acf.absReturns })),
      layout: axes("lag (bars)", "autocorrelation"),
    },
    {
      id: "realism-spread",
      title: "Spread at the best quotes: simulated vs real",
      data: groups.map(([g, v]) => ({
        type: "bar",
        name: g,
        marker: { color: COLOR[g] },
        opacity: 0.6,
        x: v.spreadTicks.histogram.edges.slice(0, -1),
        y: v.spreadTicks.histogram.probability,
      })),
      layout: axes("spread (ticks)", "probability", { barmode: "overlay" }),
    },
    {
      id: "realism-intraday",
      title: "Intraday volume share: simulated vs real",
      data: groups.map(([g, v]) => ({
        ...line(g),
        x: v.intraday.buckets.map((b) => b.startMinute),
        y: v.intraday.buckets.map((b) => b.volumeShare),
      })),
      layout: axes("minutes after the open", "share of volume"),
    },
  ];
}
