import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { EventKind } from "../../../lib/sim/market_data/mod.ts";
import {
  gatherRows,
  gridAggregates,
  gridTimes,
  sampleDecisionGrid,
  type SymbolDay,
} from "../../../lib/data/ingest/mod.ts";
import { INTERIM_FIXED_COLUMNS } from "../../../lib/data/interim/schema.ts";

const f = (xs: number[]) => new Float64Array(xs);
const OPEN = 34_200_000_000_000;
const MS = 1_000_000;

Deno.test("grid: times from start to end inclusive every step; bad specs throw", () => {
  assert.deepEqual([...gridTimes({ startNs: 0, endNs: 25, stepNs: 10 })], [0, 10, 20]);
  assert.deepEqual([...gridTimes({ startNs: 0, endNs: 30, stepNs: 10 })], [0, 10, 20, 30]);
  assert.throws(() => gridTimes({ startNs: 0, endNs: 30, stepNs: 0 }), RangeError);
  assert.throws(() => gridTimes({ startNs: 10, endNs: 0, stepNs: 1 }), RangeError);
});

Deno.test("grid: the state at t is the last row at or before t (ties: the last of them)", () => {
  const g = gridAggregates({
    tod: f([5, 10, 10, 20, 31]),
    bid: f([1, 2, 3, 4, 5]),
    ask: f([2, 3, 4, 5, 6]),
    bidQty: f([1, 1, 1, 1, 1]),
    askQty: f([1, 1, 1, 1, 1]),
  }, { startNs: 0, endNs: 40, stepNs: 10 });
  // t = 0: nothing yet; 10: rows 1 and 2 share the time, row 2 wins; 20: exactly at t; 30: still 20's.
  assert.deepEqual([...g.rows], [-1, 2, 3, 3, 4]);
});

Deno.test("grid: mid high/low count the state at the interval start; null when no mid", () => {
  const g = gridAggregates({
    tod: f([-5, 3, 6, 14, 22]),
    bid: f([100, 101, 99, 100, NaN]),
    ask: f([102, 103, 101, 104, 105]),
    bidQty: f([1, 1, 1, 1, 0]),
    askQty: f([1, 1, 1, 1, 1]),
  }, { startNs: 0, endNs: 30, stepNs: 10 });
  // (−10, 0]: start state none (−5 ≤ −10? no) and row at −5: mid 101.
  // (0, 10]: start state = row −5 (mid 101); rows 3 (102), 6 (100) → high 102, low 100.
  // (10, 20]: start = row 6 (100); row 14 (102) → 102 / 100.
  // (20, 30]: start = row 14 (102); row 22 has an empty bid: no mid → 102 / 102.
  assert.deepEqual([...g.midHigh], [101, 102, 102, 102]);
  assert.deepEqual([...g.midLow], [101, 100, 100, 102]);
  const empty = gridAggregates({
    tod: f([1]),
    bid: f([NaN]),
    ask: f([1]),
    bidQty: f([0]),
    askQty: f([1]),
  }, { startNs: 0, endNs: 10, stepNs: 10 });
  assert.ok(empty.midHigh.every(Number.isNaN) && empty.midLow.every(Number.isNaN));
});

Deno.test("grid: event aggregates per interval (t − Δ, t], OFI summed over the interval's events", () => {
  const { Add, Reduce, Delete, Trade, HiddenTrade, Cross } = EventKind;
  const g = gridAggregates({
    tod: f([1, 5, 10, 12, 15, 20, 20]),
    bid: f([10, 10, 10, 10, 10, 10, 10]),
    bidQty: f([5, 8, 8, 8, 6, 6, 6]),
    ask: f([11, 11, 11, 11, 11, 11, 11]),
    askQty: f([4, 4, 1, 1, 1, 1, 3]),
    events: {
      kind: new Uint8Array([Add, Add, Trade, HiddenTrade, Reduce, Cross, Delete]),
      qty: f([5, 3, 3, 7, 2, 50, 9]),
    },
  }, { startNs: 0, endNs: 20, stepNs: 10 });
  // e: row0 0; row1 bid 5→8: +3; row2 ask 4→1: −1+4 = +3; row3 0; row4 bid 8→6: −2; row5 0; row6 ask 1→3: −3+1 = −2
  // (−10, 0]: nothing. (0, 10]: rows 0,1,2. (10, 20]: rows 3–6.
  assert.deepEqual([...g.tradeCount!], [0, 1, 1]); // the cross at 20 is not a trade
  assert.deepEqual([...g.tradeVolume!], [0, 3, 7]);
  assert.deepEqual([...g.cancelCount!], [0, 0, 2]); // reduce and delete
  assert.deepEqual([...g.ofi!], [0, 6, -4]);
});

Deno.test("grid: trades of a snapshot source counted per interval; rows after the grid are unused", () => {
  const g = gridAggregates({
    tod: f([0]),
    bid: f([1]),
    ask: f([2]),
    bidQty: f([1]),
    askQty: f([1]),
    trades: { tod: f([-20, -10, 0, 5, 10, 10, 11, 99]), qty: f([9, 1, 2, 3, 4, 5, 6, 7]) },
  }, { startNs: 0, endNs: 20, stepNs: 10 });
  // −20 lies before the first interval (−10, 0]; −10 too (the interval is open on the left).
  assert.deepEqual([...g.tradeCount!], [1, 3, 1]);
  assert.deepEqual([...g.tradeVolume!], [2, 12, 6]);
  assert.equal(g.cancelCount, null);
  assert.equal(g.ofi, null);
});

