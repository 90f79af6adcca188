import { strict as assert } from "node:assert";
import { Rng } from "../../lib/core/rng.ts";
import { GaussianNoise, OrnsteinUhlenbeckNoise } from "../../lib/rl/noise.ts";
import { countTypedArrays } from "./_helpers.ts";

function longRun(noise: OrnsteinUhlenbeckNoise, steps: number, burnIn: number) {
  const out = new Float32Array(noise.size);
  let n = 0, mean = 0, m2 = 0;
  for (let k = 0; k < burnIn; k++) noise.sample(out);
  for (let k = 0; k < steps; k++) {
    noise.sample(out);
    for (let i = 0; i < out.length; i++) {
      n++;
      const d = out[i] - mean;
      mean += d / n;
      m2 += d * (out[i] - mean);
    }
  }
  return { mean, variance: m2 / n };
}

Deno.test("OU (exact): long-run mean μ and variance σ²/(2θ)", () => {
  // θ = 0.15, σ = 0.2, μ = 0.3, dt = 1: σ²/(2θ) = 0.04/0.3 = 0.1333…
  // 8 independent coordinates × 50 000 steps; lag-1 correlation e^−0.15 ≈ 0.86, so about
  // 400 000 · 0.075 ≈ 30 000 effective samples: standard errors ≈ 0.002 (mean), 0.8 % (variance).
  const ou = new OrnsteinUhlenbeckNoise(8, Rng.fromSeed(1).derive("ou"), {
    theta: 0.15,
    sigma: 0.2,
    mu: 0.3,
    dt: 1,
    discretisation: "exact",
  });
  assert(Math.abs(ou.stationaryVariance - 0.04 / 0.3) < 1e-15);
  const { mean, variance } = longRun(ou, 50_000, 200);
  assert(Math.abs(mean - 0.3) < 0.015, `mean ${mean}`);
  assert(Math.abs(variance / (0.04 / 0.3) - 1) < 0.05, `variance ${variance}`);
});

Deno.test("OU (Euler, the default): stationary variance σ²/(θ(2 − θ dt)), not σ²/(2θ)", () => {
  // θ = 0.5, σ = 0.3, dt = 1: σ²/(θ(2 − θdt)) = 0.09/0.75 = 0.12, while σ²/(2θ) = 0.09.
  const ou = new OrnsteinUhlenbeckNoise(8, Rng.fromSeed(2), { theta: 0.5, sigma: 0.3, dt: 1 });
  assert.equal(ou.discretisation, "euler");
  const { mean, variance } = longRun(ou, 30_000, 100);
  assert(Math.abs(mean) < 0.01, `mean ${mean}`);
  assert(Math.abs(variance / 0.12 - 1) < 0.04, `variance ${variance}`);
  assert(Math.abs(variance / 0.09 - 1) > 0.2);
  // a small dt approaches the continuous process: 0.09 / (0.5 · 1.995) ≈ 0.0902
  const fine = new OrnsteinUhlenbeckNoise(1, Rng.fromSeed(3), { theta: 0.5, sigma: 0.3, dt: 0.01 });
  assert(Math.abs(fine.stationaryVariance - 0.09 / (0.5 * 1.995)) < 1e-15);
});

Deno.test("OU: mean reversion from x0: E[x_t] = μ + (x0 − μ) e^(−θt)", () => {
  // 4 000 independent coordinates from x0 = 2 toward μ = 0 with θ = 0.15, dt = 1 (exact):
  // after 10 steps E[x] = 2e^−1.5 ≈ 0.4463, Var = σ²/(2θ)(1 − e^−3) ≈ 0.1267 → s.e. ≈ 0.0056.
  const ou = new OrnsteinUhlenbeckNoise(4000, Rng.fromSeed(4), {
    theta: 0.15,
    sigma: 0.2,
    x0: 2,
    discretisation: "exact",
  });
  const out = new Float32Array(4000);
  for (let k = 0; k < 10; k++) ou.sample(out);
  const m = out.reduce((a, b) => a + b, 0) / out.length;
  assert(Math.abs(m - 2 * Math.exp(-1.5)) < 0.025, `mean after 10 steps ${m}`);
  ou.reset();
  assert(ou.x.every((v) => v === 2));
});

