import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { midnightEpochNs, writeSessionParquet } from "../../../lib/sim/output/mod.ts";
import { handBuiltSession } from "./_sessions.ts";

const MS = 1_000_000n;
/** 2024-01-02 09:30:00 as naive epoch ns. */
const OPEN_EPOCH = 1_704_153_600_000_000_000n + 34_200_000_000_000n;

/** Datetime(ns) values as exact epoch-ns decimal strings (toArray goes through doubles). */
function epochNs(df: pl.DataFrame, name: string): string[] {
  return df.getColumn(name).cast(pl.Int64).cast(pl.Utf8).toArray() as string[];
}

function column(df: pl.DataFrame, name: string): unknown[] {
  return df.getColumn(name).toArray() as unknown[];
}

Deno.test("midnightEpochNs: naive midnight of a real date", () => {
  assert.equal(midnightEpochNs("2024-01-02"), 1_704_153_600_000_000_000n);
  assert.equal(midnightEpochNs("1970-01-01"), 0n);
  assert.throws(() => midnightEpochNs("2024-02-30"), RangeError);
  assert.throws(() => midnightEpochNs("2024-1-2"), RangeError);
});

Deno.test("writeSessionParquet: snapshots on the 100 ms grid, nulls for empty levels", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = await writeSessionParquet(handBuiltSession(), dir, { levels: 2, decisionMs: 100 });
    assert.equal(out.snapshotRows, 6);
    const df = pl.readParquet(out.snapshotsFile);
    assert.deepEqual(df.columns, [
      "ts",
      "symbol",
      "best_bid",
      "best_ask",
      "bid_price_1",
      "bid_price_2",
      "bid_qty_1",
      "bid_qty_2",
      "ask_price_1",
      "ask_price_2",
      "ask_qty_1",
      "ask_qty_2",
    ]);
    assert.equal(String(df.getColumn("ts").dtype), String(pl.Datetime("ns")));
    assert.equal(String(df.getColumn("best_bid").dtype), String(pl.Float64));
    assert.equal(String(df.getColumn("bid_qty_1").dtype), String(pl.Int64));
    assert.deepEqual(
      epochNs(df, "ts"),
      [0n, 1n, 2n, 3n, 4n, 5n].map((j) => String(OPEN_EPOCH + j * 100n * MS)),
    );
    assert.deepEqual(column(df, "symbol"), Array(6).fill("HAND"));
    // Grid 0, 100, …, 500 ms; events at 50 (bid 10@50.00), 120 (ask 7@50.02), 250 (3 traded),
    // 300 (bid 4@50.01), 400 (bid @50.00 deleted).
    assert.deepEqual(column(df, "best_bid"), [null, 50, 50, 50.01, 50.01, 50.01]);
    assert.deepEqual(column(df, "best_ask"), [null, null, 50.02, 50.02, 50.02, 50.02]);
    assert.deepEqual(column(df, "bid_price_2"), [null, null, null, 50, null, null]);
    const num = (v: unknown) => (v === null ? null : Number(v));
    assert.deepEqual(column(df, "bid_qty_1").map(num), [null, 10, 10, 4, 4, 4]);
    assert.deepEqual(column(df, "bid_qty_2").map(num), [null, null, null, 10, null, null]);
    assert.deepEqual(column(df, "ask_qty_1").map(num), [null, null, 7, 4, 4, 4]);
    assert.deepEqual(column(df, "ask_price_2"), Array(6).fill(null));
    assert.equal(df.getColumn("ask_qty_2").nullCount(), 6);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeSessionParquet: trades with aggressor side and maker id", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = await writeSessionParquet(handBuiltSession(), dir, { levels: 1, decisionMs: 250 });
    assert.equal(out.snapshotRows, 3);
    assert.equal(out.tradeRows, 1);
    const df = pl.readParquet(out.tradesFile);
    assert.deepEqual(df.columns, [
      "ts",
      "symbol",
      "price",
      "qty",
      "aggressor_side",
      "maker_order_id",
    ]);
    assert.equal(String(df.getColumn("aggressor_side").dtype), String(pl.Int8));
    assert.deepEqual(epochNs(df, "ts"), [String(OPEN_EPOCH + 250n * MS)]);
    assert.deepEqual(column(df, "price"), [50.02]);
    assert.deepEqual(column(df, "qty").map(Number), [3]);
    assert.deepEqual(column(df, "aggressor_side"), [1]); // the ask rested: a buyer took it
    assert.deepEqual(column(df, "maker_order_id").map(Number), [2]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeSessionParquet: same session, same bytes", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const a = await writeSessionParquet(handBuiltSession(), `${dir}/a`, { levels: 2 });
    const b = await writeSessionParquet(handBuiltSession(), `${dir}/b`, { levels: 2 });
    assert.deepEqual(await Deno.readFile(a.snapshotsFile), await Deno.readFile(b.snapshotsFile));
    assert.deepEqual(await Deno.readFile(a.tradesFile), await Deno.readFile(b.tradesFile));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
