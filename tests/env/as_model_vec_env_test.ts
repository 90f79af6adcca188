/** The AS-model fast path against the general vectorised env, where episodes end at different steps. */

import { strict as assert } from "node:assert";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { AsModelVecEnv, createVecEnv, VecEnv } from "../../lib/env/mod.ts";
import { Rng } from "../../lib/core/rng.ts";

Deno.test("AsModelVecEnv: loss-limit terminations at different steps per env agree with MarketEnvs", async () => {
  for (const maker_action of ["offsets", "skew_spread"] as const) {
    const cfg = EnvironmentSectionSchema.parse({
      market: "as_model",
      agents: { market_takers: 0, max_quote_size: 2, maker_action },
      rewards: {
        inventory_penalty: 0.02,
        inventory_penalty_kind: "running",
        team_weight: 0.3,
        risk_penalty: 0.01,
        scale: 3,
      },
      risk: { max_inventory: 3, loss_limit: 0.3, liquidation_cost_bps: 2 },
      fees: { maker_bps: 0.2 },
    });
    const K = 5;
    const fast = new AsModelVecEnv(cfg, K);
    const slow = (await createVecEnv(cfg, K, { fastPath: false })) as VecEnv;
    assert.ok(slow instanceof VecEnv);
    assert.deepEqual(fast.reset(7), slow.reset(7));
    const rng = Rng.fromSeed(8);
    const actions = new Float32Array(K * 4);
    let terminated = 0;
    const endSteps = new Set<number>();
    for (let t = 0; t < 500; t++) {
      // Aggressive quotes (near the mid) with a bias that builds inventory and losses.
      for (let i = 0; i < actions.length; i++) actions[i] = 2 * rng.nextFloat() - 1.2;
      const a = fast.step(actions);
      const b = slow.step(actions);
      const at = `${maker_action}, step ${t}`;
      assert.deepEqual(a.rewards, b.rewards, `rewards, ${at}`);
      assert.deepEqual(a.observations, b.observations, `observations, ${at}`);
      assert.deepEqual(a.terminations, b.terminations, `terminations, ${at}`);
      assert.deepEqual(a.truncations, b.truncations, `truncations, ${at}`);
      assert.deepEqual(a.episodeEnded, b.episodeEnded, `episodeEnded, ${at}`);
      for (let k = 0; k < K; k++) {
        if (a.episodeEnded[k] === 1) {
          assert.deepEqual(
            a.finalObservations.subarray(k * 10, k * 10 + 10),
            b.finalObservations.subarray(k * 10, k * 10 + 10),
            `final observation, ${at}`,
          );
          endSteps.add(t);
        }
        terminated += a.terminations[k];
      }
    }
    assert(terminated >= 3, `${maker_action}: some episodes end on the loss limit (${terminated})`);
    assert(endSteps.size >= 3, `${maker_action}: episodes end at different steps`);
  }
});

Deno.test("AsModelVecEnv: arrays is one live object; bad arguments are errors", () => {
  const cfg = EnvironmentSectionSchema.parse({ market: "as_model", agents: { market_takers: 0 } });
  const vec = new AsModelVecEnv(cfg, 2);
  vec.reset(1);
  const arrays = vec.arrays;
  assert.equal(vec.arrays, arrays);
  assert.equal(arrays.step[0], 0);
  vec.step(new Float32Array(8));
  assert.equal(arrays.step[0], 1);
  assert.equal(arrays.viewMidTicks[1], vec.view(1).midTicks);
  assert.equal(vec.model.trajectories, 2);
  assert.throws(() => vec.step(new Float32Array(7)), /expected 8 action values.*found 7/);
  assert.throws(() => new AsModelVecEnv(cfg, 0), /expected K to be an integer ≥ 1, found 0/);
});
