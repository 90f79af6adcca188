/** The batched AS strategy gives exactly the per-agent policy's actions, episode long. */

import { strict as assert } from "node:assert";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { AsModelVecEnv } from "../../lib/env/as_model_vec_env.ts";
import type { AgentView } from "../../lib/env/policy.ts";
import { AvellanedaStoikov } from "../../lib/baselines/avellaneda_stoikov.ts";
import { actAvellanedaStoikovBatch } from "../../lib/baselines/avellaneda_stoikov_batch.ts";

Deno.test("AS batch: the same actions as K AvellanedaStoikov policies, over auto-resets", () => {
  const cfg = EnvironmentSectionSchema.parse({
    market: "as_model",
    agents: { market_takers: 0, max_quote_size: 1, min_offset_ticks: 0 },
  });
  const K = 5;
  const vec = new AsModelVecEnv(cfg, K);
  const params = { gamma: 0.1, k: 1.5, sigma: 2, horizon: 1, size: 1 };
  const policies = Array.from(
    { length: K },
    () =>
      new AvellanedaStoikov(vec.makerMap, { gamma: 0.1, k: 1.5, sigma: 2, horizon: 1, size: 1 }),
  );
  let obs = vec.reset(3);
  const batch = new Float32Array(K * 4);
  const single = new Float32Array(K * 4);
  const view = {} as AgentView;
  for (let t = 0; t < 450; t++) {
    actAvellanedaStoikovBatch(vec, params, batch);
    for (let k = 0; k < K; k++) {
      policies[k].act(
        obs.subarray(k * 10, k * 10 + 10),
        vec.view(k, view),
        single.subarray(k * 4, k * 4 + 4),
      );
    }
    assert.deepEqual(batch, single, `step ${t}`);
    obs = vec.step(batch).observations;
  }
});
