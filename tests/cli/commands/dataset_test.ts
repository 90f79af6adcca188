import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runCli } from "../../../lib/cli/main.ts";
import { datasetCommand } from "../../../lib/cli/commands/dataset.ts";
import { loadDataset } from "../../../lib/dataset/dataset_store.ts";
import { featureFrame, withTempDir, writeStore } from "../../dataset/_helpers.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["dataset", ...argv], [datasetCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

async function setup(dir: string, val: string): Promise<string> {
  writeStore(join(dir, "features"), [
    featureFrame({ date: "2024-01-02", rows: 300 }),
    featureFrame({ date: "2024-01-03", rows: 300 }),
  ]);
  const config = join(dir, "data.yaml");
  await Deno.writeTextFile(
    config,
    [
      "simulate:",
      "  days: 1",
      "dataset:",
      `  features_dir: ${join(dir, "features")}`,
      `  out: ${join(dir, "datasets")}`,
      "  min_samples: 100",
      "  splits:",
      "    dev: { start: '2024-01-02', end: '2024-01-02' }",
      `    val: ${val}`,
      "",
    ].join("\n"),
  );
  return config;
}

Deno.test("dataset: builds the splits, exports npz, records a run folder", async () => {
  await withTempDir(async (dir) => {
    const config = await setup(dir, "{ start: '2024-01-03', end: '2024-01-03' }");
    const run = join(dir, "run");
    const r = await cli(["--config", config, "--export", "npz", "--name", "mini", "--out", run]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dev +2024-01-02 … 2024-01-02 +1 +300 +295 +294 +275 /m);
    assert.match(r.stdout, /scaler robust: fitted on 295 dev rows/);
    assert.match(r.stdout, /exported .*mini\/npz\/val\.npz/);
    const summary = JSON.parse(await Deno.readTextFile(join(run, "summary.json")));
    assert.deepEqual(summary.splits.map((s: { windows: number }) => s.windows), [275, 275]);
    const manifest = JSON.parse(await Deno.readTextFile(join(run, "manifest.json")));
    assert.equal(manifest.inputs.length, 2);
    assert.ok(manifest.timings["dataset.fit"] >= 0);
    const val = await loadDataset(join(dir, "datasets", "mini"), "val", {
      features: ["f0", "f1", "f2"],
      T: 20,
    });
    assert.equal(val.dataset.length, 275);
    await Deno.stat(join(dir, "datasets", "mini", "npz", "scaler.json"));
  });
});

Deno.test("dataset: overlapping splits are a config error (exit 2) naming file, line and key", async () => {
  await withTempDir(async (dir) => {
    const config = await setup(dir, "{ start: '2024-01-02', end: '2024-01-03' }");
    const r = await cli(["--config", config, "--out", join(dir, "run")]);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      new RegExp(`${config}:9: dataset\\.splits\\.val: expected a date range not overlapping dev`),
    );
  });
});
