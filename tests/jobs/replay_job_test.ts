/**
 * The replay job end to end: outputs written, byte-identical across runs, and
 * bad input stopping before anything is written.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { InputError } from "../../lib/core/errors.ts";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { loadConfig } from "../../lib/config/load.ts";
import { ReplayConfigSchema } from "../../lib/config/schemas/replay.ts";
import { loadReplayInputs, runReplayJob } from "../../lib/jobs/replay_job.ts";
import { aaplName, FIXTURE_DIR } from "../data/lobster/_helpers.ts";

async function runOnce(dir: string, messageFile: string) {
  const loaded = await loadConfig(ReplayConfigSchema, {
    defaults: { replay: { message_file: messageFile } },
  });
  const inputs = await loadReplayInputs(loaded.config);
  const run = await createRunDir({
    command: "replay",
    out: dir,
    config: loaded.config,
    configHash: loaded.hash,
    configYaml: loaded.yaml,
    seed: null,
    inputs: inputs.files,
    argv: [],
  });
  const summary = await runReplayJob(loaded.config, inputs, run);
  await run.finish(summary);
  return summary;
}

Deno.test("replay job: writes events, snapshots and summary, byte-identical on a rerun", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    const file = join(FIXTURE_DIR, aaplName("message"));
    const a = await runOnce(join(tmp, "a"), file);
    const b = await runOnce(join(tmp, "b"), file);
    assert.deepEqual(a, b);
    for (const name of ["events.csv", "snapshots.csv", "summary.json", "config.yaml"]) {
      const x = await Deno.readFile(join(tmp, "a", name));
      const y = await Deno.readFile(join(tmp, "b", name));
      assert.deepEqual(x, y, `${name} differs between runs`);
    }
    const events = (await Deno.readTextFile(join(tmp, "a", "events.csv"))).trimEnd().split("\n");
    assert.equal(events.length, 501);
    assert.equal(events[0], "ts_ns,kind,order_id,qty,price_ticks,side");
    assert.equal(events[1], "34200004241176,add,16113575,18,58533,1");
    const snaps = (await Deno.readTextFile(join(tmp, "a", "snapshots.csv"))).trimEnd().split("\n");
    assert.equal(snaps.length, 501);
    assert.equal(snaps[0].split(",").length, 1 + 4 * 10);
    assert.equal(a.report.mismatches.total, 0);
    assert.deepEqual(a.files, ["events.csv", "snapshots.csv"]);
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("replay job: a malformed message file fails before any output exists", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    const bad = join(tmp, "BAD_2012-06-21_34200000_57600000_message_1.csv");
    await Deno.writeTextFile(bad, "34200.1,1,1,10,1000000,1\n34200.0,1,2,10,1000000,1\n");
    const loaded = await loadConfig(ReplayConfigSchema, {
      defaults: { replay: { message_file: bad } },
    });
    await assert.rejects(() => loadReplayInputs(loaded.config), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.ok(e.message.startsWith(`${bad}:2: `), e.message);
      assert.match(e.message, /time/);
      return true;
    });
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});

Deno.test("replay job: an orderbook file with a different row count fails naming it", async () => {
  const tmp = await Deno.makeTempDir();
  try {
    const m = join(tmp, "T_2012-06-21_34200000_57600000_message_1.csv");
    const ob = join(tmp, "T_2012-06-21_34200000_57600000_orderbook_1.csv");
    await Deno.writeTextFile(m, "34200.1,1,1,10,1000000,1\n34200.2,3,1,10,1000000,1\n");
    await Deno.writeTextFile(ob, "1000100,5,1000000,10\n");
    const loaded = await loadConfig(ReplayConfigSchema, {
      defaults: { replay: { message_file: m } },
    });
    await assert.rejects(() => loadReplayInputs(loaded.config), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(e.message, `${ob}: expected 2 rows, one per line of ${m}, found 1 rows`);
      return true;
    });
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
});
