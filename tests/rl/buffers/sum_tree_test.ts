import { strict as assert } from "node:assert";
import fc from "fast-check";
import { Rng } from "../../../lib/core/rng.ts";
import { SumTree } from "../../../lib/rl/buffers/sum_tree.ts";
import { CHI2_999, chiSquare } from "../_helpers.ts";

/** Smallest i with p_0 + … + p_i > mass (a linear scan). */
function naiveFind(p: readonly number[], mass: number): number {
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    acc += p[i];
    if (acc > mass) return i;
  }
  return -1;
}

Deno.test("SumTree: total, min and prefix search match a linear scan (integer priorities)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 37 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 100 })), { minLength: 1 }),
      fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1 }),
      (capacity, sets, fractions) => {
        const tree = new SumTree(capacity);
        const p = new Array<number>(capacity).fill(0);
        const touched = new Array<boolean>(capacity).fill(false);
        for (const [i, v] of sets) {
          tree.set(i % capacity, v);
          p[i % capacity] = v;
          touched[i % capacity] = true;
        }
        const total = p.reduce((a, b) => a + b, 0);
        assert.equal(tree.total(), total); // integers: exact
        const mins = p.filter((_, i) => touched[i]);
        assert.equal(tree.min(), Math.min(...mins));
        for (let i = 0; i < capacity; i++) assert.equal(tree.get(i), p[i]);
        if (total > 0) {
          for (const f of fractions) {
            const mass = Math.floor(f * total * 4) / 4; // hits interval boundaries often
            assert.equal(tree.find(mass), naiveFind(p, mass), `mass ${mass} in ${p}`);
          }
        }
      },
    ),
  );
});

Deno.test("SumTree.find never lands on an empty leaf, even at or past the total", () => {
  const tree = new SumTree(6); // 8 leaves, the last two never used
  tree.set(0, 0.1);
  tree.set(1, 0.2);
  tree.set(2, 0); // an explicit zero in the middle
  tree.set(3, 0.3);
  const total = tree.total();
  assert.equal(tree.find(total), 3);
  assert.equal(tree.find(total * (1 + 1e-12)), 3);
  assert.equal(tree.find(1e9), 3);
  assert.equal(tree.find(0.3 - 1e-15), 1); // just under row 1's right edge (0.1 + 0.2 rounds above 0.3)
  assert.equal(tree.find(-1), 0);
  for (let k = 0; k < 1000; k++) {
    const i = tree.find((k / 1000) * total);
    assert.notEqual(tree.get(i), 0, `find(${(k / 1000) * total}) gave empty leaf ${i}`);
  }
});

Deno.test("SumTree: sampling masses uniformly picks leaves in proportion to priority (chi-square)", () => {
  const priorities = [1, 2, 3, 4, 0, 10];
  const tree = new SumTree(priorities.length);
  priorities.forEach((p, i) => tree.set(i, p));
  const rng = Rng.fromSeed(11);
  const n = 100_000;
  const counts = new Array<number>(priorities.length).fill(0);
  for (let k = 0; k < n; k++) counts[tree.find(rng.nextFloat53() * tree.total())]++;
  assert.equal(counts[4], 0); // zero priority: never drawn
  const expected = priorities.map((p) => (n * p) / 20);
  const x2 = chiSquare(counts, expected);
  assert(x2 < CHI2_999[4], `chi-square ${x2} over 4 degrees of freedom; counts ${counts}`);
  // and a wrong model is rejected by the same statistic: uniform over the non-empty leaves
  const uniform = priorities.map((p) => (p > 0 ? n / 5 : 0));
  assert(chiSquare(counts, uniform) > 1000);
});

Deno.test("SumTree: load rebuilds the same tree as setting leaves one by one; leaves() copies", () => {
  const rng = Rng.fromSeed(5);
  const a = new SumTree(13);
  const values: number[] = [];
  for (let i = 0; i < 10; i++) {
    values.push(rng.nextFloat53() * 3);
    a.set(i, values[i]);
  }
  const b = new SumTree(13);
  b.set(12, 99); // cleared by load
  b.load(a.leaves(10));
  assert.equal(b.total(), a.total()); // bit-identical: sums are recomputed from children
  assert.equal(b.min(), a.min());
  assert.equal(b.get(12), 0);
  for (let k = 0; k < 200; k++) {
    const m = rng.nextFloat53() * a.total();
    assert.equal(b.find(m), a.find(m));
  }
  const leaves = a.leaves(10);
  leaves[0] = -5;
  assert.equal(a.get(0), values[0]);
  assert.deepEqual(Array.from(a.leaves(3)), values.slice(0, 3));
});

Deno.test("SumTree: repeated updates do not drift (sums recomputed, not accumulated)", () => {
  const tree = new SumTree(5);
  const rng = Rng.fromSeed(2);
  for (let k = 0; k < 20_000; k++) tree.set(k % 5, rng.nextFloat53() * 1e6);
  for (let i = 0; i < 5; i++) tree.set(i, i + 1);
  assert.equal(tree.total(), 15);
  assert.equal(tree.min(), 1);
});

Deno.test("SumTree: clear, and errors that name what was expected", () => {
  const tree = new SumTree(3);
  tree.set(1, 4);
  tree.clear();
  assert.equal(tree.total(), 0);
  assert.equal(tree.min(), Infinity);
  assert.throws(() => new SumTree(0), /integer capacity ≥ 1, found 0/);
  assert.throws(() => tree.set(3, 1), /index in \[0, 3\), found 3/);
  assert.throws(() => tree.set(0, -1), /finite priority ≥ 0 at index 0, found -1/);
  assert.throws(() => tree.set(0, NaN), /found NaN/);
  assert.throws(() => tree.load([1, 2, 3, 4]), /at most 3 priorities, found 4/);
  assert.throws(() => tree.load([1, Infinity]), /found Infinity at index 1/);
});
