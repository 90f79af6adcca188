/**
 * Runs a whole study (`deno task experiments`, `deno task demo`): the market
 * data when the study trains on replay (simulate → ingest → features →
 * dataset, and the stylized facts of the simulated days against real data
 * when real LOBSTER data is found, ./realism_step.ts), every algorithm × seed training run, each run's evaluation with
 * the baselines on the test split (common random numbers), the comparison
 * table and the report, in a study folder with deterministic names
 * (./plan.ts). Finished runs are skipped and checkpointed training runs
 * resumed, so an interrupted study continues where it stopped. `study.json`
 * lists every step and its state, rewritten (atomically) as each one
 * starts and ends.
 *
 * Notebooks call {@linkcode runStudy} directly:
 *
 * ```ts ignore
 * import { runStudy } from "../lib/jobs/study/mod.ts";
 * const r = await runStudy({ preset: "quick", seeds: [1, 2, 3] }, { log: console.log });
 * r.report; // outputs/experiments/quick/report/index.html
 * ```
 * @module
 */

import { stringify } from "yaml";
import { join } from "node:path";
import { writeJsonAtomic } from "../../core/atomic_write.ts";
import { UsageError } from "../../core/errors.ts";
import { hashConfig } from "../../core/hash.ts";
import { createRunDir, isCompleteRun } from "../../core/run_dir.ts";
import type { LoadedConfig } from "../../config/load.ts";
import type { TrainingConfig } from "../../config/schemas/training.ts";
import type { EvaluateOptions } from "../evaluate_job.ts";
import { loadStudyData, type StudyData } from "./data_plan.ts";
import { findStudyRealData, runStudyRealism, studyRealismConfig } from "./realism_step.ts";
import {
  type FolderState,
  type PlannedStep,
  planStudy,
  type StudyAction,
  studyLayout,
  type StudyStepKind,
} from "./plan.ts";
import { STUDY_ALGORITHMS, type StudyPreset, studyPreset } from "./presets.ts";
import { pathExists } from "../../core/path_exists.ts";

/** What to run (see the module docs). */
export interface StudyOptions {
  /** A built-in preset's name (./presets.ts) or a preset object. */
  preset: string | StudyPreset;
  /** Training seeds (default [1]). */
  seeds?: number[];
  /** Algorithms (default: the preset's). */
  algorithms?: string[];
  /** Baselines evaluated beside the learners (default: the preset's). */
  baselines?: string[];
  /** Evaluation episode seeds (default: the preset's). */
  evaluationSeeds?: number[];
  /** Study folder (default outputs/experiments/<preset>). */
  dir?: string;
  /** `--set key=value` overrides of every training config. */
  set?: string[];
  /** Export the report's figures as SVG and PNG (default true; skipped without Chromium). */
  exportFigures?: boolean;
  /** Command line recorded in the run folders' manifests (default []). */
  argv?: string[];
  /**
   * Real LOBSTER data for the realism step of replay studies (folders or
   * message files; default: `realism.real` of configs/realism.yaml, as
   * `deno task realism` reads). The step is skipped, with a note, when none
   * is found.
   */
  realData?: string[];
}

/** Callbacks while a study runs. */
export interface StudyContext {
  /** Diagnostic lines (a step starting, the jobs' own notes). */
  log?: (line: string) => void;
  /** Called as each step ends (ran, resumed, skipped or failed). */
  onStep?: (step: StudyStepRecord) => void;
  /** Draw the training progress bar (default: the train job's own rule). */
  progress?: boolean;
}

/** State of a step in `study.json`. */
export type StudyStepState = "pending" | "running" | "done" | "skipped" | "failed";

/** One step as `study.json` records it. */
export interface StudyStepRecord {
  id: string;
  kind: StudyStepKind;
  path: string;
  action: StudyAction;
  reason: string;
  state: StudyStepState;
  /** Wall-clock seconds of this invocation's work on it (null when not run). */
  seconds: number | null;
  /** One line on what it produced. */
  detail: string | null;
  /** The error message when it failed. */
  error: string | null;
}

