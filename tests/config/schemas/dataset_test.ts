import { strict as assert } from "node:assert";
import { parse as parseYaml } from "yaml";
import { loadConfig } from "../../../lib/config/load.ts";
import { section, undocumentedKeys } from "../../../lib/config/schema_helpers.ts";
import { DatasetSectionSchema } from "../../../lib/config/schemas/dataset.ts";
import { DatasetCommandConfigSchema } from "../../../lib/cli/commands/dataset.ts";

const DATA_YAML = "configs/data.yaml";
const splits = { dev: { start: "2024-01-02", end: "2024-01-31" } };

Deno.test("dataset schema: every key documented; defaults", () => {
  assert.deepEqual(undocumentedKeys(section({ dataset: DatasetSectionSchema.describe("d") })), []);
  const d = DatasetSectionSchema.parse({ splits });
  assert.deepEqual(
    { ...d, splits: undefined },
    {
      name: "default",
      features_dir: "data/features",
      out: "data/datasets",
      symbols: [],
      features: null,
      history_T: 20,
      target_horizon: 1,
      min_samples: 1000,
      scaler: { method: "robust", clip: null, regime_column: null },
      splits: undefined,
      export: "none",
    },
  );
  assert.throws(() => DatasetSectionSchema.parse({}), /splits/); // dev has no default
  assert.throws(() => DatasetSectionSchema.parse({ splits, scaler: { method: "minmax" } }));
  assert.throws(() => DatasetSectionSchema.parse({ splits, history_T: 0 }));
  assert.throws(() => DatasetSectionSchema.parse({ splits, scaler: { clip: 0 } }));
  assert.throws(() => DatasetSectionSchema.parse({ splits, name: "a/b" }));
});

Deno.test("configs/data.yaml: the dataset section states the defaults plus example splits", async () => {
  const doc = parseYaml(await Deno.readTextFile(DATA_YAML)) as { dataset: unknown };
  const parsed = DatasetSectionSchema.parse(doc.dataset);
  assert.deepEqual({ ...parsed, splits }, DatasetSectionSchema.parse({ splits }));
  assert.deepEqual(Object.keys(parsed.splits), ["dev", "val", "test"]);
});

Deno.test("the dataset command's schema: configs/data.yaml plus a required dataset section", async () => {
  const file = await Deno.makeTempFile({ suffix: ".yaml" });
  try {
    await Deno.writeTextFile(file, "simulate:\n  days: 2\n");
    await assert.rejects(loadConfig(DatasetCommandConfigSchema, { file }), /dataset: expected/);
    const ok = await loadConfig(DatasetCommandConfigSchema, {
      file,
      overrides: ["dataset.splits.dev={start: '2024-01-02', end: '2024-01-03'}"],
    });
    assert.equal(ok.config.simulate.days, 2);
    assert.equal(ok.config.dataset.history_T, 20);
    await assert.rejects(
      loadConfig(DatasetCommandConfigSchema, {
        file,
        overrides: [
          "dataset.splits.dev={start: '2024-01-02', end: '2024-01-03'}",
          "dataset.histroy_T=5",
        ],
      }),
      /unknown key "histroy_T"/,
    );
  } finally {
    await Deno.remove(file);
  }
});
