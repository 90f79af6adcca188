/**
 * `deno task train`: trains MAPPO or MADDPG (lib/jobs/train_job.ts).
 *
 *     deno task train --algorithm mappo --episodes 500 --config configs/training.yaml --seed 1
 *     deno task train --algorithm maddpg --preset quick
 *     deno task train --resume outputs/train/20240102-030405-0123abcd
 *
 * Config layers: configs/environment.yaml (training.environment_file), the
 * training file, the preset (`--preset quick` = configs/presets/quick.yaml),
 * the flags, `--set`. `--resume <run folder>` reads that run's config.yaml and
 * continues from its last checkpoint (`--episodes` / `--updates` may raise
 * the budget).
 * @module
 */

import { loadConfig } from "../../config/load.ts";
import { TrainingConfigSchema } from "../../config/schemas/training.ts";
import { createRunDir } from "../../core/run_dir.ts";
import { join } from "node:path";
import { loadTrainingConfig } from "../../rl/training/config.ts";
import type { Command } from "../command.ts";
import { configFlags } from "./_config_run.ts";

/** The `train` command. */
export const trainCommand: Command = {
  name: "train",
  summary: "Train MAPPO or MADDPG: checkpoints, metrics (Parquet), best and final models",
  description:
    "Trains the chosen algorithm on the environment of the config and writes a run folder with updates.parquet, episodes.parquet, checkpoints/<iteration>/, models/best/<agent>/ and models/final/<agent>/ (model.json + weights.bin). --preset quick trains in minutes on 2 CPU cores; --preset thesis is the full study. --resume <run folder> continues an interrupted run from its last checkpoint.",
  flags: [
    ...configFlags("configs/training.yaml"),
    {
      name: "algorithm",
      type: "string",
      description: "mappo or maddpg (sets training.algorithm)",
      valueName: "name",
    },
    {
      name: "episodes",
      type: "integer",
      description: "Training episodes budget (sets training.episodes)",
    },
    { name: "updates", type: "integer", description: "Iterations budget (sets training.updates)" },
    { name: "seed", type: "integer", description: "Master seed (sets training.seed)" },
    { name: "envs", type: "integer", description: "Vectorised environments (sets training.envs)" },
    {
      name: "backend",
      type: "string",
      description: "auto, tensorflow, wasm or cpu (sets training.backend)",
      valueName: "name",
    },
    {
      name: "preset",
      type: "string",
      description: "Preset merged over the config: quick, thesis, or a .yaml path",
      valueName: "name",
    },
    {
      name: "resume",
      type: "string",
      description: "Continue the run in this folder from its last checkpoint",
      valueName: "dir",
    },
  ],
  async run(ctx) {
    const resume = ctx.flags.resume as string | undefined;
    const budget = {
      "training.episodes": ctx.flags.episodes,
      "training.updates": ctx.flags.updates,
    };
    const loaded = resume !== undefined
      ? await loadConfig(TrainingConfigSchema, {
        file: join(resume, "config.yaml"),
        extra: budget,
        overrides: ctx.flags.set as string[],
      })
      : await loadTrainingConfig({
        file: ctx.flags.config as string,
        preset: ctx.flags.preset as string | undefined,
        extra: {
          "training.algorithm": ctx.flags.algorithm,
          "training.seed": ctx.flags.seed,
          "training.envs": ctx.flags.envs,
          "training.backend": ctx.flags.backend,
          ...budget,
        },
        overrides: ctx.flags.set as string[],
      });
    const cfg = loaded.config;
    const run = await createRunDir({
      command: "train",
      out: resume ?? (ctx.flags.out as string | undefined),
      config: cfg,
      configHash: loaded.hash,
      configYaml: loaded.yaml,
      seed: cfg.training.seed,
      argv: ctx.argv,
      backend: cfg.training.backend,
    });
    const { runTrainJob } = await import("../../jobs/train_job.ts");
    const summary = await runTrainJob(cfg, run, {
      log: ctx.log,
      progress: ctx.quiet ? false : undefined,
      resume: resume !== undefined,
    });
    await run.finish(summary);
    ctx.print(
      `${summary.algorithm} on ${summary.market} (${summary.backend}): ${summary.iterations} iterations, ${summary.episodes} episodes, best evaluation return ${
        summary.bestEvalReturn.toFixed(4)
      } at iteration ${summary.bestIteration}`,
    );
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
