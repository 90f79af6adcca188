import { strict as assert } from "node:assert";
import { loadConfig } from "../../../lib/config/load.ts";
import { undocumentedKeys } from "../../../lib/config/schema_helpers.ts";
import { AsModelConfigSchema } from "../../../lib/config/schemas/mod.ts";
import { AS_MODEL_DEFAULTS, asModelParamsFromConfig } from "../../../lib/sim/as_model/mod.ts";

/**
 * The `yaml` package reads the LOG_TOKENS and LOG_STREAM variables while
 * parsing, so the tests that parse YAML need `--allow-env` (as `deno task test`
 * grants); without it they are reported as ignored, with this reason in their name.
 */
const yamlCanParse =
  Deno.permissions.querySync({ name: "env", variable: "LOG_TOKENS" }).state === "granted";
const NEEDS_ENV = " [needs --allow-env for the yaml package]";

Deno.test("as_model config: every key documented; defaults are the paper's", () => {
  assert.deepEqual(undocumentedKeys(AsModelConfigSchema), []);
  const cfg = AsModelConfigSchema.parse({});
  assert.equal(cfg.as_model.trajectories, 1000);
  assert.deepEqual(asModelParamsFromConfig(cfg.as_model), AS_MODEL_DEFAULTS);
  const bad = AsModelConfigSchema.safeParse({ as_model: { horizon_T: 1, dt: 0.3 } });
  assert.deepEqual(bad.error?.issues.map((i) => i.path), [["as_model", "dt"]]);
  assert(AsModelConfigSchema.safeParse({ as_model: { horizon_T: 0.3, dt: 0.1 } }).success);
});

Deno.test({
  name: "as_model config: configs/as_model.yaml loads and states the defaults" + NEEDS_ENV,
  ignore: !yamlCanParse,
  fn: async () => {
    const loaded = await loadConfig(AsModelConfigSchema, { file: "configs/as_model.yaml" });
    assert.deepEqual(loaded.config, AsModelConfigSchema.parse({}));
    const text = await Deno.readTextFile("configs/as_model.yaml");
    for (const key of Object.keys(loaded.config.as_model)) {
      // Each key has a comment line right above it.
      assert.match(text, new RegExp(`\\n  # [^\\n]+\\n  ${key}: `), `comment above ${key}`);
    }
  },
});

Deno.test({
  name: "as_model config: bad values are errors at their key" + NEEDS_ENV,
  ignore: !yamlCanParse,
  fn: async () => {
    await assert.rejects(
      loadConfig(AsModelConfigSchema, {
        file: "configs/as_model.yaml",
        overrides: ["as_model.dt=0.3"],
      }),
      /as_model\.dt: expected a step that divides horizon_T = 1 into a whole number of steps \(horizon_T\/dt is 3\.33+\d*\), found 0\.3/,
    );
    await assert.rejects(
      loadConfig(AsModelConfigSchema, { overrides: ["as_model.sigma=0"] }),
      /as_model\.sigma: expected a number > 0, found 0/,
    );
    await assert.rejects(
      loadConfig(AsModelConfigSchema, { overrides: ["as_model.Sigma=1"] }),
      /Sigma/,
    );
  },
});
