/** The vectorised environments agree with single environments (same seeds, same numbers). */

import { strict as assert } from "node:assert";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { AsModelVecEnv, createEnv, createVecEnv, VecEnv } from "../../lib/env/mod.ts";
import { Rng } from "../../lib/core/rng.ts";

const asCfg = EnvironmentSectionSchema.parse({
  market: "as_model",
  agents: { market_takers: 0, max_quote_size: 3 },
  rewards: { inventory_penalty: 0.01, risk_penalty: 0.001 },
  risk: { max_inventory: 4, liquidation_cost_bps: 5 },
  fees: { maker_bps: -0.5 },
});

Deno.test("AsModelVecEnv equals K MarketEnvs over the AS market, value for value, across auto-resets", async () => {
  const K = 4;
  const fast = new AsModelVecEnv(asCfg, K);
  const slow = (await createVecEnv(asCfg, K, { fastPath: false })) as VecEnv;
  assert.ok(slow instanceof VecEnv);
  const o1 = fast.reset(11);
  const o2 = slow.reset(11);
  assert.deepEqual(o1, o2);
  const rng = Rng.fromSeed(5);
  const actions = new Float32Array(K * 4);
  let ended = 0;
  for (let t = 0; t < 450; t++) {
    for (let i = 0; i < actions.length; i++) actions[i] = 2 * rng.nextFloat() - 1;
    const a = fast.step(actions);
    const b = slow.step(actions);
    assert.deepEqual(a.rewards, b.rewards, `rewards differ at step ${t}`);
    assert.deepEqual(a.observations, b.observations, `observations differ at step ${t}`);
    assert.deepEqual(a.truncations, b.truncations);
    assert.deepEqual(a.episodeEnded, b.episodeEnded);
    for (const e of a.episodeEnded) ended += e;
  }
  assert.equal(ended, 2 * K, "two episodes of 200 steps ended in every environment");
});

Deno.test("VecEnv equals K single environments stepped by hand with the same seeds", async () => {
  const cfg = EnvironmentSectionSchema.parse({ market: "as_model" }); // a maker and a taker: the general path
  const K = 3;
  const vec = (await createVecEnv(cfg, K)) as VecEnv;
  assert.ok(vec instanceof VecEnv);
  const singles = await Promise.all(Array.from({ length: K }, () => createEnv(cfg)));
  vec.reset(100);
  singles.forEach((e, k) => e.reset({ seed: 100 + k }));
  const rng = Rng.fromSeed(9);
  const acts = new Float32Array(K * vec.A * vec.actSize);
  for (let t = 0; t < 50; t++) {
    for (let i = 0; i < acts.length; i++) acts[i] = 2 * rng.nextFloat() - 1;
    const r = vec.step(acts);
    for (let k = 0; k < K; k++) {
      const base = k * vec.A * vec.actSize;
      const s = singles[k].step({
        mm_0: acts.subarray(base, base + 4),
        taker_0: acts.subarray(base + vec.actSize, base + vec.actSize + 2),
      });
      assert.equal(r.rewards[k * 2], Math.fround(s.rewards.mm_0));
      assert.equal(r.rewards[k * 2 + 1], Math.fround(s.rewards.taker_0));
    }
  }
});
