/**
 * Statistical checks of the model market against its definition. Every
 * tolerance is computed: 5 standard errors of the estimate (a false alarm
 * about once in 1.7 million runs for a normal estimate; the seeds are fixed,
 * so each run is the same anyway).
 */

import { strict as assert } from "node:assert";
import { AsModelMarket, asModelParams } from "../../../lib/sim/as_model/mod.ts";
import { meanVar } from "./_helpers.ts";

Deno.test("as_model stats: terminal mid has mean s0 and variance σ²T", () => {
  const p = asModelParams(); // σ²T = 4
  const n = 20_000;
  const market = new AsModelMarket(p, n, 2024);
  const none = new Float64Array(n).fill(NaN);
  while (!market.done) market.step(none, none);
  const { mean, variance } = meanVar(market.mid);
  // SE of the sample variance: √((m₄ − v²)/n), m₄ the fourth central moment.
  let m4 = 0;
  for (const s of market.mid) m4 += (s - mean) ** 4 / n;
  const seVar = Math.sqrt((m4 - variance * variance) / n);
  const target = p.sigma * p.sigma * p.T;
  assert(Math.abs(variance - target) < 5 * seVar, `var ${variance} vs ${target} ± ${5 * seVar}`);
  const seMean = Math.sqrt(variance / n);
  assert(Math.abs(mean - p.s0) < 5 * seMean, `mean ${mean} vs ${p.s0} ± ${5 * seMean}`);
});

Deno.test("as_model stats: mid increments are ±σ√dt, up half the time", () => {
  const p = asModelParams({ sigma: 0.7, dt: 0.01 });
  const n = 2000;
  const ds = p.sigma * Math.sqrt(p.dt);
  const market = new AsModelMarket(p, n, 77);
  const none = new Float64Array(n).fill(NaN);
  let ups = 0, total = 0;
  while (!market.done) {
    const before = market.mid.slice();
    market.step(none, none);
    for (let i = 0; i < n; i++) {
      const d = market.mid[i] - before[i];
      assert(Math.abs(Math.abs(d) - ds) < 1e-12, `increment ${d}, expected ±${ds}`);
      if (d > 0) ups++;
      total++;
    }
  }
  const se = Math.sqrt(0.25 / total);
  assert(Math.abs(ups / total - 0.5) < 5 * se, `up fraction ${ups / total} ± ${5 * se}`);
});

/** Per-step fill frequencies for groups of trajectories quoting fixed offsets. */
function fillFrequencies(
  dt: number,
  deltas: number[],
  perGroup: number,
  seed: number,
): { bid: number[]; ask: number[]; both: number[]; draws: number } {
  const p = asModelParams({ dt });
  const n = deltas.length * perGroup;
  const offsets = new Float64Array(n);
  for (let g = 0; g < deltas.length; g++) offsets.fill(deltas[g], g * perGroup, (g + 1) * perGroup);
  const market = new AsModelMarket(p, n, seed);
  const bid = deltas.map(() => 0), ask = deltas.map(() => 0), both = deltas.map(() => 0);
  while (!market.done) {
    market.step(offsets, offsets);
    for (let i = 0; i < n; i++) {
      const g = Math.floor(i / perGroup);
      bid[g] += market.bidFilled[i];
      ask[g] += market.askFilled[i];
      both[g] += market.bidFilled[i] & market.askFilled[i];
    }
  }
  const draws = perGroup * market.steps;
  const f = (xs: number[]) => xs.map((x) => x / draws);
  return { bid: f(bid), ask: f(ask), both: f(both), draws };
}

function assertFrequency(found: number, p: number, draws: number, what: string): void {
  if (p >= 1) {
    assert.equal(found, 1, `${what}: p = 1 must fill every step`);
    return;
  }
  const se = Math.sqrt((p * (1 - p)) / draws);
  assert(Math.abs(found - p) < 5 * se, `${what}: frequency ${found}, expected ${p} ± ${5 * se}`);
}

Deno.test("as_model stats: per-step fill frequency is min(1, A·exp(−kδ)·dt)", () => {
  const A = 140, k = 1.5;
  for (
    const [dt, deltas] of [
      [0.005, [0, 0.5, 1, 2.5, -0.5]], // A·dt = 0.7; δ = −0.5 caps (1.48 → 1)
      [0.01, [0, 0.3, 2]], // A·dt = 1.4: δ = 0 caps; δ = 0.3 → 0.89 does not
    ] as const
  ) {
    const r = fillFrequencies(dt, [...deltas], 1000, 31);
    deltas.forEach((delta, g) => {
      const p = Math.min(1, A * Math.exp(-k * delta) * dt);
      const what = `dt = ${dt}, δ = ${delta}`;
      assertFrequency(r.bid[g], p, r.draws, `${what}, bid`);
      assertFrequency(r.ask[g], p, r.draws, `${what}, ask`);
      assertFrequency(r.both[g], p * p, r.draws, `${what}, both sides (independent)`);
    });
  }
});
