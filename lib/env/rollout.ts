/**
 * The evaluation loop: runs policies in a {@linkcode MarketEnv} for one
 * episode per seed and returns, per episode and agent, the per-step series
 * (reward, PnL, inventory, cash, fees, fills, mid) and the episode's totals.
 * Training and evaluation reuse it; baselines and learned policies go through
 * the same {@linkcode Policy} interface.
 *
 * Each episode: `env.reset({ seed })`, every policy's `reset(seed)`, then
 * steps until no agent is left (truncation at the episode end, or each
 * agent's termination by the loss limit). At every step each live agent's
 * policy acts on its observation and its {@linkcode AgentView}. Series hold
 * what the env reports after each step, so at the last step the inventory is
 * 0 and the cash includes the env's liquidation; `finalInventory` is the
 * inventory held at the end *before* that liquidation (the previous
 * inventory plus the step's fills), as the Avellaneda-Stoikov paper reports
 * it. Per episode, the loop allocates only the returned series (one
 * `Float64Array` per quantity and agent, of the env's step count; none with
 * `series: false`); views, actions and the actions record are reused.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { createEnv } from "./make_env.ts";
 * import { runEpisodes } from "./rollout.ts";
 * const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model", agents: { market_takers: 0 } }));
 * const quoteAtTheMid = { name: "flat", actionDim: 4, reset() {}, act(_o: Float32Array, _v: unknown, out: Float32Array) { out.set([-1, -1, 1, 1]); } };
 * const episodes = runEpisodes(env, { mm_0: quoteAtTheMid }, [1, 2]);
 * assert.deepEqual(episodes.map((e) => e.seed), [1, 2]);
 * const mm = episodes[0].agents.mm_0;
 * assert.equal(mm.length, env.steps);
 * assert.equal(mm.pnl[mm.length - 1], mm.finalPnl);
 * ```
 * @module
 */

import type { MarketEnv, Role, StepResult } from "./market_env.ts";
import type { AgentView, Policy } from "./policy.ts";

/** One agent's episode: per-step series (index = step) and totals. */
export interface AgentEpisode {
  role: Role;
  /** Steps the agent took part in (≤ the env's step count); series are valid up to here. */
  length: number;
  /** Reward of each step. */
  reward: Float64Array;
  /** Marked-to-mid PnL after each step (dollars, fees included). */
  pnl: Float64Array;
  /** Inventory after each step (lots; 0 after the final liquidation). */
  inventory: Float64Array;
  /** Cash after each step (dollars). */
  cash: Float64Array;
  /** Fees paid in each step (dollars; negative = rebates). */
  fees: Float64Array;
  /** Signed lots filled in each step, and the number of fills. */
  filledQty: Float64Array;
  fillCount: Float64Array;
  /** Mid used for marking after each step (ticks). */
  midTicks: Float64Array;
  /** PnL at the end (dollars, after the liquidation and its cost). */
  finalPnl: number;
  /** Inventory held at the end before the env's liquidation (lots). */
  finalInventory: number;
  /** Cash at the end (dollars, after the liquidation). */
  finalCash: number;
  totalReward: number;
  totalFees: number;
  liquidationCost: number;
  /** Fills over the episode. */
  fills: number;
  /** Ended by the loss limit (terminated) or by the episode end (truncated). */
  terminated: boolean;
  truncated: boolean;
}

/** One episode. */
export interface EpisodeRecord {
  seed: number;
  /** Env steps taken. */
  steps: number;
  agents: Record<string, AgentEpisode>;
}

/** Options of {@linkcode runEpisodes}. */
export interface RolloutOptions {
  /** Keep the per-step series (default true; false leaves them empty and allocates nothing per episode but totals). */
  series?: boolean;
  /** Called after every step with the env's result (arrays and infos are the env's, reused: copy what you keep). */
  onStep?: (result: StepResult, step: number, episode: number) => void;
  /** Called after every episode (e.g. to advance a progress bar). */
  onEpisode?: (record: EpisodeRecord, episode: number) => void;
}

