/**
 * Every YAML file in configs/ loads with its schema, and the model sections of
 * configs/data.yaml state exactly the schema defaults (so the documented file
 * and the code never drift apart).
 */

import { strict as assert } from "node:assert";
import { loadConfig } from "../../lib/config/load.ts";
import {
  AbidesSectionSchema,
  AsModelConfigSchema,
  BenchConfigSchema,
  DataConfigSchema,
  EnvironmentConfigSchema,
  FeaturesConfigSchema,
  RealismConfigSchema,
  ReplayConfigSchema,
} from "../../lib/config/schemas/mod.ts";
import { ZiSectionSchema } from "../../lib/config/schemas/zi.ts";
import type { z } from "zod";
import { TrainingConfigSchema } from "../../lib/config/schemas/training.ts";

const files: [string, z.ZodType][] = [
  ["configs/data.yaml", DataConfigSchema],
  ["configs/replay.yaml", ReplayConfigSchema],
  ["configs/bench.yaml", BenchConfigSchema],
  ["configs/as_model.yaml", AsModelConfigSchema],
  ["configs/realism.yaml", RealismConfigSchema],
  ["configs/features.yaml", FeaturesConfigSchema],
  ["configs/training.yaml", TrainingConfigSchema],
  ["configs/environment.yaml", EnvironmentConfigSchema],
];

Deno.test("configs: every file in configs/ has a schema and loads", async () => {
  const listed = new Set(files.map(([f]) => f));
  for await (const entry of Deno.readDir("configs")) {
    if (entry.name.endsWith(".yaml")) {
      assert.ok(listed.has(`configs/${entry.name}`), `no schema test for ${entry.name}`);
    }
  }
  for (const [file, schema] of files) await loadConfig(schema, { file });
});

Deno.test("configs: data.yaml's model sections are the schema defaults", async () => {
  const { config } = await loadConfig(DataConfigSchema, { file: "configs/data.yaml" });
  assert.deepEqual(config.abides, AbidesSectionSchema.parse({}));
  assert.deepEqual(config.zi, ZiSectionSchema.parse({}));
});
