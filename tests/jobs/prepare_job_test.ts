import { strict as assert } from "node:assert";
import { join } from "node:path";
import { loadConfig } from "../../lib/config/load.ts";
import { DataConfigSchema } from "../../lib/config/schemas/data.ts";
import { FeaturesConfigSchema } from "../../lib/config/schemas/features.ts";
import { ConfigError } from "../../lib/core/errors.ts";
import { type PrepareConfig, runPrepare, type StageResult } from "../../lib/jobs/prepare_job.ts";
import { readStamp, stampPath } from "../../lib/jobs/stage_stamp.ts";
import { dataYaml, DATES, featuresYaml, simulateFixture } from "./_prepare_fixture.ts";

async function configs(
  dir: string,
  options: { dataset?: boolean; fast?: number } = {},
): Promise<PrepareConfig> {
  await Deno.writeTextFile(join(dir, "data.yaml"), dataYaml(dir, options));
  await Deno.writeTextFile(join(dir, "features.yaml"), featuresYaml(dir, options.fast));
  const data = await loadConfig(DataConfigSchema, { file: join(dir, "data.yaml") });
  const features = await loadConfig(FeaturesConfigSchema, { file: join(dir, "features.yaml") });
  return { data: data.config, features: features.config.features };
}

const statuses = (stages: StageResult[]) => stages.map((s) => `${s.stage}:${s.status}`);

async function mtime(path: string): Promise<number> {
  return (await Deno.stat(path)).mtime!.getTime();
}

