// Reference values: scipy 1.17.1, computed once and pasted:
//   scipy.stats.mannwhitneyu(x, y, method='asymptotic'|'exact'[, alternative=…,
//   use_continuity=False]). scipy reports U of the first sample, like us.
import { strict as assert } from "node:assert";
import { mannWhitneyU } from "../../lib/stats/tests_rank.ts";
import { A, B } from "./_fixtures.ts";
import { assertClose } from "./_close.ts";

Deno.test("Mann–Whitney asymptotic (continuity corrected) matches scipy", () => {
  const r = mannWhitneyU(A, B, { method: "asymptotic" });
  assert.equal(r.statistic, 92);
  assertClose(r.pValue, 0.03779708390871803, 1e-12, "two-sided");
  const less = mannWhitneyU(A, B, { method: "asymptotic", alternative: "less" });
  assertClose(less.pValue, 0.9839429103460462, 1e-12, "less");
  const noCc = mannWhitneyU(A, B, { method: "asymptotic", continuity: false });
  assertClose(noCc.pValue, 0.034856847263039586, 1e-12, "no continuity");
});

Deno.test("Mann–Whitney tie correction matches scipy", () => {
  const x = [1, 2, 2, 3, 3, 3, 5];
  const y = [2, 3, 4, 4, 6, 7, 7, 8];
  const r = mannWhitneyU(x, y); // ties → auto picks the normal approximation
  assert.equal(r.method, "asymptotic");
  assert.equal(r.statistic, 9.5);
  assertClose(r.pValue, 0.03455739801635, 1e-12, "two-sided with ties");
  assertClose(
    mannWhitneyU(x, y, { alternative: "greater" }).pValue,
    0.9871569193874509,
    1e-12,
    "greater",
  );
  assert.throws(() => mannWhitneyU(x, y, { method: "exact" }));
});

Deno.test("Mann–Whitney exact distribution matches scipy", () => {
  const r = mannWhitneyU(A.slice(0, 6), B.slice(0, 7), { method: "exact" });
  assert.equal(r.statistic, 33);
  assertClose(r.pValue, 0.10139860139860139, 1e-13, "exact two-sided");
  const g = mannWhitneyU(A.slice(0, 6), B.slice(0, 7), { alternative: "greater" });
  assert.equal(g.method, "exact");
  assertClose(g.pValue, 0.050699300699300696, 1e-13, "exact greater");
  const big = mannWhitneyU(A, B); // 10 + 12 ≤ 40, no ties → exact
  assert.equal(big.method, "exact");
  assertClose(big.pValue, 0.03582794914064264, 1e-12, "exact 10×12");
});
