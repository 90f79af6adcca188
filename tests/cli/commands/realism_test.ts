import { strict as assert } from "node:assert";
import { join } from "node:path";
import { runCli } from "../../../lib/cli/main.ts";
import { realismCommand } from "../../../lib/cli/commands/realism.ts";
import { writeLobsterFiles } from "../../../lib/sim/output/lobster_writer.ts";
import { engineSession, OPEN_NS } from "../../sim/output/_sessions.ts";

async function cli(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["realism", ...argv], [realismCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("realism: --sim and --real replace the config's paths; table and run folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const s = engineSession({
      symbol: "SIM",
      date: "2024-01-02",
      seed: 3,
      requests: 5000,
      sessionStartNs: OPEN_NS,
      sessionEndNs: OPEN_NS + 5 * 60e9,
    });
    await writeLobsterFiles(s, join(dir, "sim", "SIM", s.date), 2);
    const out = join(dir, "run");
    const r = await cli([
      "--sim",
      join(dir, "sim"),
      "--real",
      "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv",
      "--out",
      out,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /1 simulated and 1 real sessions/);
    assert.match(r.stdout, /^fact\s+sim\s+real$/m);
    assert.match(r.stdout, /^sessions\s+1\s+1$/m);
    assert.match(r.stderr, /note: real: AAPL 2012-06-21 covers/);
    const summary = JSON.parse(await Deno.readTextFile(join(out, "summary.json")));
    assert.deepEqual(summary.sessions.map((x: { label: string }) => x.label), [
      "SIM 2024-01-02",
      "AAPL 2012-06-21",
    ]);
    await Deno.stat(join(out, "realism.html"));
    const manifest = JSON.parse(await Deno.readTextFile(join(out, "manifest.json")));
    assert.equal(manifest.inputs.length, 4); // both pairs, hashed
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("realism: no session anywhere is a usage error naming the paths", async () => {
  const r = await cli(["--sim", "no/such/sim", "--real", "no/such/real"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no LOBSTER sessions found in no\/such\/sim, no\/such\/real/);
});
