/**
 * `deno task bench train`: training speed per algorithm and backend, end to
 * end (collection in the environment plus the updates), on the
 * Avellaneda-Stoikov model market with 64 vectorised envs and 2×64
 * networks: milliseconds per iteration (MAPPO: one rollout of
 * `rollout_steps` steps + one PPO update; MADDPG: `steps_per_iteration`
 * steps + the gradient steps due), split into collection and updates,
 * milliseconds per gradient update, and agent-steps per second; and the wall time of the quick preset
 * (`configs/presets/quick.yaml`) per algorithm. Targets (issue 6, wasm, 2
 * cores): MAPPO ≥ 20,000 agent-steps/s; quick preset ≤ 300 s.
 * @module
 */

import { Rng } from "../core/rng.ts";
import { createRunDir } from "../core/run_dir.ts";
import { TrainingConfigSchema } from "../config/schemas/training.ts";
import { createVecEnv } from "../env/make_env.ts";
import { selectBackend } from "../rl/backend/select.ts";
import { createLearner } from "../rl/training/learner.ts";
import { type SteppableVecEnv, TrackedVecEnv } from "../rl/training/tracked_env.ts";
import { loadTrainingConfig } from "../rl/training/config.ts";
import { runTrainJob } from "../jobs/train_job.ts";

/** One measured case. */
export interface TrainBenchCase {
  algorithm: "mappo" | "maddpg";
  backend: string;
  K: number;
  agents: number;
  hidden: number[];
  iterations: number;
  msPerIteration: number;
  updatesPerIteration: number;
  msPerUpdate: number;
  /** Milliseconds per iteration spent collecting (env steps, actions, values, GAE). */
  msCollectPerIteration: number;
  /** Milliseconds per iteration spent in gradient updates. */
  msUpdatePerIteration: number;
  agentStepsPerSecond: number;
  /** The target for this case (agent-steps/s), or null. */
  target: number | null;
}

/** The quick preset's wall time. */
export interface QuickPresetFigure {
  algorithm: "mappo" | "maddpg";
  backend: string;
  seconds: number;
  iterations: number;
  finalEvalReturn: number;
  targetSeconds: number;
}

/** Options of {@linkcode runTrainBench}. */
export interface TrainBenchOptions {
  backends?: ("cpu" | "wasm")[];
  /** Timed iterations per case (after one warm-up). */
  iterations?: number;
  /** Also time the quick preset (default true). */
  quick?: boolean;
  log?: (line: string) => void;
}

/** Runs the benchmark cases (see the module docs). */
export async function runTrainBench(
  opts: TrainBenchOptions = {},
): Promise<{ cases: TrainBenchCase[]; quick: QuickPresetFigure[] }> {
  const log = opts.log ?? (() => {});
  const iterations = opts.iterations ?? 5;
  const cases: TrainBenchCase[] = [];
  const quick: QuickPresetFigure[] = [];
  for (const backend of opts.backends ?? ["cpu", "wasm"]) {
    await selectBackend(backend, { log });
    for (const algorithm of ["mappo", "maddpg"] as const) {
      const cfg = TrainingConfigSchema.parse({
        training: {
          algorithm,
          backend,
          envs: 64,
          environment_file: null,
          steps_per_iteration: 64,
          mappo: { hidden: [64, 64], rollout_steps: 64 },
          maddpg: { hidden: [64, 64], batch: 256, warmup_steps: 0, updates_per_step: 0.25 },
        },
        environment: { market: "as_model", agents: { market_makers: 1, market_takers: 0 } },
      });
      const vec = new TrackedVecEnv(
        (await createVecEnv(cfg.environment, 64)) as unknown as SteppableVecEnv,
      );
      const learner = createLearner(cfg.training, vec, 1);
      await learner.restartEnvs(Rng.fromSeed(1).nextInt(2 ** 30));
      learner.iterate(); // warm-up (fills MADDPG's buffer past one batch)
      let steps = 0, updates = 0, collectMs = 0, updateMs = 0;
      const t0 = performance.now();
      for (let i = 0; i < iterations; i++) {
        const r = learner.iterate();
        steps += r.agentSteps;
        updates += r.updates;
        collectMs += r.ms.collect;
        updateMs += r.ms.update;
      }
      const seconds = (performance.now() - t0) / 1000;
      learner.dispose();
      const c: TrainBenchCase = {
        algorithm,
        backend,
        K: 64,
        agents: vec.A,
        hidden: [64, 64],
        iterations,
        msPerIteration: (seconds * 1000) / iterations,
        updatesPerIteration: updates / iterations,
        msPerUpdate: updates > 0 ? (seconds * 1000) / updates : NaN,
        msCollectPerIteration: collectMs / iterations,
        msUpdatePerIteration: updateMs / iterations,
        agentStepsPerSecond: steps / seconds,
        target: algorithm === "mappo" && backend === "wasm" ? 20_000 : null,
      };
      log(
        `${algorithm} on ${backend}: ${Math.round(c.agentStepsPerSecond)} agent-steps/s, ${
          c.msPerIteration.toFixed(1)
        } ms per iteration (collect ${c.msCollectPerIteration.toFixed(1)}, update ${
          c.msUpdatePerIteration.toFixed(1)
        })`,
      );
      cases.push(c);
    }
  }
  if (opts.quick !== false) {
    const backend = (opts.backends ?? ["cpu", "wasm"]).includes("wasm") ? "wasm" : "cpu";
    for (const algorithm of ["mappo", "maddpg"] as const) {
      const loaded = await loadTrainingConfig({
        file: "configs/training.yaml",
        preset: "quick",
        extra: { "training.algorithm": algorithm, "training.backend": backend },
      });
      // A scratch run folder inside outputs/ (the bench task may write only there and in data/).
      const dir = `outputs/bench/train-quick-${algorithm}`;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      try {
        const run = await createRunDir({
          command: "train",
          out: dir,
          config: loaded.config,
          configHash: loaded.hash,
          configYaml: loaded.yaml,
          seed: loaded.config.training.seed,
          argv: [],
        });
        const t0 = performance.now();
        const s = await runTrainJob(loaded.config, run, { progress: false, log });
        const seconds = (performance.now() - t0) / 1000;
        log(`quick preset ${algorithm} on ${backend}: ${seconds.toFixed(1)} s`);
        quick.push({
          algorithm,
          backend,
          seconds,
          iterations: s.iterations,
          finalEvalReturn: s.finalEvalReturn,
          targetSeconds: 300,
        });
      } finally {
        await Deno.remove(dir, { recursive: true });
      }
    }
  }
  return { cases, quick };
}
