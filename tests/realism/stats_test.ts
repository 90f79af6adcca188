import { strict as assert } from "node:assert";
import {
  acf,
  excessKurtosis,
  histogram,
  mean,
  pearson,
  quantile,
  std,
  summarize,
} from "../../lib/realism/stats.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert(Math.abs(a - b) <= tol, `expected ${b}, found ${a}`);

Deno.test("mean and std skip NaN", () => {
  assert.equal(mean([1, NaN, 3]), 2);
  close(std([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7)); // Σ(x − 5)² = 32, n − 1 = 7
  assert(Number.isNaN(mean([])));
  assert(Number.isNaN(std([1])));
});

Deno.test("excessKurtosis: moments by hand", () => {
  // x = 1…5: x̄ = 3, m₂ = 10/5 = 2, m₄ = 34/5 = 6.8, g₂ = 6.8/4 − 3 = −1.3.
  close(excessKurtosis([1, 2, 3, 4, 5]), -1.3);
  // Two-point ±1: m₂ = 1, m₄ = 1, g₂ = −2 (the smallest possible).
  close(excessKurtosis([1, -1, 1, -1]), -2);
  // One outlier among zeros: x = (0,0,0,0,0,0,0,0,0,10): x̄ = 1,
  // m₂ = (9·1 + 81)/10 = 9, m₄ = (9·1 + 6561)/10 = 657, g₂ = 657/81 − 3.
  close(excessKurtosis([0, 0, 0, 0, 0, 0, 0, 0, 0, 10]), 657 / 81 - 3);
  assert(Number.isNaN(excessKurtosis([1, 2, 3])));
  assert(Number.isNaN(excessKurtosis([2, 2, 2, 2])));
});

Deno.test("acf: known series, and no pairs across sessions", () => {
  assert.deepEqual(acf([[1, -1, 1, -1]], 3), [-0.75, 0.5, -0.25]);
  // [1,2,3,4]: deviations ±1.5, ±0.5, denominator 5; lag 1: 1.25/5; lag 2: (−1.5·0.5 − 0.5·1.5)/5.
  const r = acf([[1, 2, 3, 4]], 2);
  close(r[0], 0.25);
  close(r[1], -0.3);
  // Two sessions [1, −1] and [1, −1]: the pair (−1, 1) across the boundary is not counted:
  // lag 1 = 2·(1·−1)/4 = −0.5 (it would be −0.75 for the joined series).
  assert.deepEqual(acf([[1, -1], [1, -1]], 1), [-0.5]);
  // NaN values break pairs but keep positions: [1, NaN, 1, −1] at lag 2 pairs (1, 1) only.
  const m = (1 + 1 - 1) / 3;
  close(acf([[1, NaN, 1, -1]], 2)[1], ((1 - m) * (1 - m)) / (2 * (1 - m) ** 2 + (-1 - m) ** 2));
  assert(Number.isNaN(acf([[3, 3, 3]], 1)[0]));
});

Deno.test("pearson: exact cases", () => {
  close(pearson([1, 2, 3], [2, 4, 6]), 1);
  close(pearson([1, 2, 3], [6, 4, 2]), -1);
  // x = (1,2,3,4), y = (1,3,2,4): Σdxdy = 4, Σdx² = Σdy² = 5 → 0.8.
  close(pearson([1, 2, 3, 4], [1, 3, 2, 4]), 0.8);
  close(pearson([1, NaN, 2, 3], [2, 100, 4, 6]), 1); // the NaN pair is dropped
  assert.throws(() => pearson([1], [1, 2]), RangeError);
});

Deno.test("quantile: type 7 (as numpy and R)", () => {
  assert.equal(quantile([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantile([4, 3, 2, 1], 0.5), 2.5);
  assert.equal(quantile([10, 20, 30, 40, 50], 0.9), 46);
  assert.equal(quantile([7], 0.3), 7);
  assert.equal(quantile([1, NaN, 3], 1), 3);
  assert(Number.isNaN(quantile([], 0.5)));
  assert.throws(() => quantile([1], 1.5), RangeError);
  const s = summarize([5, 1, 4, 2, 3]);
  assert.deepEqual([s.n, s.min, s.median, s.max, s.mean], [5, 1, 3, 5, 3]);
  assert.equal(s.q25, 2);
});

Deno.test("histogram: half-open bins, last bin closed, outside counted", () => {
  const h = histogram([0, 0.5, 1, 1.99, 2, 3, -1, NaN], [0, 1, 2]);
  assert.deepEqual(h.counts, [2, 3]); // [0,1): 0, 0.5; [1,2]: 1, 1.99, 2
  assert.equal(h.outside, 2); // 3 and −1
  assert.deepEqual(h.probability, [0.4, 0.6]);
  assert.throws(() => histogram([1], [0]), RangeError);
});
