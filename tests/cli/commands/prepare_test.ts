import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runCli } from "../../../lib/cli/main.ts";
import { prepareCommand } from "../../../lib/cli/commands/prepare.ts";
import { dataYaml, featuresYaml, simulateFixture } from "../../jobs/_prepare_fixture.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["prepare", ...argv], [prepareCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("prepare command: runs the stages, then reports each one skipped; --force reruns", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await simulateFixture(dir);
    await Deno.writeTextFile(join(dir, "data.yaml"), dataYaml(dir));
    await Deno.writeTextFile(join(dir, "features.yaml"), featuresYaml(dir));
    const args = [
      "--config",
      join(dir, "data.yaml"),
      "--features-config",
      join(dir, "features.yaml"),
    ];

    const first = await cli([...args, "--out", join(dir, "run1")]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^ingest +ran \(\d+\.\d\d s\): no earlier successful run$/m);
    assert.match(
      first.stdout,
      /^features +ran \(\d+\.\d\d s\): ingest ran, so every later stage runs$/m,
    );
    assert.match(first.stdout, /^dataset +ran \(\d+\.\d\d s\)/m);
    assert.match(first.stdout, /rows read, \d+ kept, 0 dropped/);
    assert.match(first.stdout, /^dev +2024-01-02 … 2024-01-02 /m);
    await Deno.stat(join(dir, "run1", "validation.json"));
    const manifest = JSON.parse(await Deno.readTextFile(join(dir, "run1", "manifest.json")));
    assert.deepEqual(Object.keys(manifest.timings), ["ingest", "features", "dataset"]);
    const config = await Deno.readTextFile(join(dir, "run1", "config.yaml"));
    assert.match(config, /^ingest:$/m);
    assert.match(config, /^features:$/m);

    const second = await cli([...args, "--out", join(dir, "run2")]);
    assert.equal(second.code, 0, second.stderr);
    for (const stage of ["ingest", "features", "dataset"]) {
      assert.match(
        second.stdout,
        new RegExp(
          `^${stage} +skipped: inputs and config unchanged since \\d{4}-\\d\\d-\\d\\dT`,
          "m",
        ),
      );
    }
    const summary = JSON.parse(await Deno.readTextFile(join(dir, "run2", "summary.json")));
    assert.deepEqual(summary.stages.map((s: { status: string }) => s.status), [
      "skipped",
      "skipped",
      "skipped",
    ]);

    const set = await cli([
      ...args,
      "--out",
      join(dir, "run3"),
      "--set",
      "features.windows.fast=4",
    ]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /^ingest +skipped/m);
    assert.match(set.stdout, /^features +ran \(.*\): config changed$/m);

    const forced = await cli([...args, "--out", join(dir, "run4"), "--force"]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout.match(/ran \(.*\): forced \(--force\)/g)?.length, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("prepare command: without a dataset section it notes that it stopped after features", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await simulateFixture(dir);
    await Deno.writeTextFile(join(dir, "data.yaml"), dataYaml(dir, { dataset: false }));
    await Deno.writeTextFile(join(dir, "features.yaml"), featuresYaml(dir));
    const r = await cli([
      "--config",
      join(dir, "data.yaml"),
      "--features-config",
      join(dir, "features.yaml"),
      "--out",
      join(dir, "run"),
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^dataset +not run: no dataset: section in the data config$/m);
    assert.match(r.stdout, /^note: dataset: .*prepare stopped after features/m);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("prepare command: stages that do not chain exit 2 before any run folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "data.yaml"), dataYaml(dir));
    await Deno.writeTextFile(join(dir, "features.yaml"), featuresYaml(dir));
    const r = await cli([
      "--config",
      join(dir, "data.yaml"),
      "--features-config",
      join(dir, "features.yaml"),
      "--set",
      "features.input=somewhere/else",
      "--out",
      join(dir, "run"),
    ]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /features\.input: expected the interim store ingest writes/);
    await assert.rejects(Deno.stat(join(dir, "run")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
