/**
 * The job behind `deno task baseline`: runs one baseline strategy for every
 * learning agent of its role for N episodes (seeds seed, seed + 1, …) and
 * writes into the run folder:
 *
 * - `episodes.parquet`: per episode and agent, the terminal PnL, the final
 *   inventory (before the env's end-of-episode liquidation), cash, reward,
 *   fees, fills (see lib/jobs/baseline_frames.ts);
 * - `steps.parquet` (unless `write_steps: false`): the per-step PnL,
 *   inventory, cash, fees, fill and mid series;
 * - `summary.json`: per strategy, the mean and standard deviation (sample,
 *   n − 1) of the terminal PnL and of the final inventory over the episodes
 *   (pooled over the agents running it), and the resolved parameters.
 *
 * The other role: with `counterpart: none` (the default) the command sets the
 * other role's agent count to 0, so the strategy trades alone against the
 * market (for the Avellaneda-Stoikov market this is the paper's setting);
 * with a strategy name, each of the other role's agents runs that strategy.
 * `random` plays either role and runs for every agent. The execution
 * strategies (twap, vwap, pov) take `parent_order` as their defaults.
 *
 * `--market as-model` ({@linkcode AS_MODEL_PAPER_ACCOUNTING}) selects the
 * Avellaneda-Stoikov model market with the paper's accounting: no fees, no
 * penalties, no liquidation cost and no loss limit, so the terminal PnL is
 * cash + inventory × final mid.
 * @module
 */

import { parseClockNs } from "../config/clock.ts";
import type { BaselineRunConfig, BaselineSection } from "../config/schemas/baseline.ts";
import { ConfigError, UsageError } from "../core/errors.ts";
import type { Progress } from "../core/progress.ts";
import type { RunDir } from "../core/run_dir.ts";
import { baselineContext } from "../baselines/context.ts";
import {
  baselineSpec,
  createBaseline,
  type ParamValue,
  resolveBaselineParams,
} from "../baselines/registry.ts";
import {
  loadVolumeCurve,
  uShapedVolumeCurve,
  type VolumeCurve,
} from "../baselines/volume_curve.ts";
import { createEnv } from "../env/make_env.ts";
import type { Role } from "../env/market_env.ts";
import type { Policy } from "../env/policy.ts";
import { type EpisodeRecord, runEpisodes } from "../env/rollout.ts";

/**
 * Config values (key paths) of the paper's accounting on the
 * Avellaneda-Stoikov market: no fees, no inventory or risk penalty, no
 * liquidation cost, no loss limit.
 */
export const AS_MODEL_PAPER_ACCOUNTING: Readonly<Record<string, unknown>> = Object.freeze({
  "environment.market": "as_model",
  "environment.fees.maker_bps": 0,
  "environment.fees.taker_bps": 0,
  "environment.rewards.inventory_penalty": 0,
  "environment.rewards.risk_penalty": 0,
  "environment.risk.liquidation_cost_bps": 0,
  "environment.risk.loss_limit": 1e12,
});

/** Strategies that execute a parent order (they take `parent_order` as defaults). */
const EXECUTION = new Set(["twap", "vwap", "pov"]);

const COUNT_KEY: Record<Role, string> = {
  market_maker: "environment.agents.market_makers",
  market_taker: "environment.agents.market_takers",
};

/**
 * The agent counts a run needs (key paths → values): with counterpart
 * "none", the role the strategy cannot play gets 0 agents. Throws a
 * UsageError for an unknown strategy.
 */
export function agentCountOverrides(strategy: string, counterpart: string): Record<string, number> {
  const roles = baselineSpec(strategy).roles;
  if (counterpart !== "none") baselineSpec(counterpart);
  const out: Record<string, number> = {};
  if (counterpart === "none") {
    for (const role of ["market_maker", "market_taker"] as const) {
      if (!roles.includes(role)) out[COUNT_KEY[role]] = 0;
    }
  }
  return out;
}

/** Mean, sample standard deviation, minimum and maximum. */
export interface Stats {
  mean: number;
  std: number;
  min: number;
  max: number;
}

