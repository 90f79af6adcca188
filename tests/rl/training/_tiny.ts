/** A tiny training config on the AS-model market (cpu, small networks) for the training tests. */

import { createRunDir, type RunDir } from "../../../lib/core/run_dir.ts";
import { type TrainingConfig, TrainingConfigSchema } from "../../../lib/config/schemas/training.ts";

/** A few-second config: K = 2, 50-step episodes, 8-unit networks, cpu. */
export function tinyConfig(
  algorithm: "mappo" | "maddpg",
  training: Record<string, unknown> = {},
): TrainingConfig {
  return TrainingConfigSchema.parse({
    training: {
      algorithm,
      backend: "cpu",
      envs: 2,
      episodes: null,
      updates: 6,
      seed: 3,
      steps_per_iteration: 25,
      eval_every: 2,
      eval_episodes: 2,
      checkpoint_every: 2,
      keep_last: 2,
      environment_file: null,
      mappo: { hidden: [8], rollout_steps: 20, epochs: 2 },
      maddpg: { hidden: [8], batch: 16, buffer: 1000, warmup_steps: 40, updates_per_step: 0.5 },
      ...training,
    },
    environment: {
      market: "as_model",
      agents: { market_makers: 1, market_takers: 0 },
      as_model: { model: { horizon_T: 0.25 } },
    },
  });
}

/** A run folder in a new temporary folder. */
export async function tinyRun(cfg: TrainingConfig, out?: string): Promise<RunDir> {
  return await createRunDir({
    command: "train",
    out: out ?? await Deno.makeTempDir(),
    config: cfg,
    configHash: "0123456789abcdef",
    configYaml: "",
    seed: cfg.training.seed,
    argv: [],
  });
}
