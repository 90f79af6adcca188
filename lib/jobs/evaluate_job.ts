/**
 * The job behind `deno task evaluate`: evaluates the policies a training run
 * (`deno task train`) saved, and the requested baselines, on exactly the same
 * episodes (common random numbers), and writes into the run folder:
 *
 * - `episodes.parquet` and `episodes.csv`: one row per strategy, episode and
 *   agent the strategy controls: `strategy`, `kind` ("learned" or
 *   "baseline"), `seed` (the `--seeds` value), `env_seed` (the seed the env
 *   was reset with), `agent`, `role`, and the metrics of
 *   {@linkcode EPISODE_METRICS} (lib/jobs/eval_metrics.ts);
 * - `steps.parquet` and `market_steps.parquet` (unless `steps: false`): the
 *   per-step PnL and inventory of each strategy's agents, and the market
 *   (mid, spread, touch depth, signed volume, action distance) per strategy
 *   and episode, the `control` strategy included (lib/jobs/eval_step_columns.ts);
 * - `summary.json` ({@linkcode EvaluateSummary}): the split, the env seeds,
 *   which model file each agent came from, per strategy the mean and
 *   standard deviation of every metric, and `multiAgent` (PnL and inventory
 *   correlation, action diversity, team PnL, and for the learned strategy
 *   the solo PnLs and the coordination efficiency).
 *
 * Control and solo runs (lib/jobs/eval_series.ts): unless `control: false`,
 * the `control` strategy (every learning agent idle) runs on the same env
 * seeds, for market quality with and without the agents; unless
 * `solo: false`, when the learned strategy has 2 or more agents, each agent
 * runs alone with the others idle, for the coordination efficiency.
 *
 * Policies: `models/best/<agent>` when present, else `models/final/<agent>`.
 * The learned strategy (named after the run's algorithm) runs every agent.
 * A baseline replaces the agents of the roles it can play; the other agents
 * keep their learned policy, so the market around the strategy is the same.
 *
 * Splits ({@linkcode splitEnvironment}, {@linkcode envSeed}):
 * - `train`: the training environment; env seed = the seed;
 * - `validation`: the training environment with `training.eval_environment`
 *   over it; env seed = 2^31 + `training.eval_seed` + seed (training's own
 *   evaluation seeds);
 * - `test` (default): for replay, the held-out test day's message file
 *   (`testFile`, required); for abm and as_model the training environment.
 *   Env seed = 3 × 2^30 + seed: training draws its env seeds below 2^30 and
 *   validation uses 2^31 + eval_seed + i, so the test episodes are disjoint
 *   from both (as long as eval_seed + eval_episodes < 2^30).
 *
 * Every strategy is reset with the same env seeds in the same order, and the
 * env's reset seeds everything random in an episode, so per-seed differences
 * between strategies are paired.
 * @module
 */

import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { InputError, UsageError } from "../core/errors.ts";
import type { RunDir } from "../core/run_dir.ts";
import { deepMerge } from "../config/_merge.ts";
import {
  type EnvironmentSection,
  EnvironmentSectionSchema,
} from "../config/schemas/environment.ts";
import { baselineContext } from "../baselines/context.ts";
import { baselineSpec, createBaseline } from "../baselines/registry.ts";
import { createEnv } from "../env/make_env.ts";
import type { MarketEnv, Role } from "../env/market_env.ts";
import type { Policy } from "../env/policy.ts";
import { type EpisodeRecord, runEpisodes } from "../env/rollout.ts";
import { coordinationEfficiency } from "../metrics/multi_agent.ts";
import { tf } from "../rl/backend/tf.ts";
import { type LoadedPolicy, loadPolicy } from "../rl/training/policy_files.ts";
import { describeSample, type Stats } from "./baseline_job.ts";
import { EPISODE_METRICS, type EpisodeMetric, episodeMetrics } from "./eval_metrics.ts";
import {
  ActionRecorder,
  CONTROL_STRATEGY,
  episodeCorrelations,
  idlePolicy,
  MarketProbe,
  type MarketSteps,
} from "./eval_series.ts";
import { MarketColumns, StepColumns } from "./eval_step_columns.ts";
import { pathExists } from "../core/path_exists.ts";

