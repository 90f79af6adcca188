/**
 * LOBSTER pairs as events tables, on the committed AAPL fixture (500 rows cut
 * from the LOBSTER sample data, lobsterdata.com) and on files without an
 * orderbook.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { ConfigError } from "../../../lib/core/errors.ts";
import { readLobsterMessages, readLobsterOrderbook } from "../../../lib/data/lobster/mod.ts";
import { lobsterTickUnits, readLobsterTable } from "../../../lib/data/ingest/mod.ts";
import { FIXTURE_DIR, withTempDir } from "./_helpers.ts";

const NAME = "AAPL_2012-06-21_34200000_57600000";
const PAIR = {
  ticker: "AAPL",
  date: "2012-06-21",
  levels: 10,
  messageFile: join(FIXTURE_DIR, `${NAME}_message_10.csv`),
  orderbookFile: join(FIXTURE_DIR, `${NAME}_orderbook_10.csv`),
};

Deno.test("lobster table: every row's book equals the orderbook file's row, in dollars", async () => {
  const t = await readLobsterTable(PAIR, { tickSize: 0.01, levels: 10, source: 3 });
  const ob = await readLobsterOrderbook(PAIR.orderbookFile);
  assert.equal(t.kind, "events");
  assert.equal(t.levels, 10);
  assert.equal(t.source, 3);
  assert.equal(t.file, PAIR.messageFile);
  assert.equal(t.frame.height, 500);
  assert.equal(t.notes.replay_checked, true);
  assert.equal(t.notes.replay_mismatches, 0);
  for (const side of ["bid", "ask"] as const) {
    const prices = side === "bid" ? ob.bidPrice : ob.askPrice;
    const sizes = side === "bid" ? ob.bidSize : ob.askSize;
    for (let k = 1; k <= 10; k++) {
      const px = t.frame.getColumn(`${side}_price_${k}`).toArray() as (number | null)[];
      const qty = t.frame.getColumn(`${side}_qty_${k}`).toArray() as (number | null)[];
      for (let i = 0; i < 500; i++) {
        const raw = prices[i * 10 + k - 1];
        const want = Number.isNaN(raw) ? null : raw / 10_000;
        assert.equal(px[i], want, `${side}_price_${k} row ${i + 1}`);
        assert.equal(qty[i], want === null ? null : sizes[i * 10 + k - 1], `${side}_qty_${k}`);
      }
    }
  }
  assert.deepEqual(
    t.frame.getColumn("best_bid").toArray(),
    t.frame.getColumn("bid_price_1").toArray(),
  );
  assert.equal(t.frame.getColumn("best_ask").toArray()[0], 585.94);
});

Deno.test("lobster table: ts = date from the file name + message time; the message columns", async () => {
  const t = await readLobsterTable(PAIR, { tickSize: 0.01, levels: 1, source: 0 });
  const m = await readLobsterMessages(PAIR.messageFile);
  assert.deepEqual(t.frame.getColumn("symbol").toArray().slice(0, 2), ["AAPL", "AAPL"]);
  const first = t.frame.getColumn("ts").toArray()[0] as unknown as Date;
  assert.equal(first.toISOString(), "2012-06-21T09:30:00.004Z"); // 34200.004241176 s
  // Exact ns: the frame's time of day equals the message file's.
  const tod = (t.frame.getColumn("ts").cast(pl.Int64).cast(pl.Utf8).toArray() as string[])
    .map((v) => Number(BigInt(v) % 86_400_000_000_000n));
  assert.deepEqual(tod, [...m.timeNs]);
  assert.deepEqual([...t.frame.getColumn("event_kind").toArray()], [...m.type]);
  assert.deepEqual(t.frame.getColumn("event_qty").toArray(), [...m.size]);
  assert.deepEqual(t.frame.getColumn("event_price").toArray(), [...m.price].map((p) => p / 10_000));
  assert.deepEqual([...t.frame.getColumn("event_side").toArray()], [...m.direction]);
  assert.deepEqual(t.frame.getColumn("row").toArray().map(Number).slice(0, 3), [1, 2, 3]);
  assert.equal(t.levels, 1);
  assert.ok(!t.frame.columns.includes("bid_price_2"));
  const renamed = await readLobsterTable(PAIR, {
    tickSize: 0.01,
    levels: 1,
    source: 0,
    symbol: "X",
  });
  assert.equal(renamed.frame.getColumn("symbol").toArray()[0], "X");
});

Deno.test("lobster table: without an orderbook file the replay runs unchecked (noted)", async () => {
  await withTempDir(async (dir) => {
    const messageFile = join(dir, `${NAME}_message_10.csv`);
    await Deno.copyFile(PAIR.messageFile, messageFile);
    const t = await readLobsterTable({ ...PAIR, messageFile, orderbookFile: null }, {
      tickSize: 0.01,
      levels: 10,
      source: 0,
    });
    assert.equal(t.frame.height, 500);
    assert.equal(t.notes.replay_checked, false);
    assert.equal(t.notes.orderbook_file, null);
  });
});

Deno.test("lobster table: the tick size must be whole LOBSTER price units", () => {
  assert.equal(lobsterTickUnits(0.01), 100);
  assert.equal(lobsterTickUnits(0.0001), 1);
  assert.throws(() => lobsterTickUnits(0.00005), ConfigError);
  assert.throws(() => lobsterTickUnits(0.015 / 7), {
    message:
      /ingest\.tick_size: expected a tick size that is a whole number of LOBSTER price units/,
  });
});