/** The content of `study.json`. */
export interface StudyFile {
  format: 1;
  preset: string;
  description: string;
  dir: string;
  algorithms: string[];
  seeds: number[];
  baselines: string[];
  evaluationSeeds: number[];
  state: "running" | "finished" | "failed";
  startedAt: string;
  finishedAt: string | null;
  report: string | null;
  steps: StudyStepRecord[];
}

/** What {@linkcode runStudy} returns. */
export interface StudyResult {
  dir: string;
  studyFile: string;
  /** The report's index.html. */
  report: string;
  /** Training run folders, evaluation run folders, the compare run folder. */
  train: string[];
  evaluate: string[];
  compare: string;
  steps: StudyStepRecord[];
  /** Wall-clock seconds of this invocation. */
  seconds: number;
}

/** The name a report step writes beside index.html to mark it finished. */
export const REPORT_MARKER = "report.json";

async function lastCheckpoint(path: string): Promise<number | null> {
  const { listCheckpoints } = await import("../train_job.ts");
  const all = await listCheckpoints(path);
  return all.length === 0 ? null : all[all.length - 1].iteration;
}

/** A folder to inspect, and what it should have been made from. */
export interface FolderCheck {
  path: string;
  /**
   * run: finished when it holds summary.json; train: also its last
   * checkpoint; report: finished when it holds index.html and report.json;
   * file: finished when `file` exists.
   */
  kind: "run" | "train" | "report" | "file";
  /** run and train: the config hash its manifest.json must record (else it is stale). */
  configHash?: string;
  /** report: the run folders it must have been built from (else it is stale). */
  runs?: string[];
  /** file: the file that marks it finished. */
  file?: string;
}

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  try {
    const v = JSON.parse(await Deno.readTextFile(path));
    return v !== null && typeof v === "object" ? v : null;
  } catch {
    return null;
  }
}

/** Reads what each folder holds (the plan's input); folders holding nothing are left out. */
export async function inspectFolders(
  checks: readonly FolderCheck[],
): Promise<Record<string, FolderState>> {
  const out: Record<string, FolderState> = {};
  for (const c of checks) {
    let finished = false;
    let checkpoint: number | null = null;
    let stale = false;
    if (c.kind === "file") finished = await pathExists(c.file ?? c.path);
    else if (c.kind === "report") {
      const marker = await readJson(join(c.path, REPORT_MARKER));
      finished = marker !== null && await pathExists(join(c.path, "index.html"));
      if (finished && c.runs !== undefined) {
        const runs = Array.isArray(marker!.runs)
          ? (marker!.runs as { path?: unknown }[]).map((r) => r.path)
          : [];
        stale = JSON.stringify(runs) !== JSON.stringify(c.runs);
      }
    } else {
      finished = await isCompleteRun(c.path);
      if (!finished && c.kind === "train") checkpoint = await lastCheckpoint(c.path);
      if ((finished || checkpoint !== null) && c.configHash !== undefined) {
        const manifest = await readJson(join(c.path, "manifest.json"));
        stale = manifest?.configHash !== c.configHash;
      }
    }
    if (finished || checkpoint !== null) {
      out[c.path] = stale ? { finished, checkpoint, stale } : { finished, checkpoint };
    }
  }
  return out;
}

/** The training config of one run of the study. */
export async function studyTrainingConfig(
  preset: StudyPreset,
  algorithm: string,
  seed: number,
  data: StudyData | null,
  set: string[] = [],
): Promise<LoadedConfig<TrainingConfig>> {
  const extra: Record<string, unknown> = {
    ...preset.training,
    "training.algorithm": algorithm,
    "training.seed": seed,
  };
  if (data !== null) {
    const f = data.plan.messageFiles;
    extra["environment.market"] = "replay";
    extra["environment.replay.message_file"] = f.train[0];
    extra["environment.replay.orderbook_file"] = "auto";
    extra["environment.scaler"] = data.plan.scaler;
    if (f.validation.length > 0) {
      extra["training.eval_environment"] = {
        replay: { message_file: f.validation[0], orderbook_file: "auto" },
      };
    }
  }
  const { loadTrainingConfig } = await import("../../rl/training/config.ts");
  return await loadTrainingConfig({
    ...(preset.trainingConfig === undefined ? {} : { file: preset.trainingConfig }),
    preset: preset.trainingPreset,
    extra,
    overrides: set,
  });
}

