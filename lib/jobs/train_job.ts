/**
 * The job behind `deno task train`: trains MAPPO or MADDPG on the
 * environment the config describes and writes into the run folder:
 *
 * - `updates.parquet`: one row per iteration (`iteration`, cumulative
 *   `updates`, `agent_steps`, `episodes`, `mean_episode_return`,
 *   `mean_reward`, the algorithm's loss columns, `eval_return` (NaN when no
 *   evaluation ran), and the wall-clock `seconds` and `steps_per_second`);
 * - `episodes.parquet`: one row per finished training episode and agent
 *   (`iteration`, `episode`, `env`, `agent`, `return`, `length`);
 *   both rewritten atomically at every checkpoint;
 * - `checkpoints/<iteration>/`: `state.json` + `state.bin` (networks,
 *   optimiser moments, normaliser statistics, replay buffer, RNG streams,
 *   and the loop's own state and metrics), written into a temporary folder
 *   then renamed; the last `keep_last` are kept;
 * - `models/best/<agent>/` (best deterministic evaluation so far) and
 *   `models/final/<agent>/`: model.json + weights.bin per actor
 *   (lib/rl/training/policy_files.ts; `loadPolicy` reads them).
 *
 * Resuming (`resume`) restores the last checkpoint and continues; the envs
 * restart from a stored seed at every checkpoint in every run, so a resumed
 * run reaches the same result as an uninterrupted one (bit for bit on cpu).
 * Missing data the config names (a simulated replay day, the scaler) is
 * built first (./train_data.ts).
 * A non-finite loss, gradient or parameter stops training with a
 * {@linkcode NonFiniteError} naming it and the last good checkpoint.
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { Rng, type RngState } from "../core/rng.ts";
import { UsageError } from "../core/errors.ts";
import type { RunDir } from "../core/run_dir.ts";
import { deepMerge } from "../config/_merge.ts";
import {
  type EnvironmentSection,
  EnvironmentSectionSchema,
} from "../config/schemas/environment.ts";
import type { TrainingConfig } from "../config/schemas/training.ts";
import { createVecEnv } from "../env/make_env.ts";
import { selectBackend } from "../rl/backend/select.ts";
import { NonFiniteError } from "../rl/nn/finite.ts";
import { createLearner, evaluate, type Learner } from "../rl/training/learner.ts";
import { type SteppableVecEnv, TrackedVecEnv } from "../rl/training/tracked_env.ts";
import { readState, writeState } from "../rl/training/state_io.ts";
import { saveActors } from "../rl/training/policy_files.ts";
import { createTrainProgress } from "../rl/training/train_progress.ts";
import { ensureTrainingData } from "./train_data.ts";

export { ensureTrainingData };

/** First evaluation seed: training env seeds are drawn below 2^30. */
export const EVAL_SEED_BASE = 2 ** 31;

/** Options of {@linkcode runTrainJob}. */
export interface TrainJobOptions {
  /** Diagnostic lines (backend choice, data preparation, checkpoints). */
  log?: (line: string) => void;
  /** Draw the progress line (default: stderr is a terminal, not CI). */
  progress?: boolean;
  /** Continue from the last checkpoint in the run folder. */
  resume?: boolean;
  /** Replaces the prepare step that builds a missing scaler (tests; see ./train_data.ts). */
  prepareData?: (env: EnvironmentSection, log: (line: string) => void) => Promise<void>;
  /** Data config used to simulate or prepare missing data (default configs/data.yaml). */
  dataConfig?: string;
  /** Features config of that prepare step (default configs/features.yaml). */
  featuresConfig?: string;
  /** Called after each iteration (tests use it to interrupt a run). */
  onIteration?: (iteration: number) => void | Promise<void>;
  /** Verify a non-cpu backend op by op on selection (default true). */
  verifyBackend?: boolean;
}

