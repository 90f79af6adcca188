/** The training config: layers (environment file, training file, preset, flags), presets, errors. */

import { strict as assert } from "node:assert";
import { ConfigError } from "../../../lib/core/errors.ts";
import { loadTrainingConfig, presetPath } from "../../../lib/rl/training/config.ts";
import { TrainingConfigSchema } from "../../../lib/config/schemas/training.ts";
import { MAPPO_DEFAULTS } from "../../../lib/rl/algorithms/mappo.ts";
import { MADDPG_DEFAULTS } from "../../../lib/rl/algorithms/maddpg.ts";
import { describeSchema } from "../../../lib/config/schema_helpers.ts";

Deno.test("training config: configs/training.yaml states the schema defaults, and they are the algorithms'", async () => {
  const { config } = await loadTrainingConfig({ file: "configs/training.yaml" });
  const defaults = TrainingConfigSchema.parse({});
  assert.deepEqual(config.training, defaults.training);
  const m = config.training.mappo;
  assert.equal(m.lr, MAPPO_DEFAULTS.lr);
  assert.deepEqual(m.hidden, [...MAPPO_DEFAULTS.hidden]);
  assert.equal(config.training.maddpg.per.alpha, MADDPG_DEFAULTS.per.alpha);
  assert.equal(config.training.maddpg.batch, MADDPG_DEFAULTS.batch);
  // The environment comes from configs/environment.yaml.
  assert.equal(config.environment.market, "abm");
  // Every key is in the file.
  const text = await Deno.readTextFile("configs/training.yaml");
  for (const row of describeSchema(TrainingConfigSchema)) {
    if (!row.keyPath.startsWith("training.")) continue;
    const leaf = row.keyPath.split(".").at(-1)!;
    assert.ok(new RegExp(`^\\s*${leaf}:`, "m").test(text), `${row.keyPath} missing`);
  }
});

Deno.test("training config: --preset quick merges over training.yaml, flags and --set over both", async () => {
  const quick = await loadTrainingConfig({ file: "configs/training.yaml", preset: "quick" });
  assert.equal(quick.config.training.preset, "quick");
  assert.equal(quick.config.environment.market, "as_model");
  // The inventory observation is q / max_inventory: a limit far away hides it from the policy.
  assert.equal(quick.config.environment.risk.max_inventory, 20);
  assert.equal(quick.config.training.updates, 40);
  assert.equal(quick.config.training.episodes, null);
  assert.deepEqual(quick.config.training.mappo.hidden, [32, 32]);
  assert.equal(quick.config.training.mappo.gamma, MAPPO_DEFAULTS.gamma); // untouched keys stay
  const flagged = await loadTrainingConfig({
    file: "configs/training.yaml",
    preset: "quick",
    extra: { "training.algorithm": "maddpg", "training.seed": 9, "training.envs": undefined },
    overrides: ["training.mappo.lr=0.01"],
  });
  assert.equal(flagged.config.training.algorithm, "maddpg");
  assert.equal(flagged.config.training.seed, 9);
  assert.equal(flagged.config.training.envs, 64);
  assert.equal(flagged.config.training.mappo.lr, 0.01);
  const thesis = await loadTrainingConfig({ file: "configs/training.yaml", preset: "thesis" });
  assert.equal(thesis.config.training.episodes, 10000);
  assert.equal(thesis.config.training.mappo.attention, true);
});

Deno.test("training config: errors name the file, line and key", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/t.yaml`;
    await Deno.writeTextFile(file, "training:\n  environment_file: null\n  envs: 0\n");
    await assert.rejects(loadTrainingConfig({ file }), (e: Error) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, new RegExp(`${file}:3: training.envs: expected an integer ≥ 1`));
      return true;
    });
    await Deno.writeTextFile(file, "training:\n  environment_file: null\n  algoritm: mappo\n");
    await assert.rejects(loadTrainingConfig({ file }), /training.algoritm/);
    await Deno.writeTextFile(
      file,
      "training:\n  environment_file: null\n  episodes: null\n  updates: null\n",
    );
    await assert.rejects(loadTrainingConfig({ file }), /a budget/);
    await Deno.writeTextFile(file, "training:\n  environment_file: null\n");
    await assert.rejects(
      loadTrainingConfig({ file, preset: "nope", presetDir: dir }),
      /no such file/,
    );
    await Deno.writeTextFile(`${dir}/bad.yaml`, "training:\n  algorithm: ppo\n");
    await assert.rejects(
      loadTrainingConfig({ file, preset: `${dir}/bad.yaml` }),
      new RegExp(`${dir}/bad.yaml:2: training.algorithm`),
    );
    assert.throws(() => presetPath("x y"), ConfigError);
    assert.equal(presetPath("quick"), "configs/presets/quick.yaml");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
