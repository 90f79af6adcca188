import { strict as assert } from "node:assert";
import { stringify } from "yaml";
import { join } from "node:path";
import pl from "nodejs-polars";
import { UsageError } from "../../lib/core/errors.ts";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { runTrainJob } from "../../lib/jobs/train_job.ts";
import {
  envSeed,
  runEvaluateJob,
  splitEnvironment,
  TEST_SEED_BASE,
  type TrainRunInfo,
} from "../../lib/jobs/evaluate_job.ts";
import { readEvaluationRuns, runCompareJob } from "../../lib/jobs/compare_job.ts";
import { tinyConfig } from "../rl/training/_tiny.ts";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";

async function run(out: string, command: string, config: unknown) {
  return await createRunDir({
    command,
    out,
    config,
    configHash: "0123456789abcdef",
    configYaml: stringify(config),
    seed: 1,
    argv: [],
  });
}

Deno.test("evaluate: a tiny trained policy and two baselines on the same test seeds, then compare", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfg = tinyConfig("mappo", { updates: 2, eval_every: 1 });
    const train = await run(join(dir, "train"), "train", cfg);
    await runTrainJob(cfg, train, { progress: false });
    await train.finish({});

    const ev = await run(join(dir, "eval"), "evaluate", {});
    const s = await runEvaluateJob({
      trainRun: train.path,
      seeds: [1, 2, 3],
      split: "test",
      baselines: ["avellaneda-stoikov", "fixed-spread"],
    }, ev);
    await ev.finish(s);
    assert.deepEqual(Object.keys(s.strategies), ["mappo", "avellaneda-stoikov", "fixed-spread"]);
    assert.deepEqual(s.envSeeds, [1, 2, 3].map((k) => TEST_SEED_BASE + k));
    assert.equal(s.models.mm_0, "best");
    assert.equal(s.strategies.mappo.samples, 3);

    const df = pl.readParquet(join(ev.path, "episodes.parquet"));
    assert.equal(df.height, 9);
    const csv = await Deno.readTextFile(join(ev.path, "episodes.csv"));
    assert.equal(csv.trim().split("\n").length, 10);
    // Pairing: every strategy saw exactly the same env seeds.
    const samples = await readEvaluationRuns([ev.path]);
    for (const x of samples) assert.deepEqual(x.seeds, s.envSeeds);
    // Common random numbers: the baselines behave differently on the same episodes.
    const pnl = samples.map((x) => Array.from(x.metrics.terminal_pnl));
    assert.notDeepEqual(pnl[1], pnl[2]);
    for (const x of samples) assert.ok(Array.from(x.metrics.terminal_pnl).every(Number.isFinite));

    const cmp = await run(join(dir, "cmp"), "compare", {});
    const c = await runCompareJob(
      [ev.path],
      { reference: "avellaneda-stoikov", resamples: 200 },
      cmp,
    );
    assert.equal(c.reference, "avellaneda-stoikov");
    for (const f of ["comparison.parquet", "comparison.csv", "comparison.tex"]) {
      assert.ok((await Deno.stat(join(cmp.path, f))).size > 0, f);
    }
    const table = pl.readParquet(join(cmp.path, "comparison.parquet"));
    assert.equal(table.height, 3 * 10);
    const tex = await Deno.readTextFile(join(cmp.path, "comparison.tex"));
    assert.ok(tex.includes("terminal\\_pnl"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("evaluate splits: disjoint env seeds; replay test needs a test-day file", () => {
  const info: TrainRunInfo = {
    algorithm: "mappo",
    environment: EnvironmentSectionSchema.parse({ market: "replay" }),
    evalEnvironment: {},
    evalSeed: 0,
  };
  assert.equal(envSeed("train", 5, info), 5);
  assert.equal(envSeed("validation", 5, info), 2 ** 31 + 5);
  assert.equal(envSeed("test", 5, info), 3 * 2 ** 30 + 5);
  assert.throws(() => splitEnvironment(info, "test"), UsageError);
  const env = splitEnvironment(info, "test", "day_message_5.csv");
  assert.equal(env.replay.message_file, "day_message_5.csv");
  const abm = { ...info, environment: EnvironmentSectionSchema.parse({ market: "abm" }) };
  assert.throws(() => splitEnvironment(abm, "test", "x.csv"), UsageError);
  assert.equal(splitEnvironment(abm, "test"), abm.environment);
});
