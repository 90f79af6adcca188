/**
 * Small real runs for the report: a tiny MAPPO training run on the
 * agent-based market with two market makers, its evaluation (with a
 * baseline, the control and the solo runs) on three test seeds, and the
 * comparison of both, all in a temp folder.
 */

import { stringify } from "yaml";
import { TrainingConfigSchema } from "../../lib/config/schemas/training.ts";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { runCompareJob } from "../../lib/jobs/compare_job.ts";
import { runEvaluateJob } from "../../lib/jobs/evaluate_job.ts";
import { runTrainJob } from "../../lib/jobs/train_job.ts";

async function runDir(root: string, command: string, config: unknown) {
  return await createRunDir({
    command,
    root,
    config,
    configHash: "0123456789abcdef",
    configYaml: stringify(config),
    seed: 1,
    argv: [],
  });
}

/** Temp root with train/, evaluate/ and compare/ runs; returns their paths. */
export async function makeEvaluationRuns(): Promise<
  { root: string; train: string; evaluate: string; compare: string }
> {
  const root = await Deno.makeTempDir({ prefix: "report_eval_" });
  const cfg = TrainingConfigSchema.parse({
    training: {
      algorithm: "mappo",
      backend: "cpu",
      envs: 1,
      episodes: null,
      updates: 2,
      seed: 3,
      steps_per_iteration: 20,
      eval_every: 1,
      eval_episodes: 1,
      checkpoint_every: 2,
      keep_last: 1,
      environment_file: null,
      mappo: { hidden: [8], rollout_steps: 20, epochs: 1 },
    },
    environment: {
      market: "abm",
      episode_seconds: 4,
      decision_ms: 200,
      agents: { market_makers: 2, market_takers: 0 },
    },
  });
  const train = await runDir(root, "train", cfg);
  const trained = await runTrainJob(cfg, train, { progress: false });
  await train.finish(trained);
  const ev = await runDir(root, "evaluate", {});
  const s = await runEvaluateJob({
    trainRun: train.path,
    seeds: [1, 2, 3],
    split: "test",
    baselines: ["avellaneda-stoikov"],
  }, ev);
  await ev.finish(s);
  const cmp = await runDir(root, "compare", {});
  const c = await runCompareJob(
    [ev.path],
    { reference: "avellaneda-stoikov", resamples: 200 },
    cmp,
  );
  await cmp.finish(c);
  return { root, train: train.path, evaluate: ev.path, compare: cmp.path };
}
