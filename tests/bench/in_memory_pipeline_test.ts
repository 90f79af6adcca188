import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runInMemoryPipeline } from "../../lib/bench/in_memory_pipeline.ts";
import { syntheticSnapshots } from "../../lib/bench/snapshot_source.ts";
import { DatasetSectionSchema } from "../../lib/config/schemas/dataset.ts";
import { FeaturesSectionSchema } from "../../lib/config/schemas/features.ts";
import { IngestSectionSchema, IngestSourceSchema } from "../../lib/config/schemas/ingest.ts";
import { runIngest, sourceFiles } from "../../lib/data/ingest/mod.ts";
import { runDatasetJob } from "../../lib/dataset/build_job.ts";
import { loadDataset } from "../../lib/dataset/dataset_store.ts";
import { loadFeatureInputs, runFeaturesJob } from "../../lib/features/job.ts";

const DATES = ["2024-01-02", "2024-01-03", "2024-01-04"];

/** Two symbols × three days of generated snapshots, 3-minute sessions, one file per symbol-day. */
async function setUp(dir: string) {
  const raw = join(dir, "raw");
  await Deno.mkdir(raw);
  for (const date of DATES) {
    for (const symbol of ["AA", "BB"]) {
      syntheticSnapshots({ symbol, date, sessionS: 180, seed: 5 })
        .writeParquet(join(raw, `${date}_${symbol}.parquet`));
    }
  }
  const source = IngestSourceSchema.parse({ kind: "parquet", path: raw, table: "book" });
  const files = await sourceFiles(source);
  const ingest = IngestSectionSchema.parse({
    sources: [source],
    interim_dir: join(dir, "interim"),
    session_end: "09:33:00",
    levels: 5,
  });
  const features = FeaturesSectionSchema.parse({
    input: ingest.interim_dir,
    output: join(dir, "features"),
    list: [
      "spread_bps",
      "depth_imbalance",
      "log_return_5",
      "realized_vol_20",
      "ofi_rolling",
      "rsi",
    ],
  });
  const dataset = DatasetSectionSchema.parse({
    features_dir: features.output,
    out: join(dir, "datasets"),
    min_samples: 100,
    history_T: 10,
    target_horizon: 2,
    scaler: { clip: 4 },
    splits: {
      dev: { start: DATES[0], end: DATES[0] },
      val: { start: DATES[1], end: DATES[1] },
      test: { start: DATES[2], end: DATES[2] },
    },
  });
  const bySplit = {
    dev: files.filter((f) => f.file.includes(DATES[0])),
    val: files.filter((f) => f.file.includes(DATES[1])),
    test: files.filter((f) => f.file.includes(DATES[2])),
  };
  return { source, files: bySplit, ingest, features, dataset };
}

Deno.test("in-memory pipeline: the same windows as the ingest, features and dataset jobs through files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const s = await setUp(dir);
    await runIngest(s.ingest);
    await runFeaturesJob(s.features, await loadFeatureInputs(s.features));
    await runDatasetJob(s.dataset);
    for (const workers of [0, 2]) {
      const r = await runInMemoryPipeline({ ...s, workers });
      assert.equal(r.workers, workers);
      assert.equal(r.fastFiles, 6, "every generated file is clean: the fast path takes it");
      assert.equal(r.symbolDays, 6);
      assert.equal(r.gridRows, 6 * 1801); // 09:30:00.0 … 09:33:00.0 every 100 ms
      assert.deepEqual(r.features, s.features.list);
      for (const split of ["dev", "val", "test"] as const) {
        const stored = await loadDataset(join(dir, "datasets", "default"), split, {
          features: s.features.list,
          T: 10,
        });
        const mem = r.datasets[split]!;
        assert.equal(mem.length, stored.dataset.length, split);
        assert.ok(mem.length > 1000);
        assert.deepEqual(mem.X, stored.dataset.X, `${split}: X`);
        assert.deepEqual(mem.starts, stored.dataset.starts, `${split}: starts`);
        assert.deepEqual(mem.y, stored.dataset.y, `${split}: y`);
        assert.deepEqual(mem.ts, stored.dataset.ts, `${split}: ts`);
      }
      const stages = r.seconds;
      assert.ok(stages.ingest > 0 && stages.features > 0 && stages.windows > 0 && stages.scale > 0);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("in-memory pipeline: a file of another split, or a symbol-day in two files, is an error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const s = await setUp(dir);
    await assert.rejects(
      runInMemoryPipeline({ ...s, files: { dev: [...s.files.dev, s.files.val[0]] } }),
      /holds AA 2024-01-03, outside split dev/,
    );
    await assert.rejects(
      runInMemoryPipeline({ ...s, files: { dev: [s.files.dev[0], s.files.dev[0]] } }),
      /AA 2024-01-02 comes from two files/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
