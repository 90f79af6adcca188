/**
 * The report's sections from the runs found: run metadata, learning curves,
 * equity and distributions, comparison tables, per-agent and multi-agent
 * metrics, market quality against a control run, realism. A section whose
 * inputs are missing says which command fills it.
 * @module
 */

import { join } from "node:path";
import { parseCsv } from "./csv.ts";
import { episodeFigures } from "./episode_curves.ts";
import type { ReportSection, ReportTable } from "./html.ts";
import { readRealismJson, realismFigures } from "./realism_figures.ts";
import type { RunInfo } from "./runs.ts";
import { trainFigures } from "./train_curves.ts";
import type { CompareRow } from "../jobs/compare_table.ts";
import {
  comparisonFigure,
  comparisonTable,
  marketQualityParts,
  multiAgentTable,
  perAgentTable,
} from "./agent_sections.ts";

function text(v: unknown): string {
  if (v === null || v === undefined) return "—";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** One row per run: kind, label, folder, seed, git commit, backend, config hash, timings, inputs. */
export function metadataTable(runs: readonly RunInfo[]): ReportTable {
  return {
    id: "runs",
    caption: "Runs",
    headers: [
      "kind",
      "label",
      "folder",
      "seed",
      "git commit",
      "backend",
      "config hash",
      "started",
      "wall (s)",
      "timings (s)",
      "data (sha256)",
    ],
    rows: runs.map((r) => {
      const m = r.manifest ?? {};
      const timings = Object.entries((m.timings ?? {}) as Record<string, number>)
        .map(([k, v]) => `${k}: ${v.toFixed(3)}`).join("\n");
      // At most three input files per row (the rest are in the run's manifest.json).
      const files = (m.inputs ?? []) as { path: string; sha256: string }[];
      const inputs = [
        ...files.slice(0, 3).map((i) => `${i.path}: ${i.sha256.slice(0, 16)}`),
        ...(files.length > 3 ? [`… and ${files.length - 3} more (manifest.json)`] : []),
      ].join("\n");
      const wall = typeof m.wallSeconds === "number" ? m.wallSeconds.toFixed(2) : "—";
      return [
        r.kind,
        r.label,
        r.path,
        text(m.seed),
        text(m.gitCommit),
        text(m.backend),
        typeof m.configHash === "string" ? m.configHash.slice(0, 16) : "—",
        text(m.startedAt),
        wall,
        timings || "—",
        inputs || "—",
      ];
    }),
  };
}

/** One table per run holding its config.yaml and command line. */
function configTables(runs: readonly RunInfo[]): ReportTable[] {
  return runs.map((r) => ({
    caption: `Config of ${r.kind} run ${r.label} (${r.path})`,
    export: false,
    collapsed: true,
    headers: ["command line", "config.yaml"],
    rows: [[text(((r.manifest?.argv ?? []) as string[]).join(" ")), r.configYaml || "—"]],
  }));
}

async function compareTables(run: RunInfo): Promise<ReportTable[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(run.path)) {
    if (e.isFile && e.name.endsWith(".csv")) names.push(e.name);
  }
  names.sort();
  const tables: ReportTable[] = [];
  for (const name of names) {
    const rows = parseCsv(await Deno.readTextFile(join(run.path, name)));
    if (rows.length === 0) continue;
    tables.push({ caption: name, headers: rows[0], rows: rows.slice(1) });
  }
  return tables;
}

