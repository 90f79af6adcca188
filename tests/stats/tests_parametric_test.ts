// Reference values: scipy 1.17.1, computed once and pasted:
//   scipy.stats.ttest_ind(a, b, equal_var=False[, alternative=…]) and
//   scipy.stats.ttest_rel(a, b[:10]).
import { strict as assert } from "node:assert";
import { pairedTTest, welchTTest } from "../../lib/stats/tests_parametric.ts";
import { InputError } from "../../lib/core/errors.ts";
import { A, B } from "./_fixtures.ts";
import { assertClose } from "./_close.ts";

Deno.test("welchTTest matches scipy.stats.ttest_ind(equal_var=False)", () => {
  const r = welchTTest(A, B);
  assertClose(r.statistic, 2.377734513148245, 1e-12, "t");
  assertClose(r.df, 16.105278993428485, 1e-10, "Welch–Satterthwaite df");
  assertClose(r.pValue, 0.030137825668059764, 1e-12, "two-sided p");
  assertClose(
    welchTTest(A, B, { alternative: "greater" }).pValue,
    0.015068912834029882,
    1e-12,
    "greater",
  );
  assertClose(welchTTest(A, B, { alternative: "less" }).pValue, 0.9849310871659701, 1e-12, "less");
});

Deno.test("pairedTTest matches scipy.stats.ttest_rel", () => {
  const r = pairedTTest(A, B.slice(0, 10));
  assertClose(r.statistic, 5.509189647176967, 1e-12, "t");
  assert.equal(r.df, 9);
  assertClose(r.pValue, 0.0003756941778013903, 1e-13, "p");
});

Deno.test("t tests reject bad input", () => {
  assert.throws(() => welchTTest([1], [1, 2]), InputError);
  assert.throws(() => pairedTTest([1, 2, 3], [1, 2]), InputError);
  assert.throws(() => welchTTest([1, NaN], [1, 2]), InputError);
});