async function checkNames(
  algorithms: string[],
  baselines: string[],
  seeds: number[],
): Promise<void> {
  for (const a of algorithms) {
    if (!(STUDY_ALGORITHMS as readonly string[]).includes(a)) {
      throw new UsageError(
        `--algorithms: expected ${STUDY_ALGORITHMS.join(" or ")}, found "${a}"`,
      );
    }
  }
  if (algorithms.length === 0) {
    throw new UsageError("--algorithms: expected at least one algorithm, found none");
  }
  if (new Set(algorithms).size !== algorithms.length) {
    throw new UsageError(`--algorithms: expected distinct names, found ${algorithms.join(", ")}`);
  }
  const { baselineSpec } = await import("../../baselines/registry.ts");
  for (const b of baselines) baselineSpec(b);
  if (seeds.length === 0) throw new UsageError("--seeds: expected at least one seed, found none");
  if (new Set(seeds).size !== seeds.length) {
    throw new UsageError(`--seeds: expected distinct seeds, found ${seeds.join(",")}`);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Runs the study (see the module docs) and returns where everything is. */
export async function runStudy(
  options: StudyOptions,
  ctx: StudyContext = {},
): Promise<StudyResult> {
  const t0 = performance.now();
  const log = ctx.log ?? (() => {});
  const preset = typeof options.preset === "string" ? studyPreset(options.preset) : options.preset;
  const seeds = options.seeds ?? [1];
  const algorithms = options.algorithms ?? [...preset.algorithms];
  const baselines = options.baselines ?? [...preset.evaluation.baselines];
  const evaluationSeeds = options.evaluationSeeds ?? [...preset.evaluation.seeds];
  const dir = options.dir ?? join("outputs", "experiments", preset.name);
  const argv = options.argv ?? [];
  await checkNames(algorithms, baselines, seeds);
  if (evaluationSeeds.length === 0) {
    throw new UsageError("--episodes: expected at least one evaluation episode, found none");
  }
  const layout = studyLayout(dir);

  // Every config is loaded and checked before anything runs.
  const data = preset.data === null ? null : await loadStudyData(preset.data, layout.data);
  const configs = new Map<string, LoadedConfig<TrainingConfig>>();
  for (const a of algorithms) {
    for (const s of seeds) {
      configs.set(layout.train(a, s), await studyTrainingConfig(preset, a, s, data, options.set));
    }
  }

  const trainPaths: string[] = [];
  const evalPaths: string[] = [];
  const evalOptions = new Map<string, EvaluateOptions>();
  for (const a of algorithms) {
    for (const s of seeds) {
      trainPaths.push(layout.train(a, s));
      evalPaths.push(layout.evaluate(a, s));
      evalOptions.set(layout.evaluate(a, s), {
        trainRun: layout.train(a, s),
        seeds: evaluationSeeds,
        split: "test",
        baselines,
        ...(data === null ? {} : { testFile: data.plan.messageFiles.test[0] }),
      });
    }
  }
  const reference = preset.compare.reference ?? baselines[0];
  const compareOptions = {
    runs: evalPaths,
    ...(reference === undefined ? {} : { reference }),
    resamples: preset.compare.resamples,
    seed: 0,
  };
  // The realism check of replay studies: simulated days against real data, when there is some.
  const realism = data === null ? null : await studyRealismConfig(layout.sim, options.realData);
  const realData = realism === null ? null : await findStudyRealData(realism.config);
  if (realData !== null && realData.found === 0) {
    log(`realism: skipped: ${realData.note}`);
  }
  const withRealism = realData !== null && realData.found > 0;
  const reportRuns = [
    ...(withRealism ? [layout.realism] : []),
    ...trainPaths,
    ...evalPaths,
    layout.compare,
  ];

  const checks: FolderCheck[] = [];
  if (data !== null) {
    checks.push({ path: layout.sim, kind: "run" });
    checks.push({ path: layout.datasets, kind: "file", file: data.plan.scaler });
    if (realism !== null) {
      checks.push({ path: layout.realism, kind: "run", configHash: realism.hash });
    }
  }
  for (const t of trainPaths) {
    checks.push({ path: t, kind: "train", configHash: configs.get(t)!.hash });
  }
  for (const [e, opts] of evalOptions) {
    checks.push({ path: e, kind: "run", configHash: await hashConfig(opts) });
  }
  checks.push({ path: layout.compare, kind: "run", configHash: await hashConfig(compareOptions) });
  checks.push({ path: layout.report, kind: "report", runs: reportRuns });
  const states = await inspectFolders(checks);
  const plan: PlannedStep[] = planStudy(
    {
      dir,
      algorithms,
      seeds,
      withData: data !== null,
      ...(realData === null ? {} : { realData: realData.found > 0 }),
    },
    states,
  );
  const records: StudyStepRecord[] = plan.map((p) => ({
    id: p.id,
    kind: p.kind,
    path: p.path,
    action: p.action,
    reason: p.reason,
    state: "pending",
    seconds: null,
    detail: null,
    error: null,
  }));
  const file: StudyFile = {
    format: 1,
    preset: preset.name,
    description: preset.description,
    dir,
    algorithms,
    seeds,
    baselines,
    evaluationSeeds,
    state: "running",
    startedAt: new Date().toISOString(),
    finishedAt: null,
    report: null,
    steps: records,
  };
  await Deno.mkdir(dir, { recursive: true });
  const save = () => writeJsonAtomic(layout.studyFile, file);
  await save();

  const ran = new Set<string>();

  const work: Record<StudyStepKind, (p: PlannedStep) => Promise<string>> = {
    simulate: async () => {
      const { simulateStudyData } = await import("./data_steps.ts");
      const s = await simulateStudyData(data!, argv);
      return `${plural(s.totals.sessions, "session")}, ${s.totals.events} events (${
        s.dates.join(", ")
      })`;
    },
    prepare: async () => {
      const { prepareStudyData } = await import("./data_steps.ts");
      const r = await prepareStudyData(data!, { log });
      const stages = r.summary.stages.map((s) => `${s.stage} ${s.status}`).join(", ");
      if (r.summary.stages.every((s) => s.status !== "ran")) throw new Skipped(stages);
      return stages;
    },
    realism: async (p) => {
      await Deno.remove(p.path, { recursive: true }).catch(() => {});
      const s = await runStudyRealism(realism!, p.path, argv);
      for (const n of s.notes) log(`realism: ${n}`);
      const count = (g: string) => s.sessions.filter((x) => x.group === g).length;
      return `${plural(count("sim"), "simulated session")} against ${
        plural(count("real"), "real session")
      }`;
    },
    train: async (p) => {
      const loaded = configs.get(p.path)!;
      if (p.action === "run") await Deno.remove(p.path, { recursive: true }).catch(() => {});
      const { runTrainJob } = await import("../train_job.ts");
      const run = await createRunDir({
        command: "train",
        out: p.path,
        config: loaded.config,
        configHash: loaded.hash,
        configYaml: loaded.yaml,
        seed: loaded.config.training.seed,
        argv,
        backend: loaded.config.training.backend,
      });
      const s = await runTrainJob(loaded.config, run, {
        log,
        progress: ctx.progress,
        resume: p.action === "resume",
      });
      await run.finish(s);
      return `${s.algorithm} on ${s.market} (${s.backend}): ${s.iterations} iterations, ${s.episodes} episodes, best evaluation return ${
        s.bestEvalReturn.toFixed(3)
      }${s.resumedFrom === null ? "" : `, resumed from iteration ${s.resumedFrom}`}`;
    },
    evaluate: async (p) => {
      const { runEvaluateJob } = await import("../evaluate_job.ts");
      const opts = evalOptions.get(p.path)!;
      const run = await createRunDir({
        command: "evaluate",
        out: p.path,
        config: opts,
        configHash: await hashConfig(opts),
        configYaml: stringify(opts),
        seed: evaluationSeeds[0],
        argv,
      });
      const s = await runEvaluateJob(opts, run);
      await run.finish(s);
      const pnl = Object.entries(s.strategies).map(([n, v]) =>
        `${n} ${v.metrics.terminal_pnl.mean.toFixed(2)}`
      );
      return `${plural(s.seeds.length, "episode")} on ${s.market}; mean PnL: ${pnl.join(", ")}`;
    },
    compare: async (p) => {
      const { runCompareJob } = await import("../compare_job.ts");
      const opts = compareOptions;
      const run = await createRunDir({
        command: "compare",
        out: p.path,
        config: opts,
        configHash: await hashConfig(opts),
        configYaml: stringify(opts),
        seed: 0,
        argv,
      });
      const s = await runCompareJob(evalPaths, opts, run);
      await run.finish(s);
      return `reference ${s.reference}; strategies: ${s.strategies.join(", ")}`;
    },
    report: async (p) => {
      const { buildReport } = await import("../../report/build.ts");
      await Deno.remove(join(p.path, REPORT_MARKER)).catch(() => {});
      const r = await buildReport({
        runs: reportRuns,
        outDir: p.path,
        exportFigures: options.exportFigures !== false,
      });
      for (const n of r.notes) log(`report: ${n}`);
      await writeJsonAtomic(join(p.path, REPORT_MARKER), r);
      return `${r.figures} figures, ${r.exported.length} files exported`;
    },
  };

  for (const [i, p] of plan.entries()) {
    const rec = records[i];
    const upstreamRan = p.needs.some((n) => ran.has(n));
    if (p.action === "skip" && !upstreamRan) {
      rec.state = "skipped";
      ctx.onStep?.(rec);
      continue;
    }
    if (p.action === "skip") {
      rec.action = "run";
      rec.reason = `${p.needs.find((n) => ran.has(n))} ran`;
    }
    rec.state = "running";
    await save();
    log(`${p.id}: ${rec.action} (${rec.reason}) …`);
    const start = performance.now();
    try {
      rec.detail = await work[p.kind](p);
      rec.state = "done";
      ran.add(p.id);
    } catch (err) {
      if (err instanceof Skipped) {
        rec.state = "skipped";
        rec.detail = err.message;
      } else {
        rec.state = "failed";
        rec.error = err instanceof Error ? err.message : String(err);
        rec.seconds = (performance.now() - start) / 1000;
        file.state = "failed";
        file.finishedAt = new Date().toISOString();
        await save();
        ctx.onStep?.(rec);
        throw err;
      }
    }
    rec.seconds = (performance.now() - start) / 1000;
    await save();
    ctx.onStep?.(rec);
  }
  const report = join(layout.report, "index.html");
  file.state = "finished";
  file.finishedAt = new Date().toISOString();
  file.report = report;
  await save();
  return {
    dir,
    studyFile: layout.studyFile,
    report,
    train: trainPaths,
    evaluate: evalPaths,
    compare: layout.compare,
    steps: records,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** A step that found nothing to do (the prepare job skipped every stage). */
class Skipped extends Error {}

/** The line printed for a finished step. */
export function studyStepLine(r: StudyStepRecord): string {
  const head = `${r.kind.padEnd(8)} ${r.id.padEnd(24)}`;
  const time = r.seconds === null ? "" : ` in ${r.seconds.toFixed(1)} s`;
  if (r.state === "skipped") {
    return `${head} skipped${time}: ${r.detail ?? r.reason}`;
  }
  if (r.state === "failed") return `${head} failed${time}: ${r.error}`;
  const verb = r.action === "resume" ? "resumed" : "ran";
  return `${head} ${verb}${time}${r.detail === null ? "" : `: ${r.detail}`}`;
}
