/**
 * User CSV and Parquet files: required columns (a missing one names the file
 * and the column), book or trades, levels, the symbol override, and every
 * accepted form of `ts`.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { InputError } from "../../../lib/core/errors.ts";
import { readUserTable, type UserTableOptions } from "../../../lib/data/ingest/mod.ts";
import { BOOK_HEADER, withTempDir, writeLines } from "./_helpers.ts";

const CSV: UserTableOptions = {
  format: "csv",
  table: "auto",
  tsUnit: "ns",
  levels: 10,
  tickSize: 0.01,
  source: 0,
};

/** ts as exact decimal strings of epoch ns. */
function tsStrings(frame: pl.DataFrame): string[] {
  return frame.getColumn("ts").cast(pl.Int64).cast(pl.Utf8).toArray() as string[];
}

Deno.test("user files: a missing required column fails naming the file and the column", async () => {
  await withTempDir(async (dir) => {
    const book = await writeLines(dir, "book.csv", [
      "ts,symbol,best_bid,best_ask,ask_qty_1",
      "1,X,1,2,3",
    ]);
    await assert.rejects(readUserTable(book, CSV), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.equal(
        e.message,
        `${book}: bid_qty_1: expected a column "bid_qty_1" (book files need ts, symbol, best_bid, best_ask, bid_qty_1, ask_qty_1), found columns ts, symbol, best_bid, best_ask, ask_qty_1`,
      );
      return true;
    });
    const trades = await writeLines(dir, "trades.csv", ["ts,symbol,price", "1,X,1"]);
    await assert.rejects(readUserTable(trades, { ...CSV, table: "trades" }), {
      message:
        `${trades}: qty: expected a column "qty" (trades files need ts, symbol, price, qty), found columns ts, symbol, price`,
    });
    // Parquet too.
    const pq = join(dir, "book.parquet");
    pl.DataFrame({ ts: [1], symbol: ["X"], best_bid: [1] }).writeParquet(pq);
    await assert.rejects(readUserTable(pq, { ...CSV, format: "parquet" }), {
      message: new RegExp(`^${pq}: best_ask: expected a column "best_ask"`),
    });
    await assert.rejects(readUserTable(join(dir, "none.csv"), CSV), {
      message: `${join(dir, "none.csv")}: expected an existing csv file, found no such file`,
    });
  });
});

Deno.test("user files: CSV book with levels, row numbers = line numbers, ignored columns noted", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      `${BOOK_HEADER},bid_price_2,bid_qty_2,ask_price_2,ask_qty_2,bid_price_3,venue`,
      "2024-01-02T09:30:00.5,X,10,10.01,5,6,9.99,1,10.02,2,9.98,NYSE",
      "2024-01-02T09:30:01,X,10,10.01,5,6,9.99,1,10.02,2,9.98,NYSE",
    ]);
    const t = await readUserTable(path, CSV);
    assert.equal(t.kind, "snapshots");
    assert.equal(t.levels, 2); // level 3 lacks three of its four columns
    assert.deepEqual(t.frame.columns, [
      "ts",
      "symbol",
      "row",
      "best_bid",
      "best_ask",
      "bid_price_1",
      "bid_qty_1",
      "ask_price_1",
      "ask_qty_1",
      "bid_price_2",
      "bid_qty_2",
      "ask_price_2",
      "ask_qty_2",
    ]);
    assert.deepEqual(t.frame.getColumn("row").toArray().map(Number), [2, 3]);
    assert.deepEqual(t.frame.getColumn("bid_price_1").toArray(), [10, 10]); // from best_bid
    assert.deepEqual(t.notes.ignored_columns, ["bid_price_3", "venue"]);
    const capped = await readUserTable(path, { ...CSV, levels: 1 });
    assert.equal(capped.levels, 1);
    assert.ok(!capped.frame.columns.includes("bid_price_2"));
  });
});

