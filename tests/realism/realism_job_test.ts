import { strict as assert } from "node:assert";
import { join } from "node:path";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { RealismConfigSchema } from "../../lib/config/schemas/realism.ts";
import { loadRealismInputs, runRealismJob } from "../../lib/jobs/realism_job.ts";
import { findLobsterSources } from "../../lib/realism/sources.ts";
import { writeLobsterFiles } from "../../lib/sim/output/lobster_writer.ts";
import { engineSession, OPEN_NS } from "../sim/output/_sessions.ts";

const FIXTURES = "tests/fixtures/lobster";

/** A simulated folder like `deno task simulate` writes: <dir>/<symbol>/<date>/ LOBSTER pairs. */
async function writeSimFolder(dir: string): Promise<void> {
  for (const [symbol, seed] of [["AAA", 1], ["BBB", 2]] as const) {
    const s = engineSession({
      symbol,
      date: "2024-01-02",
      seed,
      requests: 20_000,
      sessionStartNs: OPEN_NS,
      sessionEndNs: OPEN_NS + 20 * 60e9,
    });
    await writeLobsterFiles(s, join(dir, symbol, s.date), 5);
  }
}

/** Runs the page's scripts (after plotly) against stubs; answers the charts drawn. */
function drawCharts(html: string): { id: string; traces: { name?: string }[] }[] {
  const data = /<script type="application\/json" id="realism-data">([\s\S]*?)<\/script>/.exec(html);
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert(data !== null && scripts.length === 2);
  const drawn: { id: string; traces: { name?: string }[] }[] = [];
  const Plotly = {
    newPlot: (id: string, traces: { name?: string }[]) => drawn.push({ id, traces }),
  };
  const document = { getElementById: () => ({ textContent: data[1] }) };
  new Function("Plotly", "document", scripts[1])(Plotly, document);
  return drawn;
}

Deno.test("findLobsterSources: recursive folders, files, missing paths", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeSimFolder(dir);
    const found = await findLobsterSources([dir, join(dir, "nope"), dir]);
    assert.deepEqual(found.pairs.map((p) => p.ticker), ["AAA", "BBB"]); // once each
    assert(found.pairs.every((p) => p.orderbookFile !== null));
    assert.deepEqual(found.missing, [join(dir, "nope")]);
    const one = await findLobsterSources([found.pairs[1].messageFile]);
    assert.deepEqual(one.pairs, [found.pairs[1]]);
    await assert.rejects(findLobsterSources([found.pairs[1].orderbookFile!]), /orderbook file/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("realism job: facts of both groups, JSON and a self-contained HTML page", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sim = join(dir, "sim");
    await writeSimFolder(sim);
    // A real message file without its orderbook file is skipped and noted.
    const real = join(dir, "real");
    await Deno.mkdir(real);
    const aapl = "AAPL_2012-06-21_34200000_57600000_message_10.csv";
    await Deno.copyFile(join(FIXTURES, aapl), join(real, aapl.replace("AAPL", "MSGONLY")));
    const cfg = RealismConfigSchema.parse({
      realism: { sim: [sim], real: [FIXTURES, real], acf_lags: 5, bucket_minutes: 10 },
    });
    const inputs = await loadRealismInputs(cfg);
    assert.deepEqual(
      inputs.sessions.map((s) => `${s.group} ${s.label}`),
      ["sim AAA 2024-01-02", "sim BBB 2024-01-02", "real AAPL 2012-06-21"],
    );
    assert.equal(inputs.notes.length, 2);
    assert.match(inputs.notes[0], /MSGONLY.* skipped: no orderbook file/);
    assert.match(inputs.notes[1], /AAPL 2012-06-21 covers 15\.2 s, less than one 60 s bar/);
    assert(inputs.sessions.every((s) => s.mismatches === 0));
    // 20 minutes, cut at the last event (just before the close): 19 whole bars.
    assert.equal(inputs.sessions[0].returns.length, 19);
    const finiteBars = inputs.sessions.reduce(
      (n, s) => n + (s.group === "sim" ? s.returns.filter(Number.isFinite).length : 0),
      0,
    );
    assert(finiteBars >= 36);

    const run = await createRunDir({
      command: "realism",
      out: join(dir, "run"),
      config: cfg,
      configHash: "0".repeat(64),
      configYaml: "",
      seed: null,
      argv: [],
    });
    const summary = await runRealismJob(cfg, inputs, run);
    const rows = new Map(summary.comparison.map((r) => [r.fact, r]));
    assert.equal(rows.get("sessions")?.sim, "2");
    assert.equal(rows.get("sessions")?.real, "1");
    assert.equal(rows.get("bars with a return")?.real, "0");

    const json = JSON.parse(await Deno.readTextFile(run.child("realism.json")));
    assert.equal(json.sim.bars, finiteBars);
    assert.equal(json.sim.acf.returns.length, 5);
    assert.equal(json.sim.intraday.buckets.length, 2);
    assert(json.real.spreadTicks.n > 0 && json.real.depth.n > 0);

    const html = await Deno.readTextFile(run.child("realism.html"));
    assert.equal(html.split("plotly.js v3.").length - 1, 1, "plotly inlined exactly once");
    assert(!/<script[^>]*src=/.test(html), "no external scripts");
    const charts = drawCharts(html);
    assert.deepEqual(charts.map((c) => c.id), [
      "returns",
      "acf",
      "acf-abs",
      "spread",
      "depth",
      "intraday-volume",
      "intraday-vol",
    ]);
    assert.deepEqual(charts[0].traces.map((t) => t.name), ["sim", "real", "N(0, 1)"]);
    assert.deepEqual(charts[3].traces.map((t) => t.name), ["sim", "real"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