Deno.test("Noise: seeded and reproducible; named streams differ; restore continues exactly", () => {
  const seq = (noise: OrnsteinUhlenbeckNoise | GaussianNoise, n: number) => {
    const out = new Float32Array(noise.size);
    return Array.from({ length: n }, () => Array.from(noise.sample(out))).flat();
  };
  const make = (name: string) => new OrnsteinUhlenbeckNoise(3, Rng.fromSeed(9).derive(name));
  assert.deepEqual(seq(make("mm_0"), 20), seq(make("mm_0"), 20));
  assert.notDeepEqual(seq(make("mm_0"), 20), seq(make("mm_1"), 20));

  const a = make("mm_0");
  seq(a, 7);
  a.decay();
  const saved = a.state();
  const b = make("other");
  b.restore(saved);
  assert.deepEqual(seq(b, 15), seq(a, 15));

  const g = new GaussianNoise(2, Rng.fromSeed(1), { sigma: 0.5 });
  seq(g, 3);
  const h = new GaussianNoise(2, Rng.fromSeed(2), { sigma: 0.5 });
  h.restore(g.state());
  assert.deepEqual(seq(h, 9), seq(g, 9));
  assert.throws(() => b.restore({ ...saved, x: undefined }), /position of 3 values, found none/);
});

Deno.test("Noise: scale multiplies the output; decay is geometric down to minScale", () => {
  const base = new GaussianNoise(4, Rng.fromSeed(5), { sigma: 0.2 });
  const scaled = new GaussianNoise(4, Rng.fromSeed(5), { sigma: 0.2, scale: 2.5 });
  const x = Array.from(base.sample(new Float32Array(4)));
  const y = Array.from(scaled.sample(new Float32Array(4)));
  y.forEach((v, i) => assert(Math.abs(v - 2.5 * x[i]) < 1e-6));
  const ou = new OrnsteinUhlenbeckNoise(2, Rng.fromSeed(6), { decay: 0.9, minScale: 0.5 });
  const scales = Array.from({ length: 8 }, () => ou.decay());
  const expected = [0.9, 0.81, 0.729, 0.6561, 0.59049, 0.531441, 0.5, 0.5];
  scales.forEach((s, i) => assert(Math.abs(s - expected[i]) < 1e-12, `decay ${i}: ${s}`));
  ou.scale = 0;
  assert(ou.sample(new Float32Array(2)).every((v) => v === 0));
  assert.throws(() => {
    ou.scale = -1;
  }, /finite scale ≥ 0, found -1/);
});

Deno.test("Gaussian noise: mean μ and standard deviation σ", () => {
  const g = new GaussianNoise(10, Rng.fromSeed(7), { sigma: 0.3, mu: 0.1 });
  const out = new Float32Array(10);
  let n = 0, s = 0, s2 = 0;
  for (let k = 0; k < 10_000; k++) {
    g.sample(out);
    for (const v of out) {
      n++;
      s += v;
      s2 += v * v;
    }
  }
  const mean = s / n, sd = Math.sqrt(s2 / n - mean * mean);
  assert(Math.abs(mean - 0.1) < 0.003, `mean ${mean}`); // s.e. 0.001
  assert(Math.abs(sd - 0.3) < 0.003, `sd ${sd}`); // s.e. ≈ 0.0007
});

Deno.test("Noise: perturb adds noise and clips; sampling allocates nothing; bad options rejected", () => {
  const ou = new OrnsteinUhlenbeckNoise(3, Rng.fromSeed(8), { sigma: 0.5, x0: 10 });
  const a = new Float32Array([0.5, -0.5, 0]);
  ou.perturb(a, -1, 1);
  assert.deepEqual(Array.from(a), [1, 1, 1]); // x = 10 − 1.5 + 0.5·N(0, 1): far above the bound
  const g = new GaussianNoise(4, Rng.fromSeed(0));
  const before = new Float32Array([0.1, 0.2, 0.3, 0.4]);
  const moved = g.perturb(before.slice());
  assert(moved.some((v, i) => v !== before[i]));
  const out = new Float32Array(3);
  assert.equal(
    countTypedArrays(() => {
      for (let k = 0; k < 100; k++) {
        ou.sample(out);
        ou.perturb(a, -1, 1);
      }
    }),
    0,
  );
  assert.throws(() => ou.sample(new Float32Array(2)), /expected 3 values, found 2/);
  assert.throws(
    () => new OrnsteinUhlenbeckNoise(1, Rng.fromSeed(0), { theta: 0 }),
    /finite theta > 0, found 0/,
  );
  assert.throws(
    () => new OrnsteinUhlenbeckNoise(1, Rng.fromSeed(0), { theta: 1, dt: 2 }),
    /θ·dt < 2 for a stable Euler step, found 2/,
  );
  assert.throws(() => new GaussianNoise(0, Rng.fromSeed(0)), /integer size ≥ 1, found 0/);
});
