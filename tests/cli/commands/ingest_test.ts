import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runCli } from "../../../lib/cli/main.ts";
import { ingestCommand } from "../../../lib/cli/commands/ingest.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["ingest", ...argv], [ingestCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

const BOOK = "ts,symbol,best_bid,best_ask,bid_qty_1,ask_qty_1";

async function setUp(dir: string): Promise<string> {
  await Deno.writeTextFile(
    join(dir, "q.csv"),
    [
      BOOK,
      "2024-01-02T09:30:00.05,X,10,10.01,5,6",
      "2024-01-02T09:30:00.15,X,10.02,10.01,5,6", // crossed
      "2024-01-02T09:30:00.25,X,10,10.02,5,6",
    ].join("\n") + "\n",
  );
  const config = join(dir, "data.yaml");
  await Deno.writeTextFile(
    config,
    [
      "simulate:",
      "  days: 1",
      "ingest:",
      "  sources:",
      `    - { kind: csv, path: ${join(dir, "q.csv")} }`,
      `  interim_dir: ${join(dir, "interim")}`,
      '  session_end: "09:30:01"',
      "  max_gap_s: null",
    ].join("\n") + "\n",
  );
  return config;
}

Deno.test("ingest command: writes the interim file and a run folder with the validation report", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = await setUp(dir);
    const run = join(dir, "run");
    const r = await cli(["--config", config, "--out", run]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^X\s+2024-01-02\s+snapshots\s+1\s+2\s+0\s+11\s/m);
    assert.match(r.stdout, /3 rows read, 2 kept, 1 dropped/);
    assert.match(r.stdout, /crossed\s+1 rows dropped/);
    assert.match(r.stdout, /e\.g\. .*q\.csv:3: best_bid 10\.02 ≥ best_ask 10\.01/);
    await Deno.stat(join(dir, "interim", "X", "2024-01-02.parquet"));
    const summary = JSON.parse(await Deno.readTextFile(join(run, "summary.json")));
    assert.equal(summary.validation.dropped.crossed, 1);
    const report = JSON.parse(await Deno.readTextFile(join(run, "validation.json")));
    assert.equal(report.dropped.crossed.examples[0].row, 3);
    const manifest = JSON.parse(await Deno.readTextFile(join(run, "manifest.json")));
    assert.deepEqual(manifest.inputs.map((i: { path: string }) => i.path), [join(dir, "q.csv")]);
    assert.ok(manifest.timings.validate >= 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ingest command: --strict fails with the file and row, exit code 1, nothing written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const config = await setUp(dir);
    const r = await cli(["--config", config, "--out", join(dir, "run"), "--strict"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /q\.csv:3: expected best_bid < best_ask .*, found crossed/);
    await assert.rejects(Deno.stat(join(dir, "interim")), Deno.errors.NotFound);
    await assert.rejects(Deno.stat(join(dir, "run")), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