/** Statistics of a sample (std with n − 1; 0 for one value). */
export function describeSample(x: ArrayLike<number>): Stats {
  const n = x.length;
  if (n === 0) return { mean: NaN, std: NaN, min: NaN, max: NaN };
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += x[i];
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  return { mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min, max };
}

/** One strategy's results over the episodes (pooled over its agents). */
export interface StrategyResult {
  role: Role | "both";
  agents: string[];
  /** Agent-episodes pooled. */
  samples: number;
  /** Terminal PnL (dollars; after the liquidation, fees included). */
  terminalPnl: Stats;
  /** Inventory held at the end, before the liquidation (lots). */
  finalInventory: Stats;
  totalReward: Stats;
  meanFills: number;
  meanFees: number;
  meanLiquidationCost: number;
  /** Agent-episodes ended by the loss limit. */
  terminated: number;
}

/** `summary.json` of a baseline run (deterministic: no timings). */
export interface BaselineSummary {
  strategy: string;
  counterpart: string;
  market: string;
  /** "paper" (no fees, penalties or liquidation cost, as the AS paper) or "env" (the configured ones). */
  accounting: "paper" | "env";
  episodes: number;
  seeds: { first: number; last: number };
  stepsPerEpisode: number;
  agents: Record<string, { role: Role; strategy: string; params: Record<string, ParamValue> }>;
  strategies: Record<string, StrategyResult>;
  /** Source of the VWAP volume curve, when vwap ran. */
  volumeCurve: string | null;
  files: string[];
}

/** Options of {@linkcode runBaselineJob}. */
export interface BaselineJobOptions {
  /** Makes a progress bar (e.g. the command context's `progress`). */
  progress?: (total: number, label: string) => Progress;
}

async function volumeCurveFor(b: BaselineSection): Promise<VolumeCurve> {
  const v = b.volume_curve;
  const opts = {
    buckets: v.buckets,
    openNs: parseClockNs(v.session_open),
    closeNs: parseClockNs(v.session_close),
  };
  if (v.interim === null) return uShapedVolumeCurve(opts);
  if (v.dev_start === null || v.dev_end === null) {
    throw new ConfigError({
      keyPath: `baseline.volume_curve.${v.dev_start === null ? "dev_start" : "dev_end"}`,
      expected: "the dev split's dates when volume_curve.interim is set",
      found: "null",
    });
  }
  const { curve } = await loadVolumeCurve({
    ...opts,
    root: v.interim,
    symbol: v.symbol,
    dev: { start: v.dev_start, end: v.dev_end },
  });
  return curve;
}

function paramsFor(
  name: string,
  b: BaselineSection,
  own: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  if (!EXECUTION.has(name)) return { ...own };
  return { ...b.parent_order, ...own };
}

function isPaperAccounting(cfg: BaselineRunConfig): boolean {
  const e = cfg.environment;
  return e.market === "as_model" && e.fees.maker_bps === 0 && e.fees.taker_bps === 0 &&
    e.rewards.inventory_penalty === 0 && e.rewards.risk_penalty === 0 &&
    e.risk.liquidation_cost_bps === 0;
}

