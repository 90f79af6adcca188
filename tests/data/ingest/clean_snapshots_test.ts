/**
 * The clean-snapshot fast path: on clean generated files it answers what the
 * general path (validate → consolidate → sampleGridDay) answers and records
 * the same report; any rule broken answers null and leaves the report
 * untouched, while the general path still handles the file.
 */

import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { syntheticSnapshots } from "../../../lib/bench/snapshot_source.ts";
import {
  cleanSnapshotDays,
  type CleanSnapshotOptions,
  type RawTable,
  sampleGridDay,
  type SampleOptions,
  ValidationReportBuilder,
} from "../../../lib/data/ingest/mod.ts";
import type { GridDay } from "../../../lib/data/interim/grid_day.ts";
import { generalDays, OPEN_NS, setCell, snapshotTable } from "./_grid_day_helpers.ts";

interface Setup {
  strict?: boolean;
  maxGapS?: number | null;
  maxExamples?: number;
  session?: { startNs: number; endNs: number };
  grid?: SampleOptions;
}

const GRID: SampleOptions = {
  decisionMs: 100,
  sessionStartNs: OPEN_NS,
  sessionEndNs: OPEN_NS + 60e9,
};

function builder(s: Setup): ValidationReportBuilder {
  return new ValidationReportBuilder({
    strict: s.strict ?? false,
    maxExamples: s.maxExamples ?? 5,
    maxGapS: s.maxGapS === undefined ? 60 : s.maxGapS,
  });
}

function options(s: Setup, report: ValidationReportBuilder): CleanSnapshotOptions {
  return {
    report,
    strict: s.strict ?? false,
    maxGapS: s.maxGapS === undefined ? 60 : s.maxGapS,
    session: s.session,
    grid: s.grid ?? GRID,
  };
}

/** The general path's grid days and report JSON. */
function general(table: RawTable, s: Setup): { days: GridDay[]; report: string } {
  const report = builder(s);
  const o = options(s, report);
  const days = generalDays([table], o).map((d) => sampleGridDay(d, o.grid));
  return { days, report: JSON.stringify(report.finish()) };
}

/** Asserts the fast path agrees with the general path on a clean table. */
function assertSameAsGeneral(table: RawTable, s: Setup = {}): GridDay {
  const report = builder(s);
  const fast = cleanSnapshotDays(table, options(s, report));
  assert.ok(fast !== null, "a clean table takes the fast path");
  const want = general(table, s);
  assert.equal(fast.length, 1);
  assert.deepStrictEqual(fast, want.days);
  assert.equal(JSON.stringify(report.finish()), want.report);
  return fast[0];
}

/** Asserts the fast path declines `table` without touching a report that already holds a file. */
function assertDeclined(table: RawTable, s: Setup = {}): void {
  const report = builder(s);
  report.addFile({ file: "earlier.csv", source: 0, kind: "snapshots", rows: 3 });
  const before = JSON.stringify(report.finish());
  assert.equal(cleanSnapshotDays(table, options(s, report)), null);
  assert.equal(JSON.stringify(report.finish()), before);
}

const base = (seed = 1, date = "2024-01-02", symbol = "A") =>
  syntheticSnapshots({ symbol, date, sessionS: 60, seed });

Deno.test("clean snapshots: a clean file gives the general path's grid day and report", () => {
  for (const seed of [1, 2]) {
    const day = assertSameAsGeneral(snapshotTable(base(seed)));
    assert.equal(day.rows, 601);
    assert.equal(day.symbol, "A");
    assert.equal(day.date, "2024-01-02");
    assert.equal(day.tradeCount, null);
  }
  // No gap check at all; strict without gaps; a one-level file.
  assertSameAsGeneral(snapshotTable(base(3)), { maxGapS: null });
  assertSameAsGeneral(snapshotTable(base(3)), { strict: true });
  const oneLevel = base(4).select("ts", "symbol", "best_bid", "best_ask", pl.col("^.*_1$"));
  assertSameAsGeneral(snapshotTable(oneLevel, 1));
});

Deno.test("clean snapshots: gaps (between rows, from the open, to the close) reported as the general path does", () => {
  // Data from 09:30:05 to 09:31:05 on a grid and session 09:30:00–09:31:30, gaps over 0.3 s.
  const frame = syntheticSnapshots({
    symbol: "A",
    date: "2024-01-02",
    openS: 34_205,
    sessionS: 60,
    seed: 5,
  });
  const session = { startNs: OPEN_NS, endNs: OPEN_NS + 90e9 };
  const grid = { decisionMs: 100, sessionStartNs: OPEN_NS, sessionEndNs: OPEN_NS + 90e9 };
  const s = { maxGapS: 0.3, session, grid, maxExamples: 3 };
  const report = builder(s);
  assert.ok(cleanSnapshotDays(snapshotTable(frame), options(s, report)) !== null);
  const r = report.finish();
  assert.ok(r.gaps.count > 3, `gaps found: ${r.gaps.count}`); // examples kept for 3, counted for all
  assert.ok(r.gaps.examples[0].detail.includes("the session start 09:30:00"));
  assert.equal(r.gaps.examples[0].row, 2);
  assertSameAsGeneral(snapshotTable(frame), s);
  assertSameAsGeneral(snapshotTable(frame), { ...s, maxExamples: 0 });
  assertSameAsGeneral(snapshotTable(frame), { ...s, session: undefined });
  // Strict: a gap is the general path's error to throw.
  assertDeclined(snapshotTable(frame), { ...s, strict: true });
  assert.throws(() => general(snapshotTable(frame), { ...s, strict: true }), /a gap/);
});

