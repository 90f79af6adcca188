/** Hand-built agent views for the baseline tests. */

import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import type { AgentView, Policy } from "../../lib/env/policy.ts";

/** 100 ms decisions. */
export const STEP_NS = 100_000_000;

/** A view at step `step` of an episode of `steps` steps (mid 100.00, tick 0.01, flat). */
export function viewAt(step: number, steps: number, over: Partial<AgentView> = {}): AgentView {
  return {
    agent: "agent_0",
    role: "market_taker",
    nowNs: step * STEP_NS,
    episodeStartNs: 0,
    episodeEndNs: steps * STEP_NS,
    timeLeft: (steps - step) / steps,
    bidTicks: 9_999,
    askTicks: 10_001,
    midTicks: 10_000,
    tickSize: 0.01,
    inventory: 0,
    cash: 0,
    marketVolume: 0,
    cumulativeMarketVolume: 0,
    decisionNs: STEP_NS,
    maxInventory: 1_000,
    ...over,
  };
}

/** An empty observation (the baselines read the view). */
export const NO_OBS = new Float32Array(0);

/**
 * Runs a taker policy over `steps` steps (decoding its actions with `map`);
 * `fill(i, order)` says how much of each order fills, `over(i)` changes the view.
 */
export function drive(
  p: Policy,
  steps: number,
  opts: {
    fill?: (i: number, order: number) => number;
    over?: (i: number) => Partial<AgentView>;
    map?: TakerActionMap;
  } = {},
): { orders: number[]; inventory: number } {
  const fill = opts.fill ?? ((_i: number, o: number) => o);
  const over = opts.over ?? (() => ({}));
  const map = opts.map ?? new TakerActionMap({ maxOrderSize: 100 });
  p.reset(1);
  const out = new Float32Array(2);
  const orders: number[] = [];
  let inventory = 0;
  for (let i = 0; i < steps; i++) {
    p.act(NO_OBS, viewAt(i, steps, { inventory, ...over(i) }), out);
    const o = map.decode(out).signedSize;
    orders.push(o);
    inventory += fill(i, o);
  }
  return { orders, inventory };
}
