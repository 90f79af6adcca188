import { strict as assert } from "node:assert";
import fc from "fast-check";
import { bracketRanks, meanStd, quantilesLinear, selectRanks } from "../../lib/dataset/quantile.ts";
import { Rng } from "../../lib/core/rng.ts";
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

/** Type-7 quantiles by a full sort (the reference), −0 returned as 0. */
function sortedQuantiles(v: Float64Array, qs: readonly number[]): number[] {
  const s = v.slice().sort();
  return qs.map((q) => {
    const pos = q * (s.length - 1);
    const j = Math.floor(pos), g = pos - j;
    if (g === 0) return s[j] + 0;
    const a = s[j], b = s[j + 1], d = b - a;
    return (g >= 0.5 ? b - d * (1 - g) : a + d * g) + 0;
  });
}

function assertSameQuantiles(v: Float64Array, qs: readonly number[], label: string): void {
  const before = v.slice();
  const got = quantilesLinear(v, qs);
  const want = sortedQuantiles(v, qs);
  got.forEach((g, i) => assert(Object.is(g, want[i]), `${label} q=${qs[i]}: ${g} vs ${want[i]}`));
  assert.deepEqual(v, before, `${label}: input modified`);
}

const QS = [0.25, 0.5, 0.75];

Deno.test("quantilesLinear (bracketing path) equals a full sort on large random columns (property)", () => {
  const kinds = ["uniform", "ticks", "zeros", "normal", "signedZeros", "wide"] as const;
  fc.assert(
    fc.property(
      fc.constantFrom(...kinds),
      fc.integer({ min: 32_768, max: 120_000 }),
      fc.integer({ min: 1, max: 1_000_000 }),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
      (kind, n, seed, qs) => {
        const rng = Rng.fromSeed(seed);
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          v[i] = kind === "uniform"
            ? rng.uniform(-5, 5)
            : kind === "ticks"
            ? [0.01, 0.02, 0.03][rng.nextInt(3)]
            : kind === "zeros"
            ? (rng.nextFloat() < 0.9 ? 0 : rng.normal())
            : kind === "normal"
            ? 100 + rng.normal() * 1e-3
            : kind === "signedZeros"
            ? [0, -0, 1, -1][rng.nextInt(4)]
            : rng.normal() * 10 ** rng.nextInt(600) / 1e300;
        }
        assertSameQuantiles(v, [...QS, ...qs], `${kind} n=${n} seed=${seed}`);
      },
    ),
    { numRuns: 40 },
  );
});

Deno.test("quantilesLinear: heavy ties, constant, sorted and reversed 1e6 columns, extreme quantiles", () => {
  const n = 1_000_000;
  const rng = Rng.fromSeed(11);
  const cols: Record<string, Float64Array> = {
    threeValues: Float64Array.from({ length: n }, () => rng.nextInt(3) - 1),
    mostlyZeros: Float64Array.from({ length: n }, () => (rng.nextFloat() < 0.9 ? 0 : rng.normal())),
    constant: new Float64Array(n).fill(2.5),
    sorted: Float64Array.from({ length: n }, (_, i) => i * 0.37 - 1e4),
    reversed: Float64Array.from({ length: n }, (_, i) => (n - i) * 1.5),
    // A quartile falling exactly on the boundary between two runs (ranks j and j + 1 differ).
    boundary: Float64Array.from({ length: 1001 * 40 + 1 }, (_, i) => (i < 250 * 40 + 1 ? 1 : 2)),
    infinities: Float64Array.from(
      { length: n },
      (_, i) => (i % 5 === 0 ? -Infinity : i % 7 === 0 ? Infinity : i),
    ),
  };
  for (const [name, v] of Object.entries(cols)) {
    assertSameQuantiles(v, [0, 1e-6, ...QS, 0.999999, 1], name);
  }
});

Deno.test("quantilesLinear: every length 1..10 and every quantile on a grid", () => {
  const rng = Rng.fromSeed(5);
  const qs = Array.from({ length: 21 }, (_, i) => i / 20);
  for (let n = 1; n <= 10; n++) {
    for (let rep = 0; rep < 20; rep++) {
      const v = Float64Array.from(
        { length: n },
        () => (rep % 2 === 0 ? rng.nextInt(3) : rng.normal()),
      );
      assertSameQuantiles(v, qs, `n=${n}`);
    }
  }
});

Deno.test("bracketRanks equals selectRanks (large, ties, −0/+0) and validates ranks", () => {
  const n = 100_000;
  const rng = Rng.fromSeed(3);
  const v = Float64Array.from(
    { length: n },
    (_, i) => (i % 3 === 0 ? rng.normal() : [0, -0, 1][i % 3]),
  );
  const ranks = [0, 1, 24_999, 25_000, 50_000, 50_001, 74_999, 75_000, n - 1];
  const want = selectRanks(v, ranks);
  bracketRanks(v, ranks).forEach((g, i) => assert.equal(g, want[i])); // ±0 compare equal
  assert.throws(() => bracketRanks(v, [3, 2]), /ascending/);
  assert.throws(() => bracketRanks(v, [n]), /ascending/);
});
