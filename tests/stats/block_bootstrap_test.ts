// Reference: the closed-form conditional variance of the stationary-bootstrap mean
// (Politis and Romano 1994, Lemma 1), evaluated once with numpy 2.4.6 on the series
// x_t = sin(0.3t) + 0.4 sin(2.1t + 0.5) + 0.02t, t = 0..79:
//   c = x − x̄, ĉ(i) = Σ_{j<n−i} c_j c_{j+i} / n (np.sum(c[:n-i] * c[i:]) / n),
//   v = ĉ(0) + 2 Σ ((1 − i/n)(1 − p)^i + (i/n)(1 − p)^(n−i)) ĉ(i)
//   → Var*(mean) = v/n = 0.034854049885833994 for L = 5, 0.008736792319895386 for L = 1.
import { strict as assert } from "node:assert";
import { Rng } from "../../lib/core/rng.ts";
import {
  stationaryBootstrapCi,
  stationaryBootstrapIndices,
  stationaryBootstrapReplicates,
} from "../../lib/stats/block_bootstrap.ts";
import { assertClose } from "./_close.ts";

const n = 80;
const series = Array.from(
  { length: n },
  (_, t) => Math.sin(0.3 * t) + 0.4 * Math.sin(2.1 * t + 0.5) + 0.02 * t,
);
const mean = (xs: Float64Array) => xs.reduce((s, x) => s + x, 0) / xs.length;

function varianceOf(xs: Float64Array): number {
  const m = mean(xs);
  return xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
}

Deno.test("stationary bootstrap variance of the mean matches Politis & Romano's closed form", () => {
  const B = 6000;
  const v5 = varianceOf(stationaryBootstrapReplicates(series, mean, B, 5, Rng.fromSeed(3)));
  // The variance estimate from B replicates has relative sd ≈ √(2/B) ≈ 1.8%.
  assertClose(v5 / 0.034854049885833994, 1, 0.08, "L = 5");
  const v1 = varianceOf(stationaryBootstrapReplicates(series, mean, B, 1, Rng.fromSeed(4)));
  assertClose(v1 / 0.008736792319895386, 1, 0.08, "L = 1 (i.i.d.)");
});

Deno.test("block lengths are geometric with the requested mean and wrap around", () => {
  const rng = Rng.fromSeed(9);
  const len = 200000;
  const idx = stationaryBootstrapIndices(len, 8, rng);
  let breaks = 0;
  for (let t = 1; t < len; t++) if (idx[t] !== (idx[t - 1] + 1) % len) breaks++;
  // A new block starts with probability 1/8 per step (a restart landing on the next index
  // is invisible, which happens with probability 1/len — negligible).
  assertClose(len / (breaks + 1), 8, 0.25, "mean block length");
  const small = stationaryBootstrapIndices(5, 1e9, Rng.fromSeed(1));
  for (let t = 1; t < 5; t++) assert.equal(small[t], (small[t - 1] + 1) % 5); // one block, wraps
});

Deno.test("stationaryBootstrapCi brackets the estimate and is seeded", () => {
  const a = stationaryBootstrapCi(series, mean, {
    rng: Rng.fromSeed(1),
    meanBlockLength: 5,
    resamples: 500,
  });
  const b = stationaryBootstrapCi(series, mean, {
    rng: Rng.fromSeed(1),
    meanBlockLength: 5,
    resamples: 500,
  });
  assert.deepEqual(a, b);
  assert(a.lower < a.estimate && a.estimate < a.upper);
  assert.equal(a.method, "percentile");
  assert.throws(() => stationaryBootstrapIndices(10, 0.5, Rng.fromSeed(1)));
});