/** Runs the baseline the config names and writes its files into `run` (see the module docs). */
export async function runBaselineJob(
  cfg: BaselineRunConfig,
  run: RunDir,
  opts: BaselineJobOptions = {},
): Promise<BaselineSummary> {
  const b = cfg.baseline;
  const spec = baselineSpec(b.strategy);
  const counter = b.counterpart === "none" ? null : baselineSpec(b.counterpart);
  const env = await run.time("setup", () => createEnv(cfg.environment));
  const usesVwap = spec.name === "vwap" || counter?.name === "vwap";
  const volumeCurve = usesVwap
    ? await run.time("volume curve", () => volumeCurveFor(b))
    : undefined;

  const policies: Record<string, Policy> = {};
  const agents: BaselineSummary["agents"] = {};
  const strategyOf: Record<string, string> = {};
  for (const agent of env.possibleAgents) {
    const role = env.role(agent);
    const ctx = baselineContext(env, agent, volumeCurve === undefined ? {} : { volumeCurve });
    let name: string, own: Readonly<Record<string, unknown>>;
    if (spec.roles.includes(role)) [name, own] = [spec.name, b.params];
    else if (counter !== null) [name, own] = [counter.name, b.counterpart_params];
    else {
      throw new ConfigError({
        keyPath: COUNT_KEY[role],
        expected: `0 ${role.replace("_", " ")}s: strategy ${spec.name} plays ${
          spec.roles.join(" or ")
        } and the counterpart is none`,
        found: String(env.possibleAgents.filter((a) => env.role(a) === role).length),
      });
    }
    const params = paramsFor(name, b, own);
    const resolved = resolveBaselineParams(name, ctx, params);
    policies[agent] = createBaseline(name, ctx, params);
    agents[agent] = { role, strategy: name, params: resolved };
    strategyOf[agent] = name;
  }
  const mine = env.possibleAgents.filter((a) => strategyOf[a] === spec.name);
  if (mine.length === 0) {
    const role = spec.roles[0];
    throw new ConfigError({
      keyPath: COUNT_KEY[role],
      expected: `≥ 1 agent to run ${spec.name}`,
      found: "0",
    });
  }

  const seeds = Array.from({ length: b.episodes }, (_, i) => b.seed + i);
  const bar = opts.progress?.(seeds.length, `${spec.name} episodes`);
  const records = await run.time(
    "episodes",
    () =>
      runEpisodes(env, policies, seeds, { series: b.write_steps, onEpisode: () => bar?.tick() }),
  );
  bar?.done();

  const files = ["episodes.parquet", ...(b.write_steps ? ["steps.parquet"] : [])];
  await run.time("write", async () => {
    const { episodesFrame, stepsFrame } = await import("./baseline_frames.ts");
    await run.writeBytes(
      "episodes.parquet",
      episodesFrame(records, strategyOf).writeParquet({ compression: "zstd" }),
    );
    if (b.write_steps) {
      await run.writeBytes(
        "steps.parquet",
        stepsFrame(records).writeParquet({ compression: "zstd" }),
      );
    }
  });

  const strategies: Record<string, StrategyResult> = {};
  for (const name of new Set(Object.values(strategyOf))) {
    const who = env.possibleAgents.filter((a) => strategyOf[a] === name);
    const roles = new Set(who.map((a) => env.role(a)));
    strategies[name] = strategyResult(records, who, roles.size === 1 ? [...roles][0] : "both");
  }
  return {
    strategy: spec.name,
    counterpart: counter?.name ?? "none",
    market: cfg.environment.market,
    accounting: isPaperAccounting(cfg) ? "paper" : "env",
    episodes: seeds.length,
    seeds: { first: seeds[0], last: seeds[seeds.length - 1] },
    stepsPerEpisode: env.steps,
    agents,
    strategies,
    volumeCurve: volumeCurve?.source ?? null,
    files,
  };
}

function strategyResult(
  records: readonly EpisodeRecord[],
  who: readonly string[],
  role: Role | "both",
): StrategyResult {
  const n = records.length * who.length;
  const pnl = new Float64Array(n), inv = new Float64Array(n), reward = new Float64Array(n);
  let fills = 0, fees = 0, liq = 0, terminated = 0, i = 0;
  for (const r of records) {
    for (const a of who) {
      const ep = r.agents[a];
      pnl[i] = ep.finalPnl;
      inv[i] = ep.finalInventory;
      reward[i] = ep.totalReward;
      fills += ep.fills;
      fees += ep.totalFees;
      liq += ep.liquidationCost;
      if (ep.terminated) terminated++;
      i++;
    }
  }
  return {
    role,
    agents: [...who],
    samples: n,
    terminalPnl: describeSample(pnl),
    finalInventory: describeSample(inv),
    totalReward: describeSample(reward),
    meanFills: fills / n,
    meanFees: fees / n,
    meanLiquidationCost: liq / n,
    terminated,
  };
}

/** Throws a UsageError unless `market` is a name `--market` accepts; returns the config's name. */
export function marketFlag(market: string): "as_model" | "abm" | "replay" {
  const m = market.replace("-", "_");
  if (m === "as_model" || m === "abm" || m === "replay") return m;
  throw new UsageError(`--market: expected as-model, abm or replay, found "${market}"`);
}
