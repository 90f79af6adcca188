import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { join } from "node:path";
import { InputError } from "../../lib/core/errors.ts";
import { sha256Hex } from "../../lib/core/hash.ts";
import { DatasetSectionSchema } from "../../lib/config/schemas/dataset.ts";
import { runDatasetJob } from "../../lib/dataset/build_job.ts";
import { fitScaler, HASH_METHOD } from "../../lib/dataset/scaler.ts";
import { applyScaler } from "../../lib/dataset/scaler_apply.ts";
import { loadScaler, parseScaler, scalerJson } from "../../lib/dataset/scaler_file.ts";
import { featureFrame, refQuantile, values, withTempDir, writeStore } from "./_helpers.ts";

function frame(symbol: string, xs: (number | null)[], ys: (number | null)[]): pl.DataFrame {
  const n = xs.length;
  return pl.DataFrame({
    ts: pl.Series("ts", Array.from({ length: n }, (_, i) => i * 100)).cast(pl.Datetime("ms")),
    symbol: Array(n).fill(symbol),
    date: Array(n).fill("2024-01-02"),
    mid: Array(n).fill(10),
    x: pl.Series("x", xs, pl.Float64),
    k: pl.Series("k", ys, pl.Float64),
  });
}

const AB = pl.concat([
  // A: x = 1, 2, 3, 4, 10 (row 5 has a null k, so it is left out everywhere); k constant
  frame("A", [1, 2, 3, 4, 10, 99], [7, 7, 7, 7, 7, null]),
  frame("B", [-1, 1], [0, 2]),
]);

Deno.test("robust scaler: median and IQR per symbol and feature, by hand", async () => {
  const s = await fitScaler(AB);
  assert.equal(s.method, "robust");
  assert.deepEqual(s.features, ["x", "k"]);
  const A = s.stats.A.all, B = s.stats.B.all;
  assert.equal(A.rows, 5);
  // A.x sorted 1 2 3 4 10: q25 = 2, median 3, q75 = 4 → IQR 2
  assert.deepEqual([A.q25![0], A.center[0], A.q75![0], A.scale[0]], [2, 3, 4, 2]);
  // A.k constant 7: IQR 0 becomes 1
  assert.deepEqual([A.center[1], A.scale[1]], [7, 1]);
  // B.x = −1, 1: q25 = −0.5, median 0, q75 = 0.5
  assert.deepEqual([B.q25![0], B.center[0], B.q75![0], B.scale[0]], [-0.5, 0, 0.5, 1]);
  assert.equal(s.fit.rows, 7);
  assert.equal(s.fit.first_date, "2024-01-02");
  assert.match(s.quantile_method!, /linear/);
});

Deno.test("standard scaler: mean and population std; a std of 0 becomes 1", async () => {
  const s = await fitScaler(AB, { method: "standard" });
  const A = s.stats.A.all;
  assert.equal(A.center[0], 4); // (1 + 2 + 3 + 4 + 10) / 5
  assert.equal(A.scale[0], Math.sqrt((9 + 4 + 1 + 0 + 36) / 5));
  assert.deepEqual([A.center[1], A.std![1], A.scale[1]], [7, 0, 1]);
  assert.equal(s.quantile_method, null);
});

Deno.test("applyScaler: per symbol, clipped, nulls stay null, never refits", async () => {
  const s = await fitScaler(AB, { clip: 1.2 });
  const out = applyScaler(AB, s);
  // A: (x − 3) / 2 → −1, −0.5, 0, 0.5, 3.5 → clipped 1.2; row 5 x = 99 → 48 → 1.2
  assert.deepEqual(out.getColumn("x").toArray(), [-1, -0.5, 0, 0.5, 1.2, 1.2, -1, 1]);
  assert.deepEqual(out.getColumn("k").toArray(), [0, 0, 0, 0, 0, null, -1, 1]);
  assert.deepEqual(out.columns, AB.columns);
  const other = frame("C", [1], [1]);
  assert.throws(
    () => applyScaler(other, s),
    (e: unknown) =>
      e instanceof InputError &&
      /expected a group the scaler was fitted on \(A, B\), found C/.test(e.message),
  );
});

Deno.test("regime column: statistics per symbol and regime; rows without a regime left out", async () => {
  const df = frame("A", [1, 2, 3, 10, 20, 30, 5], [0, 0, 0, 0, 0, 0, 0]).withColumn(
    pl.Series("regime", ["lo", "lo", "lo", "hi", "hi", "hi", null]),
  );
  const s = await fitScaler(df, { regimeColumn: "regime" });
  assert.deepEqual(Object.keys(s.stats.A).sort(), ["hi", "lo"]);
  assert.equal(s.stats.A.lo.center[0], 2);
  assert.equal(s.stats.A.hi.center[0], 20);
  assert.equal(s.fit.rows, 6);
  assert.deepEqual(s.features, ["x", "k"]); // the regime column is not a feature
  const out = applyScaler(df, s);
  assert.deepEqual(out.getColumn("x").toArray(), [-1, 0, 1, -1, 0, 1, null]);
});

