// Reference values: scipy 1.17.1 (python3), computed once and pasted as literals:
//   scipy.stats.norm.cdf(x), scipy.stats.norm.ppf(p), scipy.stats.t.cdf(t, df),
//   scipy.special.betainc(2.5, 4.1, 0.3).
import { strict as assert } from "node:assert";
import {
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSided,
} from "../../lib/stats/distributions.ts";
import { assertClose } from "./_close.ts";

Deno.test("normalCdf matches scipy.stats.norm.cdf", () => {
  const cases: [number, number][] = [
    [-8, 6.22096057427174e-16],
    [-3, 0.0013498980316300933],
    [-1.5, 0.06680720126885807],
    [0.3, 0.6179114221889526],
    [2, 0.9772498680518208],
    [5.5, 0.9999999810104375],
  ];
  for (const [x, ref] of cases) assertClose(normalCdf(x), ref, 1e-14, `Φ(${x})`);
  assert.equal(normalCdf(0), 0.5);
});

Deno.test("normalQuantile matches scipy.stats.norm.ppf", () => {
  const cases: [number, number][] = [
    [1e-10, -6.361340902404056],
    [0.001, -3.090232306167813],
    [0.02, -2.053748910631823],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.9, 1.2815515655446004],
    [0.99, 2.3263478740408408],
    [0.999999, 4.753424308817087],
  ];
  for (const [p, ref] of cases) {
    assertClose(normalQuantile(p), ref, 1e-9 * Math.max(1, Math.abs(ref)), `Φ⁻¹(${p})`);
  }
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.throws(() => normalQuantile(1.5));
});

Deno.test("studentTCdf matches scipy.stats.t.cdf (integer and fractional df)", () => {
  const cases: [number, number, number][] = [
    [-2.5, 3, 0.04385332350403278],
    [1.2, 7.3, 0.8661846667241719],
    [0.4, 1, 0.6211189415908434],
    [-0.7, 2, 0.2781965123164327],
    [3.1, 30, 0.9979077575697246],
    [2.0, 1000, 0.9771148267533741],
  ];
  for (const [t, df, ref] of cases) assertClose(studentTCdf(t, df), ref, 1e-12, `T(${t}; ${df})`);
  // Two-sided tail = 2·min(F, 1 − F).
  assertClose(studentTTwoSided(-2.5, 3), 2 * 0.04385332350403278, 1e-12, "two-sided");
});

Deno.test("regularizedIncompleteBeta and logGamma against references", () => {
  assertClose(regularizedIncompleteBeta(0.3, 2.5, 4.1), 0.3631825104219686, 1e-13, "I");
  // Closed forms: ln Γ(5) = ln 24, Γ(1/2) = √π.
  assertClose(logGamma(5), Math.log(24), 1e-13, "lnΓ(5)");
  assertClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13, "lnΓ(1/2)");
  // I_x(1, 1) = x (uniform distribution).
  assertClose(regularizedIncompleteBeta(0.37, 1, 1), 0.37, 1e-14, "I(1,1)");
});
