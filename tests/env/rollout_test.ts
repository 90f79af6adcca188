/** The evaluation loop: per-episode records with per-step series, seeds in order, finals consistent. */

import { strict as assert } from "node:assert";
import { baselineContext, createBaseline } from "../../lib/baselines/mod.ts";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { createEnv } from "../../lib/env/make_env.ts";
import type { Policy } from "../../lib/env/policy.ts";
import { runEpisodes } from "../../lib/env/rollout.ts";

const cfg = EnvironmentSectionSchema.parse({
  market: "as_model",
  agents: { market_makers: 1, market_takers: 1, max_quote_size: 2 },
  as_model: { model: { horizon_T: 0.5 } }, // 100 steps
  risk: { liquidation_cost_bps: 10, max_inventory: 8 },
});

async function setup() {
  const env = await createEnv(cfg);
  const policies: Record<string, Policy> = {
    mm_0: createBaseline("avellaneda-stoikov", baselineContext(env, "mm_0")),
    taker_0: createBaseline("random", baselineContext(env, "taker_0")),
  };
  return { env, policies };
}

Deno.test("runEpisodes: one record per seed, series as long as the episode, totals equal to the series", async () => {
  const { env, policies } = await setup();
  const steps: number[] = [];
  const episodes = runEpisodes(env, policies, [5, 6, 7], {
    onStep: (_r, step, e) => {
      if (step === 1) steps.push(e);
    },
  });
  assert.deepEqual(episodes.map((e) => e.seed), [5, 6, 7]);
  assert.deepEqual(steps, [0, 1, 2]);
  for (const ep of episodes) {
    assert.equal(ep.steps, 100);
    for (const [name, a] of Object.entries(ep.agents)) {
      assert.equal(a.length, 100);
      assert.equal(a.role, name === "mm_0" ? "market_maker" : "market_taker");
      const sum = (x: Float64Array) => x.reduce((s, v) => s + v, 0);
      assert.ok(Math.abs(a.totalReward - sum(a.reward)) < 1e-9);
      assert.equal(a.fills, sum(a.fillCount));
      assert.equal(a.finalPnl, a.pnl[99]);
      assert.equal(a.finalCash, a.cash[99]);
      assert.equal(a.truncated, true);
      assert.equal(a.terminated, false);
      // The inventory series ends at 0 (liquidated); the final inventory is what was held before.
      assert.equal(a.inventory[99], 0);
      assert.equal(a.finalInventory, sum(a.filledQty));
      assert.equal(a.finalInventory, a.inventory[98] + a.filledQty[99]);
      assert.ok(Math.abs(a.finalInventory) <= 8);
      // With a liquidation cost, a position left at the end costs |q|·mid·bps.
      const expectCost = Math.abs(a.finalInventory) * a.midTicks[99] * 0.01 * 10 / 1e4;
      assert.ok(
        Math.abs(a.liquidationCost - expectCost) < 1e-9,
        `${a.liquidationCost} vs ${expectCost}`,
      );
    }
  }
  // Same seeds, same records; the market maker trades.
  const again = runEpisodes(env, policies, [6]);
  assert.deepEqual(again[0].agents.mm_0.pnl, episodes[1].agents.mm_0.pnl);
  assert.ok(episodes.some((e) => e.agents.mm_0.fills > 0));
});

Deno.test("runEpisodes: without series it keeps only the totals, and they are the same", async () => {
  const { env, policies } = await setup();
  const full = runEpisodes(env, policies, [9]);
  const lean = runEpisodes(env, policies, [9], { series: false });
  const a = full[0].agents.mm_0, b = lean[0].agents.mm_0;
  assert.equal(b.pnl.length, 0);
  assert.equal(b.length, a.length);
  for (
    const k of [
      "finalPnl",
      "finalInventory",
      "finalCash",
      "totalReward",
      "totalFees",
      "fills",
    ] as const
  ) {
    assert.equal(b[k], a[k], k);
  }
});

Deno.test("runEpisodes: a missing policy or a policy of the wrong action size is refused", async () => {
  const { env, policies } = await setup();
  assert.throws(
    () => runEpisodes(env, { mm_0: policies.mm_0 }, [1]),
    /no.*taker_0|none for taker_0/,
  );
  assert.throws(
    () => runEpisodes(env, { mm_0: policies.taker_0, taker_0: policies.taker_0 }, [1]),
    /emits 2 action values, the env expects 4/,
  );
});

Deno.test("runEpisodes: an agent ended by the loss limit stops its series there", async () => {
  const env = await createEnv(EnvironmentSectionSchema.parse({
    market: "as_model",
    agents: { market_takers: 1, market_makers: 0, max_order_size: 50 },
    fees: { taker_bps: 1000 }, // 10% per trade: the loss limit is hit at once
    risk: { loss_limit: 20, max_inventory: 100 },
  }));
  const churn: Policy = {
    name: "churn",
    actionDim: 2,
    reset() {},
    act(_o, v, out) {
      out[0] = v.inventory > 0 ? -1 : 1;
      out[1] = 1;
    },
  };
  const [ep] = runEpisodes(env, { taker_0: churn }, [1]);
  const t = ep.agents.taker_0;
  assert.equal(t.terminated, true);
  assert.equal(t.truncated, false);
  assert.ok(t.length < env.steps);
  assert.equal(ep.steps, t.length);
  assert.ok(t.finalPnl < -20);
});
