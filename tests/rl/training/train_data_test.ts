/** Automatic data preparation before training (lib/jobs/train_data.ts) on tiny sessions. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { ensureTrainingData, parseLobsterMessageName } from "../../../lib/jobs/train_data.ts";
import { EnvironmentSectionSchema } from "../../../lib/config/schemas/environment.ts";

/** A data config with one-minute zi sessions and a five-minute ingest grid, all under `dir`. */
async function tinyDataConfig(dir: string): Promise<{ data: string; features: string }> {
  const data = join(dir, "data.yaml"), features = join(dir, "features.yaml");
  await Deno.writeTextFile(
    data,
    `simulate:
  model: zi
  days: 1
  start_date: "2024-01-02"
  symbols: [TINY]
  session_start: "09:30:00"
  session_end: "09:35:00"
  levels: 5
  seed: 7
  out: ${dir}/data/sim
ingest:
  sources:
    - kind: sim
      path: ${dir}/data/sim
  interim_dir: ${dir}/data/interim
  session_start: "09:30:00"
  session_end: "09:35:00"
  levels: 5
dataset:
  name: tiny
  features_dir: ${dir}/data/features
  out: ${dir}/data/datasets
  history_T: 5
  min_samples: 50
  splits:
    dev: { start: "2024-01-02", end: "2024-01-02" }
`,
  );
  await Deno.writeTextFile(
    features,
    `features:
  input: ${dir}/data/interim
  output: ${dir}/data/features
  list: [mid_price, spread, imbalance]
`,
  );
  return { data, features };
}

Deno.test("parseLobsterMessageName: session from the LOBSTER file name", () => {
  assert.deepEqual(parseLobsterMessageName("a/b/X_2024-01-03_34200000_34260000_message_5.csv"), {
    symbol: "X",
    date: "2024-01-03",
    sessionStart: "09:30:00",
    sessionEnd: "09:31:00",
    levels: 5,
  });
  assert.equal(parseLobsterMessageName("X_2024-01-03_34200000_34260000_orderbook_5.csv"), null);
  assert.equal(parseLobsterMessageName("X_2024-01-03_34200500_34260000_message_5.csv"), null);
});

Deno.test("train data: a missing replay file under simulate.out is simulated first, and says so", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = await tinyDataConfig(dir);
    // A later day and a one-minute session: the file name decides what is simulated.
    const file = join(
      dir,
      "data/sim/TINY/2024-01-03/TINY_2024-01-03_34200000_34260000_message_5.csv",
    );
    const env = EnvironmentSectionSchema.parse({
      market: "replay",
      replay: { message_file: file },
    });
    const lines: string[] = [];
    const steps = await ensureTrainingData(env, {
      log: (l) => lines.push(l),
      dataConfig: cfg.data,
    });
    assert.deepEqual(steps.map((s) => [s.step, s.missing, s.out]), [
      ["simulate", file, `${dir}/data/sim`],
    ]);
    assert.ok((await Deno.stat(file)).size > 0);
    assert.ok((await Deno.stat(file.replace("_message_", "_orderbook_"))).isFile);
    assert.match(
      lines[0],
      /^no data at .*TINY_2024-01-03.*: simulating 1 day of TINY with the zi model \(09:30:00–09:31:00/,
    );
    assert.match(lines.at(-1)!, /→ .*data\/sim … done in \d+\.\d s$/);
    // Now it exists: nothing to do.
    assert.deepEqual(await ensureTrainingData(env, { dataConfig: cfg.data }), []);
    // A missing file outside simulate.out is an error naming the key.
    const elsewhere = EnvironmentSectionSchema.parse({
      market: "replay",
      replay: { message_file: join(dir, "raw/TINY_2024-01-03_34200000_34260000_message_5.csv") },
    });
    await assert.rejects(
      () => ensureTrainingData(elsewhere, { dataConfig: cfg.data }),
      /environment.replay.message_file: expected an existing LOBSTER message file, or one under/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train data: a missing scaler runs prepare, simulating first when the sim source is empty", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = await tinyDataConfig(dir);
    const scaler = join(dir, "data/datasets/tiny/scaler.json");
    const env = EnvironmentSectionSchema.parse({ market: "abm", scaler });
    const lines: string[] = [];
    const steps = await ensureTrainingData(env, {
      log: (l) => lines.push(l),
      dataConfig: cfg.data,
      featuresConfig: cfg.features,
    });
    assert.deepEqual(steps.map((s) => s.step), ["simulate", "prepare"]);
    assert.ok((await Deno.stat(scaler)).isFile);
    assert.ok(
      (await Deno.stat(join(dir, "data/sim/TINY/2024-01-02/snapshots.parquet"))).isFile,
    );
    const text = lines.join("\n");
    assert.match(text, /environment.scaler .*scaler.json does not exist yet/);
    assert.match(text, /no data at .*data\/sim: simulating 1 day of TINY with the zi model/);
    assert.match(text, /prepare: dataset ran/);
    // Built: a second call does nothing.
    assert.deepEqual(
      await ensureTrainingData(env, { dataConfig: cfg.data, featuresConfig: cfg.features }),
      [],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
