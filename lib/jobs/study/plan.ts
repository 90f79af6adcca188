/**
 * Which runs a study needs, and what to do with each (pure: the caller
 * passes what the study folder already holds).
 *
 * Layout of a study folder (deterministic names, so an interrupted study is
 * found again):
 *
 * | path | what |
 * | --- | --- |
 * | `data/sim/` | simulated days (replay studies only; a simulate run folder) |
 * | `data/interim/`, `data/features/`, `data/datasets/<name>/` | the prepare job's stores |
 * | `realism/` | stylized facts of the simulated days against real LOBSTER data (a realism run folder) |
 * | `train/<algorithm>-seed<k>/` | one training run per algorithm and seed |
 * | `evaluate/<algorithm>-seed<k>/` | its evaluation with the baselines on the test split |
 * | `compare/` | the comparison table of every evaluation |
 * | `report/` | `index.html`, `figures/`, `report.json` |
 * | `study.json` | the runs and their state |
 *
 * Actions: a training run whose folder holds `summary.json` is skipped, one
 * with a checkpoint is resumed, any other is run from the start; a folder
 * made from another config (`stale`) is run again from the start. An
 * evaluation, the comparison and the report are skipped when finished and
 * nothing they read runs again; the prepare job always checks its stamps
 * (it skips unchanged stages itself). The realism check (replay studies,
 * `realData` given) runs like an evaluation: skipped when finished and the
 * simulation does not run again; with `realData: false` (no real data found)
 * it is always skipped, and the report is built without it.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { planStudy } from "./plan.ts";
 * const plan = planStudy({
 *   dir: "s", algorithms: ["mappo"], seeds: [1, 2], withData: false,
 * }, { "s/train/mappo-seed1": { finished: true, checkpoint: null },
 *      "s/evaluate/mappo-seed1": { finished: true, checkpoint: null },
 *      "s/train/mappo-seed2": { finished: false, checkpoint: 10 } });
 * assert.deepEqual(plan.map((r) => `${r.id} ${r.action}`), [
 *   "train/mappo-seed1 skip", "train/mappo-seed2 resume",
 *   "evaluate/mappo-seed1 skip", "evaluate/mappo-seed2 run", "compare run", "report run",
 * ]);
 * ```
 * @module
 */

import { join } from "node:path";

/** The kinds of step in a study, in the order they run. */
export const STUDY_STEP_KINDS = [
  "simulate",
  "prepare",
  "realism",
  "train",
  "evaluate",
  "compare",
  "report",
] as const;
/** One kind. */
export type StudyStepKind = typeof STUDY_STEP_KINDS[number];

/** What a study does with a step. */
export type StudyAction = "run" | "resume" | "skip" | "check";

/** What a step's folder holds now. */
export interface FolderState {
  /** The step finished (a run folder's `summary.json`, the report's `report.json`). */
  finished: boolean;
  /** The last checkpoint's iteration (training runs), else null. */
  checkpoint: number | null;
  /**
   * What the folder holds was made from another config (or, for the
   * comparison and the report, from other runs): it is run again from the
   * start, whatever it holds.
   */
  stale?: boolean;
}

/** What {@linkcode planStudy} needs to know. */
export interface PlanRequest {
  /** The study folder. */
  dir: string;
  /** Algorithms, in order. */
  algorithms: readonly string[];
  /** Training seeds, in order. */
  seeds: readonly number[];
  /** Whether the study builds market data first (replay studies). */
  withData: boolean;
  /**
   * Replay studies: whether real LOBSTER data was found for the realism
   * check (false: the step is planned as skipped); absent = no realism step.
   */
  realData?: boolean;
}

/** One planned step. */
export interface PlannedStep {
  /** Unique id, the path relative to the study folder ("train/mappo-seed1", "compare"). */
  id: string;
  kind: StudyStepKind;
  /** Its folder. */
  path: string;
  action: StudyAction;
  /** Why this action. */
  reason: string;
  /** Training and evaluation steps: the algorithm and seed. */
  algorithm?: string;
  seed?: number;
  /** Ids of the steps whose outputs it reads. */
  needs: string[];
}

/** Folder name of an algorithm's run with seed `seed`: `<algorithm>-seed<k>`. */
export function runName(algorithm: string, seed: number): string {
  return `${algorithm}-seed${seed}`;
}

/** The fixed paths of a study folder. */
export interface StudyLayout {
  dir: string;
  data: string;
  sim: string;
  realism: string;
  interim: string;
  features: string;
  datasets: string;
  compare: string;
  report: string;
  studyFile: string;
  train(algorithm: string, seed: number): string;
  evaluate(algorithm: string, seed: number): string;
}

/** The paths of the study folder `dir` (see the module docs). */
export function studyLayout(dir: string): StudyLayout {
  const data = join(dir, "data");
  return {
    dir,
    data,
    sim: join(data, "sim"),
    realism: join(dir, "realism"),
    interim: join(data, "interim"),
    features: join(data, "features"),
    datasets: join(data, "datasets"),
    compare: join(dir, "compare"),
    report: join(dir, "report"),
    studyFile: join(dir, "study.json"),
    train: (a, s) => join(dir, "train", runName(a, s)),
    evaluate: (a, s) => join(dir, "evaluate", runName(a, s)),
  };
}

