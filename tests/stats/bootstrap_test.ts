// References:
// - scipy 1.17.1 private helper scipy.stats._resampling._bca_interval((s15,), stat, -1,
//   0.025, reps, None, np) — the BCa arithmetic scipy.stats.bootstrap uses — on FIXED
//   replicates reps[k] = θ̂ + 0.45 sin(1.7k) + 0.12 cos(0.3k) + 0.05 (k < 199), then
//   np.percentile(reps, 100·α). Percentile interval: np.percentile(reps, [2.5, 97.5]).
// - Coverage: seeded simulation against the known mean of Exp(1).
import { strict as assert } from "node:assert";
import { Rng } from "../../lib/core/rng.ts";
import {
  bcaAcceleration,
  bootstrapCi,
  intervalFromReplicates,
  jackknifeValues,
} from "../../lib/stats/bootstrap.ts";
import { assertClose } from "./_close.ts";

const S15 = [2.1, 0.4, 3.3, 1.7, 0.9, 5.2, 1.1, 2.8, 0.6, 7.4, 1.9, 0.3, 2.5, 4.1, 1.4];
const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;
const variance = (xs: Float64Array) => {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
};
const reps = (centre: number, amp: number, amp2: number, shift: number) =>
  Array.from(
    { length: 199 },
    (_, k) => centre + amp * Math.sin(1.7 * k) + amp2 * Math.cos(0.3 * k) + shift,
  );

Deno.test("BCa on fixed replicates matches scipy's _bca_interval (mean)", () => {
  const est = mean(Float64Array.from(S15));
  const r = intervalFromReplicates(S15, mean, reps(est, 0.45, 0.12, 0.05), { method: "bca" });
  assertClose(r.estimate, 2.38, 1e-12, "estimate");
  assertClose(r.acceleration, 0.05263323145105531, 1e-12, "acceleration");
  assertClose(r.lower, 1.8916408780585332, 1e-10, "lower");
  assertClose(r.upper, 2.9576198088225967, 1e-10, "upper");
  const p = intervalFromReplicates(S15, mean, reps(est, 0.45, 0.12, 0.05), {
    method: "percentile",
  });
  assertClose(p.lower, 1.8903456162885772, 1e-12, "percentile lower");
  assertClose(p.upper, 2.9570805472544537, 1e-12, "percentile upper");
});

Deno.test("BCa on fixed replicates matches scipy's _bca_interval (variance, skewed)", () => {
  const est = variance(Float64Array.from(S15));
  const r = intervalFromReplicates(S15, variance, reps(est, 1.9, 0.6, 0.3));
  assert.equal(r.method, "bca");
  assertClose(r.estimate, 3.866, 1e-12, "estimate");
  assertClose(r.acceleration, 0.12273533075496916, 1e-12, "acceleration");
  assertClose(r.lower, 1.990011309635573, 1e-9, "lower");
  assertClose(r.upper, 6.525980055548101, 1e-9, "upper");
});

Deno.test("jackknife of the mean is hand-checkable; its acceleration is 0 for symmetric data", () => {
  const j = jackknifeValues([1, 2, 3], mean);
  assert.deepEqual(Array.from(j), [2.5, 2, 1.5]);
  assert.equal(bcaAcceleration(j), 0);
});

Deno.test("bootstrap CIs cover the true mean of Exp(1) at about the nominal rate", () => {
  const rng = Rng.fromSeed(2024);
  const data = rng.derive("data");
  const boot = rng.derive("boot");
  const trials = 300;
  let coveredBca = 0, coveredPct = 0;
  for (let t = 0; t < trials; t++) {
    const x = Array.from({ length: 30 }, () => data.exponential(1));
    const b = bootstrapCi(x, mean, { rng: boot, resamples: 400, level: 0.9, method: "bca" });
    const p = bootstrapCi(x, mean, { rng: boot, resamples: 400, level: 0.9, method: "percentile" });
    if (b.lower <= 1 && 1 <= b.upper) coveredBca++;
    if (p.lower <= 1 && 1 <= p.upper) coveredPct++;
  }
  // Nominal 0.90; binomial sd over 300 trials ≈ 0.017; skewed data under-cover slightly.
  assert(coveredBca / trials > 0.83 && coveredBca / trials < 0.96, `BCa ${coveredBca}`);
  assert(coveredPct / trials > 0.82 && coveredPct / trials < 0.96, `percentile ${coveredPct}`);
});

Deno.test("bootstrapCi is reproducible by seed and validates its options", () => {
  const a = bootstrapCi(S15, mean, { rng: Rng.fromSeed(5), resamples: 300 });
  const b = bootstrapCi(S15, mean, { rng: Rng.fromSeed(5), resamples: 300 });
  assert.deepEqual(a, b);
  assert.throws(() => bootstrapCi(S15, mean, { rng: Rng.fromSeed(5), level: 1.2 }));
  assert.throws(() => bootstrapCi([1], mean, { rng: Rng.fromSeed(5) }));
});
