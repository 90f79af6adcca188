import { strict as assert } from "node:assert";
import { join } from "node:path";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { SimulateSectionSchema } from "../../lib/config/schemas/data.ts";
import {
  runSimulateJob,
  sessionSeed,
  type SessionSimulator,
  type SimulatorArgs,
  tradingDays,
} from "../../lib/jobs/mod.ts";
import { readLobsterMessages, readLobsterOrderbook } from "../../lib/data/lobster/mod.ts";
import { replayLobster } from "../../lib/sim/replay/mod.ts";
import { engineSession } from "../sim/output/_sessions.ts";

/** The real matching engine driven by the generated order stream, seeded by the job. */
const engineSim: SessionSimulator = (a: SimulatorArgs) =>
  engineSession({
    symbol: a.symbol,
    date: a.date,
    seed: a.seed,
    requests: 3000,
    sessionStartNs: a.sessionStartNs,
    sessionEndNs: a.sessionEndNs,
    tickSize: a.tickSize,
    onProgress: a.onProgress,
  });

const registry = new Map([["zi", engineSim]]);

function config(out: string, symbols: string[]) {
  return SimulateSectionSchema.parse({
    model: "zi",
    days: 2,
    symbols,
    start_date: "2024-01-05", // a Friday: the second day is Monday the 8th
    session_start: "09:30:00",
    session_end: "09:40:00",
    levels: 5,
    decision_ms: 1000,
    seed: 7,
    out,
  });
}

async function runInto(dir: string, symbols: string[]) {
  const cfg = config(dir, symbols);
  const run = await createRunDir({
    command: "simulate",
    out: dir,
    config: cfg,
    configHash: "0".repeat(64),
    configYaml: "",
    seed: cfg.seed,
    argv: [],
  });
  const summary = await runSimulateJob(cfg, run, { simulators: registry });
  await run.finish(summary);
  return summary;
}

async function readAll(dir: string, files: string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const f of files) out.set(f, await Deno.readFile(join(dir, f)));
  return out;
}

Deno.test("tradingDays: weekdays from the start date", () => {
  assert.deepEqual(tradingDays("2024-01-05", 4), [
    "2024-01-05",
    "2024-01-08",
    "2024-01-09",
    "2024-01-10",
  ]);
  assert.deepEqual(tradingDays("2024-01-07", 1), ["2024-01-08"]); // Sunday
  assert.deepEqual(tradingDays("2024-02-28", 2), ["2024-02-28", "2024-02-29"]);
  assert.deepEqual(tradingDays("2024-01-02", 0), []);
  assert.throws(() => tradingDays("2024-02-30", 1), RangeError);
});

Deno.test("sessionSeed: derived by name, independent of other symbols", () => {
  assert.equal(sessionSeed(7, "AAA", "2024-01-05"), sessionSeed(7, "AAA", "2024-01-05"));
  assert.notEqual(sessionSeed(7, "AAA", "2024-01-05"), sessionSeed(7, "BBB", "2024-01-05"));
  assert.notEqual(sessionSeed(7, "AAA", "2024-01-05"), sessionSeed(7, "AAA", "2024-01-08"));
  assert.notEqual(sessionSeed(7, "AAA", "2024-01-05"), sessionSeed(8, "AAA", "2024-01-05"));
});

Deno.test("runSimulateJob: the same seed gives byte-identical files and summary", async () => {
  const root = await Deno.makeTempDir();
  try {
    const a = await runInto(join(root, "a"), ["AAA", "BBB"]);
    const b = await runInto(join(root, "b"), ["AAA", "BBB"]);
    assert.deepEqual(a, b);
    assert.deepEqual(a.dates, ["2024-01-05", "2024-01-08"]);
    assert.equal(a.sessions.length, 4);
    assert.deepEqual(a.sessions.map((s) => `${s.symbol} ${s.date}`), [
      "AAA 2024-01-05",
      "BBB 2024-01-05",
      "AAA 2024-01-08",
      "BBB 2024-01-08",
    ]);
    for (const s of a.sessions) {
      assert(s.events > 2000 && s.trades > 0, `${s.symbol} ${s.date} has events and trades`);
      assert.equal(s.messagesProcessed, 3000);
      assert.equal(s.unknownOrderRefs, 0);
      assert.equal(s.snapshotRows, 601); // 09:30:00 … 09:40:00 every second
      assert.deepEqual(s.files, [
        `${s.symbol}/${s.date}/${s.symbol}_${s.date}_34200000_34800000_message_5.csv`,
        `${s.symbol}/${s.date}/${s.symbol}_${s.date}_34200000_34800000_orderbook_5.csv`,
        `${s.symbol}/${s.date}/snapshots.parquet`,
        `${s.symbol}/${s.date}/trades.parquet`,
      ]);
    }
    // Different sessions differ.
    assert.notEqual(a.sessions[0].events, a.sessions[1].events);
    const files = a.sessions.flatMap((s) => s.files);
    const filesA = await readAll(join(root, "a"), [...files, "summary.json"]);
    const filesB = await readAll(join(root, "b"), [...files, "summary.json"]);
    for (const f of filesA.keys()) assert.deepEqual(filesA.get(f), filesB.get(f), f);
    // The written LOBSTER pair replays with zero mismatches.
    const [msgFile, obFile] = a.sessions[0].files;
    const m = await readLobsterMessages(join(root, "a", msgFile));
    const ob = await readLobsterOrderbook(join(root, "a", obFile));
    assert.equal(replayLobster(m, ob).report.mismatches.total, 0);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("runSimulateJob: adding a symbol leaves the other sessions unchanged", async () => {
  const root = await Deno.makeTempDir();
  try {
    const one = await runInto(join(root, "one"), ["AAA"]);
    const two = await runInto(join(root, "two"), ["ZZZ", "AAA"]);
    const files = one.sessions.flatMap((s) => s.files);
    const a = await readAll(join(root, "one"), files);
    const b = await readAll(join(root, "two"), files);
    for (const f of files) assert.deepEqual(a.get(f), b.get(f), f);
    assert.deepEqual(
      one.sessions,
      two.sessions.filter((s) => s.symbol === "AAA"),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("runSimulateJob: reports progress and rejects a session that is not the one asked for", async () => {
  const root = await Deno.makeTempDir();
  try {
    const updates: number[] = [];
    const cfg = { ...config(root, ["AAA"]), days: 1, write_parquet: false };
    const run = await createRunDir({
      command: "simulate",
      out: root,
      config: cfg,
      configHash: "0".repeat(64),
      configYaml: "",
      seed: 7,
      argv: [],
    });
    const progress = (total: number) => {
      assert.equal(total, 1);
      return {
        enabled: true,
        tick() {},
        update: (n: number) => void updates.push(n),
        done() {},
      };
    };
    const s = await runSimulateJob(cfg, run, { simulators: registry, progress });
    assert.equal(s.sessions[0].files.length, 2); // LOBSTER only
    assert(updates.length > 2 && updates.at(-1) === 1);
    assert(updates.every((u, i) => i === 0 || u >= updates[i - 1]), "progress never goes back");
    const wrongDate: SessionSimulator = (a) => ({ ...engineSim(a), date: "2000-01-03" });
    await assert.rejects(
      runSimulateJob(cfg, run, { simulators: new Map([["zi", wrongDate]]) }),
      /simulator returned session/,
    );
    await assert.rejects(
      runSimulateJob({ ...cfg, model: "abides" }, run, { simulators: registry }),
      /simulator "abides" is not registered \(registered: zi\)/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