Deno.test("gatherRows: leading −1 rows are null; a run is sliced; otherwise gathered", () => {
  const frame = pl.DataFrame([pl.Series("a", f([1, 2, 3, 4]))]);
  const rows = (xs: number[]) => new Int32Array(xs);
  assert.deepEqual(gatherRows(frame, rows([-1, -1, 1, 2])).getColumn("a").toArray(), [
    null,
    null,
    2,
    3,
  ]);
  assert.deepEqual(gatherRows(frame, rows([0, 0, 2, 3])).getColumn("a").toArray(), [1, 1, 3, 4]);
  assert.deepEqual(gatherRows(frame, rows([-1, -1])).getColumn("a").toArray(), [null, null]);
});

function snapshotDay(): SymbolDay {
  const ts = pl.Series("ts", f([OPEN + 50 * MS, OPEN + 150 * MS, OPEN + 160 * MS]))
    .cast(pl.Int64).cast(pl.Datetime("ns"));
  const book = pl.DataFrame([
    ts,
    pl.Series("symbol", ["X", "X", "X"]),
    pl.Series("row", f([2, 3, 4])),
    pl.Series("best_bid", f([10, 10.01, 10.02])),
    pl.Series("best_ask", f([10.03, 10.03, 10.04])),
    pl.Series("bid_price_1", f([10, 10.01, 10.02])),
    pl.Series("bid_qty_1", f([1, 2, 3])),
    pl.Series("ask_price_1", f([10.03, 10.03, 10.04])),
    pl.Series("ask_qty_1", f([4, 5, 6])),
  ]).withColumns(pl.lit(0).cast(pl.Int32).alias("file_id"));
  return {
    symbol: "X",
    date: "1970-01-01",
    day: 0,
    kind: "snapshots",
    levels: 1,
    tickSize: 0.01,
    book,
    trades: null,
    files: ["x.csv"],
  };
}

Deno.test("sampleDecisionGrid: the interim layout; a snapshot source has null event columns, not zeros", () => {
  const out = sampleDecisionGrid(snapshotDay(), {
    decisionMs: 100,
    sessionStartNs: OPEN,
    sessionEndNs: OPEN + 250 * MS,
  });
  assert.deepEqual(out.columns, [
    ...INTERIM_FIXED_COLUMNS,
    "bid_price_1",
    "bid_qty_1",
    "ask_price_1",
    "ask_qty_1",
  ]);
  assert.equal(out.height, 3); // 09:30:00.0, .1, .2 (.3 is after the end)
  assert.deepEqual(out.getColumn("best_bid").toArray(), [null, 10, 10.02]);
  assert.deepEqual(out.getColumn("ask_qty_1").toArray(), [null, 4, 6]);
  for (const c of ["trade_count", "trade_volume", "cancel_count", "ofi_events"]) {
    assert.equal(out.getColumn(c).nullCount(), 3, c);
  }
  assert.deepEqual(out.getColumn("mid_high").toArray(), [null, 10.015, (10.02 + 10.04) / 2]);
  assert.deepEqual(out.getColumn("mid_low").toArray(), [null, 10.015, 10.015]);
  assert.deepEqual(out.getColumn("symbol").toArray(), ["X", "X", "X"]);
  assert.deepEqual(out.getColumn("date").toArray(), ["1970-01-01", "1970-01-01", "1970-01-01"]);
  assert.deepEqual(out.getColumn("tick_size").toArray(), [0.01, 0.01, 0.01]);
  const ts = out.getColumn("ts").cast(pl.Int64).cast(pl.Utf8).toArray();
  assert.deepEqual(ts, [String(OPEN), String(OPEN + 100 * MS), String(OPEN + 200 * MS)]);
  assert.equal(String(out.getColumn("ts").dtype), "DataType(Datetime(ns,))");
  assert.equal(out.getColumn("trade_count").dtype.variant, "Int64");
});

Deno.test("sampleDecisionGrid: with a trades table, trade counts are filled and cancels stay null", () => {
  const day = snapshotDay();
  day.trades = pl.DataFrame([
    pl.Series("ts", f([OPEN + 120 * MS, OPEN + 200 * MS])).cast(pl.Int64).cast(pl.Datetime("ns")),
    pl.Series("qty", f([7, 8])),
  ]);
  const out = sampleDecisionGrid(day, {
    decisionMs: 100,
    sessionStartNs: OPEN,
    sessionEndNs: OPEN + 200 * MS,
  });
  assert.deepEqual(out.getColumn("trade_count").toArray().map(Number), [0, 0, 2]);
  assert.deepEqual(out.getColumn("trade_volume").toArray(), [0, 0, 15]);
  assert.equal(out.getColumn("cancel_count").nullCount(), 3);
  assert.equal(out.getColumn("ofi_events").nullCount(), 3);
});
