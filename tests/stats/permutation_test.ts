// Reference values:
// - scipy 1.17.1: scipy.stats.permutation_test((a, b[:10]), lambda x, y, axis:
//   np.mean(x - y, axis=axis), permutation_type='samples', n_resamples=np.inf,
//   vectorized=True, alternative=…) → statistic 0.55, p = 0.00390625 (two-sided),
//   0.001953125 (greater), 0.9990234375 (less).
// - n = 22: exact sign-flip enumeration of all 2²² vectors written directly in
//   numpy (count of |Σ sᵢdᵢ| ≥ |Σ dᵢ|) → p = 0.053019046783447266, used to check
//   the Monte Carlo branch within its sampling error.
import { strict as assert } from "node:assert";
import { Rng } from "../../lib/core/rng.ts";
import { pairedPermutationTest } from "../../lib/stats/permutation.ts";
import { A, B } from "./_fixtures.ts";
import { assertClose } from "./_close.ts";

Deno.test("exact paired permutation test matches scipy.stats.permutation_test", () => {
  const b10 = B.slice(0, 10);
  const two = pairedPermutationTest(A, b10);
  assert.equal(two.exact, true);
  assert.equal(two.permutations, 1024);
  assertClose(two.statistic, 0.55, 1e-12, "statistic");
  assertClose(two.pValue, 0.00390625, 1e-15, "two-sided");
  assertClose(
    pairedPermutationTest(A, b10, { alternative: "greater" }).pValue,
    0.001953125,
    1e-15,
    "greater",
  );
  assertClose(
    pairedPermutationTest(A, b10, { alternative: "less" }).pValue,
    0.9990234375,
    1e-15,
    "less",
  );
});

Deno.test("Monte Carlo branch (n > 20) agrees with exact enumeration from numpy", () => {
  const d = Array.from({ length: 22 }, (_, i) => Math.sin(1.3 * i) + 0.25);
  const zeros = new Array(22).fill(0);
  const r = pairedPermutationTest(d, zeros, { rng: Rng.fromSeed(11), resamples: 20000 });
  assert.equal(r.exact, false);
  const ref = 0.053019046783447266;
  const se = Math.sqrt(ref * (1 - ref) / 20000);
  assertClose(r.pValue, ref, 4 * se, "MC p-value");
  // Seeded: same seed, same p-value.
  assert.equal(
    pairedPermutationTest(d, zeros, { rng: Rng.fromSeed(11), resamples: 20000 }).pValue,
    r.pValue,
  );
  assert.throws(() => pairedPermutationTest(d, zeros)); // no rng for n > 20
});
