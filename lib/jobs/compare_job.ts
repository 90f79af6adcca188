/**
 * The job behind `deno task compare`: reads the `episodes.parquet` of
 * evaluation runs (`deno task evaluate`), averages each strategy's metrics
 * over the agents it controls per env seed, and writes the comparison table
 * (lib/jobs/compare_table.ts) as `comparison.parquet`, `comparison.csv` and
 * `comparison.tex` (booktabs) plus the summary.
 *
 * Strategy names across runs: a baseline found in several runs is taken from
 * the first; a learned strategy whose name repeats (two mappo runs) is named
 * `<algorithm>@<run folder name>`. All strategies must have been evaluated on
 * the same env seeds ({@linkcode checkPairing}). Polars needs --allow-ffi and
 * --allow-sys.
 * @module
 */

import { basename, join } from "node:path";
import pl from "nodejs-polars";
import { InputError, UsageError } from "../core/errors.ts";
import type { RunDir } from "../core/run_dir.ts";
import { EPISODE_METRICS } from "./eval_metrics.ts";
import { compareLatex } from "./compare_latex.ts";
import {
  checkPairing,
  type CompareOptions,
  type CompareRow,
  compareTable,
  type StrategySample,
} from "./compare_table.ts";

/** Reads evaluation runs into per-strategy samples (see the module docs). */
export async function readEvaluationRuns(runs: readonly string[]): Promise<StrategySample[]> {
  const out: StrategySample[] = [];
  for (const run of runs) {
    const file = join(run, "episodes.parquet");
    let df: pl.DataFrame;
    try {
      await Deno.stat(file);
      df = pl.readParquet(file);
    } catch {
      throw new InputError({
        file,
        expected: "episodes.parquet of an evaluation run (deno task evaluate)",
        found: "no readable Parquet file",
      });
    }
    const missing = ["strategy", "kind", "env_seed", ...EPISODE_METRICS].filter(
      (c) => !df.columns.includes(c),
    );
    if (missing.length > 0) {
      throw new InputError({
        file,
        expected: "the columns of deno task evaluate",
        found: `no ${missing.join(", ")}`,
      });
    }
    const strategy = df.getColumn("strategy").toArray() as string[];
    const kind = df.getColumn("kind").toArray() as string[];
    const seed = (df.getColumn("env_seed").toArray() as (number | bigint)[]).map(Number);
    const cols = EPISODE_METRICS.map((m) => df.getColumn(m).toArray() as number[]);
    const names = [...new Set(strategy)];
    for (const name of names) {
      const learned = kind[strategy.indexOf(name)] === "learned";
      let label = name;
      if (out.some((s) => s.strategy === name)) {
        if (!learned) continue;
        label = `${name}@${basename(run)}`;
      }
      const seeds: number[] = [];
      const index = new Map<number, number>();
      const sums = EPISODE_METRICS.map(() => [] as number[]);
      const counts: number[] = [];
      for (let i = 0; i < strategy.length; i++) {
        if (strategy[i] !== name) continue;
        let k = index.get(seed[i]);
        if (k === undefined) {
          k = seeds.length;
          index.set(seed[i], k);
          seeds.push(seed[i]);
          sums.forEach((s) => s.push(0));
          counts.push(0);
        }
        counts[k]++;
        cols.forEach((c, j) => (sums[j][k] += c[i]));
      }
      out.push({
        strategy: label,
        seeds,
        metrics: Object.fromEntries(
          EPISODE_METRICS.map((m, j) => [m, sums[j].map((v, k) => v / counts[k])]),
        ),
      });
    }
  }
  return out;
}

/** The table as a Polars frame (one row per metric and strategy). */
export function compareFrame(rows: readonly CompareRow[]): pl.DataFrame {
  const num = (k: keyof CompareRow) => pl.Series(k, Float64Array.from(rows, (r) => r[k] as number));
  return pl.DataFrame([
    pl.Series("metric", rows.map((r) => r.metric), pl.Utf8),
    pl.Series("strategy", rows.map((r) => r.strategy), pl.Utf8),
    pl.Series("reference", rows.map((r) => r.reference), pl.Utf8),
    pl.Series("n", Int32Array.from(rows, (r) => r.n)),
    num("mean"),
    num("meanLower"),
    num("meanUpper"),
    pl.Series("nPairs", Int32Array.from(rows, (r) => r.nPairs)),
    num("diff"),
    num("diffLower"),
    num("diffUpper"),
    num("p"),
    num("pAdjusted"),
    pl.Series("mark", rows.map((r) => r.mark), pl.Utf8),
  ]);
}

/** `summary.json` of a compare run. */
export interface CompareSummary {
  runs: string[];
  reference: string;
  strategies: string[];
  seeds: number;
  rows: CompareRow[];
  files: string[];
}

/** Compares the evaluation runs and writes the table into `run`. */
export async function runCompareJob(
  runs: readonly string[],
  opts: Partial<CompareOptions>,
  run: RunDir,
): Promise<CompareSummary> {
  if (runs.length === 0) {
    throw new UsageError("--runs: expected at least one evaluation run folder, found none");
  }
  const samples = await run.time("read", () => readEvaluationRuns(runs));
  checkPairing(samples);
  const reference = opts.reference ?? samples[0]?.strategy ?? "";
  const rows = await run.time("table", () => compareTable(samples, { ...opts, reference }));
  const df = compareFrame(rows);
  const files = ["comparison.parquet", "comparison.csv", "comparison.tex"];
  await run.time("write", async () => {
    await run.writeBytes("comparison.parquet", df.writeParquet({ compression: "zstd" }));
    await run.writeText("comparison.csv", df.writeCSV().toString());
    await run.writeText("comparison.tex", compareLatex(rows));
  });
  return {
    runs: [...runs],
    reference,
    strategies: samples.map((s) => s.strategy),
    seeds: samples[0]?.seeds.length ?? 0,
    rows,
    files,
  };
}
