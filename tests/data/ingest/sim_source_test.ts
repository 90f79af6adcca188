/**
 * Simulator outputs (`<symbol>/<date>/` folders): LOBSTER files preferred
 * (event-level), snapshots.parquet + trades.parquet otherwise; checked on a
 * hand-built five-event session against values worked out by hand.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { InputError } from "../../../lib/core/errors.ts";
import { writeLobsterFiles } from "../../../lib/sim/output/lobster_writer.ts";
import { writeSessionParquet } from "../../../lib/sim/output/parquet_writer.ts";
import { findSimSessions, runIngest, sourceFiles } from "../../../lib/data/ingest/mod.ts";
import { engineSession, handBuiltSession } from "../../sim/output/_sessions.ts";
import { countsAddUp, OPEN_NS, section, withTempDir } from "./_helpers.ts";

// The session (prices in dollars): +50 ms bid 10 @ 50.00; +120 ms ask 7 @ 50.02; +250 ms 3 of
// the ask trade; +300 ms bid 4 @ 50.01; +400 ms the 50.00 bid is deleted. Grid: every 100 ms
// from 09:30:00.0 to 09:30:00.5.
const MID = (50.01 + 50.02) / 2;

function ingestConfig(sim: string, interim: string) {
  return section({
    sources: [{ kind: "sim", path: sim }],
    interim_dir: interim,
    session_end: "09:30:01",
    max_gap_s: null,
  });
}

function column(df: pl.DataFrame, name: string): unknown[] {
  return df.getColumn(name).toArray().slice(0, 6).map((
    v,
  ) => (typeof v === "bigint" ? Number(v) : v));
}

Deno.test("sim source: LOBSTER files are preferred; event aggregates by hand", async () => {
  await withTempDir(async (dir) => {
    const session = handBuiltSession();
    const day = join(dir, "sim", session.symbol, session.date);
    await writeLobsterFiles(session, day, 2);
    await writeSessionParquet(session, day, { levels: 2, decisionMs: 100 });
    const files = await sourceFiles({ kind: "sim", path: join(dir, "sim"), table: "auto" });
    assert.deepEqual(files.map((f) => f.role), ["events"]);
    const { summary, report } = await runIngest(
      ingestConfig(join(dir, "sim"), join(dir, "interim")),
    );
    assert.equal(summary.outputs.length, 1);
    assert.equal(summary.outputs[0].source_kind, "events");
    assert.deepEqual(report.files[0].notes.not_read, [
      `${
        join(day, "HAND_2024-01-02_34200000_34200500_orderbook_2.csv")
      } (the simulator's message file holds every event: the replay is exact without it)`,
      `${join(day, "snapshots.parquet")} (the LOBSTER files are event-level)`,
      `${join(day, "trades.parquet")} (the LOBSTER files are event-level)`,
    ]);
    assert.equal(report.rows_in, 5);
    assert.equal(report.rows_kept, 5); // a one-sided replayed book is a state, not missing data
    const df = pl.readParquet(summary.outputs[0].file);
    assert.equal(df.height, 11); // 09:30:00.0 … 09:30:01.0
    assert.deepEqual(column(df, "best_bid"), [null, 50, 50, 50.01, 50.01, 50.01]);
    assert.deepEqual(column(df, "best_ask"), [null, null, 50.02, 50.02, 50.02, 50.02]);
    assert.deepEqual(column(df, "bid_qty_1"), [null, 10, 10, 4, 4, 4]);
    assert.deepEqual(column(df, "ask_qty_1"), [null, null, 7, 4, 4, 4]);
    assert.deepEqual(column(df, "bid_price_2"), [null, null, null, 50, null, null]);
    assert.deepEqual(column(df, "trade_count"), [0, 0, 0, 1, 0, 0]);
    assert.deepEqual(column(df, "trade_volume"), [0, 0, 0, 3, 0, 0]);
    assert.deepEqual(column(df, "cancel_count"), [0, 0, 0, 0, 1, 0]);
    // e: ask appears with 7 (−7); trade takes 3 of the ask (+3); bid improves with 4 (+4).
    assert.deepEqual(column(df, "ofi_events"), [0, 0, -7, 7, 0, 0]);
    const mid0 = (50 + 50.02) / 2;
    assert.deepEqual(column(df, "mid_high"), [null, null, mid0, MID, MID, MID]);
    assert.deepEqual(column(df, "mid_low"), [null, null, mid0, mid0, MID, MID]);
  });
});

Deno.test("sim source: snapshots.parquet + trades.parquet where there are no LOBSTER files", async () => {
  await withTempDir(async (dir) => {
    const session = handBuiltSession();
    const day = join(dir, "sim", session.symbol, session.date);
    await writeSessionParquet(session, day, { levels: 2, decisionMs: 100 });
    const { summary, report } = await runIngest(
      ingestConfig(join(dir, "sim"), join(dir, "interim")),
    );
    assert.equal(summary.outputs[0].source_kind, "snapshots");
    assert.deepEqual(summary.outputs[0].inputs, [
      join(day, "snapshots.parquet"),
      join(day, "trades.parquet"),
    ]);
    // The simulator's grid rows at .0 (empty book) and .1 (no ask) lack a best quote.
    assert.equal(report.dropped.missing.count, 2);
    assert.ok(countsAddUp(report));
    const df = pl.readParquet(summary.outputs[0].file);
    assert.deepEqual(column(df, "best_bid"), [null, null, 50, 50.01, 50.01, 50.01]);
    assert.deepEqual(column(df, "trade_count"), [0, 0, 0, 1, 0, 0]); // from trades.parquet
    assert.deepEqual(column(df, "trade_volume"), [0, 0, 0, 3, 0, 0]);
    // Snapshots show no events: null, never zero.
    assert.equal(df.getColumn("cancel_count").nullCount(), df.height);
    assert.equal(df.getColumn("ofi_events").nullCount(), df.height);
    const mid0 = (50 + 50.02) / 2;
    assert.deepEqual(column(df, "mid_high"), [null, null, mid0, MID, MID, MID]);
  });
});

Deno.test("sim source: session folders found at any depth; none is an error", async () => {
  await withTempDir(async (dir) => {
    const session = handBuiltSession();
    await writeLobsterFiles(session, join(dir, "a", "HAND", "2024-01-02"), 1);
    await writeLobsterFiles(session, join(dir, "b", "HAND", "2024-01-03"), 1);
    const found = await findSimSessions(dir);
    assert.deepEqual(found.map((s) => s.dir), [
      join(dir, "a", "HAND", "2024-01-02"),
      join(dir, "b", "HAND", "2024-01-03"),
    ]);
    await Deno.mkdir(join(dir, "empty"));
    await assert.rejects(findSimSessions(join(dir, "empty")), InputError);
    await assert.rejects(findSimSessions(join(dir, "missing")), {
      message: new RegExp(`^${join(dir, "missing")}: expected a simulator output folder`),
    });
  });
});

Deno.test("sim source: the events path and the simulator's own snapshots agree at every grid time", async () => {
  await withTempDir(async (dir) => {
    const session = engineSession({
      symbol: "ENG",
      date: "2024-01-02",
      seed: 11,
      requests: 4000,
      sessionStartNs: OPEN_NS,
      sessionEndNs: OPEN_NS + 120e9,
    });
    const events = join(dir, "events", session.symbol, session.date);
    const snaps = join(dir, "snaps", session.symbol, session.date);
    await writeLobsterFiles(session, events, 3);
    await writeSessionParquet(session, snaps, { levels: 3, decisionMs: 100 });
    const cfg = (root: string, out: string) =>
      section({
        sources: [{ kind: "sim", path: root }],
        interim_dir: out,
        session_end: "09:32:00",
        max_gap_s: null,
      });
    const a = await runIngest(cfg(join(dir, "events"), join(dir, "a")));
    const b = await runIngest(cfg(join(dir, "snaps"), join(dir, "b")));
    assert.equal(a.summary.outputs[0].source_kind, "events");
    assert.equal(b.summary.outputs[0].source_kind, "snapshots");
    const x = pl.readParquet(a.summary.outputs[0].file);
    const y = pl.readParquet(b.summary.outputs[0].file);
    assert.equal(x.height, 1201);
    // Where the snapshot source dropped a row (one-sided book: missing), it carries the last
    // two-sided state; compare the rows where both sides are there in the simulator's grid.
    const sim = pl.readParquet(join(snaps, "snapshots.parquet"));
    const bids = sim.getColumn("best_bid").toArray(), asks = sim.getColumn("best_ask").toArray();
    const twoSided = bids.map((v, i) => v !== null && asks[i] !== null);
    let compared = 0;
    for (
      const c of ["best_bid", "best_ask", "bid_price_3", "bid_qty_3", "ask_price_2", "ask_qty_1"]
    ) {
      const xs = x.getColumn(c).toArray(), ys = y.getColumn(c).toArray();
      for (let i = 0; i < xs.length; i++) {
        if (!twoSided[i]) continue;
        assert.equal(xs[i], ys[i], `${c} at grid row ${i}`);
        compared++;
      }
    }
    assert.ok(compared > 6000);
  });
});
