/**
 * LOBSTER replay: the rebuilt book must agree with the orderbook file after
 * every message. Real data from ../shared/data/lobster (skipped, with the
 * reason printed, where that folder is absent) and the committed AAPL fixture.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { InputError } from "../../../lib/core/errors.ts";
import {
  parseLobsterMessages,
  parseLobsterOrderbook,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../../../lib/data/lobster/mod.ts";
import { BUY, SELL } from "../../../lib/sim/engine/mod.ts";
import { EventKind } from "../../../lib/sim/market_data/mod.ts";
import { replayLobster } from "../../../lib/sim/replay/mod.ts";
import {
  aaplName,
  FIXTURE_DIR,
  SHARED_DIR,
  sharedDataPresent,
} from "../../data/lobster/_helpers.ts";

const present = sharedDataPresent();
if (!present) {
  // deno-lint-ignore no-console
  console.log(`real-data replay tests skipped: ${SHARED_DIR} not found`);
}

async function replayPair(dir: string, stem: string, levels: number) {
  const m = await readLobsterMessages(join(dir, `${stem}_message_${levels}.csv`));
  const ob = await readLobsterOrderbook(join(dir, `${stem}_orderbook_${levels}.csv`));
  return { m, ob, out: replayLobster(m, ob) };
}

Deno.test("replay: committed AAPL fixture (500 rows, 10 levels) has no mismatch", async () => {
  const m = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
  const ob = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
  const { report, events, snapshots } = replayLobster(m, ob);
  assert.equal(report.messages, 500);
  assert.deepEqual(report.mismatches.byKind, {});
  assert.equal(report.mismatches.total, 0);
  assert.equal(events.count, 500);
  assert.equal(snapshots.count, 500);
  assert.equal(snapshots.levels, 10);
  // The event stream carries the messages one for one.
  for (let i = 0; i < m.count; i++) assert.equal(events.kind[i], m.type[i]);
});

Deno.test({
  name: "replay: real AAPL level-10 sample rebuilds every row exactly",
  ignore: !present,
  fn: async () => {
    const { out, ob } = await replayPair(SHARED_DIR, "AAPL_2012-06-21_34200000_57600000", 10);
    const { report, snapshots } = out;
    assert.equal(report.messages, 999);
    assert.equal(report.mismatches.total, 0, JSON.stringify(report.mismatches.examples));
    // Snapshots equal the file (prices converted to cents) on every row and level.
    for (let i = 0; i < ob.count * ob.levels; i++) {
      const filePrice = ob.bidPrice[i] / 100;
      assert.ok(
        Number.isNaN(filePrice)
          ? Number.isNaN(snapshots.bidPrice[i])
          : snapshots.bidPrice[i] === filePrice,
      );
      assert.equal(snapshots.bidQty[i], ob.bidSize[i]);
      assert.equal(snapshots.askQty[i], ob.askSize[i]);
    }
    assert.equal(report.trades.visible, 98);
    assert.equal(report.trades.hidden, 61);
  },
});

/**
 * The AMZN day has rows where no replay can agree with the orderbook file:
 * three reserve (iceberg) orders whose add message carries the full size while
 * the book shows only the displayed part, and the rows that follow from them.
 */
const AMZN_UNAVOIDABLE: Record<number, string> = {
  19303: "order 116395061 adds 33,570 shares at 223.90 but the book shows 50: a reserve order",
  19304: "adds at 223.90 that the book does not show either (the level stays at 50)",
  19305: "same level as 19304",
  19306: "same level as 19304",
  19309: "same level as 19304",
  19526: "order 117307230 adds 30,900 shares at 223.95 but the book shows 100: a reserve order",
  19533: "execution of 400 from reserve order 117307230: more than its displayed 100",
  19534: "execution of 800 more from reserve order 117307230",
  19565: "delete of the 29,700 hidden remainder of reserve order 117307230",
  47775: "order 248950276 adds 25,000 shares at 221.10 but the book shows 215: a reserve order",
  47797: "execution of reserve order 248950276 against its displayed part",
  47799: "delete of the 24,989 hidden remainder of reserve order 248950276",
};

Deno.test({
  name: "replay: real AMZN level-1 day disagrees only on the named reserve-order rows",
  ignore: !present,
  fn: async () => {
    const { out } = await replayPair(SHARED_DIR, "AMZN_2012-06-21_34200000_57600000", 1);
    const { report } = out;
    assert.equal(report.messages, 57_515);
    const rows = [...new Set(report.mismatches.examples.map((e) => e.line))].sort((a, b) => a - b);
    assert.equal(
      report.mismatches.rows,
      rows.length,
      "every mismatching row is listed in the examples",
    );
    assert.deepEqual(rows, Object.keys(AMZN_UNAVOIDABLE).map(Number));
    assert.deepEqual(report.eventsByType, {
      "1": 27_845,
      "2": 16,
      "3": 18_235,
      "4": 8_974,
      "5": 2_445,
    });
    assert.equal(report.trades.visibleVolume + report.trades.hiddenVolume > 0, true);
  },
});

Deno.test({
  name: "replay: GOOG messages without an orderbook file still replay",
  ignore: !present,
  fn: async () => {
    const m = await readLobsterMessages(
      join(SHARED_DIR, "GOOG_2012-06-21_34200000_57600000_message_1.csv"),
    );
    const out = replayLobster(m, null, { snapshotLevels: 1 });
    assert.equal(out.events.count, 49_482);
    assert.equal(out.report.orderbookFile, null);
    assert.equal(out.report.mismatches.total, 0);
    assert.ok(out.report.unknownOrderRefs > 0, "orders resting before the file are unknown by id");
  },
});

// ------------------------------------------------------------- small cases