Deno.test("clean snapshots: empty deeper levels (both cells null) are clean; leading grid rows are NaN", () => {
  let frame = syntheticSnapshots({
    symbol: "A",
    date: "2024-01-02",
    openS: 34_210,
    sessionS: 40,
    seed: 6,
  });
  for (const i of [0, 1, 2, 50, 51]) {
    frame = setCell(setCell(frame, "ask_price_3", i, null), "ask_qty_3", i, null);
  }
  frame = setCell(setCell(frame, "bid_price_5", 7, null), "bid_qty_5", 7, null);
  const day = assertSameAsGeneral(snapshotTable(frame));
  assert.ok(Number.isNaN(day.bestBid[0]) && Number.isNaN(day.askQty[2][99]));
  assert.ok(day.askPrice[2].some(Number.isNaN));
});

Deno.test("clean snapshots: every broken rule declines, leaving the report untouched", () => {
  const frame = base(7);
  const table = (f: pl.DataFrame) => snapshotTable(f);
  /** The general path handles the file, and reports `kind` dropped (or more parts than one). */
  const generalDrops = (t: RawTable, kind: string) => {
    const report = builder({});
    generalDays([t], options({}, report));
    return (report.finish().dropped as Record<string, { count: number }>)[kind].count;
  };

  const nanSize = table(setCell(frame, "bid_qty_3", 10, NaN));
  assertDeclined(nanSize);
  assert.equal(generalDrops(nanSize, "missing"), 1);

  const crossed = table(setCell(frame, "best_bid", 20, 1000));
  assertDeclined(crossed);
  assert.equal(generalDrops(crossed, "crossed"), 1);
  const locked = frame.withRowIndex("_i").withColumns(
    pl.when(pl.col("_i").eq(30)).then(pl.col("best_ask")).otherwise(pl.col("best_bid")).alias(
      "best_bid",
    ),
  ).drop("_i");
  assertDeclined(table(locked));

  const zeroPrice = table(setCell(frame, "ask_price_2", 40, 0));
  assertDeclined(zeroPrice);
  assert.equal(generalDrops(zeroPrice, "non_positive"), 1);
  assertDeclined(table(setCell(frame, "best_ask", 41, -1)));

  const duplicate = table(
    pl.concat([frame.slice(0, 51), frame.slice(50, 1), frame.slice(51, frame.height - 51)]),
  );
  assertDeclined(duplicate);
  assert.equal(generalDrops(duplicate, "duplicate"), 1);

  const ts = frame.getColumn("ts");
  const swapped = frame.withRowIndex("_i").withColumns(
    pl.when(pl.col("_i").eq(60)).then(pl.col("ts").shift(-1))
      .when(pl.col("_i").eq(61)).then(pl.col("ts").shift(1))
      .otherwise(pl.col("ts")).alias("ts"),
  ).drop("_i");
  assert.equal(swapped.getColumn("ts").cast(pl.Int64).get(61), ts.cast(pl.Int64).get(60));
  const backwards = table(swapped);
  assertDeclined(backwards);
  assert.equal(generalDrops(backwards, "time_backwards"), 1);

  const twoSymbols = table(setCell(frame, "symbol", 70, "B"));
  assertDeclined(twoSymbols);
  assert.equal(generalDays([twoSymbols], options({}, builder({}))).length, 2);

  const twoDates = table(pl.concat([frame, base(7, "2024-01-03")]));
  assertDeclined(twoDates);
  assert.equal(generalDays([twoDates], options({}, builder({}))).length, 2);

  const unsorted = table(frame.reverse());
  assertDeclined(unsorted);
  assert.ok(generalDrops(unsorted, "time_backwards") > 0);
});

Deno.test("clean snapshots: what the general path keeps but the fast path leaves to it, and other tables", () => {
  const frame = base(8);
  // Equal times (not a duplicate: the values differ): kept by the general path, declined here.
  const tie = frame.withRowIndex("_i").withColumns(
    pl.when(pl.col("_i").eq(11)).then(pl.col("ts").shift(1)).otherwise(pl.col("ts")).alias("ts"),
  ).drop("_i");
  assertDeclined(snapshotTable(tie));
  // An empty deeper level written as NaN rather than null; a null price beside a size of 0.
  assertDeclined(
    snapshotTable(setCell(setCell(frame, "bid_price_4", 3, NaN), "bid_qty_4", 3, NaN)),
  );
  assertDeclined(snapshotTable(setCell(setCell(frame, "bid_price_4", 3, null), "bid_qty_4", 3, 0)));
  // Half an empty level; an infinite size; a null in a required column; a null time; an empty symbol.
  assertDeclined(snapshotTable(setCell(frame, "ask_qty_5", 9, null)));
  assertDeclined(snapshotTable(setCell(frame, "ask_qty_5", 9, Infinity)));
  assertDeclined(snapshotTable(setCell(frame, "bid_qty_1", 9, null)));
  const noTime = frame.withRowIndex("_i").withColumns(
    pl.when(pl.col("_i").eq(5)).then(pl.lit(null)).otherwise(pl.col("ts")).cast(pl.Datetime("ns"))
      .alias("ts"),
  ).drop("_i");
  assertDeclined(snapshotTable(noTime));
  assertDeclined(snapshotTable(frame.withColumns(pl.lit("").alias("symbol"))));
  // No rows; not a snapshots table.
  assertDeclined(snapshotTable(frame.clear(0)));
  assertDeclined({ ...snapshotTable(frame), kind: "events" });
  assertDeclined({ ...snapshotTable(frame), kind: "trades" });
});
