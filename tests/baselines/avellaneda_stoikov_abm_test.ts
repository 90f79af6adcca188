/**
 * Avellaneda-Stoikov on the agent-based market: with the registry's default
 * k scaled to the tick, its quotes sit inside the market's spread and fill
 * (with the paper's k = 1.5 per dollar they sat 65 ticks out, were clipped to
 * max_offset_ticks = 20, behind the ~10-tick touch, and never filled).
 */

import { strict as assert } from "node:assert";
import type { AvellanedaStoikov } from "../../lib/baselines/avellaneda_stoikov.ts";
import { baselineContext } from "../../lib/baselines/context.ts";
import {
  createBaseline,
  DEFAULT_K_PER_TICK,
  resolveBaselineParams,
} from "../../lib/baselines/registry.ts";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { createEnv } from "../../lib/env/make_env.ts";
import { runEpisodes } from "../../lib/env/rollout.ts";

const abmEnv = () =>
  createEnv(EnvironmentSectionSchema.parse({
    market: "abm",
    episode_seconds: 20,
    agents: { market_makers: 1, market_takers: 0 },
  }));

Deno.test("avellaneda-stoikov on abm: default k is scaled to the tick, and the quotes fill with non-zero PnL", async () => {
  const env = await abmEnv();
  const ctx = baselineContext(env, "mm_0");
  const as = createBaseline("avellaneda-stoikov", ctx) as AvellanedaStoikov;
  const records = runEpisodes(env, { mm_0: as }, [1, 2]);
  for (const r of records) {
    const ep = r.agents.mm_0;
    assert.ok(ep.fills > 0, `seed ${r.seed}: ${ep.fills} fills`);
    assert.notEqual(ep.finalPnl, 0, `seed ${r.seed}: PnL ${ep.finalPnl}`);
  }
  const maxOffset = env.makerMap.params.maxOffsetTicks;
  // The last flat half-spread, in ticks, is inside the action map's bounds (not clipped).
  assert.ok(as.spread / 2 / env.market.tickSize < maxOffset, `half-spread ${as.spread / 2}`);
  const p = resolveBaselineParams("avellaneda-stoikov", ctx, {});
  assert.equal(env.market.tickSize, 0.01);
  assert.ok(Math.abs((p.k as number) - DEFAULT_K_PER_TICK / 0.01) < 1e-9, `k = ${p.k}`);
  assert.equal(p.sigma, null);
});

Deno.test("gueant-lehalle-fernandez-tapia on abm: the same tick-scaled default k", async () => {
  const env = await abmEnv();
  const p = resolveBaselineParams("gueant-lehalle-fernandez-tapia", baselineContext(env, "mm_0"));
  assert.ok(Math.abs((p.k as number) - DEFAULT_K_PER_TICK / env.market.tickSize) < 1e-9);
});