const NOTHING: FolderState = { finished: false, checkpoint: null };

/**
 * The steps of a study and their actions (see the module docs). `states`
 * maps a step's folder path to what it holds; a missing entry is an empty
 * folder.
 */
export function planStudy(
  req: PlanRequest,
  states: Readonly<Record<string, FolderState>>,
): PlannedStep[] {
  const layout = studyLayout(req.dir);
  const state = (path: string): FolderState => {
    const s = states[path] ?? NOTHING;
    return s.stale === true ? NOTHING : s;
  };
  const stale = (path: string) => states[path]?.stale === true;
  const steps: PlannedStep[] = [];
  const runs = (ids: string[]) => steps.filter((s) => ids.includes(s.id) && s.action !== "skip");
  const id = (path: string) => path.slice(req.dir.length).replace(/^\/+/, "");

  const dataNeeds: string[] = [];
  if (req.withData) {
    const sim = state(layout.sim);
    steps.push({
      id: id(layout.sim),
      kind: "simulate",
      path: layout.sim,
      action: sim.finished ? "skip" : "run",
      reason: sim.finished ? "finished (summary.json)" : "no finished simulation",
      needs: [],
    });
    const prepared = state(layout.datasets);
    const simRuns = !sim.finished;
    steps.push({
      id: id(layout.datasets),
      kind: "prepare",
      path: layout.datasets,
      action: prepared.finished && !simRuns ? "check" : "run",
      reason: simRuns
        ? "the simulation runs"
        : prepared.finished
        ? "the prepare job skips the stages whose inputs and config are unchanged"
        : "no dataset yet",
      needs: [id(layout.sim)],
    });
    dataNeeds.push(id(layout.datasets));
  }

  const realismIds: string[] = [];
  if (req.withData && req.realData !== undefined) {
    const path = layout.realism;
    const simRuns = runs([id(layout.sim)]).length > 0;
    const done = state(path).finished;
    steps.push({
      id: id(path),
      kind: "realism",
      path,
      action: req.realData && (!done || simRuns) ? "run" : "skip",
      reason: !req.realData
        ? "no real LOBSTER data found"
        : simRuns
        ? "the simulation runs"
        : stale(path)
        ? "its config changed since it ran"
        : done
        ? "finished (summary.json)"
        : "not checked yet",
      // Without real data nothing upstream can make it run.
      needs: req.realData ? [id(layout.sim)] : [],
    });
    if (req.realData) realismIds.push(id(path));
  }

  const trainIds: string[] = [];
  for (const algorithm of req.algorithms) {
    for (const seed of req.seeds) {
      const path = layout.train(algorithm, seed);
      const s = state(path);
      const action: StudyAction = s.finished ? "skip" : s.checkpoint !== null ? "resume" : "run";
      steps.push({
        id: id(path),
        kind: "train",
        path,
        action,
        reason: stale(path)
          ? "its config changed since it ran"
          : action === "skip"
          ? "finished (summary.json)"
          : action === "resume"
          ? `checkpoint at iteration ${s.checkpoint}`
          : "no checkpoint",
        algorithm,
        seed,
        needs: [...dataNeeds],
      });
      trainIds.push(id(path));
    }
  }

  const evalIds: string[] = [];
  for (const algorithm of req.algorithms) {
    for (const seed of req.seeds) {
      const path = layout.evaluate(algorithm, seed);
      const trainId = id(layout.train(algorithm, seed));
      const upstream = runs([trainId]).length > 0;
      const done = state(path).finished;
      steps.push({
        id: id(path),
        kind: "evaluate",
        path,
        action: done && !upstream ? "skip" : "run",
        reason: upstream
          ? `${trainId} runs`
          : stale(path)
          ? "its config changed since it ran"
          : done
          ? "finished (summary.json)"
          : "not evaluated yet",
        algorithm,
        seed,
        needs: [trainId, ...dataNeeds],
      });
      evalIds.push(id(path));
    }
  }

  const downstream = (path: string, kind: StudyStepKind, needs: string[]) => {
    const upstream = runs(needs);
    const done = state(path).finished;
    steps.push({
      id: id(path),
      kind,
      path,
      action: done && upstream.length === 0 ? "skip" : "run",
      reason: upstream.length > 0
        ? `${upstream[0].id}${upstream.length > 1 ? ` and ${upstream.length - 1} more` : ""} run`
        : stale(path)
        ? "built from other runs"
        : done
        ? "finished"
        : "not built yet",
      needs,
    });
  };
  downstream(layout.compare, "compare", evalIds);
  downstream(layout.report, "report", [
    ...realismIds,
    ...trainIds,
    ...evalIds,
    id(layout.compare),
  ]);
  return steps;
}