Deno.test("prepare: runs every stage once, then skips what is unchanged", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    await simulateFixture(dir);
    let cfg = await configs(dir);
    const interim = join(dir, "interim", "ZI", `${DATES[1]}.parquet`);
    const featureFile = join(dir, "features", "ZI", `${DATES[1]}.parquet`);
    const xFile = join(dir, "datasets", "default", "val", "X.f32");

    await t.step("first run: all three stages run", async () => {
      const printed: string[] = [];
      const r = await runPrepare(cfg, {
        onStage: (s, seconds) => printed.push(`${s.stage} ${s.status} ${seconds !== null}`),
      });
      assert.deepEqual(statuses(r.summary.stages), ["ingest:ran", "features:ran", "dataset:ran"]);
      assert.deepEqual(printed, ["ingest ran true", "features ran true", "dataset ran true"]);
      assert.equal(r.summary.stages[0].reason, "no earlier successful run");
      assert.equal(r.summary.ingest!.outputs.length, 3);
      assert.equal(r.summary.features!.files.length, 3);
      assert.deepEqual(r.summary.dataset!.splits.map((s) => s.name), ["dev", "val", "test"]);
      assert.ok(r.validation !== null && r.validation.rows_in > 0);
      assert.deepEqual(Object.keys(r.timings), ["ingest", "features", "dataset"]);
      const stamp = await readStamp(stampPath(join(dir, "interim"), "ingest"));
      assert.ok(stamp !== null);
      assert.equal(stamp.inputs.length, 3); // one LOBSTER message file per day
      assert.deepEqual(stamp.outputs.length, 3);
      assert.equal(stamp.fingerprint, r.summary.stages[0].fingerprint);
      const ds = await readStamp(stampPath(join(dir, "datasets", "default"), "dataset"));
      assert.ok(ds !== null && ds.outputs.includes(xFile));
    });

    await t.step("second run: every stage skipped, nothing rewritten", async () => {
      const before = await Promise.all([interim, featureFile, xFile].map(mtime));
      const r = await runPrepare(cfg);
      assert.deepEqual(statuses(r.summary.stages), [
        "ingest:skipped",
        "features:skipped",
        "dataset:skipped",
      ]);
      const first = await readStamp(stampPath(join(dir, "interim"), "ingest"));
      assert.equal(
        r.summary.stages[0].reason,
        `inputs and config unchanged since ${first!.finished_at}`,
      );
      assert.equal(r.summary.ingest, null);
      assert.equal(r.validation, null);
      assert.deepEqual(r.timings, {});
      assert.deepEqual(await Promise.all([interim, featureFile, xFile].map(mtime)), before);
    });

    await t.step("a touched interim file reruns features and dataset only", async () => {
      const later = new Date(Date.now() + 60_000);
      await Deno.utime(interim, later, later);
      const ingestStamp = await mtime(stampPath(join(dir, "interim"), "ingest"));
      const r = await runPrepare(cfg);
      assert.deepEqual(statuses(r.summary.stages), [
        "ingest:skipped",
        "features:ran",
        "dataset:ran",
      ]);
      assert.match(
        r.summary.stages[1].reason,
        /^inputs changed: 1 modified \(.*2024-01-03\.parquet\)$/,
      );
      assert.equal(r.summary.stages[2].reason, "features ran, so every later stage runs");
      assert.equal(await mtime(stampPath(join(dir, "interim"), "ingest")), ingestStamp);
      assert.equal(await mtime(interim), later.getTime()); // ingest did not rewrite it
    });

    await t.step("a changed feature config key reruns features and dataset", async () => {
      cfg = await configs(dir, { fast: 5 });
      const r = await runPrepare(cfg);
      assert.deepEqual(statuses(r.summary.stages), [
        "ingest:skipped",
        "features:ran",
        "dataset:ran",
      ]);
      assert.equal(r.summary.stages[1].reason, "config changed");
      assert.equal(r.summary.features!.params.fastWindow, 5);
      const again = await runPrepare(cfg);
      assert.deepEqual(statuses(again.summary.stages).map((s) => s.split(":")[1]), [
        "skipped",
        "skipped",
        "skipped",
      ]);
    });

    await t.step("a missing output reruns its stage", async () => {
      await Deno.remove(xFile);
      const r = await runPrepare(cfg);
      assert.deepEqual(statuses(r.summary.stages), [
        "ingest:skipped",
        "features:skipped",
        "dataset:ran",
      ]);
      assert.equal(r.summary.stages[2].reason, `outputs missing: ${xFile}`);
      await Deno.stat(xFile);
    });

    await t.step("force reruns every stage", async () => {
      const before = await mtime(interim);
      const r = await runPrepare(cfg, { force: true });
      assert.deepEqual(statuses(r.summary.stages), ["ingest:ran", "features:ran", "dataset:ran"]);
      assert.ok(r.summary.stages.every((s) => s.reason === "forced (--force)"));
      assert.notEqual(await mtime(interim), before);
    });

    await t.step("a changed ingest key reruns all three", async () => {
      const c = structuredClone(cfg);
      c.data.ingest.max_examples = 3;
      const r = await runPrepare(c);
      assert.deepEqual(statuses(r.summary.stages), ["ingest:ran", "features:ran", "dataset:ran"]);
      assert.equal(r.summary.stages[0].reason, "config changed");
      assert.equal(r.summary.stages[1].reason, "ingest ran, so every later stage runs");
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("prepare: without a dataset section it stops after features, with a note", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await simulateFixture(dir);
    const cfg = await configs(dir, { dataset: false });
    const r = await runPrepare(cfg);
    assert.deepEqual(statuses(r.summary.stages), ["ingest:ran", "features:ran", "dataset:absent"]);
    assert.equal(r.summary.dataset, null);
    assert.match(r.summary.notes[0], /no dataset: section, so prepare stopped after features/);
    await assert.rejects(Deno.stat(join(dir, "datasets")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("prepare: a stage that fails leaves no stamp, and the next run retries it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await simulateFixture(dir);
    const cfg = await configs(dir);
    cfg.data.dataset!.min_samples = 1_000_000; // every split is too small
    await assert.rejects(
      runPrepare(cfg),
      /dataset\.min_samples: expected at least 1000000 windows in split dev/,
    );
    const stamp = stampPath(join(dir, "datasets", "default"), "dataset");
    assert.equal(await readStamp(stamp), null);
    assert.ok((await readStamp(stampPath(join(dir, "features"), "features"))) !== null);
    cfg.data.dataset!.min_samples = 100;
    const r = await runPrepare(cfg);
    assert.deepEqual(statuses(r.summary.stages), [
      "ingest:skipped",
      "features:skipped",
      "dataset:ran",
    ]);
    assert.equal(r.summary.stages[2].reason, "no earlier successful run");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("prepare: stages that do not chain are a config error naming the key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = await configs(dir);
    cfg.features.output = join(dir, "elsewhere");
    await assert.rejects(runPrepare(cfg), (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.equal(
        err.message,
        `dataset.features_dir: expected the feature store the features stage writes (features.output: ${
          join(dir, "elsewhere")
        }), found ${join(dir, "features")}`,
      );
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
