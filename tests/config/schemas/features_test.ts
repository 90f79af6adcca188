import { strict as assert } from "node:assert";
import { loadConfig } from "../../../lib/config/load.ts";
import { undocumentedKeys } from "../../../lib/config/schema_helpers.ts";
import { clockSeconds, FeaturesConfigSchema } from "../../../lib/config/schemas/features.ts";
import { DEFAULT_FEATURES } from "../../../lib/features/names.ts";

const FILE = "configs/features.yaml";

Deno.test("features schema: every key documented; defaults are the 28-feature set", () => {
  assert.deepEqual(undocumentedKeys(FeaturesConfigSchema), []);
  const c = FeaturesConfigSchema.parse({}).features;
  assert.deepEqual(c.list, DEFAULT_FEATURES);
  assert.deepEqual(c.windows, { fast: 10, rsi: 14 });
  assert.equal(c.depth_levels, 5);
  assert.equal(c.decision_ms, undefined);
  assert.equal(clockSeconds(c.session.open), 34_200);
});

Deno.test("configs/features.yaml loads and lists the default set", async () => {
  const { config } = await loadConfig(FeaturesConfigSchema, { file: FILE });
  assert.deepEqual(config.features.list, DEFAULT_FEATURES);
  assert.deepEqual(config, FeaturesConfigSchema.parse({}));
});

Deno.test("features schema: bad names, repeats and session hours name the key", async () => {
  const load = (set: string) => loadConfig(FeaturesConfigSchema, { file: FILE, overrides: [set] });
  await assert.rejects(
    load("features.list=[mid_price, realised_vol_10]"),
    {
      message:
        '--set features.list=[mid_price, realised_vol_10]: features.list[1]: expected a feature name (deno task features --list); did you mean "realized_vol_10"?, found "realised_vol_10"',
    },
  );
  await assert.rejects(
    load("features.list=[rsi, rsi]"),
    /features\.list\[1\]: expected each feature once/,
  );
  await assert.rejects(
    load("features.session.close=09:00:00"),
    /features\.session\.close: expected close after open/,
  );
  await assert.rejects(load("features.windows.rsi=1"), /features\.windows\.rsi/);
  const ok = await load("features.list=[sma_30, realized_vol_5]");
  assert.deepEqual(ok.config.features.list, ["sma_30", "realized_vol_5"]);
});
