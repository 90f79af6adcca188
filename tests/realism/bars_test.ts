import { strict as assert } from "node:assert";
import {
  barCount,
  barReturns,
  barVolumes,
  midPrices,
  sampleQuotes,
} from "../../lib/realism/bars.ts";
import { BookSnapshotsBuilder } from "../../lib/sim/market_data/mod.ts";

/** Level-1 snapshots: [ts, bid, bidQty, ask, askQty], NaN for an empty side. */
function snaps(rows: [number, number, number, number, number][]) {
  const b = new BookSnapshotsBuilder(1);
  for (const [ts, bid, bq, ask, aq] of rows) {
    const r = b.appendRow(ts);
    if (!Number.isNaN(bid)) [b.bidPrice[r], b.bidQty[r]] = [bid, bq];
    if (!Number.isNaN(ask)) [b.askPrice[r], b.askQty[r]] = [ask, aq];
  }
  return b.finish();
}

Deno.test("midPrices: NaN while a side is empty", () => {
  const s = snaps([[1, 99, 5, NaN, 0], [2, 99, 5, 101, 3]]);
  assert.deepEqual([...midPrices(s)], [NaN, 100]);
});

Deno.test("barReturns: last mid at or before each grid time, NaN when unknown", () => {
  // Grid 0, 10, 20, 30, 40. Mid unknown at 0 (first event at 5), 100 at 10, 100 at 20
  // (the change at 20.5 is after it), 105 at 30, 84 at 40.
  const ts = new Float64Array([5, 20.5, 30, 33]);
  const mid = new Float64Array([100, 105, 105, 84]);
  const r = barReturns(ts, mid, 0, 45, 10);
  assert.equal(r.length, 4);
  assert(Number.isNaN(r[0]));
  assert.equal(r[1], 0);
  assert.equal(r[2], Math.log(105 / 100));
  assert.equal(r[3], Math.log(84 / 105));
  assert.equal(barCount(0, 45, 10), 4);
  assert.equal(barCount(0, 9, 10), 0);
  assert.equal(barReturns(ts, mid, 0, 9, 10).length, 0);
});

Deno.test("barVolumes: trades in (g_{j−1}, g_j]", () => {
  const ts = new Float64Array([0, 1, 10, 10.5, 20, 25, 40]);
  const qty = [1, 2, 4, 8, 16, 32, 64];
  const trade = [true, true, true, true, true, false, true];
  const v = barVolumes(ts, qty, (i) => trade[i], 0, 30, 10);
  // ts 0 is at the start (not inside the first bar); 1 and 10 → bar 0; 10.5 and 20 → bar 1;
  // 25 is not a trade; 40 is after the last bar.
  assert.deepEqual([...v], [6, 24, 0]);
});

Deno.test("sampleQuotes: spread in ticks and depth on a clock", () => {
  const s = snaps([[0, 99, 5, NaN, 0], [15, 99, 5, 101, 3], [25, 100, 7, 101, 2]]);
  const q = sampleQuotes(s, 0, 30, 10);
  // Times 0 (bid only), 10 (bid only), 20 (99/101), 30 (100/101).
  assert.deepEqual([...q.spreadTicks], [2, 1]);
  assert.deepEqual([...q.depth], [5, 5, 5, 3, 7, 2]);
});