/** All sections of the report for the given runs. */
export async function buildSections(runs: readonly RunInfo[]): Promise<ReportSection[]> {
  const of = (...kinds: string[]) => runs.filter((r) => kinds.includes(r.kind));
  const sections: ReportSection[] = [];

  sections.push(
    runs.length === 0
      ? {
        id: "runs",
        title: "Run metadata",
        missing: "No runs found: run `deno task demo`, or name run folders with --runs.",
        tables: [],
        figures: [],
      }
      : {
        id: "runs",
        title: "Run metadata",
        tables: [metadataTable(runs), ...configTables(runs)],
        figures: [],
      },
  );

  const train = of("train");
  const learning = (await Promise.all(train.map(trainFigures))).flat();
  sections.push({
    id: "learning",
    title: "Learning curves",
    ...(learning.length === 0
      ? {
        missing:
          "No train run with updates.parquet: run `deno task train --algorithm mappo --preset quick --seed 1`.",
      }
      : {}),
    tables: [],
    figures: learning,
  });

  const episodes = await episodeFigures(of("baseline", "evaluate"));
  sections.push({
    id: "performance",
    title: "Equity curves and distributions",
    ...(episodes.length === 0
      ? {
        missing:
          "No baseline or evaluate run with episodes.parquet / steps.parquet: run `deno task baseline --strategy avellaneda-stoikov --episodes 100 --seed 1 --market as-model` (or `deno task evaluate`).",
      }
      : {}),
    tables: [],
    figures: episodes,
  });

  const compare = of("compare");
  const compareRows = (compare[0]?.summary?.rows ?? []) as CompareRow[];
  const tables = compare.length === 0
    ? []
    : compareRows.length > 0
    ? [comparisonTable(compareRows, compare[0].path)]
    : (await compareTables(compare[0])).map((t) => ({ ...t, id: "comparison" }));
  sections.push({
    id: "comparison",
    title: "Comparison tables",
    ...(tables.length === 0
      ? {
        missing:
          "No compare run with CSV tables: run `deno task compare --runs <a> <b> --baselines avellaneda-stoikov twap`.",
      }
      : {}),
    tables,
    figures: comparisonFigure(compareRows),
  });

  const evaluate = of("evaluate");
  const perAgent = await perAgentTable(of("baseline", "evaluate"));
  const multi = multiAgentTable(evaluate);
  const agentTables = [perAgent, multi].filter((t): t is ReportTable => t !== null);
  const agentNotes: string[] = [];
  if (perAgent === null) {
    agentNotes.push(
      "No per-agent metrics: run `deno task evaluate --run <train run> --seeds 1..10 --baselines avellaneda-stoikov`.",
    );
  }
  if (multi === null) {
    agentNotes.push(
      "No multi-agent metrics: they need an evaluate run (`deno task evaluate --run <train run>`) of a training run with 2 or more learning agents.",
    );
  }
  sections.push({
    id: "agents",
    title: "Per-agent and multi-agent metrics",
    ...(agentNotes.length > 0 ? { missing: agentNotes.join(" ") } : {}),
    tables: agentTables,
    figures: [],
  });

  const mq = await marketQualityParts(evaluate);
  const reacts = mq.markets.filter((m) => m === "abm").length;
  const mqNote = mq.tables.length === 0
    ? "No evaluate run with a control run (market_steps.parquet with the control strategy): run `deno task evaluate --run <train run of the abm market> --seeds 1..10` (it runs the control, in which the learning agents do nothing, on the same env seeds)."
    : reacts < mq.markets.length
    ? `Markets ${
      mq.markets.filter((m) => m !== "abm").join(", ")
    } do not react to the agents (replay and as_model), so the differences against the control there are not market impact; only the abm market's are meaningful. Depth and price impact need the abm market's book and trades.`
    : undefined;
  sections.push({
    id: "market-quality",
    title: "Market quality: with the agents against a control run",
    ...(mqNote === undefined ? {} : { missing: mqNote }),
    tables: mq.tables,
    figures: mq.figures,
  });

  const realism = of("realism");
  if (realism.length === 0) {
    sections.push({
      id: "realism",
      title: "Stylized facts: simulator vs real data",
      missing: "No realism run: run `deno task realism`.",
      tables: [],
      figures: [],
    });
  } else {
    const r = await readRealismJson(realism[0].path);
    sections.push({
      id: "realism",
      title: "Stylized facts: simulator vs real data",
      tables: [{
        id: "realism-facts",
        caption: `Facts (${realism[0].path})`,
        headers: ["fact", "sim", "real"],
        rows: (r.rows ?? []).map((x) => [x.fact, x.sim, x.real]),
      }],
      figures: realismFigures(r),
    });
  }
  return sections;
}
