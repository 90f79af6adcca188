import { strict as assert } from "node:assert";
import { DataConfigSchema } from "../../../lib/config/schemas/data.ts";
import { IngestSectionSchema } from "../../../lib/config/schemas/ingest.ts";
import { loadConfig } from "../../../lib/config/load.ts";
import { describeSchema, undocumentedKeys } from "../../../lib/config/schema_helpers.ts";

Deno.test("ingest schema: defaults, every key documented", () => {
  const cfg = IngestSectionSchema.parse({});
  assert.deepEqual(cfg.sources, [{ kind: "sim", path: "data/sim", table: "auto" }]);
  assert.equal(cfg.interim_dir, "data/interim");
  assert.equal(cfg.decision_ms, 100);
  assert.equal(cfg.session_start, "09:30:00");
  assert.equal(cfg.session_end, "16:00:00");
  assert.equal(cfg.max_gap_s, 60);
  assert.equal(cfg.max_examples, 5);
  assert.equal(cfg.strict, false);
  assert.deepEqual(undocumentedKeys(IngestSectionSchema), []);
  assert.ok(describeSchema(IngestSectionSchema).some((r) => r.keyPath === "sources[].ts_unit"));
});

Deno.test("ingest schema: unknown keys, bad kinds and bad session hours are refused", () => {
  assert.throws(() => IngestSectionSchema.parse({ decison_ms: 5 }));
  assert.throws(() =>
    IngestSectionSchema.parse({ sources: [{ kind: "lobster", path: "x", tick: 1 }] })
  );
  assert.throws(() => IngestSectionSchema.parse({ sources: [{ kind: "xls", path: "x" }] }));
  assert.throws(() => IngestSectionSchema.parse({ sources: [] }));
  assert.throws(() =>
    IngestSectionSchema.parse({ session_start: "16:00:00", session_end: "09:30:00" })
  );
  assert.throws(() => IngestSectionSchema.parse({ session_end: "25:00:00" }));
  assert.equal(IngestSectionSchema.parse({ max_gap_s: null }).max_gap_s, null);
});

Deno.test("ingest schema: configs/data.yaml's ingest section states the defaults", async () => {
  const loaded = await loadConfig(DataConfigSchema, { file: "configs/data.yaml" });
  assert.deepEqual(loaded.config.ingest, IngestSectionSchema.parse({}));
});
