/** GLFT closed-form asymptotic quotes against hand-computed values. */

import { strict as assert } from "node:assert";
import {
  glftQuotes,
  GueantLehalleFernandezTapia,
} from "../../lib/baselines/gueant_lehalle_fernandez_tapia.ts";
import { MakerActionMap } from "../../lib/env/action_mapping.ts";
import { viewAt } from "./_views.ts";

const map = new MakerActionMap({
  mode: "offsets",
  minOffsetTicks: 0,
  maxOffsetTicks: 300,
  maxQuoteSize: 5,
});

Deno.test("glft: δᵇ = c₁ + (2q+1)/2·c₂ and δᵃ = c₁ − (2q−1)/2·c₂, by hand", () => {
  // The paper's figure example in ticks: σ = 0.3, A = 0.9, k = 0.3, γ = 0.01.
  const [gamma, k, A, sigma] = [0.01, 0.3, 0.9, 0.3];
  const c1 = 100 * Math.log(1 + 0.01 / 0.3); // (1/γ)ln(1 + γ/k) = 3.2790…
  const c2 = Math.sqrt(((0.09 * 0.01) / (2 * 0.3 * 0.9)) * Math.pow(1 + 0.01 / 0.3, 31)); // 0.06787…
  for (const q of [-4, -1, 0, 2, 10]) {
    const g = glftQuotes(q, gamma, k, A, sigma);
    assert.ok(Math.abs(g.c1 - c1) < 1e-12 && Math.abs(g.c2 - c2) < 1e-12);
    assert.ok(Math.abs(g.bid - (c1 + ((2 * q + 1) / 2) * c2)) < 1e-12);
    assert.ok(Math.abs(g.ask - (c1 - ((2 * q - 1) / 2) * c2)) < 1e-12);
    // The spread does not depend on the inventory: 2c₁ + c₂.
    assert.ok(Math.abs(g.bid + g.ask - (2 * c1 + c2)) < 1e-12);
  }
  assert.ok(Math.abs(c1 - 3.278982) < 1e-5 && Math.abs(c2 - 0.067866) < 1e-5, `${c1} ${c2}`);
});

Deno.test("glft: the policy quotes the closed form in ticks, skewed against the inventory, whatever the time", () => {
  const p = new GueantLehalleFernandezTapia(map, { gamma: 0.1, k: 1.5, A: 140, sigma: 2, size: 3 });
  const flat = { ...p.decide(viewAt(0, 200, { inventory: 0 })) }; // decide reuses its result object
  const g0 = glftQuotes(0, 0.1, 1.5, 140, 2);
  assert.ok(Math.abs(flat.bidOffsetTicks - g0.bid / 0.01) < 1e-9);
  assert.equal(flat.bidSize, 3);
  const long = p.decide(viewAt(150, 200, { inventory: 4 }));
  assert.ok(
    Math.abs((long.bidOffsetTicks - long.askOffsetTicks) * 0.01 - 2 * 4 * g0.c2) < 1e-9,
    "bid − ask = 2q·c₂",
  );
  assert.ok(long.askOffsetTicks < flat.askOffsetTicks, "long: the ask comes closer");
  assert.throws(() => new GueantLehalleFernandezTapia(map, { A: 0 }), /A > 0/);
});