/** The run's `summary.json` (deterministic: no timings). */
export interface TrainSummary {
  algorithm: "mappo" | "maddpg";
  backend: string;
  seed: number;
  market: string;
  envs: number;
  agents: string[];
  hidden: number[];
  iterations: number;
  updates: number;
  agentSteps: number;
  episodes: number;
  finalEvalReturn: number;
  bestEvalReturn: number;
  bestIteration: number;
  resumedFrom: number | null;
  checkpoints: string[];
}

interface LoopState {
  iteration: number;
  updates: number;
  agentSteps: number;
  episodesEnded: number;
  envSeed: number;
  rng: RngState;
  bestEval: number;
  bestIteration: number;
  seconds: number;
  /** Metric columns (updates.parquet). */
  metrics: Record<string, number[]>;
  /** Episode columns (episodes.parquet). */
  episodes: {
    iteration: number[];
    episode: number[];
    env: number[];
    agent: string[];
    ret: number[];
    length: number[];
  };
}

/** Checkpoint folders of a run, oldest first. */
export async function listCheckpoints(
  runPath: string,
): Promise<{ iteration: number; path: string }[]> {
  const dir = join(runPath, "checkpoints");
  const out: { iteration: number; path: string }[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      if (e.isDirectory && /^\d+$/.test(e.name)) {
        out.push({ iteration: Number(e.name), path: join(dir, e.name) });
      }
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return out.sort((a, b) => a.iteration - b.iteration);
}

function evalEnvironment(cfg: TrainingConfig): EnvironmentSection {
  const over = cfg.training.eval_environment;
  if (Object.keys(over).length === 0) return cfg.environment;
  const r = EnvironmentSectionSchema.safeParse(deepMerge(cfg.environment, over));
  if (!r.success) {
    throw new UsageError(
      `training.eval_environment: expected environment keys, found ${
        r.error.issues[0].path.join(".")
      }: ${r.error.issues[0].message}`,
    );
  }
  return r.data;
}

function toFloat(xs: number[]): Float64Array {
  return Float64Array.from(xs);
}

async function writeFrames(run: RunDir, s: LoopState): Promise<void> {
  const m = pl.DataFrame(
    Object.entries(s.metrics).map(([k, v]) =>
      k === "iteration" ? pl.Series(k, Int32Array.from(v)) : pl.Series(k, toFloat(v))
    ),
  );
  await run.writeBytes("updates.parquet", m.writeParquet({ compression: "zstd" }));
  const e = s.episodes;
  const ep = pl.DataFrame([
    pl.Series("iteration", Int32Array.from(e.iteration)),
    pl.Series("episode", Int32Array.from(e.episode)),
    pl.Series("env", Int32Array.from(e.env)),
    pl.Series("agent", e.agent),
    pl.Series("return", toFloat(e.ret)),
    pl.Series("length", Int32Array.from(e.length)),
  ]);
  await run.writeBytes("episodes.parquet", ep.writeParquet({ compression: "zstd" }));
}

async function writeFolderAtomic(
  target: string,
  fill: (dir: string) => Promise<void>,
): Promise<void> {
  const parent = join(target, "..");
  await Deno.mkdir(parent, { recursive: true });
  const tmp = await Deno.makeTempDir({ dir: parent, prefix: ".tmp-" });
  try {
    await fill(tmp);
    await Deno.remove(target, { recursive: true }).catch(() => {});
    await Deno.rename(tmp, target);
  } catch (err) {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
    throw err;
  }
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return "-";
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : x.toFixed(3);
}

/** Trains per `cfg` into `run` (see the module docs) and returns the summary. */
export async function runTrainJob(
  cfg: TrainingConfig,
  run: RunDir,
  opts: TrainJobOptions = {},
): Promise<TrainSummary> {
  const log = opts.log ?? (() => {});
  const t = cfg.training;
  const evalEnv = evalEnvironment(cfg);
  const dataOptions = {
    log,
    dataConfig: opts.dataConfig,
    featuresConfig: opts.featuresConfig,
    prepare: opts.prepareData,
  };
  await ensureTrainingData(cfg.environment, dataOptions);
  if (evalEnv !== cfg.environment) await ensureTrainingData(evalEnv, dataOptions);
  const backend = await selectBackend(t.backend, { log, verify: opts.verifyBackend });
  run.manifest.backend = backend.name;

  const vec = new TrackedVecEnv(
    (await createVecEnv(cfg.environment, t.envs)) as unknown as SteppableVecEnv,
  );
  const evalVec = new TrackedVecEnv(
    (await createVecEnv(evalEnv, t.eval_episodes)) as unknown as SteppableVecEnv,
  );
  const learner: Learner = createLearner(t, vec, t.seed);
  const lossCols = learner.lossColumns;
  const metricCols = [
    "iteration",
    "updates",
    "agent_steps",
    "episodes",
    "mean_episode_return",
    "mean_reward",
    ...lossCols,
    "eval_return",
    "seconds",
    "steps_per_second",
  ];
  let rng = Rng.fromSeed(t.seed).derive("trainer");
  let s: LoopState = {
    iteration: 0,
    updates: 0,
    agentSteps: 0,
    episodesEnded: 0,
    envSeed: 0,
    rng: rng.state(),
    bestEval: -Infinity,
    bestIteration: -1,
    seconds: 0,
    metrics: Object.fromEntries(metricCols.map((c) => [c, []])),
    episodes: { iteration: [], episode: [], env: [], agent: [], ret: [], length: [] },
  };
  let resumedFrom: number | null = null;
  let lastCheckpoint: string | null = null;

  try {
    const checkpoints = opts.resume === true ? await listCheckpoints(run.path) : [];
    if (opts.resume === true && checkpoints.length === 0) {
      throw new UsageError(
        `--resume: expected a checkpoint under ${join(run.path, "checkpoints")}, found none`,
      );
    }
    if (checkpoints.length > 0) {
      const last = checkpoints[checkpoints.length - 1];
      const saved = (await readState(last.path)) as { learner: unknown; loop: LoopState };
      learner.setState(saved.learner);
      s = saved.loop;
      rng = Rng.fromState(s.rng);
      vec.episodesEnded = s.episodesEnded;
      learner.resumeEnvs(s.envSeed);
      resumedFrom = s.iteration;
      lastCheckpoint = last.path;
      log(`resume: continuing from ${last.path} (iteration ${s.iteration})`);
    } else {
      s.envSeed = rng.nextInt(2 ** 30);
      await learner.restartEnvs(s.envSeed);
    }

    const budgetDone = () =>
      (t.updates !== null && s.iteration >= t.updates) ||
      (t.episodes !== null && vec.episodesEnded >= t.episodes);
    const total = t.updates ?? t.episodes ?? 0;
    const bar = createTrainProgress({
      total,
      label: `train ${t.algorithm}`,
      enabled: opts.progress,
    });
    const startSeconds = s.seconds;
    const wallStart = performance.now();
    const evalSeed = EVAL_SEED_BASE + t.eval_seed;

    const checkpoint = async () => {
      await learner.checkParameters(`checkpoint at iteration ${s.iteration}`);
      s.envSeed = rng.nextInt(2 ** 30);
      await learner.restartEnvs(s.envSeed);
      s.rng = rng.state();
      s.episodesEnded = vec.episodesEnded;
      const learnerState = await learner.getState();
      const target = join(run.path, "checkpoints", String(s.iteration));
      await writeFolderAtomic(target, (dir) => writeState(dir, { learner: learnerState, loop: s }));
      lastCheckpoint = target;
      await writeFrames(run, s);
      const all = await listCheckpoints(run.path);
      for (const old of all.slice(0, Math.max(0, all.length - t.keep_last))) {
        await Deno.remove(old.path, { recursive: true });
      }
    };

    let lastEval = NaN;
    while (!budgetDone()) {
      const iterStart = performance.now();
      let r;
      try {
        r = learner.iterate();
        if (t.algorithm === "mappo") {
          await learner.checkParameters(`iteration ${s.iteration + 1}`);
        }
      } catch (err) {
        if (err instanceof NonFiniteError) {
          const cut = err.message.lastIndexOf(": expected finite values");
          const context = cut > 0 ? err.message.slice(0, cut) : `iteration ${s.iteration + 1}`;
          throw new NonFiniteError(
            err.tensorName,
            `${context}; training stopped, the last good checkpoint is ${
              lastCheckpoint ?? "none (no checkpoint written yet)"
            }`,
          );
        }
        throw err;
      }
      s.iteration++;
      s.updates += r.updates;
      s.agentSteps += r.agentSteps;
      for (const e of vec.drain()) {
        s.episodes.iteration.push(s.iteration);
        s.episodes.episode.push(e.episode);
        s.episodes.env.push(e.env);
        s.episodes.agent.push(e.agent);
        s.episodes.ret.push(e.return);
        s.episodes.length.push(e.length);
      }
      const last = budgetDone();
      let evalReturn = NaN;
      if ((t.eval_every > 0 && s.iteration % t.eval_every === 0) || last) {
        evalReturn = evaluate(learner, evalVec, evalSeed).meanReturn;
        lastEval = evalReturn;
        if (evalReturn > s.bestEval) {
          s.bestEval = evalReturn;
          s.bestIteration = s.iteration;
          const actors = await learner.actors();
          await writeFolderAtomic(
            join(run.path, "models", "best"),
            (dir) => saveActors(dir, t.algorithm, actors),
          );
        }
      }
      const iterSeconds = (performance.now() - iterStart) / 1000;
      s.seconds = startSeconds + (performance.now() - wallStart) / 1000;
      const row: Record<string, number> = {
        iteration: s.iteration,
        updates: s.updates,
        agent_steps: s.agentSteps,
        episodes: vec.episodesEnded,
        mean_episode_return: r.meanEpisodeReturn,
        mean_reward: r.meanReward,
        ...r.losses,
        eval_return: evalReturn,
        seconds: s.seconds,
        steps_per_second: iterSeconds > 0 ? r.agentSteps / iterSeconds : NaN,
      };
      for (const c of metricCols) s.metrics[c].push(row[c] ?? NaN);
      const lossText = lossCols.slice(0, 3).map((c) => `${c} ${fmt(r.losses[c])}`).join(" ");
      bar.update(
        t.updates !== null ? s.iteration : vec.episodesEnded,
        `return ${fmt(r.meanEpisodeReturn)} | ${lossText} | ${
          Math.round(row.steps_per_second)
        } steps/s`,
      );
      if (s.iteration % t.checkpoint_every === 0 || last) await checkpoint();
      await opts.onIteration?.(s.iteration);
    }
    bar.done();
    if (Number.isNaN(lastEval) && s.metrics.eval_return.length > 0) {
      lastEval = s.metrics.eval_return.filter((x) => !Number.isNaN(x)).at(-1) ?? NaN;
    }

    const actors = await learner.actors();
    await writeFolderAtomic(
      join(run.path, "models", "final"),
      (dir) => saveActors(dir, t.algorithm, actors),
    );
    return {
      algorithm: t.algorithm,
      backend: backend.name,
      seed: t.seed,
      market: cfg.environment.market,
      envs: t.envs,
      agents: [...vec.agents],
      hidden: [...learner.hidden],
      iterations: s.iteration,
      updates: s.updates,
      agentSteps: s.agentSteps,
      episodes: vec.episodesEnded,
      finalEvalReturn: lastEval,
      bestEvalReturn: s.bestEval,
      bestIteration: s.bestIteration,
      resumedFrom,
      checkpoints: (await listCheckpoints(run.path)).map((c) => c.path),
    };
  } finally {
    learner.dispose();
  }
}
