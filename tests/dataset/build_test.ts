import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { join } from "node:path";
import { InputError } from "../../lib/core/errors.ts";
import { DatasetSectionSchema } from "../../lib/config/schemas/dataset.ts";
import {
  buildWindows,
  firstUnorderedRow,
  gatherInt64,
  planSource,
} from "../../lib/dataset/build.ts";
import { runDatasetJob } from "../../lib/dataset/build_job.ts";
import { loadDataset } from "../../lib/dataset/dataset_store.ts";
import { fitScaler } from "../../lib/dataset/scaler.ts";
import { featureFrame, withTempDir, writeStore } from "./_helpers.ts";

Deno.test("buildWindows: two symbols over two days, every value checked against the formulas", async () => {
  const frames = [
    featureFrame({ symbol: "A", date: "2024-01-02", rows: 40, nullHead: 3, seed: 1 }),
    featureFrame({ symbol: "A", date: "2024-01-03", rows: 30, nullHead: 3, seed: 2 }),
    featureFrame({ symbol: "B", date: "2024-01-02", rows: 35, nullHead: 6, seed: 3 }),
  ];
  const df = pl.concat(frames);
  const scaler = await fitScaler(df, { clip: 2 });
  const T = 4, h = 2;
  const ds = await buildWindows(df, scaler, { T, horizon: h });
  // Windows per symbol-day: valid rows − T + 1 − h.
  assert.equal(ds.length, (37 - T + 1 - h) + (27 - T + 1 - h) + (29 - T + 1 - h));
  const mid = df.getColumn("mid").toArray() as number[];
  const ts = df.getColumn("ts").cast(pl.Int64).toArray() as unknown as bigint[];
  const sym = df.getColumn("symbol").toArray() as string[];
  const feats = scaler.features.map((f) => df.getColumn(f).toArray() as (number | null)[]);
  // Source row t of each window's last row, in order: per symbol-day, from its first valid
  // row + T − 1 to its last row − h.
  const lastRows: number[] = [];
  let offset = 0;
  for (const [k, f] of frames.entries()) {
    const head = [3, 3, 6][k];
    for (let t = offset + head + T - 1; t < offset + f.height - h; t++) lastRows.push(t);
    offset += f.height;
  }
  assert.equal(lastRows.length, ds.length);
  for (let i = 0; i < ds.length; i++) {
    const t = lastRows[i];
    assert.equal(ds.ts[i], BigInt(ts[t]));
    assert.equal(ds.y[i], Math.fround(Math.log(mid[t + h] / mid[t])));
    const view = ds.windowView(i);
    for (let k = 0; k < T; k++) {
      const r = t - T + 1 + k;
      assert.equal(sym[r], sym[t], "one symbol per window");
      const st = scaler.stats[sym[r]].all;
      feats.forEach((col, f) => {
        const z = (col[r]! - st.center[f]) / st.scale[f];
        assert.equal(view[k * ds.F + f], Math.fround(Math.min(2, Math.max(-2, z))));
      });
    }
  }
});

Deno.test("planSource: timestamps must increase within a symbol-day", () => {
  const df = featureFrame({ rows: 10 });
  const swapped = pl.concat([df.slice(0, 5), df.slice(6, 1), df.slice(5, 1), df.slice(7, 3)]);
  assert.throws(
    () => planSource(swapped, { features: ["f0"], T: 2, horizon: 1, label: "x.parquet" }),
    (e: unknown) =>
      e instanceof InputError &&
      /^x\.parquet: ts: expected timestamps strictly increasing within each symbol-day, found row 6:/
        .test(e.message),
  );
  // Int64 halves compared correctly across the 2³² boundary and for negatives.
  const ts = new BigInt64Array([-5n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 33n, 2n ** 33n]);
  assert.equal(firstUnorderedRow(ts, new Int32Array([0])), 4);
  assert.equal(firstUnorderedRow(ts, new Int32Array([0, 4])), -1);
  assert.deepEqual([...gatherInt64(ts, new Int32Array([3, 0]))], [2n ** 33n, -5n]);
});

Deno.test("file-based build equals the frame-based stages on the same data", async () => {
  await withTempDir(async (dir) => {
    const dev = [
      featureFrame({ symbol: "A", date: "2024-01-02", rows: 120, seed: 5 }),
      featureFrame({ symbol: "B", date: "2024-01-02", rows: 90, seed: 6 }),
      featureFrame({ symbol: "A", date: "2024-01-03", rows: 100, seed: 7 }),
    ];
    const val = [featureFrame({ symbol: "B", date: "2024-01-05", rows: 80, seed: 8 })];
    writeStore(join(dir, "f"), [...dev, ...val]);
    const cfg = DatasetSectionSchema.parse({
      features_dir: join(dir, "f"),
      out: join(dir, "d"),
      history_T: 8,
      target_horizon: 3,
      min_samples: 10,
      scaler: { method: "standard" },
      splits: {
        dev: { start: "2024-01-01", end: "2024-01-04" },
        val: { start: "2024-01-05", end: "2024-01-06" },
      },
    });
    await runDatasetJob(cfg);
    const root = join(dir, "d", "default");
    // Files are read sorted by symbol, then date.
    const devFrame = pl.concat([dev[0], dev[2], dev[1]]);
    const scaler = await fitScaler(devFrame, { method: "standard", range: cfg.splits.dev });
    const loaded = await loadDataset(root, "dev");
    assert.deepEqual(loaded.scaler, scaler);
    for (const [split, df] of [["dev", devFrame], ["val", val[0]]] as const) {
      const want = await buildWindows(df, scaler, { T: 8, horizon: 3 });
      const got = (await loadDataset(root, split, { features: scaler.features, T: 8 })).dataset;
      assert.deepEqual(got.X, want.X);
      assert.deepEqual(got.starts, want.starts);
      assert.deepEqual(got.y, want.y);
      assert.deepEqual(got.ts, want.ts);
    }
  });
});