const M = "TEST_2012-06-21_34200000_57600000_message_2.csv";
const OB = "TEST_2012-06-21_34200000_57600000_orderbook_2.csv";
const D = "9999999999";

Deno.test("replay: pre-existing orders are anonymous liquidity that unknown ids draw on", () => {
  const m = parseLobsterMessages(
    [
      "34200.1,1,11,5,1000000,1", // add bid 5 @ 100.00 (joins 20 resting before the file)
      "34200.2,4,99,8,1000000,1", // execution of an order never seen: from the anonymous 20
      "34200.3,3,11,5,1000000,1", // delete our known order
    ].join("\n"),
    M,
  );
  const ob = parseLobsterOrderbook(
    [
      `1000100,7,1000000,25,${D},0,-${D},0`,
      `1000100,7,1000000,17,${D},0,-${D},0`,
      `1000100,7,1000000,12,${D},0,-${D},0`,
    ].join("\n"),
    OB,
  );
  const { report, book, snapshots } = replayLobster(m, ob);
  assert.equal(report.mismatches.total, 0, JSON.stringify(report.mismatches.examples));
  assert.equal(report.unknownOrderRefs, 1);
  assert.equal(book.levelQty(BUY, 10_000), 12);
  assert.equal(book.levelQty(SELL, 10_001), 7);
  assert.equal(book.hasOrder(11), false);
  assert.deepEqual(Array.from(snapshots.bidQty), [25, 0, 17, 0, 12, 0]);
  assert.equal(report.trades.visible, 1);
  assert.equal(report.trades.visibleVolume, 8);
});

Deno.test("replay: a level entering the window is reconciled, not a mismatch", () => {
  // Level-1 file: after the best bid is deleted, a deeper level never shown appears.
  const m = parseLobsterMessages(
    ["34200.1,1,1,10,1000000,1", "34200.2,3,1,10,1000000,1"].join("\n"),
    "X_2012-06-21_34200000_57600000_message_1.csv",
  );
  const ob = parseLobsterOrderbook(
    ["1000500,3,1000000,10", "1000500,3,999900,40"].join("\n"),
    "X_2012-06-21_34200000_57600000_orderbook_1.csv",
  );
  const { report, book } = replayLobster(m, ob);
  assert.equal(report.mismatches.total, 0);
  assert.equal(report.reconciliations.byKind["level-entered-view"], 1);
  assert.equal(book.bestBid(), 9_999);
  assert.equal(book.bestBidQty(), 40);
});

Deno.test("replay: a disagreement at a visible price is reported with its line", () => {
  const m = parseLobsterMessages(
    ["34200.1,1,1,10,1000000,1", "34200.2,2,1,4,1000000,1"].join("\n"),
    "X_2012-06-21_34200000_57600000_message_1.csv",
  );
  // Row 2 should show 6 after the partial cancel; the file says 5.
  const ob = parseLobsterOrderbook(
    ["1000500,3,1000000,10", "1000500,3,1000000,5"].join("\n"),
    "X_2012-06-21_34200000_57600000_orderbook_1.csv",
  );
  const { report } = replayLobster(m, ob);
  assert.equal(report.mismatches.total, 1);
  assert.deepEqual(report.mismatches.examples[0], {
    line: 2,
    kind: "level-size",
    detail: "bid 10000: file 5, rebuilt 6",
  });
});

Deno.test("replay: hidden executions leave the book unchanged; halts are recorded", () => {
  const m = parseLobsterMessages(
    [
      "34200.1,1,1,10,1000000,1",
      "34200.2,5,0,300,1000050,1",
      "34200.3,7,0,0,-1,-1",
      "34200.4,7,0,0,1,-1",
    ].join("\n"),
    "X_2012-06-21_34200000_57600000_message_1.csv",
  );
  const ob = parseLobsterOrderbook(
    ["1000500,3,1000000,10", "1000500,3,1000000,10", "1000500,3,1000000,10", "1000500,3,1000000,10"]
      .join("\n"),
    "X_2012-06-21_34200000_57600000_orderbook_1.csv",
  );
  const { report, events } = replayLobster(m, ob);
  assert.equal(report.mismatches.total, 0);
  assert.equal(report.trades.hidden, 1);
  assert.equal(report.trades.hiddenVolume, 300);
  assert.deepEqual(report.halts.map((h) => [h.line, h.code]), [[3, -1], [4, 1]]);
  assert.equal(events.kind[1], EventKind.HiddenTrade);
  assert.equal(events.priceTicks[1], 10_000.5, "a midpoint execution prints between ticks");
});

Deno.test("replay: orderbook with a different row count fails naming the file", () => {
  const m = parseLobsterMessages("34200.1,1,1,10,1000000,1\n34200.2,3,1,10,1000000,1", M);
  const ob = parseLobsterOrderbook("1000500,3,1000000,10,1000600,1,999900,2", OB);
  assert.throws(() => replayLobster(m, ob), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.match(
      e.message,
      new RegExp(`^${OB}: expected 2 rows, one per line of ${M}, found 1 rows$`),
    );
    return true;
  });
});

Deno.test("replay: a price off the tick grid fails naming the file and line", () => {
  const m = parseLobsterMessages("34200.1,1,1,10,1000000,1\n34200.2,1,2,10,1000050,1", M);
  assert.throws(() => replayLobster(m, null), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(
      e.message,
      `${M}:2: expected a price on the tick grid (a multiple of 100), found 1000050`,
    );
    return true;
  });
});

Deno.test("replay: deterministic (same input, same snapshots and events)", async () => {
  const m = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
  const ob = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
  const a = replayLobster(m, ob);
  const b = replayLobster(m, ob);
  assert.deepEqual(a.snapshots, b.snapshots);
  assert.deepEqual(a.events, b.events);
  assert.deepEqual(a.report, b.report);
});
