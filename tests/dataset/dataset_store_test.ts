import { strict as assert } from "node:assert";
import { join } from "node:path";
import { InputError } from "../../lib/core/errors.ts";
import { DatasetSectionSchema } from "../../lib/config/schemas/dataset.ts";
import { runDatasetJob } from "../../lib/dataset/build_job.ts";
import { loadDataset } from "../../lib/dataset/dataset_store.ts";
import { assertLayout } from "../../lib/dataset/layout.ts";
import { featureFrame, withTempDir, writeStore } from "./_helpers.ts";

async function build(dir: string, extra: Record<string, unknown> = {}) {
  writeStore(join(dir, "f"), [
    featureFrame({ date: "2024-01-02", rows: 150, features: 4, seed: 1 }),
    featureFrame({ symbol: "ZZ", date: "2024-01-02", rows: 120, features: 4, seed: 2 }),
    featureFrame({ date: "2024-01-03", rows: 150, features: 4, seed: 3 }),
    featureFrame({ date: "2024-01-09", rows: 150, features: 4, seed: 4 }), // outside every split
  ]);
  const cfg = DatasetSectionSchema.parse({
    features_dir: join(dir, "f"),
    out: join(dir, "d"),
    name: "x",
    history_T: 6,
    min_samples: 20,
    splits: {
      dev: { start: "2024-01-02", end: "2024-01-02" },
      val: { start: "2024-01-03", end: "2024-01-03" },
    },
    ...extra,
  });
  return { cfg, summary: await runDatasetJob(cfg), root: join(dir, "d", "x") };
}

Deno.test("dataset store: layout, meta, coverage and dataset.json", async () => {
  await withTempDir(async (dir) => {
    const { summary, root } = await build(dir);
    assert.deepEqual(summary.features, ["f0", "f1", "f2", "f3"]);
    assert.equal(summary.files_outside_splits, 1);
    const dev = await loadDataset(root, "dev", { features: ["f0", "f1", "f2", "f3"], T: 6 });
    const m = dev.meta;
    assert.deepEqual([m.T, m.F, m.windows, m.rows], [6, 4, dev.dataset.length, dev.dataset.rows]);
    // 150 and 120 rows, 5 null each: windows = (145 − 6) + (115 − 6)
    assert.equal(m.windows, 139 + 109);
    assert.deepEqual(Object.keys(m.coverage), ["SIM", "ZZ"]);
    assert.deepEqual(m.coverage.SIM, {
      dates: ["2024-01-02"],
      rows: 150,
      valid_rows: 145,
      windows: 139,
    });
    assert.equal(
      m.files["X.f32"].shape[0] * 4 * 4,
      (await Deno.stat(join(root, "dev", "X.f32"))).size,
    );
    assert.equal(m.scaler_sha256, summary.scaler.file_sha256);
    const ds = JSON.parse(await Deno.readTextFile(join(root, "dataset.json")));
    assert.equal(ds.format, "hft-marl.dataset.v1");
    assert.deepEqual(ds.splits.map((s: { name: string }) => s.name), ["dev", "val"]);
    assert.equal(dev.scaler?.features.length, 4);
    // Windows are views into one matrix.
    assert.equal(dev.dataset.windowView(3).buffer, dev.dataset.X.buffer);
  });
});

Deno.test("loadDataset: a different feature list or T fails naming both layouts", async () => {
  await withTempDir(async (dir) => {
    const { root } = await build(dir);
    await assert.rejects(
      loadDataset(root, "val", { features: ["f0", "f1", "f3", "f2"], T: 6 }),
      (e: unknown) =>
        e instanceof InputError &&
        e.message ===
          `${join(root, "val")}: layout: expected T = 6, F = 4 features [f0, f1, f3, f2], ` +
            "found T = 6, F = 4 features [f0, f1, f2, f3] (same features in a different order)",
    );
    await assert.rejects(
      loadDataset(root, "val", { features: ["f0", "f1", "f2"], T: 20 }),
      /expected T = 20, F = 3 features \[f0, f1, f2\], found T = 6, F = 4 features \[f0, f1, f2, f3\] \(T differs; extra: f3\)/,
    );
    assert.throws(
      () => assertLayout({ features: ["a"], T: 1 }, { features: ["b"], T: 1 }),
      /missing: a; extra: b/,
    );
  });
});

Deno.test("loadDataset: truncated files, a changed scaler and missing splits are input errors", async () => {
  await withTempDir(async (dir) => {
    const { root } = await build(dir);
    await assert.rejects(loadDataset(root, "test"), /test\/meta\.json: expected a dataset split/);
    const x = join(root, "val", "X.f32");
    const bytes = await Deno.readFile(x);
    await Deno.writeFile(x, bytes.subarray(0, bytes.length - 4));
    await assert.rejects(
      loadDataset(root, "val"),
      /X\.f32: expected \d+ bytes \(from meta\.json: rows \d+, F 4, windows \d+\), found \d+ bytes/,
    );
    await Deno.writeFile(x, bytes);
    await loadDataset(root, "val");
    const scaler = join(root, "scaler.json");
    await Deno.writeTextFile(
      scaler,
      (await Deno.readTextFile(scaler)).replace('"robust"', '"standard"'),
    );
    await assert.rejects(
      loadDataset(root, "val"),
      /scaler\.json: expected the scaler split val was built with/,
    );
  });
});

Deno.test("a rebuild without a split removes that split's old folder", async () => {
  await withTempDir(async (dir) => {
    const { root } = await build(dir);
    await Deno.stat(join(root, "val", "meta.json"));
    await build(dir, { splits: { dev: { start: "2024-01-02", end: "2024-01-03" } } });
    await assert.rejects(Deno.stat(join(root, "val")), Deno.errors.NotFound);
    await loadDataset(root, "dev");
  });
});
