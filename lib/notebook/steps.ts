/**
 * The steps of the notebook sequence, each one workspace command run in the
 * kernel's process (the same config loading, validation, run folder and job
 * as `deno task <command>`), with the notebook's preset, seed and paths.
 * Every step writes under `<params.out>/`: `data/` (simulated sessions,
 * interim store, features, datasets) and `runs/<step>/` (run folders). A
 * step's folder is removed first, so re-running a cell starts clean and two
 * runs with the same parameters write the same numbers.
 *
 * A failing command throws an Error carrying its `error:` line.
 * @module
 */

import { join } from "node:path";
import { commands } from "../cli/commands/mod.ts";
import { runCli } from "../cli/main.ts";
import { tradingDays } from "../jobs/trading_days.ts";
import type { NotebookParams } from "./params.ts";

/** A command's JSON summary (always carries `runFolder`). */
export type StepSummary = Record<string, unknown> & { runFolder: string };

/** Runs one workspace command in process (quiet, `--json`); returns its summary. */
export async function runStep(argv: readonly string[]): Promise<StepSummary> {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli([...argv, "--json", "--quiet"], commands, { io });
  if (code !== 0) {
    throw new Error(`deno task ${argv.join(" ")} failed (exit ${code}): ${err.join("").trim()}`);
  }
  return JSON.parse(out.join("")) as StepSummary;
}

/** Removes a folder if present (a step's previous output). */
async function clean(path: string): Promise<string> {
  await Deno.remove(path, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  return path;
}

/** Where the notebook sequence keeps a thing: `<out>/<parts…>`. */
export function notebookPath(p: NotebookParams, ...parts: string[]): string {
  return join(p.out, ...parts);
}

/** First simulated date (data.yaml's simulate.start_date). */
export const SIM_START_DATE = "2024-01-02";

/** The simulated dates, and their split: first day dev, second validation, the rest test. */
export function simSplits(p: NotebookParams): { dev: string[]; val: string[]; test: string[] } {
  const days = tradingDays(SIM_START_DATE, p.plan.simDays);
  const nVal = Math.max(1, Math.floor(days.length / 5));
  const nTest = Math.max(1, Math.floor(days.length / 5));
  const nDev = days.length - nVal - nTest;
  return {
    dev: days.slice(0, nDev),
    val: days.slice(nDev, nDev + nVal),
    test: days.slice(nDev + nVal),
  };
}

/** `deno task simulate` into `<out>/data/sim`. */
export async function simulateStep(p: NotebookParams): Promise<StepSummary> {
  const dir = await clean(notebookPath(p, "data", "sim"));
  return await runStep([
    "simulate",
    "--model",
    p.plan.model,
    "--days",
    String(p.plan.simDays),
    "--seed",
    String(p.seed),
    "--out",
    dir,
    "--set",
    `simulate.session_end=${p.plan.sessionEnd}`,
  ]);
}

/**
 * `deno task prepare`: ingests the simulated sessions and the real LOBSTER
 * sample, computes the features and cuts the dataset (scaler fitted on the
 * dev days only) into `<out>/data/`.
 */
export async function prepareStep(p: NotebookParams): Promise<StepSummary> {
  const data = notebookPath(p, "data");
  for (const d of ["interim", "features", "datasets"]) await clean(join(data, d));
  const s = simSplits(p);
  const range = (days: string[]) => `{start: "${days[0]}", end: "${days[days.length - 1]}"}`;
  const sources = `[{kind: sim, path: "${
    join(data, "sim")
  }"}, {kind: lobster, path: "${p.realData}"}]`;
  return await runStep([
    "prepare",
    "--force",
    "--out",
    await clean(notebookPath(p, "runs", "prepare")),
    "--set",
    `ingest.sources=${sources}`,
    "--set",
    `ingest.interim_dir=${join(data, "interim")}`,
    "--set",
    `ingest.session_end=${p.plan.sessionEnd}`,
    "--set",
    `features.input=${join(data, "interim")}`,
    "--set",
    `features.output=${join(data, "features")}`,
    "--set",
    `features.symbols=[SIM]`,
    "--set",
    `dataset.features_dir=${join(data, "features")}`,
    "--set",
    `dataset.out=${join(data, "datasets")}`,
    "--set",
    `dataset.symbols=[SIM]`,
    "--set",
    `dataset.splits.dev=${range(s.dev)}`,
    "--set",
    `dataset.splits.val=${range(s.val)}`,
    "--set",
    `dataset.splits.test=${range(s.test)}`,
  ]);
}

/** `deno task realism`: stylized facts of the simulated sessions against the real sample. */
export async function realismStep(p: NotebookParams): Promise<StepSummary> {
  return await runStep([
    "realism",
    "--sim",
    notebookPath(p, "data", "sim"),
    "--real",
    p.realData,
    "--out",
    await clean(notebookPath(p, "runs", "realism")),
  ]);
}

/** `deno task train --preset <preset>` for one algorithm into `<out>/runs/train_<algorithm>`. */
export async function trainStep(
  p: NotebookParams,
  algorithm: "mappo" | "maddpg",
): Promise<StepSummary> {
  return await runStep([
    "train",
    "--algorithm",
    algorithm,
    "--preset",
    p.preset,
    "--seed",
    String(p.seed),
    "--updates",
    String(p.plan.trainUpdates),
    "--out",
    await clean(notebookPath(p, "runs", `train_${algorithm}`)),
    "--set",
    `training.eval_every=${p.plan.evalEvery}`,
    "--set",
    `training.eval_episodes=${p.plan.trainEvalEpisodes}`,
  ]);
}

/** `deno task evaluate` of a training run and the baselines on the test split. */
export async function evaluateStep(p: NotebookParams, trainRun: string): Promise<StepSummary> {
  const name = trainRun.split("/").filter((s) => s !== "").pop() ?? "run";
  return await runStep([
    "evaluate",
    "--run",
    trainRun,
    "--split",
    "test",
    "--seeds",
    `1..${p.plan.evalSeeds}`,
    "--out",
    await clean(notebookPath(p, "runs", `evaluate_${name.replace(/^train_/, "")}`)),
    "--baselines",
    ...p.plan.baselines,
  ]);
}

/** `deno task compare` of evaluation runs (BCa intervals, paired tests, Holm). */
export async function compareStep(p: NotebookParams, evalRuns: string[]): Promise<StepSummary> {
  return await runStep([
    "compare",
    "--runs",
    ...evalRuns,
    "--resamples",
    String(p.plan.resamples),
    "--seed",
    String(p.seed),
    "--out",
    await clean(notebookPath(p, "runs", "compare")),
  ]);
}
