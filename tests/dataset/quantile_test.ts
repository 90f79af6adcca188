import { strict as assert } from "node:assert";
import fc from "fast-check";
import { meanStd, quantilesLinear, selectRanks } from "../../lib/dataset/quantile.ts";
import { refQuantile } from "./_helpers.ts";

Deno.test("quantilesLinear: hand-computed values (numpy's linear method)", () => {
  // sorted 1..5: q25 at position 1 → 2; q75 at 3 → 4; median 3
  assert.deepEqual(quantilesLinear(new Float64Array([5, 3, 1, 4, 2]), [0.25, 0.5, 0.75]), [
    2,
    3,
    4,
  ]);
  // sorted 10, 20, 30, 40: q25 at 0.75 → 20 − 0.25·10 = 17.5; median 25; q75 at 2.25 → 32.5
  assert.deepEqual(
    quantilesLinear(new Float64Array([40, 10, 30, 20]), [0.25, 0.5, 0.75]),
    [17.5, 25, 32.5],
  );
  assert.deepEqual(quantilesLinear(new Float64Array([7]), [0, 0.25, 1]), [7, 7, 7]);
  assert.deepEqual(quantilesLinear(new Float64Array([-0, -0]), [0.5]), [0]);
  assert(Object.is(quantilesLinear(new Float64Array([-0, -0]), [0.5])[0], 0));
});

Deno.test("quantilesLinear leaves its input untouched", () => {
  const v = new Float64Array([3, 1, 2, 9, -4]);
  quantilesLinear(v, [0.25, 0.5, 0.75]);
  assert.deepEqual([...v], [3, 1, 2, 9, -4]);
});

Deno.test("quantilesLinear equals the sort-based reference (property, incl. ties, signs, large n)", () => {
  const value = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(0, -0, 1e-300, -1e-300, 1e300),
  );
  fc.assert(
    fc.property(
      fc.array(value, { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 40 }),
      (xs, repeat) => {
        // Repeating the array pushes n past the radix path's sort threshold.
        const all = repeat > 30
          ? Array.from({ length: 200 * repeat }, (_, i) => xs[i % xs.length])
          : xs;
        const got = quantilesLinear(new Float64Array(all), [0.25, 0.5, 0.75]);
        const want = [0.25, 0.5, 0.75].map((q) => refQuantile(all, q));
        got.forEach((g, i) => assert(Object.is(g, want[i]), `${g} vs ${want[i]}`));
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("selectRanks on 200k values with heavy ties matches a full sort", () => {
  const n = 200_000;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = i % 7 === 0 ? 0 : Math.sin(i) * (i % 3 === 0 ? 1e-9 : 1e3);
  const sorted = v.slice().sort();
  const ranks = [0, 1, 49_999, 50_000, 100_000, 149_999, 199_999];
  assert.deepEqual(selectRanks(v, ranks), ranks.map((r) => sorted[r]));
  assert.throws(() => selectRanks(v, [5, 5]), /ascending/);
  assert.throws(() => selectRanks(v, [n]), /ascending/);
});

Deno.test("meanStd: population standard deviation", () => {
  const { mean, std } = meanStd(new Float64Array([2, 4, 4, 4, 5, 5, 7, 9]));
  assert.equal(mean, 5);
  assert.equal(std, 2); // divide by n = 8, not n − 1
  assert.throws(() => meanStd(new Float64Array(0)), RangeError);
});

Deno.test("selectRanks: shared top digits and long runs of equal values (no-copy and equal-bucket paths)", () => {
  const n = 50_000;
  // Prices sharing their top bits: every candidate in one level-0 bucket.
  const prices = new Float64Array(n);
  for (let i = 0; i < n; i++) prices[i] = 100 + ((i * 7919) % 1000) * 0.01;
  // Mostly zeros (every wanted rank in a bucket of bitwise-equal values), with −0 and a few others.
  const zeros = new Float64Array(n);
  for (let i = 0; i < n; i++) zeros[i] = i % 10 === 0 ? Math.cos(i) : i % 10 === 1 ? -0 : 0;
  for (const v of [prices, zeros]) {
    const before = v.slice();
    const sorted = v.slice().sort();
    const ranks = [0, 12_499, 12_500, 24_999, 25_000, 37_499, 37_500, n - 1];
    const got = selectRanks(v, ranks);
    ranks.forEach((r, i) =>
      assert(Object.is(got[i], sorted[r]), `rank ${r}: ${got[i]} vs ${sorted[r]}`)
    );
    assert.deepEqual(v, before); // untouched
  }
});
