/**
 * sampleGridDay, the typed-array twin of sampleDecisionGrid: the same frame
 * (columns, dtypes, values, nulls) once turned back into polars, for every
 * kind of source, and the gather it shares with the clean-snapshot path.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { syntheticSnapshots } from "../../../lib/bench/snapshot_source.ts";
import {
  gatherColumn,
  gridAggregates,
  readLobsterTable,
  readUserTable,
  sampleDecisionGrid,
  sampleGridDay,
  type SampleOptions,
  type SymbolDay,
  ValidationReportBuilder,
} from "../../../lib/data/ingest/mod.ts";
import { gridDayToFrame } from "../../../lib/data/interim/grid_day_frame.ts";
import {
  assertSameFrame,
  generalDays,
  OPEN_NS,
  setCell,
  snapshotTable,
} from "./_grid_day_helpers.ts";
import {
  BOOK_HEADER,
  FIXTURE_DIR,
  SHARED_DIR,
  sharedDataPresent,
  withTempDir,
  writeLines,
} from "./_helpers.ts";

const builder = () => new ValidationReportBuilder({ strict: false, maxExamples: 5, maxGapS: 60 });
const grid = (decisionMs: number, seconds: number, startNs = OPEN_NS): SampleOptions => ({
  decisionMs,
  sessionStartNs: startNs,
  sessionEndNs: startNs + seconds * 1e9,
});

/** Both samplers agree on `day`; answers the polars frame. */
function assertTwins(day: SymbolDay, options: SampleOptions): pl.DataFrame {
  const expected = sampleDecisionGrid(day, options);
  const g = sampleGridDay(day, options);
  assert.equal(g.rows, expected.height);
  assert.equal(g.levels, day.levels);
  assertSameFrame(gridDayToFrame(g), expected);
  return expected;
}

Deno.test("sampleGridDay: a snapshot source with empty deeper levels equals sampleDecisionGrid", () => {
  let frame = syntheticSnapshots({ symbol: "A", date: "2024-01-02", sessionS: 120, seed: 3 });
  for (const i of [0, 5, 6, 400]) {
    for (const c of ["bid_price_5", "bid_qty_5", "ask_price_4", "ask_qty_4"]) {
      frame = setCell(frame, c, i, null);
    }
  }
  const [day] = generalDays([snapshotTable(frame)], {
    report: builder(),
    strict: false,
    maxGapS: 60,
  });
  const out = assertTwins(day, grid(100, 120));
  assert.equal(out.height, 1201);
  assert.ok(out.getColumn("bid_qty_5").nullCount() > 0); // the empty level came through as null
  assert.equal(out.getColumn("trade_count").nullCount(), 1201); // no trades: null, not zero
  assertTwins(day, grid(37, 100)); // a step that does not divide the session
});

Deno.test("sampleGridDay: a LOBSTER events source (the AAPL fixture) equals sampleDecisionGrid", async () => {
  const name = "AAPL_2012-06-21_34200000_57600000";
  const table = await readLobsterTable({
    ticker: "AAPL",
    date: "2012-06-21",
    levels: 10,
    messageFile: join(FIXTURE_DIR, `${name}_message_10.csv`),
    orderbookFile: join(FIXTURE_DIR, `${name}_orderbook_10.csv`),
  }, { tickSize: 0.01, levels: 10, source: 0 });
  const [day] = generalDays([table], { report: builder(), strict: false, maxGapS: 60 });
  assert.equal(day.kind, "events");
  const out = assertTwins(day, grid(10, 30));
  assert.ok((out.getColumn("trade_count").sum() as number) > 0);
  assert.equal(out.getColumn("ofi_events").nullCount(), 0);
  assertTwins(day, grid(1000, 600));
});

Deno.test({
  name: "sampleGridDay: the full AMZN LOBSTER sample equals sampleDecisionGrid over the session",
  ignore: !sharedDataPresent(),
  fn: async () => {
    const name = "AMZN_2012-06-21_34200000_57600000";
    const table = await readLobsterTable({
      ticker: "AMZN",
      date: "2012-06-21",
      levels: 1,
      messageFile: join(SHARED_DIR, `${name}_message_1.csv`),
      orderbookFile: join(SHARED_DIR, `${name}_orderbook_1.csv`),
    }, { tickSize: 0.01, levels: 1, source: 0 });
    const [day] = generalDays([table], { report: builder(), strict: false, maxGapS: 60 });
    const out = assertTwins(day, grid(1000, 23_400));
    assert.equal(out.height, 23_401);
  },
});

