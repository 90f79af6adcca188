/** `deno task experiments` and `deno task demo`: the CLI around lib/jobs/study. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { experimentsCommand } from "../../../lib/cli/commands/experiments.ts";
import { demoCommand } from "../../../lib/cli/commands/demo.ts";
import { runCli } from "../../../lib/cli/main.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(argv, [experimentsCommand, demoCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("experiments: unknown presets, algorithms and baselines fail with exit code 2 before any run", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const preset = await cli(["experiments", "--preset", "huge", "--out", dir]);
    assert.equal(preset.code, 2);
    assert.match(preset.stderr, /--preset: expected one of demo, quick, thesis, found "huge"/);
    const algo = await cli(["experiments", "--algorithms", "dqn", "--out", dir]);
    assert.equal(algo.code, 2);
    assert.match(algo.stderr, /--algorithms: expected mappo or maddpg, found "dqn"/);
    const base = await cli(["experiments", "--baselines", "nope", "--out", dir]);
    assert.equal(base.code, 2);
    assert.match(base.stderr, /nope/);
    const seeds = await cli(["experiments", "--seeds", "1,1", "--out", dir]);
    assert.equal(seeds.code, 2);
    assert.match(seeds.stderr, /--seeds: .*seed 1 appears twice/);
    const entries = [];
    for await (const e of Deno.readDir(dir)) entries.push(e.name);
    assert.deepEqual(entries, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "experiments: a quick study of one algorithm, then a second call that skips it all",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const argv = [
        "experiments",
        "--preset",
        "quick",
        "--seeds",
        "1",
        "--algorithms",
        "maddpg",
        "--baselines",
        "avellaneda-stoikov",
        "random",
        "--episodes",
        "3",
        "--set",
        "training.updates=1",
        "--set",
        "training.envs=4",
        "--set",
        "training.eval_episodes=2",
        "--set",
        "training.backend=cpu",
        "--out",
        dir,
        "--no-figures",
        "--quiet",
      ];
      const first = await cli(argv);
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /train {4}train\/maddpg-seed1 +ran in/);
      assert.match(first.stdout, new RegExp(`report: ${join(dir, "report", "index.html")}`));
      const e = JSON.parse(
        await Deno.readTextFile(join(dir, "evaluate/maddpg-seed1/summary.json")),
      );
      assert.deepEqual(Object.keys(e.strategies).sort(), [
        "avellaneda-stoikov",
        "maddpg",
        "random",
      ]);
      assert.deepEqual(e.seeds, [1, 2, 3]);
      const second = await cli(argv);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(second.stdout.match(/ skipped/g)?.length, 4);
      assert.doesNotMatch(second.stdout, / ran in/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("demo: --help describes the whole pipeline", async () => {
  const r = await cli(["demo", "--help"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /simulate, prepare, train, evaluate, compare, report/);
});
