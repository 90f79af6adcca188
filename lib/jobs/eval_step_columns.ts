/**
 * Column accumulators for evaluate's per-step files (written by
 * lib/jobs/evaluate_frames.ts):
 *
 * - {@linkcode StepColumns} → `steps.parquet`: one row per strategy, episode,
 *   own agent and step: `strategy`, `agent`, `seed`, `env_seed`, `episode`
 *   (0-based index in the seed list), `step`, `pnl` (dollars, marked to mid),
 *   `inventory` (lots; the last step holds the inventory before the env's
 *   liquidation).
 * - {@linkcode MarketColumns} → `market_steps.parquet`: one row per strategy
 *   (the `control` strategy included), episode and step: `mid_ticks`,
 *   `spread_ticks`, `depth_lots`, `signed_volume` (lots, buyer- minus
 *   seller-initiated, in the step), `action_distance` (mean pairwise action
 *   distance of the strategy's agents; NaN below 2 agents).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { StepColumns } from "./eval_step_columns.ts";
 * const c = new StepColumns();
 * const f = (...x: number[]) => Float64Array.from(x);
 * c.add("s", 1, 7, "mm_0", { length: 2, pnl: f(1, 2), inventory: f(3, 0), finalInventory: 4 });
 * assert.deepEqual(c.inventory, [3, 4]);
 * assert.deepEqual(c.episode, [0, 0]);
 * ```
 * @module
 */

import type { MarketSteps } from "./eval_series.ts";

/** Columns of `steps.parquet` (see the module docs). */
export class StepColumns {
  strategy: string[] = [];
  agent: string[] = [];
  seed: number[] = [];
  envSeed: number[] = [];
  episode: number[] = [];
  step: number[] = [];
  pnl: number[] = [];
  inventory: number[] = [];
  readonly #episodes = new Map<string, number>();

  /** Appends one agent's episode. */
  add(
    strategy: string,
    seed: number,
    envSeed: number,
    agent: string,
    ep: {
      length: number;
      pnl: ArrayLike<number>;
      inventory: ArrayLike<number>;
      finalInventory: number;
    },
  ): void {
    const key = `${strategy}\u0000${envSeed}`;
    let e = this.#episodes.get(key);
    if (e === undefined) {
      e = [...this.#episodes.keys()].filter((k) => k.startsWith(`${strategy}\u0000`)).length;
      this.#episodes.set(key, e);
    }
    for (let t = 0; t < ep.length; t++) {
      this.strategy.push(strategy);
      this.agent.push(agent);
      this.seed.push(seed);
      this.envSeed.push(envSeed);
      this.episode.push(e);
      this.step.push(t);
      this.pnl.push(ep.pnl[t]);
      this.inventory.push(t === ep.length - 1 ? ep.finalInventory : ep.inventory[t]);
    }
  }
}

/** Columns of `market_steps.parquet` (see the module docs). */
export class MarketColumns {
  strategy: string[] = [];
  envSeed: number[] = [];
  step: number[] = [];
  midTicks: number[] = [];
  spreadTicks: number[] = [];
  depthLots: number[] = [];
  signedVolume: number[] = [];
  actionDistance: number[] = [];

  /** Appends one episode's market series and per-step action distances. */
  add(
    strategy: string,
    envSeed: number,
    m: MarketSteps,
    actionDistance: readonly number[],
  ): void {
    for (let t = 0; t < m.midTicks.length; t++) {
      this.strategy.push(strategy);
      this.envSeed.push(envSeed);
      this.step.push(t);
      this.midTicks.push(m.midTicks[t]);
      this.spreadTicks.push(m.spreadTicks[t]);
      this.depthLots.push(m.depthLots[t]);
      this.signedVolume.push(m.signedVolume[t]);
      this.actionDistance.push(actionDistance[t] ?? NaN);
    }
  }
}