Deno.test("sampleGridDay: a user book with a trades file (trades before, inside and after the grid)", async () => {
  await withTempDir(async (dir) => {
    const T = (s: string) => `2024-01-02T09:30:${s}`;
    const book = await writeLines(dir, "book.csv", [
      `${BOOK_HEADER},bid_price_2,bid_qty_2,ask_price_2,ask_qty_2`,
      `${T("00.050")},A,10.00,10.02,5,7,9.99,3,10.03,4`,
      `${T("00.150")},A,10.01,10.02,6,7,10.00,2,10.03,4`,
      `${T("00.150")},A,10.01,10.03,6,8,,,10.04,1`, // same time: the later row wins; level 2 bid empty
      `${T("00.420")},A,10.00,10.01,1,1,9.99,1,10.02,1`,
      `${T("01.000")},A,10.02,10.04,2,2,10.01,2,10.05,2`,
    ]);
    const trades = await writeLines(dir, "trades.csv", [
      "ts,symbol,price,qty",
      "2024-01-02T09:29:59.900,A,10.01,100", // before the first interval: not counted
      `${T("00.100")},A,10.01,50`,
      `${T("00.100")},A,10.02,25`,
      `${T("00.350")},A,10.02,10`,
      `${T("05.000")},A,10.02,10`, // after the last grid time
    ]);
    const read = (path: string) =>
      readUserTable(path, {
        format: "csv",
        table: "auto",
        tsUnit: "ns",
        levels: 5,
        tickSize: 0.01,
        source: 0,
      });
    const tables = [await read(book), await read(trades)];
    const [day] = generalDays(tables, { report: builder(), strict: false, maxGapS: 60 });
    assert.ok(day.trades !== null);
    const out = assertTwins(day, grid(100, 1));
    assert.deepEqual(out.getColumn("trade_count").toArray().slice(0, 5).map(Number), [
      0,
      2,
      0,
      0,
      1,
    ]);
    const g = sampleGridDay(day, grid(100, 1));
    assert.deepEqual([...g.tradeVolume!.subarray(0, 5)], [0, 75, 0, 0, 10]);
    assert.ok(Number.isNaN(g.bidPrice[1][2])); // the empty level-2 bid of the row at 00.150
  });
});

Deno.test("sampleGridDay: a day whose first book row comes after the open has leading nulls", () => {
  const frame = syntheticSnapshots({
    symbol: "B",
    date: "2024-01-03",
    openS: 34_230, // 30 s after the grid starts
    sessionS: 60,
    seed: 4,
  });
  const [day] = generalDays([snapshotTable(frame)], {
    report: builder(),
    strict: false,
    maxGapS: 60,
  });
  const out = assertTwins(day, grid(100, 120));
  const g = sampleGridDay(day, grid(100, 120));
  assert.ok(Number.isNaN(g.bestBid[0]) && Number.isNaN(g.askQty[4][299]));
  assert.ok(Number.isNaN(g.midHigh[0]));
  assert.ok(!Number.isNaN(g.bestBid[310]) && !Number.isNaN(g.askQty[4][310]));
  assert.ok(out.getColumn("best_bid").nullCount() >= 300);
  // A grid entirely before the first row: every book cell null.
  assertTwins(day, grid(100, 10));
});

Deno.test("gatherColumn: NaN before the first row; a checked gather fails on a bad value anywhere", () => {
  const f = (xs: number[]) => new Float64Array(xs);
  const col = f([1, 2, 3, 4, 5]);
  const rows = new Int32Array([-1, -1, 0, 0, 3]);
  assert.deepEqual([...gatherColumn(col, rows)!], [NaN, NaN, 1, 1, 4]);
  assert.deepEqual([...gatherColumn(col, rows, true)!], [NaN, NaN, 1, 1, 4]);
  // Row 4 is never sampled, yet checked.
  for (const bad of [0, -1, NaN, Infinity]) {
    assert.equal(gatherColumn(f([1, 2, 3, 4, bad]), rows, true), null);
    assert.notEqual(gatherColumn(f([1, 2, 3, 4, bad]), rows, false), null);
  }
  // Across check blocks (4096 rows each).
  const long = new Float64Array(10_000).fill(1);
  const every = Int32Array.from({ length: 10_000 }, (_, i) => i);
  assert.equal(gatherColumn(long, every, true)!.length, 10_000);
  long[9_999] = 0;
  assert.equal(gatherColumn(long, every, true), null);
  const g = gridAggregates({
    tod: f([1]),
    bid: f([1]),
    ask: f([2]),
    bidQty: f([1]),
    askQty: f([1]),
  }, {
    startNs: 0,
    endNs: 2,
    stepNs: 1,
  });
  assert.deepEqual([...gatherColumn(f([7]), g.rows)!], [NaN, 7, 7]);
});
