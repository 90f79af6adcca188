/**
 * The environment over the Avellaneda-Stoikov model market: the accounting
 * matches the model's own, and the paper's inventory strategy, run through
 * the environment's action map, reproduces the paper's Table 1 figures.
 */

import { strict as assert } from "node:assert";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { createEnv } from "../../lib/env/make_env.ts";
import type { AsModelMarketBackend } from "../../lib/env/markets/as_model_market.ts";
import { asModelParams, asOptimalQuotes } from "../../lib/sim/as_model/mod.ts";

/** The paper's accounting: no fees, no penalties, no liquidation cost. */
const paperCfg = EnvironmentSectionSchema.parse({
  market: "as_model",
  agents: { market_takers: 0, max_quote_size: 1, min_offset_ticks: 0 },
  fees: { maker_bps: 0, taker_bps: 0 },
  rewards: { inventory_penalty: 0 },
  risk: { liquidation_cost_bps: 0, max_inventory: 1000, loss_limit: 1e9 },
});

Deno.test("env on the AS market: PnL, cash and inventory equal the model's own, and rewards sum to the PnL", async () => {
  const env = await createEnv(paperCfg);
  const market = env.market as AsModelMarketBackend;
  env.reset({ seed: 3 });
  let rewardSum = 0;
  for (let k = 0; k < 199; k++) {
    const r = env.step({ mm_0: new Float32Array([-0.6, -0.6, 1, 1]) });
    rewardSum += r.rewards.mm_0;
    const info = r.infos.mm_0;
    assert.equal(info.inventory, market.model.inventory[0]);
    assert.ok(
      Math.abs(info.cash - market.model.cash[0]) < 1e-9,
      `cash ${info.cash} vs ${market.model.cash[0]}`,
    );
    const wealth = market.model.cash[0] + market.model.inventory[0] * market.model.mid[0];
    assert.ok(Math.abs(info.pnl - wealth) < 1e-9);
    assert.ok(
      Math.abs(rewardSum - info.pnl) < 1e-9,
      "without penalties, rewards add up to the PnL",
    );
  }
  const last = env.step({ mm_0: new Float32Array([-0.6, -0.6, 1, 1]) });
  assert.equal(last.truncations.mm_0, true);
  assert.equal(last.terminations.mm_0, false);
  assert.deepEqual(env.agents, []);
});

Deno.test("env on the AS market: the inventory strategy reproduces Avellaneda & Stoikov (2008), Table 1", async () => {
  const env = await createEnv(paperCfg);
  const p = asModelParams();
  const pnl: number[] = [];
  const inv: number[] = [];
  for (let ep = 0; ep < 500; ep++) {
    env.reset({ seed: 1_000 + ep });
    for (;;) {
      const v = env.view("mm_0");
      const q = asOptimalQuotes(
        v.midTicks * v.tickSize,
        v.inventory,
        (1 - v.timeLeft) * p.T,
        p,
        0.1,
      );
      const a = env.makerMap.encode({
        bidOffsetTicks: q.bidOffset / v.tickSize,
        askOffsetTicks: q.askOffset / v.tickSize,
        bidSize: 1,
        askSize: 1,
      });
      const r = env.step({ mm_0: a });
      if (r.truncations.mm_0) {
        pnl.push(r.infos.mm_0.pnl);
        inv.push(r.infos.mm_0.inventory);
        break;
      }
    }
  }
  const mean = pnl.reduce((a, b) => a + b) / pnl.length;
  const sd = Math.sqrt(pnl.reduce((a, b) => a + (b - mean) ** 2, 0) / (pnl.length - 1));
  // Paper, Table 1 (γ = 0.1), inventory strategy: mean profit 62.94, std 5.89.
  assert.ok(Math.abs(mean - 62.94) < 3, `mean profit ${mean}`);
  assert.ok(Math.abs(sd / 5.89 - 1) < 0.3, `std of profit ${sd}`);
  assert.equal(inv.length, 500);
});

Deno.test("env: spaces, layout and state have the documented shapes", async () => {
  const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model" }));
  assert.deepEqual(env.possibleAgents, ["mm_0", "taker_0"]);
  assert.equal(env.actionSpace("mm_0").size, 4);
  assert.equal(env.actionSpace("taker_0").size, 2);
  assert.equal(env.observationSpace("mm_0").size, 10, "the model market has no book features");
  assert.equal(env.layout.describe(), "0 rows × 0 features + 10 agent values = 10");
  const { observations } = env.reset({ seed: 1 });
  assert.equal(env.state().length, 20);
  for (const o of Object.values(observations)) assert.ok(env.observationSpace("mm_0").contains(o));
  assert.throws(() => env.actionSpace("nobody"), /unknown agent "nobody"/);
});
