/** `deno task train` end to end: the quick preset shortened, then --resume. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { trainCommand } from "../../../lib/cli/commands/train.ts";
import { runCli } from "../../../lib/cli/main.ts";
import { ensureTrainingData } from "../../../lib/jobs/train_job.ts";
import { EnvironmentSectionSchema } from "../../../lib/config/schemas/environment.ts";

async function train(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["train", ...argv], [trainCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("train: --preset quick with flags writes a complete run, --resume continues it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const common = [
      "--preset",
      "quick",
      "--backend",
      "cpu",
      "--seed",
      "4",
      "--set",
      "training.envs=2",
      "--set",
      "training.mappo.hidden=[8]",
      "--set",
      "training.checkpoint_every=1",
      "--json",
    ];
    const r = await train(["--algorithm", "mappo", "--updates", "2", "--out", dir, ...common]);
    assert.equal(r.code, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.algorithm, "mappo");
    assert.equal(s.iterations, 2);
    assert.equal(s.backend, "cpu");
    const manifest = JSON.parse(await Deno.readTextFile(join(dir, "manifest.json")));
    assert.equal(manifest.backend, "cpu");
    assert.ok((await Deno.stat(join(dir, "summary.json"))).isFile);
    // Raise the budget and continue from the last checkpoint.
    const r2 = await train(["--resume", dir, "--updates", "3", "--backend", "cpu", "--json"]);
    assert.equal(r2.code, 0, r2.stderr);
    const s2 = JSON.parse(r2.stdout);
    assert.equal(s2.resumedFrom, 2);
    assert.equal(s2.iterations, 3);
    const bad = await train(["--algorithm", "ppo", "--out", dir, "--json"]);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /training.algorithm/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("train: a missing environment.scaler is built first through prepare, and says so", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const lines: string[] = [];
    const calls: string[] = [];
    const scaler = join(dir, "scaler.json");
    const env = EnvironmentSectionSchema.parse({ market: "abm", scaler });
    const steps = await ensureTrainingData(env, {
      log: (l) => lines.push(l),
      prepare: async (e) => {
        calls.push(e.scaler!);
        await Deno.writeTextFile(scaler, "{}");
      },
    });
    assert.deepEqual(steps.map((s) => [s.step, s.missing]), [["prepare", scaler]]);
    assert.deepEqual(calls, [scaler]);
    assert.match(lines[0], /environment.scaler .*scaler.json does not exist yet/);
    // Prepared but still missing: an error naming the key.
    const other = EnvironmentSectionSchema.parse({ market: "abm", scaler: join(dir, "none.json") });
    await assert.rejects(
      () => ensureTrainingData(other, { prepare: () => Promise.resolve() }),
      /environment.scaler: expected .*none.json after deno task prepare/,
    );
    const none = await ensureTrainingData(EnvironmentSectionSchema.parse({}), {
      prepare: () => {
        throw new Error("must not run");
      },
    });
    assert.deepEqual(none, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
