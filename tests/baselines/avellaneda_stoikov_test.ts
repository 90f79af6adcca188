/** Avellaneda-Stoikov quotes against hand-computed reservation prices and spreads. */

import { strict as assert } from "node:assert";
import { AvellanedaStoikov } from "../../lib/baselines/avellaneda_stoikov.ts";
import { baselineContext } from "../../lib/baselines/context.ts";
import { resolveBaselineParams } from "../../lib/baselines/registry.ts";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { MakerActionMap, TakerActionMap } from "../../lib/env/action_mapping.ts";
import { createEnv } from "../../lib/env/make_env.ts";
import { asModelParams, asOptimalQuotes } from "../../lib/sim/as_model/mod.ts";
import { NO_OBS, viewAt } from "./_views.ts";

const map = new MakerActionMap({
  mode: "offsets",
  minOffsetTicks: 0,
  maxOffsetTicks: 300,
  maxQuoteSize: 5,
});

Deno.test("avellaneda-stoikov: r = s − qγσ²(T − t) and spread γσ²(T − t) + (2/γ)ln(1 + γ/k), by hand", () => {
  const as = new AvellanedaStoikov(map, { gamma: 0.1, k: 1.5, sigma: 2, horizon: 1, size: 2 });
  // Step 50 of 200: T − t = 0.75; q = −3; s = 100.
  const q = as.decide(viewAt(50, 200, { inventory: -3 }));
  const r = 100 - -3 * 0.1 * 4 * 0.75; // 100.9
  const spread = 0.1 * 4 * 0.75 + 20 * Math.log(1 + 0.1 / 1.5); // 0.3 + 1.29077…
  assert.ok(Math.abs(as.reservation - r) < 1e-12, `r ${as.reservation}`);
  assert.ok(Math.abs(as.spread - spread) < 1e-12, `spread ${as.spread}`);
  // Quotes r ∓ spread/2, as distances from the mid in ticks.
  assert.ok(Math.abs(q.bidOffsetTicks - (100 - (r - spread / 2)) / 0.01) < 1e-9);
  assert.ok(Math.abs(q.askOffsetTicks - (r + spread / 2 - 100) / 0.01) < 1e-9);
  assert.equal(q.bidSize, 2);
  assert.equal(q.askSize, 2);
  // At the end (T − t = 0) only the (2/γ)ln(1 + γ/k) term is left, centred on the mid.
  const end = as.decide(viewAt(200, 200, { inventory: 7 }));
  assert.ok(Math.abs(end.bidOffsetTicks - end.askOffsetTicks) < 1e-9);
  assert.ok(
    Math.abs((end.bidOffsetTicks + end.askOffsetTicks) * 0.01 - 20 * Math.log(1 + 0.1 / 1.5)) <
      1e-9,
  );
});

Deno.test("avellaneda-stoikov: the same quotes as the model's closed form, and the action decodes to them", () => {
  const p = asModelParams();
  const as = new AvellanedaStoikov(map, {
    gamma: 0.1,
    k: p.k,
    sigma: p.sigma,
    horizon: p.T,
    size: 1,
  });
  const out = new Float32Array(4);
  for (
    const [step, inv, mid] of [[0, 0, 10_000], [37, 4, 10_014.14], [120, -2, 9_971.7], [
      199,
      9,
      10_050,
    ]]
  ) {
    const v = viewAt(step, 200, { inventory: inv, midTicks: mid });
    const got = as.decide(v);
    const want = asOptimalQuotes(mid * 0.01, inv, (1 - v.timeLeft) * p.T, p, 0.1);
    assert.ok(Math.abs(got.bidOffsetTicks * 0.01 - want.bidOffset) < 1e-9);
    assert.ok(Math.abs(got.askOffsetTicks * 0.01 - want.askOffset) < 1e-9);
    as.act(NO_OBS, v, out);
    const decoded = map.decode(out);
    const clip = (x: number) => Math.min(300, Math.max(0, x));
    assert.equal(decoded.bidOffsetTicks, Math.round(clip(want.bidOffset / 0.01)));
    assert.equal(decoded.askOffsetTicks, Math.round(clip(want.askOffset / 0.01)));
    assert.equal(decoded.bidSize, 1);
  }
});

Deno.test("avellaneda-stoikov: σ estimated online is the realized volatility of the mids per time unit", () => {
  const as = new AvellanedaStoikov(map, { sigma: null, horizon: 2 });
  // Mid alternating 100.00 / 100.10: every change is ±0.10; dt = T/steps = 2/100 = 0.02.
  for (let i = 0; i < 30; i++) {
    as.decide(viewAt(i, 100, { midTicks: i % 2 === 0 ? 10_000 : 10_010 }));
  }
  assert.ok(Math.abs(as.sigmaUsed - 0.1 / Math.sqrt(0.02)) < 1e-9, `σ̂ ${as.sigmaUsed}`);
  // Before the first change the estimate is 0: no inventory skew.
  as.reset(1);
  as.decide(viewAt(0, 100, { inventory: 5 }));
  assert.equal(as.sigmaUsed, 0);
  assert.ok(Math.abs(as.reservation - 100) < 1e-12);
  // Horizon null: T is the episode in seconds (100 steps of 100 ms = 10 s), dt = 0.1 s.
  const secs = new AvellanedaStoikov(map, { sigma: null, horizon: null });
  for (let i = 0; i < 3; i++) secs.decide(viewAt(i, 100, { midTicks: 10_000 + 5 * i }));
  assert.ok(Math.abs(secs.sigmaUsed - 0.05 / Math.sqrt(0.1)) < 1e-9);
});

Deno.test("avellaneda-stoikov: no quotes while the mid is unknown; bad options are refused", () => {
  const as = new AvellanedaStoikov(map, { sigma: 2, horizon: 1 });
  const q = as.decide(viewAt(3, 200, { midTicks: NaN }));
  assert.equal(q.bidSize + q.askSize, 0);
  assert.throws(() => new AvellanedaStoikov(map, { gamma: 0 }), /gamma > 0/);
  assert.throws(() => new AvellanedaStoikov(map, { k: -1 }), /k > 0/);
});

Deno.test("avellaneda-stoikov: on the model market the registry uses the model's σ, k and T; with no market known, k = 1.5 and σ is estimated", async () => {
  const env = await createEnv(EnvironmentSectionSchema.parse({
    market: "as_model",
    as_model: { model: { sigma: 1.5, k: 2, horizon_T: 0.5 } },
  }));
  const p = resolveBaselineParams("avellaneda-stoikov", baselineContext(env, "mm_0"), {
    gamma: 0.3,
  });
  assert.deepEqual(p, { gamma: 0.3, k: 2, sigma: 1.5, horizon: 0.5, size: 1, sigma_window: 100 });
  const explicit = resolveBaselineParams("avellaneda-stoikov", baselineContext(env, "mm_0"), {
    sigma: 3,
  });
  assert.equal(explicit.sigma, 3);
  const ctx = {
    agent: "mm_0",
    role: "market_maker" as const,
    makerMap: map,
    takerMap: new TakerActionMap({ maxOrderSize: 10 }),
    market: null,
  };
  const other = resolveBaselineParams("avellaneda-stoikov", ctx, {});
  assert.deepEqual([other.k, other.sigma, other.horizon], [1.5, null, null]);
});
