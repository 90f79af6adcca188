/**
 * Per-episode metrics of one agent's evaluation episode (a
 * {@linkcode AgentEpisode} from lib/env/rollout.ts), as written by
 * `deno task evaluate` and compared by `deno task compare`:
 *
 * - `terminal_pnl`: PnL at the end (dollars, after the env's liquidation);
 * - `sharpe`, `sortino`: of the per-step PnL increments ΔPnL_t (dollars; the
 *   first against 0), annualised with P = 252 × 23,400 s / decision interval
 *   (lib/metrics periodsPerYear, a 09:30–16:00 session), risk-free rate and
 *   target 0; NaN when the increments do not vary;
 * - `max_drawdown`: of the PnL curve starting at 0 (dollars);
 * - `mean_abs_inventory`, `max_abs_inventory`: of the inventory after each
 *   step, the last step taken before the liquidation (lots);
 * - `final_inventory` (before the liquidation), `fills`, `total_reward`,
 *   `total_fees`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { episodeMetrics } from "./eval_metrics.ts";
 * const f = (...x: number[]) => Float64Array.from(x);
 * const m = episodeMetrics({
 *   role: "market_maker", length: 3, reward: f(0, 0, 0), pnl: f(1, -1, 2), inventory: f(1, 2, 0),
 *   cash: f(0, 0, 0), fees: f(0, 0, 0), filledQty: f(1, 1, 0), fillCount: f(1, 1, 0), midTicks: f(1, 1, 1),
 *   finalPnl: 2, finalInventory: 2, finalCash: 0, totalReward: 0, totalFees: 0, liquidationCost: 0,
 *   fills: 2, terminated: false, truncated: true,
 * }, 100);
 * assert.equal(m.terminal_pnl, 2);
 * assert.equal(m.max_drawdown, 2);
 * assert.equal(m.max_abs_inventory, 2);
 * ```
 * @module
 */

import type { AgentEpisode } from "../env/rollout.ts";
import { maxDrawdown } from "../metrics/drawdown.ts";
import { meanAbsInventory } from "../metrics/market_making.ts";
import { periodsPerYear, sharpeRatio, sortinoRatio } from "../metrics/returns_risk.ts";

/** The metric columns, in the order they are written. */
export const EPISODE_METRICS = [
  "terminal_pnl",
  "sharpe",
  "sortino",
  "max_drawdown",
  "mean_abs_inventory",
  "max_abs_inventory",
  "final_inventory",
  "fills",
  "total_reward",
  "total_fees",
] as const;

/** One metric name. */
export type EpisodeMetric = typeof EPISODE_METRICS[number];

/** Session seconds used to annualise (09:30–16:00). */
export const SESSION_SECONDS = 23_400;

/** The metrics of one agent's episode (see the module docs); `decisionMs` is the env's step. */
export function episodeMetrics(
  ep: AgentEpisode,
  decisionMs: number,
): Record<EpisodeMetric, number> {
  const n = ep.length;
  const ppy = periodsPerYear({
    decisionIntervalSeconds: decisionMs / 1000,
    sessionSeconds: SESSION_SECONDS,
  });
  const dPnl = new Float64Array(n);
  const curve = new Float64Array(n + 1);
  const inv = new Float64Array(n);
  let maxAbs = 0;
  for (let t = 0; t < n; t++) {
    dPnl[t] = ep.pnl[t] - (t === 0 ? 0 : ep.pnl[t - 1]);
    curve[t + 1] = ep.pnl[t];
    inv[t] = t === n - 1 ? ep.finalInventory : ep.inventory[t];
    maxAbs = Math.max(maxAbs, Math.abs(inv[t]));
  }
  return {
    terminal_pnl: ep.finalPnl,
    sharpe: n >= 2 ? sharpeRatio(dPnl, { periodsPerYear: ppy }) : NaN,
    sortino: n >= 2 ? sortinoRatio(dPnl, { periodsPerYear: ppy }) : NaN,
    max_drawdown: maxDrawdown(curve).maxDrawdown,
    mean_abs_inventory: n > 0 ? meanAbsInventory(inv) : NaN,
    max_abs_inventory: maxAbs,
    final_inventory: ep.finalInventory,
    fills: ep.fills,
    total_reward: ep.totalReward,
    total_fees: ep.totalFees,
  };
}
