import { strict as assert } from "node:assert";
import { varianceRatioTest } from "../../lib/stats/variance_ratio.ts";
import { Rng } from "../../lib/core/rng.ts";

function gaussian(n: number, seed: number): number[] {
  const rng = Rng.fromSeed(seed).derive("vr");
  return Array.from({ length: n }, () => rng.normal());
}

Deno.test("variance ratio: hand-computed value for a short series", () => {
  // x = [1, -1, 1, 1]: mean 0.5, deviations [0.5, -1.5, 0.5, 0.5], ss = 3, varA = 0.75.
  // Overlapping 2-sums of deviations: -1, -1, 1 → squares sum 3; varC = 3 / (4·2) = 0.375.
  const r = varianceRatioTest([1, -1, 1, 1], 2);
  assert.equal(r.ratio, 0.5);
  assert.equal(r.n, 4);
});

Deno.test("variance ratio: white noise ≈ 1 and not rejected; AR(1) increments reject", () => {
  const x = gaussian(20000, 7);
  const r = varianceRatioTest(x, 10);
  assert.ok(Math.abs(r.ratio - 1) < 0.08, `VR ${r.ratio}`);
  assert.ok(r.pValue > 0.01, `p ${r.pValue}`);
  const ar: number[] = [];
  let prev = 0;
  for (const e of x) ar.push(prev = 0.5 * prev + e);
  const t = varianceRatioTest(ar, 10);
  assert.ok(t.ratio > 1.5 && t.z > 5 && t.pValue < 1e-6);
});

Deno.test("variance ratio: bad q or too few values are usage errors naming the problem", () => {
  assert.throws(() => varianceRatioTest([1, 2, 3], 1), /integer q >= 2, found 1/);
  assert.throws(
    () => varianceRatioTest([1, NaN, 2], 2),
    /at least 4 finite values for q = 2, found 2/,
  );
});
