import { strict as assert } from "node:assert";
import { Rng } from "../../lib/core/rng.ts";
import { RunningMeanStd } from "../../lib/rl/normalizer.ts";

/** Two-pass mean and population variance per dimension of rows × dims data. */
function twoPass(data: readonly number[], dims: number): { mean: number[]; variance: number[] } {
  const rows = data.length / dims;
  const mean = new Array<number>(dims).fill(0);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dims; d++) mean[d] += data[r * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= rows;
  const variance = new Array<number>(dims).fill(0);
  for (let r = 0; r < rows; r++) {
    for (let d = 0; d < dims; d++) variance[d] += (data[r * dims + d] - mean[d]) ** 2;
  }
  for (let d = 0; d < dims; d++) variance[d] /= rows;
  return { mean, variance };
}

function randomData(seed: number, rows: number, dims: number, offset = 0): number[] {
  const rng = Rng.fromSeed(seed);
  return Array.from(
    { length: rows * dims },
    (_, i) => offset + (i % dims + 1) * rng.normal() + (i % dims) * 3,
  );
}

function assertStats(rms: RunningMeanStd, data: readonly number[], relTol: number): void {
  const ref = twoPass(data, rms.size);
  const v = rms.variance();
  for (let d = 0; d < rms.size; d++) {
    const scale = Math.max(1, Math.abs(ref.mean[d]));
    assert(
      Math.abs(rms.mean[d] - ref.mean[d]) <= relTol * scale,
      `mean[${d}] ${rms.mean[d]} vs ${ref.mean[d]}`,
    );
    assert(
      Math.abs(v[d] - ref.variance[d]) <= relTol * ref.variance[d],
      `var[${d}] ${v[d]} vs ${ref.variance[d]}`,
    );
  }
  assert.equal(rms.count, data.length / rms.size);
}

Deno.test("RunningMeanStd: Welford push matches two-pass mean and variance", () => {
  const data = randomData(1, 1000, 3);
  const rms = new RunningMeanStd(3);
  for (let r = 0; r < 1000; r++) rms.push(data.slice(r * 3, r * 3 + 3));
  assertStats(rms, data, 1e-12);
});

Deno.test("RunningMeanStd: batched updates of uneven sizes match two-pass over everything", () => {
  const data = randomData(2, 777, 4);
  const rms = new RunningMeanStd(4);
  let row = 0;
  for (const n of [1, 5, 100, 0, 300, 2, 369]) {
    rms.update(data.slice(row * 4, (row + n) * 4), n);
    row += n;
  }
  assert.equal(row, 777);
  assertStats(rms, data, 1e-12);
});

Deno.test("RunningMeanStd: merging two normalisers equals one that saw all the data (Chan et al.)", () => {
  const a = randomData(3, 400, 2), b = randomData(4, 150, 2, 10);
  const left = new RunningMeanStd(2), right = new RunningMeanStd(2);
  left.update(a, 400);
  right.update(b, 150);
  left.merge(right);
  assertStats(left, [...a, ...b], 1e-12);
  // merging an empty normaliser, or into an empty one, is exact
  const empty = new RunningMeanStd(2);
  empty.merge(right.state());
  assert.deepEqual(Array.from(empty.mean), Array.from(right.mean));
  right.merge(new RunningMeanStd(2));
  assert.equal(right.count, 150);
});

Deno.test("RunningMeanStd: stays accurate around a large offset (where Σx² − n·μ² fails)", () => {
  const data = randomData(5, 2000, 2, 1e9);
  const rms = new RunningMeanStd(2);
  for (let k = 0; k < 20; k++) rms.update(data.slice(k * 200, (k + 1) * 200), 100);
  assertStats(rms, data, 1e-6);
  // the naive one-pass formula loses the variance entirely at this offset
  let s = 0, s2 = 0;
  for (let i = 0; i < data.length; i += 2) {
    s += data[i];
    s2 += data[i] * data[i];
  }
  const naive = s2 / 2000 - (s / 2000) ** 2;
  assert(Math.abs(naive - twoPass(data, 2).variance[0]) > 0.5);
});

Deno.test("RunningMeanStd: normalize, clip, and denormalize as its inverse", () => {
  const rms = new RunningMeanStd(2, { epsilon: 0, clip: 5 });
  // identity before any data
  assert.deepEqual(Array.from(rms.normalize([3, -4], new Float64Array(2))), [3, -4]);
  rms.update([0, 10, 2, 10, 4, 10, 6, 10], 4); // dim 0: mean 3, var 5; dim 1: mean 10, var 0
  const x = [3 + Math.sqrt(5), 10, 3 - 2 * Math.sqrt(5), 10];
  const z = rms.normalize(x, new Float64Array(4));
  assert(Math.abs(z[0] - 1) < 1e-12 && Math.abs(z[2] + 2) < 1e-12);
  assert.ok(Number.isNaN(z[1])); // 0/0 with ε = 0: the caller asked for no ε
  const r2 = new RunningMeanStd(1, { clip: 5 });
  r2.update([0, 2], 2); // mean 1, var 1
  const zc = r2.normalize([100, -100, 1.5], new Float32Array(3));
  assert.deepEqual(Array.from(zc), [5, -5, Math.fround(0.5 / Math.sqrt(1 + 1e-8))]);
  const back = r2.denormalize(r2.normalize([3.25, -0.5], new Float64Array(2)), new Float64Array(2));
  assert(Math.abs(back[0] - 3.25) < 1e-12 && Math.abs(back[1] + 0.5) < 1e-12);
  assert.throws(() => r2.normalize([1, 2], new Float32Array(3)), /output of 2 values, found 3/);
  assert.throws(
    () => rms.normalize([1, 2, 3], new Float32Array(3)),
    /a multiple of 2 values, found 3/,
  );
  assert.throws(() => rms.update([1, 2, 3], 2), /2 × 2 values, found 3/);
});

Deno.test("RunningMeanStd: state/restore round-trips exactly; the state is a copy", () => {
  const rms = new RunningMeanStd(3);
  rms.update(randomData(6, 50, 3), 50);
  const saved = rms.state();
  const other = new RunningMeanStd(3);
  other.restore(saved);
  assert.deepEqual(other.state(), saved);
  const more = randomData(7, 10, 3);
  rms.update(more, 10);
  other.update(more, 10);
  assert.deepEqual(other.state(), rms.state());
  saved.mean[0] = 1e6;
  assert.notEqual(rms.mean[0], 1e6);
  assert.throws(() => new RunningMeanStd(2).restore(saved), /statistics of size 2, found 3/);
  assert.throws(() => new RunningMeanStd(0), /integer size ≥ 1, found 0/);
});