Deno.test("user files: ts as ISO text (to the ns), integer epochs in each unit, floats", async () => {
  await withTempDir(async (dir) => {
    const iso = await writeLines(dir, "iso.csv", [
      BOOK_HEADER,
      "2024-01-02T09:30:00.123456789,X,1,2,3,4",
      "2024-01-02 09:30:00.5,X,1,2,3,4",
      "2024-01-02T09:30:01,X,1,2,3,4",
      "2024-01-02T09:30:01Z,X,1,2,3,4", // a zone suffix: not local time → null (missing)
    ]);
    assert.deepEqual(tsStrings((await readUserTable(iso, CSV)).frame).slice(0, 3), [
      "1704187800123456789",
      "1704187800500000000",
      "1704187801000000000",
    ]);
    assert.equal((await readUserTable(iso, CSV)).frame.getColumn("ts").nullCount(), 1);
    const ms = await writeLines(dir, "ms.csv", [BOOK_HEADER, "1704187800123,X,1,2,3,4"]);
    assert.deepEqual(tsStrings((await readUserTable(ms, { ...CSV, tsUnit: "ms" })).frame), [
      "1704187800123000000",
    ]);
    const ns = await writeLines(dir, "ns.csv", [BOOK_HEADER, "1704187800123456789,X,1,2,3,4"]);
    assert.deepEqual(tsStrings((await readUserTable(ns, CSV)).frame), ["1704187800123456789"]);
    const pq = join(dir, "s.parquet");
    pl.DataFrame({
      ts: [1704187800.25],
      symbol: ["X"],
      best_bid: [1],
      best_ask: [2],
      bid_qty_1: [3],
      ask_qty_1: [4],
    }).writeParquet(pq);
    const seconds = await readUserTable(pq, { ...CSV, format: "parquet", tsUnit: "s" });
    assert.deepEqual(tsStrings(seconds.frame), ["1704187800250000000"]);
    assert.deepEqual(seconds.frame.getColumn("row").toArray().map(Number), [1]);
  });
});

Deno.test("user files: Parquet Datetime ts; a zoned Datetime is refused", async () => {
  await withTempDir(async (dir) => {
    const base = pl.DataFrame({
      ts: [1704187800123456],
      symbol: ["X"],
      best_bid: [1],
      best_ask: [2],
      bid_qty_1: [3],
      ask_qty_1: [4],
    });
    const us = join(dir, "us.parquet");
    base.withColumns(pl.col("ts").cast(pl.Int64).cast(pl.Datetime("us"))).writeParquet(us);
    const t = await readUserTable(us, { ...CSV, format: "parquet" });
    assert.deepEqual(tsStrings(t.frame), ["1704187800123456000"]);
    assert.equal(String(t.frame.getColumn("ts").dtype), "DataType(Datetime(ns,))");
    const zoned = join(dir, "zoned.parquet");
    base.withColumns(pl.col("ts").cast(pl.Int64).cast(pl.Datetime("us", "UTC"))).writeParquet(
      zoned,
    );
    await assert.rejects(readUserTable(zoned, { ...CSV, format: "parquet" }), {
      message:
        `${zoned}: ts: expected timestamps without a time zone (exchange local time), found Datetime with time zone UTC`,
    });
  });
});

Deno.test("user files: the symbol override stands in for a missing symbol column", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "q.csv", [
      "ts,best_bid,best_ask,bid_qty_1,ask_qty_1",
      "1,1,2,3,4",
    ]);
    const t = await readUserTable(path, { ...CSV, symbol: "ABC" });
    assert.deepEqual(t.frame.getColumn("symbol").toArray(), ["ABC"]);
    const withColumn = await writeLines(dir, "s.csv", [BOOK_HEADER, "1,X,1,2,3,4"]);
    const replaced = await readUserTable(withColumn, { ...CSV, symbol: "ABC" });
    assert.deepEqual(replaced.frame.getColumn("symbol").toArray(), ["ABC"]);
  });
});

Deno.test("user files: trades are recognised by their columns; aggressor_side is optional", async () => {
  await withTempDir(async (dir) => {
    const path = await writeLines(dir, "t.csv", [
      "ts,symbol,price,qty,aggressor_side",
      "1,X,10.5,100,1",
      "2,X,10.4,50,-1",
    ]);
    const t = await readUserTable(path, CSV);
    assert.equal(t.kind, "trades");
    assert.equal(t.levels, 0);
    assert.deepEqual(t.frame.columns, ["ts", "symbol", "row", "price", "qty", "aggressor_side"]);
    assert.deepEqual(t.frame.getColumn("aggressor_side").toArray(), [1, -1]);
    const bare = await writeLines(dir, "bare.csv", ["ts,symbol,price,qty", "1,X,10.5,100"]);
    const b = await readUserTable(bare, CSV);
    assert.deepEqual(b.frame.getColumn("aggressor_side").toArray(), [null]);
  });
});