const EMPTY = new Float64Array(0);

function newAgentEpisode(role: Role, steps: number): AgentEpisode {
  const arr = () => (steps === 0 ? EMPTY : new Float64Array(steps));
  return {
    role,
    length: 0,
    reward: arr(),
    pnl: arr(),
    inventory: arr(),
    cash: arr(),
    fees: arr(),
    filledQty: arr(),
    fillCount: arr(),
    midTicks: arr(),
    finalPnl: 0,
    finalInventory: 0,
    finalCash: 0,
    totalReward: 0,
    totalFees: 0,
    liquidationCost: 0,
    fills: 0,
    terminated: false,
    truncated: false,
  };
}

/**
 * Runs one episode per seed with `policies` (one per agent of the env, keyed
 * by agent name) and returns the episodes in seed order.
 */
export function runEpisodes(
  env: MarketEnv,
  policies: Readonly<Record<string, Policy>>,
  seeds: readonly number[],
  opts: RolloutOptions = {},
): EpisodeRecord[] {
  const agents = env.possibleAgents;
  const missing = agents.filter((a) => policies[a] === undefined);
  if (missing.length > 0) {
    throw new RangeError(
      `runEpisodes: expected a policy for every agent, found none for ${missing.join(", ")}`,
    );
  }
  for (const a of agents) {
    const want = env.actionSpace(a).size;
    if (policies[a].actionDim !== want) {
      throw new RangeError(
        `runEpisodes: policy ${policies[a].name} of ${a} emits ${
          policies[a].actionDim
        } action values, the env expects ${want}`,
      );
    }
  }
  const keep = opts.series ?? true;
  const views: Record<string, AgentView> = {};
  const actions: Record<string, Float32Array> = {};
  for (const a of agents) {
    views[a] = env.view(a);
    actions[a] = new Float32Array(policies[a].actionDim);
  }
  const records: EpisodeRecord[] = [];
  const maxSteps = env.steps;
  const lastInventory: Record<string, number> = {};
  for (let e = 0; e < seeds.length; e++) {
    const seed = seeds[e];
    let obs = env.reset({ seed }).observations;
    const rec: EpisodeRecord = { seed, steps: 0, agents: {} };
    for (const a of agents) {
      policies[a].reset(seed);
      rec.agents[a] = newAgentEpisode(env.role(a), keep ? maxSteps : 0);
      lastInventory[a] = 0;
    }
    let step = 0;
    while (env.agents.length > 0) {
      if (step >= maxSteps) {
        throw new Error(
          `runEpisodes: the env ran past its ${maxSteps} steps without ending (seed ${seed})`,
        );
      }
      for (const a of env.agents) policies[a].act(obs[a], env.view(a, views[a]), actions[a]);
      const r = env.step(actions);
      for (const a in r.rewards) {
        const ep = rec.agents[a];
        const info = r.infos[a];
        const reward = r.rewards[a];
        const i = ep.length;
        if (keep) {
          ep.reward[i] = reward;
          ep.pnl[i] = info.pnl;
          ep.inventory[i] = info.inventory;
          ep.cash[i] = info.cash;
          ep.fees[i] = info.fees;
          ep.filledQty[i] = info.filledQty;
          ep.fillCount[i] = info.fillCount;
          ep.midTicks[i] = info.midTicks;
        }
        ep.length = i + 1;
        ep.totalReward += reward;
        ep.fills += info.fillCount;
        ep.liquidationCost += info.liquidationCost;
        ep.finalPnl = info.pnl;
        ep.finalCash = info.cash;
        ep.totalFees = info.totalFees;
        // Fills are the only inventory changes besides the final liquidation.
        ep.finalInventory = lastInventory[a] + info.filledQty;
        lastInventory[a] = info.inventory;
        ep.terminated = r.terminations[a];
        ep.truncated = r.truncations[a];
      }
      step++;
      obs = r.observations;
      opts.onStep?.(r, step, e);
    }
    rec.steps = step;
    records.push(rec);
    opts.onEpisode?.(rec, e);
  }
  return records;
}
