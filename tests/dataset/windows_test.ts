import { strict as assert } from "node:assert";
import fc from "fast-check";
import { planWindows, WindowDataset } from "../../lib/dataset/windows.ts";

const seg0 = new Int32Array([0]);

Deno.test("planWindows: a null row breaks windows; the first window needs T valid rows", () => {
  // rows 0..9, row 4 invalid, T = 3, h = 1
  const valid = new Uint8Array([1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
  const mid = new Float64Array(10).fill(100);
  const p = planWindows(valid, mid, seg0, { T: 3, horizon: 1 });
  // windows end at 2, 3 (rows 0-3), then 7, 8 (rows 5-8); 9 has no row 10
  assert.deepEqual([...p.last], [2, 3, 7, 8]);
  assert.deepEqual([...p.rows], [0, 1, 2, 3, 5, 6, 7, 8]);
  assert.deepEqual([...p.starts], [0, 1, 4, 5]);
  assert.deepEqual([...p.y], [0, 0, 0, 0]);
});

Deno.test("planWindows: never across a segment (symbol/day) boundary; h > 1 drops the last h rows", () => {
  const valid = new Uint8Array(12).fill(1);
  const mid = Float64Array.from({ length: 12 }, (_, i) => 100 + i);
  const segs = new Int32Array([0, 6]); // two symbol-days of 6 rows
  const p = planWindows(valid, mid, segs, { T: 2, horizon: 2 });
  // segment 0: t in 1..3 (t + 2 ≤ 5); segment 1: t in 7..9
  assert.deepEqual([...p.last], [1, 2, 3, 7, 8, 9]);
  for (let i = 0; i < p.last.length; i++) {
    const t = p.last[i];
    assert.equal(p.y[i], Math.fround(Math.log(mid[t + 2] / mid[t])));
    const first = p.rows[p.starts[i]];
    assert.equal(first, t - 1);
    assert.equal(Math.floor(first / 6), Math.floor(t / 6), "window inside one segment");
  }
});

Deno.test("planWindows: windows whose mid at t or t + h is not positive and finite are dropped", () => {
  const valid = new Uint8Array(6).fill(1);
  const mid = new Float64Array([100, 0, 101, NaN, 102, 103]);
  const p = planWindows(valid, mid, seg0, { T: 1, horizon: 1 });
  // t = 0 (mid[1] = 0), 1 (mid 0), 2 (mid[3] NaN), 3 (NaN) dropped; t = 4 kept; 5 has no t + 1
  assert.deepEqual([...p.last], [4]);
  assert.throws(() => planWindows(valid, mid, seg0, { T: 0, horizon: 1 }), /history_T/);
  assert.throws(() => planWindows(valid, mid, seg0, { T: 2, horizon: 0 }), /target_horizon/);
});

Deno.test("windows: every view equals the materialised window, built from the source rows (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.boolean(), { minLength: 1, maxLength: 120 }),
      fc.array(fc.integer({ min: 1, max: 119 }), { maxLength: 4 }),
      fc.integer({ min: 1, max: 6 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 3 }),
      (flags, cuts, T, h, F) => {
        const n = flags.length;
        const valid = Uint8Array.from(flags.map((b) => (b ? 1 : 0)));
        const segs = Int32Array.from(
          new Set([0, ...cuts.filter((c) => c < n)].sort((a, b) => a - b)),
        );
        const segOf = (r: number) => segs.filter((s) => s <= r).length - 1;
        const mid = Float64Array.from({ length: n }, (_, i) => 50 + i);
        const p = planWindows(valid, mid, segs, { T, horizon: h });
        // Source feature value of row r, feature f: r * 10 + f.
        const X = new Float32Array(p.rows.length * F);
        p.rows.forEach((r, j) => {
          for (let f = 0; f < F; f++) X[j * F + f] = r * 10 + f;
        });
        const ds = new WindowDataset({
          features: Array.from({ length: F }, (_, f) => `f${f}`),
          T,
          X,
          starts: p.starts,
          y: p.y,
          ts: BigInt64Array.from(p.last, (t) => BigInt(t)),
        });
        // Exactly the windows a brute-force scan finds.
        const want: number[] = [];
        for (let t = T - 1; t + h < n; t++) {
          let ok = segOf(t + h) === segOf(t - T + 1);
          for (let r = t - T + 1; r <= t; r++) ok &&= valid[r] === 1;
          if (ok) want.push(t);
        }
        assert.deepEqual([...p.last], want);
        const all = ds.materialize();
        for (let i = 0; i < ds.length; i++) {
          const view = ds.windowView(i);
          assert.equal(view.buffer, X.buffer);
          const t = p.last[i];
          const expect: number[] = [];
          for (let r = t - T + 1; r <= t; r++) for (let f = 0; f < F; f++) expect.push(r * 10 + f);
          assert.deepEqual([...view], expect);
          assert.deepEqual([...all.subarray(i * T * F, (i + 1) * T * F)], expect);
        }
        if (ds.length > 0) {
          const idx = [ds.length - 1, 0, ds.length - 1];
          const batch = ds.gatherBatch(idx);
          idx.forEach((i, b) =>
            assert.deepEqual([...batch.subarray(b * T * F, (b + 1) * T * F)], [...ds.windowView(i)])
          );
        }
        // No source row is stored twice.
        assert.equal(new Set(p.rows).size, p.rows.length);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("WindowDataset: gatherBatch into a caller's buffer; bad indices and shapes are errors", () => {
  const ds = new WindowDataset({
    features: ["a", "b"],
    T: 2,
    X: new Float32Array([1, 2, 3, 4, 5, 6]),
    starts: new Int32Array([0, 1]),
    y: new Float32Array([0, 0]),
    ts: new BigInt64Array([1n, 2n]),
  });
  const out = new Float32Array(16).fill(-1);
  assert.equal(ds.gatherBatch([1, 0], out), out);
  assert.deepEqual([...out.subarray(0, 8)], [3, 4, 5, 6, 1, 2, 3, 4]);
  assert.equal(out[8], -1);
  assert.throws(() => ds.gatherBatch([2]), /window index 2 outside 0 … 1/);
  assert.throws(() => ds.gatherBatch([0, 1], new Float32Array(4)), /needs 8/);
  assert.throws(() => ds.windowView(-1), RangeError);
  assert.deepEqual([...ds.materialize(1, 2)], [3, 4, 5, 6]);
  assert.throws(
    () =>
      new WindowDataset({
        features: ["a"],
        T: 3,
        X: new Float32Array(3),
        starts: new Int32Array([1]),
        y: new Float32Array(1),
        ts: new BigInt64Array(1),
      }),
    /window 0 starts at row 1, outside 0 … 0/,
  );
});
