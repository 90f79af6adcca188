import { strict as assert } from "node:assert";
import { join } from "node:path";
import { ConfigError, InputError } from "../../lib/core/errors.ts";
import { loadConfig } from "../../lib/config/load.ts";
import { section } from "../../lib/config/schema_helpers.ts";
import { DatasetSectionSchema } from "../../lib/config/schemas/dataset.ts";
import { runDatasetJob } from "../../lib/dataset/build_job.ts";
import {
  checkMinSamples,
  checkSplitRanges,
  isIsoDate,
  splitOfDate,
} from "../../lib/dataset/splits.ts";
import { featureFrame, withTempDir, writeStore } from "./_helpers.ts";

const dev = { start: "2024-01-02", end: "2024-01-10" };

Deno.test("split ranges: overlaps, reversed ranges and unreal dates are config errors", () => {
  checkSplitRanges({ dev, val: { start: "2024-01-11", end: "2024-01-11" } });
  assert.throws(
    () => checkSplitRanges({ dev, test: { start: "2024-01-10", end: "2024-01-12" } }),
    (e: unknown) =>
      e instanceof ConfigError &&
      e.message ===
        "dataset.splits.test: expected a date range not overlapping dev (2024-01-02 … 2024-01-10), found 2024-01-10 … 2024-01-12",
  );
  // val inside test's range, listed before it: the later split is named
  assert.throws(
    () =>
      checkSplitRanges({
        dev,
        val: { start: "2024-02-05", end: "2024-02-06" },
        test: { start: "2024-02-01", end: "2024-02-28" },
      }),
    /dataset\.splits\.test: expected a date range not overlapping val/,
  );
  assert.throws(
    () => checkSplitRanges({ dev: { start: "2024-01-05", end: "2024-01-04" } }),
    /dataset\.splits\.dev\.end: expected a date on or after start \(2024-01-05\), found 2024-01-04/,
  );
  assert.throws(
    () => checkSplitRanges({ dev: { start: "2024-02-30", end: "2024-03-01" } }),
    /dev\.start: expected a real date YYYY-MM-DD, found 2024-02-30/,
  );
  assert(isIsoDate("2024-02-29") && !isIsoDate("2023-02-29") && !isIsoDate("2024-1-02"));
  assert.equal(splitOfDate({ dev }, "2024-01-10"), "dev");
  assert.equal(splitOfDate({ dev }, "2024-01-11"), null);
});

Deno.test("split ranges in a YAML file: the config error names the file, line and key", async () => {
  const file = await Deno.makeTempFile({ suffix: ".yaml" });
  try {
    await Deno.writeTextFile(
      file,
      [
        "dataset:",
        "  splits:",
        "    dev: { start: '2024-01-02', end: '2024-01-10' }",
        "    val: { start: '2024-01-08', end: '2024-01-12' }",
        "",
      ].join("\n"),
    );
    const schema = section({ dataset: DatasetSectionSchema });
    await assert.rejects(
      loadConfig(schema, { file }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message.startsWith(
          `${file}:4: dataset.splits.val: expected a date range not overlapping dev (2024-01-02 … 2024-01-10)`,
        ),
    );
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("min_samples: the error names the split, its range and its count", () => {
  checkMinSamples("val", dev, 1000, 1000);
  assert.throws(
    () => checkMinSamples("val", dev, 999, 1000, "2 feature files"),
    (e: unknown) =>
      e instanceof InputError &&
      e.message ===
        "dataset.min_samples: expected at least 1000 windows in split val (2024-01-02 … 2024-01-10), found 999 windows (2 feature files)",
  );
});

Deno.test("a split short of min_samples stops the build before anything is written", async () => {
  await withTempDir(async (dir) => {
    writeStore(join(dir, "f"), [
      featureFrame({ date: "2024-01-02", rows: 200, nullHead: 5 }),
      featureFrame({ date: "2024-01-03", rows: 40, nullHead: 5 }),
    ]);
    const cfg = DatasetSectionSchema.parse({
      features_dir: join(dir, "f"),
      out: join(dir, "d"),
      history_T: 10,
      min_samples: 100,
      splits: {
        dev: { start: "2024-01-02", end: "2024-01-02" },
        test: { start: "2024-01-03", end: "2024-01-03" },
      },
    });
    // test: 40 rows − 5 null − 10 + 1 − 1 = 25 windows
    await assert.rejects(
      runDatasetJob(cfg),
      /expected at least 100 windows in split test \(2024-01-03 … 2024-01-03\), found 25 windows \(1 feature files\)/,
    );
    await assert.rejects(Deno.stat(join(dir, "d")), Deno.errors.NotFound);
    // No feature file inside any split is an input error too.
    const none = DatasetSectionSchema.parse({
      ...cfg,
      splits: { dev: { start: "2023-01-01", end: "2023-01-31" } },
    });
    await assert.rejects(
      runDatasetJob(none),
      /expected feature files dated inside the splits \(dev 2023-01-01 … 2023-01-31\), found 2 files from 2024-01-02 to 2024-01-03/,
    );
  });
});
