/**
 * What a trained agent learned (notebook 03): plays one episode of the
 * training run's environment on a chosen split with its saved policies
 * (models/best, else models/final, as `deno task evaluate` does) and records,
 * at every step, each agent's inventory, time left and raw action values
 * (in [−1, 1]; for a market maker a0 and a1 set the bid and ask offsets —
 * larger is further from the mid — a2 and a3 the sizes). Figures: quotes
 * against inventory (an inventory-averse maker widens the side that would add
 * to its position), and actions over the session.
 * @module
 */

import { createEnv } from "../env/make_env.ts";
import type { Policy } from "../env/policy.ts";
import { runEpisodes } from "../env/rollout.ts";
import {
  envSeed,
  loadRunPolicies,
  readTrainRun,
  type Split,
  splitEnvironment,
} from "../jobs/evaluate_job.ts";
import { tf } from "../rl/backend/tf.ts";
import { axes, type FigureSpec } from "../report/figure.ts";

/** One recorded decision. */
export interface DecisionRow extends Record<string, unknown> {
  agent: string;
  step: number;
  inventory: number;
  timeLeft: number;
  /** Raw action values a0… (rounded to 6 digits). */
  actions: number[];
}

/** Plays one episode (seed `seed` of the split) with the run's policies and records every decision. */
export async function recordDecisions(
  trainRun: string,
  seed = 1,
  split: Split = "test",
): Promise<DecisionRow[]> {
  const info = await readTrainRun(trainRun);
  const env = await createEnv(splitEnvironment(info, split));
  await tf.setBackend("cpu");
  const { policies } = await loadRunPolicies(trainRun, env);
  const rows: DecisionRow[] = [];
  const step: Record<string, number> = {};
  const wrapped: Record<string, Policy> = {};
  for (const [agent, p] of Object.entries(policies)) {
    step[agent] = 0;
    wrapped[agent] = {
      name: p.name,
      actionDim: p.actionDim,
      reset: (s) => p.reset(s),
      act(obs, view, out) {
        p.act(obs, view, out);
        rows.push({
          agent,
          step: step[agent]++,
          inventory: view.inventory,
          timeLeft: Number(view.timeLeft.toFixed(6)),
          actions: Array.from(out, (v) => Number(v.toFixed(6))),
        });
      },
    };
  }
  runEpisodes(env, wrapped, [envSeed(split, seed, info)], { series: false });
  return rows;
}

/** Quotes against inventory: bid (a0) and ask (a1) actions of each market maker by inventory. */
export function quotesVsInventoryFigure(
  rows: readonly DecisionRow[],
  algorithm: string,
): FigureSpec {
  const agents = [...new Set(rows.map((r) => r.agent))];
  const data = agents.flatMap((agent) => {
    const mine = rows.filter((r) => r.agent === agent && r.actions.length >= 2);
    return [0, 1].map((k) => ({
      type: "scatter",
      mode: "markers",
      name: `${agent} ${k === 0 ? "bid (a0)" : "ask (a1)"}`,
      x: mine.map((r) => r.inventory),
      y: mine.map((r) => r.actions[k]),
      marker: { size: 5, opacity: 0.5 },
    }));
  });
  return {
    id: `agent-quotes-inventory-${algorithm}`,
    title: `${algorithm}: quote offsets against inventory (one test episode)`,
    data,
    layout: axes("inventory (lots)", "action (−1 tight … 1 wide)"),
  };
}

/** Actions over the session: every action value of each agent by step. */
export function actionsOverSessionFigure(
  rows: readonly DecisionRow[],
  algorithm: string,
): FigureSpec {
  const agents = [...new Set(rows.map((r) => r.agent))];
  const data = agents.flatMap((agent) => {
    const mine = rows.filter((r) => r.agent === agent);
    const dims = mine[0]?.actions.length ?? 0;
    return [
      ...Array.from({ length: dims }, (_, k) => ({
        type: "scatter",
        mode: "lines",
        name: `${agent} a${k}`,
        x: mine.map((r) => r.step),
        y: mine.map((r) => r.actions[k]),
      })),
      {
        type: "scatter",
        mode: "lines",
        name: `${agent} inventory`,
        x: mine.map((r) => r.step),
        y: mine.map((r) => r.inventory),
        yaxis: "y2",
        line: { dash: "dot" },
      },
    ];
  });
  return {
    id: `agent-actions-${algorithm}`,
    title: `${algorithm}: actions and inventory over one test episode`,
    data,
    layout: axes("step", "action", {
      yaxis2: { title: { text: "inventory (lots)" }, overlaying: "y", side: "right" },
    }),
  };
}
