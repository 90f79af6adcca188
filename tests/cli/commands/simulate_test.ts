/** `deno task simulate` end to end with the real models on short sessions. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runCli } from "../../../lib/cli/main.ts";
import { simulateCommand } from "../../../lib/cli/commands/simulate.ts";
import { readLobsterMessages, readLobsterOrderbook } from "../../../lib/data/lobster/mod.ts";
import { replayLobster } from "../../../lib/sim/replay/mod.ts";

async function simulate(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["simulate", ...argv], [simulateCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("simulate: named flags set the config keys; the output folder is the run folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfgFile = join(dir, "data.yaml");
    await Deno.writeTextFile(
      cfgFile,
      "simulate:\n  session_end: '09:31:00'\n  decision_ms: 1000\n  write_parquet: false\n",
    );
    const out = join(dir, "sim");
    const r = await simulate([
      "--config",
      cfgFile,
      "--out",
      out,
      "--seed",
      "3",
      "--model",
      "zi",
      "--days",
      "2",
      "--symbols",
      "AAA, BBB",
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.model, "zi");
    assert.equal(summary.seed, 3);
    assert.deepEqual(summary.symbols, ["AAA", "BBB"]);
    assert.deepEqual(summary.dates, ["2024-01-02", "2024-01-03"]);
    assert.equal(summary.runFolder, out);
    const saved = JSON.parse(await Deno.readTextFile(join(out, "summary.json")));
    assert.deepEqual(saved.sessions, summary.sessions);
    const config = await Deno.readTextFile(join(out, "config.yaml"));
    assert.match(config, /seed: 3/);
    assert.match(config, /- AAA\n\s+- BBB/);
    // The written LOBSTER pair replays against its own orderbook file without a mismatch.
    const stem = join(out, "BBB", "2024-01-03", "BBB_2024-01-03_34200000_34260000");
    const m = await readLobsterMessages(`${stem}_message_10.csv`);
    const ob = await readLobsterOrderbook(`${stem}_orderbook_10.csv`);
    assert.ok(m.count > 50, `only ${m.count} messages in a ZI minute`);
    assert.equal(replayLobster(m, ob).report.mismatches.total, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("simulate: the agent-based model runs from the command line and is reproducible", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const args = (out: string) => [
      "--set",
      "simulate.session_end=09:32:00",
      "--set",
      "simulate.write_parquet=false",
      "--set",
      "abides.noise.count=100",
      "--model",
      "abides",
      "--out",
      out,
      "--config",
      "configs/data.yaml",
    ];
    const a = await simulate(args(join(dir, "a")));
    const b = await simulate(args(join(dir, "b")));
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    const name = join("SIM", "2024-01-02", "SIM_2024-01-02_34200000_34320000_message_10.csv");
    const x = await Deno.readFile(join(dir, "a", name));
    const y = await Deno.readFile(join(dir, "b", name));
    assert.ok(x.length > 1000);
    assert.deepEqual(x, y, "same seed, same bytes");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("simulate: a bad value or an unknown model names the key and writes nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const cfgFile = join(dir, "data.yaml");
    await Deno.writeTextFile(cfgFile, "simulate:\n  session_end: '09:00:00'\n");
    const bad = await simulate(["--config", cfgFile]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /simulate\.session_end/);
    const never = join(dir, "never");
    const unknown = await simulate([
      "--config",
      cfgFile,
      "--set",
      "simulate.session_end=16:00:00",
      "--model",
      "garch",
      "--out",
      never,
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /simulate\.model: expected one of: abides, zi, found "garch"/);
    await assert.rejects(Deno.stat(never), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