Deno.test("data_sha256 is the documented hash of exactly the fitted values", async () => {
  const s = await fitScaler(AB);
  assert.equal(s.fit.hash_method, HASH_METHOD);
  const digest = async (xs: number[]) => {
    const hex = await sha256Hex(new Uint8Array(new Float64Array(xs).buffer));
    return Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
  };
  const parts = [
    await digest([1, 2, 3, 4, 10]), // A.x
    await digest([7, 7, 7, 7, 7]), // A.k
    await digest([-1, 1]), // B.x
    await digest([0, 2]), // B.k
  ];
  const all = new Uint8Array(32 * 4);
  parts.forEach((p, i) => all.set(p, 32 * i));
  assert.equal(s.fit.data_sha256, await sha256Hex(all));
});

Deno.test("scaler files: malformed ones are input errors naming the file", () => {
  assert.throws(() => parseScaler("{", "s.json"), /s\.json: expected scaler JSON/);
  assert.throws(
    () => parseScaler('{"format": "x"}', "s.json"),
    /s\.json: format: expected a scaler file/,
  );
  return fitScaler(AB).then((s) => {
    const bad = JSON.parse(scalerJson(s));
    bad.stats.A.all.scale = [1];
    assert.throws(
      () => parseScaler(JSON.stringify(bad), "s.json"),
      /stats\.A\.all: expected 2 centers/,
    );
  });
});

function config(dir: string, extra: Record<string, unknown> = {}) {
  return DatasetSectionSchema.parse({
    features_dir: join(dir, "features"),
    out: join(dir, "datasets"),
    history_T: 10,
    min_samples: 50,
    splits: {
      dev: { start: "2024-01-02", end: "2024-01-03" },
      val: { start: "2024-01-04", end: "2024-01-04" },
    },
    ...extra,
  });
}

async function readAll(root: string, files: string[]): Promise<Map<string, Uint8Array>> {
  const m = new Map<string, Uint8Array>();
  for (const f of files) m.set(f, await Deno.readFile(join(root, f)));
  return m;
}

Deno.test("no leakage: wild val data leaves the scaler and every dev output byte-identical", async () => {
  await withTempDir(async (dir) => {
    const feats = join(dir, "features");
    const dev = [
      featureFrame({ date: "2024-01-02", rows: 300, features: 3, seed: 1 }),
      featureFrame({ date: "2024-01-03", rows: 300, features: 3, seed: 2 }),
    ];
    writeStore(feats, [
      ...dev,
      featureFrame({ date: "2024-01-04", rows: 300, features: 3, seed: 3 }),
    ]);
    const cfg = config(dir, { scaler: { clip: 5 } });
    await runDatasetJob(cfg);
    const root = join(dir, "datasets", "default");
    const files = [
      "scaler.json",
      "dev/X.f32",
      "dev/starts.i32",
      "dev/y.f32",
      "dev/ts.i64",
      "dev/meta.json",
    ];
    const before = await readAll(root, files);
    const valBefore = await Deno.readFile(join(root, "val", "X.f32"));

    // Val changes wildly: other values, 1,000× the scale, more rows.
    writeStore(feats, [
      featureFrame({ date: "2024-01-04", rows: 500, features: 3, seed: 99, factor: 1000 }),
    ]);
    await runDatasetJob(cfg);
    const after = await readAll(root, files);
    for (const f of files) assert.deepEqual(after.get(f), before.get(f), `${f} changed`);
    assert.notDeepEqual(await Deno.readFile(join(root, "val", "X.f32")), valBefore);

    // The statistics are those of the dev rows alone, computed by hand.
    const { scaler } = await loadScaler(join(root, "scaler.json"));
    const devAll = pl.concat(dev);
    for (const [f, name] of scaler.features.entries()) {
      const xs = values(devAll, name);
      const st = scaler.stats.SIM.all;
      assert.equal(st.rows, xs.length);
      assert.equal(st.center[f], refQuantile(xs, 0.5));
      assert.equal(st.q25![f], refQuantile(xs, 0.25));
      assert.equal(st.q75![f], refQuantile(xs, 0.75));
      assert.equal(st.scale[f], refQuantile(xs, 0.75) - refQuantile(xs, 0.25));
    }
    assert.deepEqual(scaler.fit.range, { start: "2024-01-02", end: "2024-01-03" });
    assert.equal(scaler.fit.last_date, "2024-01-03");
    // The frame-level fit on the dev frame gives the same scaler.
    const frameFit = await fitScaler(devAll, { clip: 5, range: scaler.fit.range });
    assert.deepEqual(frameFit, scaler);
  });
});