/** The evaluation splits. */
export const SPLITS = ["train", "validation", "test"] as const;
/** One split. */
export type Split = typeof SPLITS[number];

/** First validation env seed (training's evaluation seeds; see lib/jobs/train_job.ts). */
export const VALIDATION_SEED_BASE = 2 ** 31;
/** First test env seed: above training (< 2^30) and validation (2^31 + …). */
export const TEST_SEED_BASE = 3 * 2 ** 30;

/** What evaluate reads of a training run's `config.yaml`. */
export interface TrainRunInfo {
  algorithm: string;
  environment: EnvironmentSection;
  evalEnvironment: Record<string, unknown>;
  evalSeed: number;
}

/** Reads a training run folder's `config.yaml` (an InputError when it is not one). */
export async function readTrainRun(runFolder: string): Promise<TrainRunInfo> {
  const file = join(runFolder, "config.yaml");
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch {
    throw new InputError({
      file,
      expected: "the config.yaml of a training run folder (deno task train)",
      found: "no readable file",
    });
  }
  const doc = (parseYaml(text) ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const t = doc.training;
  if (t === undefined || typeof t.algorithm !== "string") {
    throw new InputError({
      file,
      keyPath: "training.algorithm",
      expected: "a training run's config",
      found: String(t?.algorithm),
    });
  }
  const env = EnvironmentSectionSchema.safeParse(doc.environment ?? {});
  if (!env.success) {
    const i = env.error.issues[0];
    throw new InputError({
      file,
      keyPath: `environment.${i.path.join(".")}`,
      expected: "a valid environment section",
      found: i.message,
    });
  }
  return {
    algorithm: t.algorithm,
    environment: env.data,
    evalEnvironment: (t.eval_environment ?? {}) as Record<string, unknown>,
    evalSeed: typeof t.eval_seed === "number" ? t.eval_seed : 0,
  };
}

/** The environment of a split (see the module docs); `testFile` is the replay test day. */
export function splitEnvironment(
  info: TrainRunInfo,
  split: Split,
  testFile?: string,
): EnvironmentSection {
  const env = info.environment;
  if (split === "train") return env;
  if (split === "validation") {
    return EnvironmentSectionSchema.parse(deepMerge(env, info.evalEnvironment));
  }
  if (env.market !== "replay") {
    if (testFile !== undefined) {
      throw new UsageError(
        `--test-file: only the replay market takes a test-day file, the run's market is ${env.market}`,
      );
    }
    return env;
  }
  if (testFile === undefined) {
    throw new UsageError(
      "--split test on a replay run: expected --test-file <LOBSTER message file of a test day>, found none",
    );
  }
  return EnvironmentSectionSchema.parse(
    deepMerge(env, { replay: { message_file: testFile, orderbook_file: "auto" } }),
  );
}

/** The env seed of `seed` in `split` (see the module docs). */
export function envSeed(split: Split, seed: number, info: Pick<TrainRunInfo, "evalSeed">): number {
  if (split === "train") return seed;
  if (split === "validation") return VALIDATION_SEED_BASE + info.evalSeed + seed;
  return TEST_SEED_BASE + seed;
}

/** Options of {@linkcode runEvaluateJob}. */
export interface EvaluateOptions {
  /** The training run folder. */
  trainRun: string;
  /** `--seeds` values, one episode each. */
  seeds: number[];
  split: Split;
  /** Baseline names (lib/baselines). */
  baselines: string[];
  /** Replay test day's message file (split test on replay). */
  testFile?: string;
  /**
   * Write the per-step series `steps.parquet` and `market_steps.parquet`
   * for the report (default true; see lib/jobs/eval_series.ts).
   */
  steps?: boolean;
  /**
   * Also run the `control` strategy (the learning agents do nothing) on the
   * same env seeds, for market quality with and without the agents (default
   * true; its rows go to `market_steps.parquet` only).
   */
  control?: boolean;
  /**
   * When the learned strategy has 2 or more agents, also run each agent
   * alone (the others idle) on the same env seeds, for the coordination
   * efficiency (default true).
   */
  solo?: boolean;
}

/** Multi-agent figures of one strategy (means over the episodes). */
export interface MultiAgentSummary {
  agents: number;
  /** Mean pairwise correlation of the agents' per-step PnL increments. */
  pnlCorrelation: number;
  /** Mean pairwise correlation of the agents' inventories. */
  inventoryCorrelation: number;
  /** Mean pairwise Euclidean distance of the agents' actions per step. */
  actionDiversity: number;
  /** Mean team PnL per episode. */
  teamPnl: number;
  /** Per agent, its mean PnL per episode when trading alone (learned strategy only). */
  soloPnl?: Record<string, number>;
  /** Team PnL / Σ solo PnL (lib/metrics coordinationEfficiency; learned strategy only). */
  coordinationEfficiency?: number;
}

/** One strategy's results. */
export interface StrategyEvaluation {
  kind: "learned" | "baseline";
  agents: string[];
  /** Agent-episodes. */
  samples: number;
  metrics: Record<EpisodeMetric, Stats>;
}

/** `summary.json` of an evaluation run. */
export interface EvaluateSummary {
  trainRun: string;
  algorithm: string;
  split: Split;
  market: string;
  seeds: number[];
  envSeeds: number[];
  stepsPerEpisode: number;
  /** Per agent, the model file used ("best" or "final"). */
  models: Record<string, "best" | "final">;
  strategies: Record<string, StrategyEvaluation>;
  files: string[];
  /** Multi-agent figures per strategy with 2 or more agents (absent when none). */
  multiAgent?: Record<string, MultiAgentSummary>;
  /** Whether the control strategy was run (market_steps.parquet holds it). */
  control?: boolean;
}

/** One row of `episodes.parquet`. */
export interface EvaluationRow {
  strategy: string;
  kind: "learned" | "baseline";
  seed: number;
  envSeed: number;
  agent: string;
  role: Role;
  metrics: Record<EpisodeMetric, number>;
}

/** Loads each agent's policy: `models/best` when present, else `models/final`. */
export async function loadRunPolicies(
  runFolder: string,
  env: MarketEnv,
): Promise<{ policies: Record<string, LoadedPolicy>; models: Record<string, "best" | "final"> }> {
  const policies: Record<string, LoadedPolicy> = {};
  const models: Record<string, "best" | "final"> = {};
  for (const a of env.possibleAgents) {
    const which = await pathExists(join(runFolder, "models", "best", a, "model.json"))
      ? "best"
      : "final";
    if (!await pathExists(join(runFolder, "models", which, a, "model.json"))) {
      throw new InputError({
        file: join(runFolder, "models", which, a, "model.json"),
        expected: `a saved policy of agent ${a} (models/best or models/final)`,
        found: "no file",
      });
    }
    policies[a] = await loadPolicy(runFolder, a, which);
    models[a] = which;
  }
  return { policies, models };
}

/** Runs the evaluation (see the module docs) and writes its files into `run`. */
export async function runEvaluateJob(opts: EvaluateOptions, run: RunDir): Promise<EvaluateSummary> {
  if (opts.seeds.length === 0) {
    throw new UsageError("--seeds: expected at least one seed, found none");
  }
  if (new Set(opts.seeds).size !== opts.seeds.length) {
    throw new UsageError(`--seeds: expected distinct seeds, found ${opts.seeds.join(",")}`);
  }
  for (const b of opts.baselines) baselineSpec(b);
  const info = await readTrainRun(opts.trainRun);
  if (opts.baselines.includes(info.algorithm)) {
    throw new UsageError(`--baselines: ${info.algorithm} is the learned strategy's name`);
  }
  const envCfg = splitEnvironment(info, opts.split, opts.testFile);
  const env = await run.time("setup", () => createEnv(envCfg));
  await tf.setBackend("cpu");
  const { policies: learned, models } = await loadRunPolicies(opts.trainRun, env);
  const envSeeds = opts.seeds.map((s) => envSeed(opts.split, s, info));
  const rows: EvaluationRow[] = [];
  const strategies: Record<string, StrategyEvaluation> = {};
  const keepSteps = opts.steps ?? true;
  const stepRows = new StepColumns();
  const marketRows = new MarketColumns();
  const multiAgent: Record<string, MultiAgentSummary> = {};
  const probe = new MarketProbe(env.market);
  const idle = (a: string) => idlePolicy(env.role(a), env.actionSpace(a).size);
  /** Runs a plan's episodes, recording the market and the own agents' actions. */
  const play = (name: string, policies: Record<string, Policy>, own: readonly string[]) => {
    const recorder = new ActionRecorder();
    const wrapped = recorder.wrap(policies, own);
    const diversity: number[][] = [];
    const markets: MarketSteps[] = [];
    const records = runEpisodes(env, wrapped, envSeeds, {
      onStep: (_r, _step, e) => {
        if (diversity[e] === undefined) {
          diversity[e] = [];
          probe.begin();
        }
        probe.record();
        diversity[e].push(recorder.takeStep());
        markets[e] = probe.series;
      },
    });
    if (keepSteps) {
      records.forEach((r, e) => marketRows.add(name, r.seed, markets[e], diversity[e] ?? []));
    }
    return { records, diversity };
  };
  try {
    const plans: {
      name: string;
      kind: "learned" | "baseline";
      policies: Record<string, Policy>;
      own: string[];
    }[] = [
      { name: info.algorithm, kind: "learned", policies: learned, own: [...env.possibleAgents] },
    ];
    for (const b of opts.baselines) {
      const roles = baselineSpec(b).roles;
      const own = env.possibleAgents.filter((a) => roles.includes(env.role(a)));
      if (own.length === 0) {
        throw new UsageError(
          `--baselines: ${b} plays ${roles.join(" or ")}, the run has no agent of that role`,
        );
      }
      const policies: Record<string, Policy> = { ...learned };
      for (const a of own) policies[a] = createBaseline(b, baselineContext(env, a));
      plans.push({ name: b, kind: "baseline", policies, own });
    }
    for (const p of plans) {
      const { records, diversity } = await run.time(
        `episodes ${p.name}`,
        () => play(p.name, p.policies, p.own),
      );
      const per: Record<EpisodeMetric, number[]> = Object.fromEntries(
        EPISODE_METRICS.map((m) => [m, [] as number[]]),
      ) as Record<EpisodeMetric, number[]>;
      records.forEach((r, i) => {
        for (const a of p.own) {
          const metrics = episodeMetrics(r.agents[a], envCfg.decision_ms);
          rows.push({
            strategy: p.name,
            kind: p.kind,
            seed: opts.seeds[i],
            envSeed: r.seed,
            agent: a,
            role: env.role(a),
            metrics,
          });
          for (const m of EPISODE_METRICS) per[m].push(metrics[m]);
          if (keepSteps) stepRows.add(p.name, opts.seeds[i], r.seed, a, r.agents[a]);
        }
      });
      strategies[p.name] = {
        kind: p.kind,
        agents: p.own,
        samples: records.length * p.own.length,
        metrics: Object.fromEntries(
          EPISODE_METRICS.map((m) => [m, describeSample(per[m])]),
        ) as Record<EpisodeMetric, Stats>,
      };
      if (p.own.length >= 2) multiAgent[p.name] = multiAgentOf(records, p.own, diversity);
    }
    if (opts.control ?? true) {
      const policies = Object.fromEntries(env.possibleAgents.map((a) => [a, idle(a)]));
      await run.time(`episodes ${CONTROL_STRATEGY}`, () => play(CONTROL_STRATEGY, policies, []));
    }
    const team = multiAgent[info.algorithm];
    if ((opts.solo ?? true) && team !== undefined) {
      const soloPnl: Record<string, number> = {};
      for (const a of env.possibleAgents) {
        const policies: Record<string, Policy> = Object.fromEntries(
          env.possibleAgents.map((b) => [b, b === a ? learned[b] : idle(b)]),
        );
        const records = await run.time(
          `episodes solo ${a}`,
          () => runEpisodes(env, policies, envSeeds, { series: false }),
        );
        soloPnl[a] = records.reduce((s, r) => s + r.agents[a].finalPnl, 0) / records.length;
      }
      team.soloPnl = soloPnl;
      team.coordinationEfficiency = coordinationEfficiency(team.teamPnl, Object.values(soloPnl));
    }
  } finally {
    for (const p of Object.values(learned)) p.dispose();
  }
  const files = ["episodes.parquet", "episodes.csv"];
  await run.time("write", async () => {
    const { evaluationFrame, evaluationStepsFrame, marketStepsFrame } = await import(
      "./evaluate_frames.ts"
    );
    const df = evaluationFrame(rows);
    await run.writeBytes("episodes.parquet", df.writeParquet({ compression: "zstd" }));
    await run.writeText("episodes.csv", df.writeCSV().toString());
    if (keepSteps) {
      await run.writeBytes(
        "steps.parquet",
        evaluationStepsFrame(stepRows).writeParquet({ compression: "zstd" }),
      );
      await run.writeBytes(
        "market_steps.parquet",
        marketStepsFrame(marketRows).writeParquet({ compression: "zstd" }),
      );
      files.push("steps.parquet", "market_steps.parquet");
    }
  });
  return {
    trainRun: opts.trainRun,
    algorithm: info.algorithm,
    split: opts.split,
    market: envCfg.market,
    seeds: opts.seeds,
    envSeeds,
    stepsPerEpisode: env.steps,
    models,
    strategies,
    files,
    ...(Object.keys(multiAgent).length > 0 ? { multiAgent } : {}),
    control: opts.control ?? true,
  };
}

/** Multi-agent figures of a strategy's episodes (means over the episodes). */
function multiAgentOf(
  records: readonly EpisodeRecord[],
  own: readonly string[],
  diversity: readonly (readonly number[])[],
): MultiAgentSummary {
  const mean = (x: number[]) => {
    const f = x.filter(Number.isFinite);
    return f.length === 0 ? NaN : f.reduce((s, v) => s + v, 0) / f.length;
  };
  const pnl: number[] = [], inv: number[] = [], div: number[] = [], team: number[] = [];
  records.forEach((r, e) => {
    const c = episodeCorrelations(own.map((a) => {
      const ep = r.agents[a];
      // The last step's inventory is after the env's liquidation; use the one before it.
      const inventory = Float64Array.from(ep.inventory.subarray(0, ep.length));
      if (ep.length > 0) inventory[ep.length - 1] = ep.finalInventory;
      return { length: ep.length, pnl: ep.pnl, inventory };
    }));
    pnl.push(c.pnl);
    inv.push(c.inventory);
    div.push(mean([...(diversity[e] ?? [])]));
    team.push(own.reduce((s, a) => s + r.agents[a].finalPnl, 0));
  });
  return {
    agents: own.length,
    pnlCorrelation: mean(pnl),
    inventoryCorrelation: mean(inv),
    actionDiversity: mean(div),
    teamPnl: mean(team),
  };
}
