import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runCli } from "../../../lib/cli/main.ts";
import { featuresCommand } from "../../../lib/cli/commands/features.ts";
import { featureTableMarkdown } from "../../../lib/features/registry.ts";
import { syntheticInterim } from "../../../lib/features/synthetic.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["features", ...argv], [featuresCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("features --list prints the feature table", async () => {
  const r = await cli(["--list"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), featureTableMarkdown().trim());
});

Deno.test("features: computes the store, logs the notes, records a run folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const input = join(dir, "interim"), output = join(dir, "features"), run = join(dir, "run");
    await Deno.mkdir(join(input, "X"), { recursive: true });
    syntheticInterim({ symbols: ["X"], rowsPerDay: 100, events: false })
      .writeParquet(join(input, "X", "2024-01-02.parquet"));
    const r = await cli([
      "--set",
      `features.input=${input}`,
      "--set",
      `features.output=${output}`,
      "--out",
      run,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^1 symbol-days, 100 rows, 26 features → /m);
    assert.match(r.stdout, /left out: trade_intensity, cancel_intensity/);
    assert.match(r.stderr, /ofi: no event data; computed from consecutive grid snapshots/);
    const summary = JSON.parse(await Deno.readTextFile(join(run, "summary.json")));
    assert.equal(summary.files[0].rows, 100);
    await Deno.stat(join(output, "X", "2024-01-02.parquet"));
    await Deno.stat(join(output, "features.json"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("features: an empty interim store is an input error (exit 1) naming the folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await cli(["--set", `features.input=${dir}`, "--out", join(dir, "run")]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /expected interim files <symbol>\/<date>\.parquet/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
