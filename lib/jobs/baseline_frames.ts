/**
 * Polars frames of baseline episodes (from {@linkcode runEpisodes} records),
 * written by `deno task baseline`:
 *
 * - {@linkcode episodesFrame}: one row per episode and agent: `episode`
 *   (Int32, 0-based), `seed` (Int64), `agent`, `role`, `strategy` (Utf8),
 *   `steps` (Int32), `terminal_pnl`, `final_inventory` (before the env's
 *   liquidation), `final_cash`, `total_reward`, `total_fees`,
 *   `liquidation_cost` (Float64), `fills` (Int64), `terminated`,
 *   `truncated` (Boolean).
 * - {@linkcode stepsFrame}: one row per episode, agent and step: `episode`,
 *   `seed`, `agent`, `step` (Int32, 0-based), `reward`, `pnl`, `inventory`,
 *   `cash`, `fees`, `filled_qty` (signed lots), `fill_count`, `mid_ticks`
 *   (Float64).
 *
 * Numeric columns are built from typed arrays. Polars needs --allow-ffi and
 * --allow-sys; import this module lazily.
 * @module
 */

import pl from "nodejs-polars";
import type { EpisodeRecord } from "../env/rollout.ts";

/** One row per episode and agent (see the module docs). */
export function episodesFrame(
  records: readonly EpisodeRecord[],
  strategyOf: Readonly<Record<string, string>>,
): pl.DataFrame {
  const agents = records.length === 0 ? [] : Object.keys(records[0].agents);
  const n = records.length * agents.length;
  const episode = new Int32Array(n), steps = new Int32Array(n);
  const seed = new Float64Array(n), fills = new Float64Array(n);
  const pnl = new Float64Array(n), inv = new Float64Array(n), cash = new Float64Array(n);
  const reward = new Float64Array(n), fees = new Float64Array(n), liq = new Float64Array(n);
  const agent: string[] = [], role: string[] = [], strategy: string[] = [];
  const terminated: boolean[] = [], truncated: boolean[] = [];
  let i = 0;
  for (let e = 0; e < records.length; e++) {
    for (const a of agents) {
      const ep = records[e].agents[a];
      episode[i] = e;
      seed[i] = records[e].seed;
      steps[i] = ep.length;
      pnl[i] = ep.finalPnl;
      inv[i] = ep.finalInventory;
      cash[i] = ep.finalCash;
      reward[i] = ep.totalReward;
      fees[i] = ep.totalFees;
      liq[i] = ep.liquidationCost;
      fills[i] = ep.fills;
      agent.push(a);
      role.push(ep.role);
      strategy.push(strategyOf[a] ?? "");
      terminated.push(ep.terminated);
      truncated.push(ep.truncated);
      i++;
    }
  }
  return pl.DataFrame([
    pl.Series("episode", episode),
    pl.Series("seed", seed).cast(pl.Int64),
    pl.Series("agent", agent, pl.Utf8),
    pl.Series("role", role, pl.Utf8),
    pl.Series("strategy", strategy, pl.Utf8),
    pl.Series("steps", steps),
    pl.Series("terminal_pnl", pnl),
    pl.Series("final_inventory", inv),
    pl.Series("final_cash", cash),
    pl.Series("total_reward", reward),
    pl.Series("total_fees", fees),
    pl.Series("liquidation_cost", liq),
    pl.Series("fills", fills).cast(pl.Int64),
    pl.Series("terminated", terminated, pl.Bool),
    pl.Series("truncated", truncated, pl.Bool),
  ]);
}

/** One row per episode, agent and step (see the module docs). */
export function stepsFrame(records: readonly EpisodeRecord[]): pl.DataFrame {
  const agents = records.length === 0 ? [] : Object.keys(records[0].agents);
  let n = 0;
  for (const r of records) for (const a of agents) n += r.agents[a].length;
  const episode = new Int32Array(n), step = new Int32Array(n), seed = new Float64Array(n);
  const cols = {
    reward: new Float64Array(n),
    pnl: new Float64Array(n),
    inventory: new Float64Array(n),
    cash: new Float64Array(n),
    fees: new Float64Array(n),
    filled_qty: new Float64Array(n),
    fill_count: new Float64Array(n),
    mid_ticks: new Float64Array(n),
  };
  const agent: string[] = new Array(n);
  let i = 0;
  for (let e = 0; e < records.length; e++) {
    for (const a of agents) {
      const ep = records[e].agents[a];
      const len = ep.length;
      episode.fill(e, i, i + len);
      seed.fill(records[e].seed, i, i + len);
      for (let s = 0; s < len; s++) {
        step[i + s] = s;
        agent[i + s] = a;
      }
      cols.reward.set(ep.reward.subarray(0, len), i);
      cols.pnl.set(ep.pnl.subarray(0, len), i);
      cols.inventory.set(ep.inventory.subarray(0, len), i);
      cols.cash.set(ep.cash.subarray(0, len), i);
      cols.fees.set(ep.fees.subarray(0, len), i);
      cols.filled_qty.set(ep.filledQty.subarray(0, len), i);
      cols.fill_count.set(ep.fillCount.subarray(0, len), i);
      cols.mid_ticks.set(ep.midTicks.subarray(0, len), i);
      i += len;
    }
  }
  return pl.DataFrame([
    pl.Series("episode", episode),
    pl.Series("seed", seed).cast(pl.Int64),
    pl.Series("agent", agent, pl.Utf8),
    pl.Series("step", step),
    ...Object.entries(cols).map(([name, a]) => pl.Series(name, a)),
  ]);
}
