import { strict as assert } from "node:assert";
import { InputError } from "../../lib/core/errors.ts";
import {
  cornishFisherCvar,
  cornishFisherVar,
  cornishFisherZ,
  excessKurtosis,
  historicalCvar,
  historicalVar,
  normalQuantile,
  skewness,
  tailRisk,
} from "../../lib/metrics/tail_risk.ts";
import { assertClose } from "./_approx.ts";

// r = −0.10, −0.09, …, 0.89 (100 values), given in reverse order so that sorting matters.
const hundred = Array.from({ length: 100 }, (_, i) => (i - 10) / 100).reverse();

Deno.test("historical VaR/CVaR: k = ⌈n(1 − α)⌉ worst returns", () => {
  // 95%: k = ⌈100 × 0.05⌉ = 5 (the float 5.000000000000004 must not round up to 6);
  // r_(5) = −0.06 → VaR 0.06; CVaR = (0.10 + 0.09 + 0.08 + 0.07 + 0.06)/5 = 0.08
  assertClose(historicalVar(hundred, 0.95), 0.06, 1e-15);
  assertClose(historicalCvar(hundred, 0.95), 0.08, 1e-15);
  // 99%: k = 1 → VaR = CVaR = 0.10
  assertClose(historicalVar(hundred, 0.99), 0.1, 1e-15);
  assertClose(historicalCvar(hundred, 0.99), 0.1, 1e-15);
  // n = 30, 95%: k = ⌈1.5⌉ = 2 → r_(2)
  const thirty = Array.from({ length: 30 }, (_, i) => i - 3); // −3, −2, …, 26
  assert.equal(historicalVar(thirty, 0.95), 2);
  assert.equal(historicalCvar(thirty, 0.95), 2.5); // (3 + 2)/2
});

Deno.test("historical tail risk edge cases", () => {
  assert(Number.isNaN(historicalVar([], 0.95)));
  assert(Number.isNaN(historicalCvar([], 0.99)));
  assert.throws(() => historicalVar([1], 1), InputError);
  assert.throws(() => historicalCvar([1], 0), InputError);
});

Deno.test("normalQuantile matches the tables", () => {
  // Φ⁻¹(0.95) = 1.6448536269514722, Φ⁻¹(0.99) = 2.3263478740408408, Φ⁻¹(0.001) = −3.090232306167813
  assertClose(normalQuantile(0.95), 1.6448536269514722, 1e-8);
  assertClose(normalQuantile(0.99), 2.3263478740408408, 1e-8);
  assertClose(normalQuantile(0.01), -2.3263478740408408, 1e-8);
  assertClose(normalQuantile(0.001), -3.090232306167813, 1e-8);
  assertClose(normalQuantile(0.5), 0, 1e-12);
});

Deno.test("skewness g1 and excess kurtosis g2 (biased moments)", () => {
  // [0, 0, 0, 4]: mean 1; d = −1, −1, −1, 3; m2 = 12/4 = 3; m3 = (−3 + 27)/4 = 6;
  // m4 = (3 + 81)/4 = 21 → g1 = 6 / 3^1.5 = 2/√3 = 1.1547005; g2 = 21/9 − 3 = −2/3
  assertClose(skewness([0, 0, 0, 4]), 2 / Math.sqrt(3), 1e-12);
  assertClose(excessKurtosis([0, 0, 0, 4]), -2 / 3, 1e-12);
  assert(Number.isNaN(skewness([1, 1])));
  assert(Number.isNaN(excessKurtosis([])));
});

Deno.test("cornishFisherZ reduces to z without skew or excess kurtosis", () => {
  assert.equal(cornishFisherZ(-1.5, 0, 0), -1.5);
  // z = −1, S = 0, K = 1: −1 + 0 + ((−1) − (−3)) / 24 = −1 + 2/24 = −0.9166667
  assertClose(cornishFisherZ(-1, 0, 1), -1 + 2 / 24, 1e-15);
});

Deno.test("Cornish–Fisher on a Gaussian-moment sample is the normal VaR/ES", () => {
  // [−1, 0, 0, 0, 0, 1]: mean 0, m2 = 2/6, m3 = 0, m4 = 2/6 → S = 0, K = (1/3)/(1/9) − 3 = 0.
  // σ (ddof 1) = √(2/5) = 0.6324555.
  // VaR95 = 1.6448536 × 0.6324555 = 1.0402968
  // ES95 = σ φ(1.6448536)/0.05; φ = e^{−1.3527717}/√(2π) = 0.2585227/2.5066283 = 0.1031356
  //      = 0.6324555 × 2.0627128 = 1.3045741
  const g = [-1, 0, 0, 0, 0, 1];
  assertClose(cornishFisherVar(g, 0.95), 1.0402968, 1e-6);
  assertClose(cornishFisherCvar(g, 0.95), 1.3045741, 1e-6);
});

Deno.test("Cornish–Fisher VaR/CVaR with negative skew (hand-computed)", () => {
  // [−2, 0, 0, 0, 1, 1]: mean 0; m2 = (4 + 1 + 1)/6 = 1; m3 = (−8 + 1 + 1)/6 = −1;
  // m4 = (16 + 1 + 1)/6 = 3 → S = −1, K = 0; σ (ddof 1) = √(6/5) = 1.0954451.
  // z = −1.6448536, z² = 2.7055434, z³ = −4.4502490.
  // z_cf = z + (z² − 1)(−1)/6 − (2z³ − 5z)/36
  //      = −1.6448536 − 0.2842572 − (−8.9004980 + 8.2242681)/36
  //      = −1.6448536 − 0.2842572 + 0.0187842 = −1.9103266
  // VaR95 = −(0 + 1.0954451 × −1.9103266) = 2.0926580
  const r = [-2, 0, 0, 0, 1, 1];
  assertClose(cornishFisherVar(r, 0.95), 2.092658, 1e-5);
  // CVaR95: q = −1.6448536, φ(q) = 0.1031356, p = 0.05
  // M0 = 0.05; M1 = −0.1031356; M2 = 0.05 + 1.6448536 × 0.1031356 = 0.2196430;
  // M3 = −(2.7055434 + 2) × 0.1031356 = −0.4853090
  // p E = M1 + (S/6)(M2 − M0) − (S²/36)(2M3 − 5M1)
  //     = −0.1031356 − 0.1696430/6 − (−0.9706180 + 0.5156780)/36
  //     = −0.1031356 − 0.0282738 + 0.0126372 = −0.1187722 → E = −2.375444
  // CVaR95 = 1.0954451 × 2.375444 = 2.602169
  assertClose(cornishFisherCvar(r, 0.95), 2.602169, 1e-4);
  assert(cornishFisherCvar(r, 0.95) > cornishFisherVar(r, 0.95));
});

Deno.test("Cornish–Fisher edge cases and the tailRisk bundle", () => {
  assert(Number.isNaN(cornishFisherVar([0.01, 0.01, 0.01])));
  assert(Number.isNaN(cornishFisherCvar([0.01])));
  assert(Number.isNaN(cornishFisherVar([])));
  const t = tailRisk(hundred);
  assertClose(t.historicalVar95, 0.06, 1e-15);
  assertClose(t.historicalCvar95, 0.08, 1e-15);
  assertClose(t.historicalVar99, 0.1, 1e-15);
  assert.equal(t.cornishFisherVar99, cornishFisherVar(hundred, 0.99));
  assert.equal(t.cornishFisherCvar95, cornishFisherCvar(hundred, 0.95));
  assert.equal(Object.keys(t).length, 8);
});
