import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { syntheticSnapshots } from "../../lib/bench/snapshot_source.ts";

Deno.test("snapshot source: seeded, sorted in time, inside the session, never crossed", () => {
  const a = syntheticSnapshots({ symbol: "X", date: "2024-01-02", sessionS: 300, seed: 3 });
  const b = syntheticSnapshots({ symbol: "X", date: "2024-01-02", sessionS: 300, seed: 3 });
  assert.ok(a.frameEqual(b));
  const other = syntheticSnapshots({ symbol: "X", date: "2024-01-02", sessionS: 300, seed: 4 });
  assert.ok(!a.frameEqual(other));
  assert.ok(a.height > 2500 && a.height < 3500, `${a.height} rows`); // ~1 per 100 ms
  const ts = a.getColumn("ts").cast(pl.Int64).toTypedArray() as BigInt64Array;
  const open = BigInt(Date.UTC(2024, 0, 2)) * 1_000_000n + 34_200_000_000_000n;
  assert.ok(ts[0] >= open && ts[ts.length - 1] < open + 300_000_000_000n);
  for (let i = 1; i < ts.length; i++) assert.ok(ts[i] >= ts[i - 1]);
  const bid = a.getColumn("best_bid").toArray() as number[];
  const ask = a.getColumn("best_ask").toArray() as number[];
  for (let i = 0; i < bid.length; i++) assert.ok(bid[i] > 0 && bid[i] < ask[i]);
});

Deno.test("snapshot source: L levels one tick apart, sizes in lots of 100", () => {
  const df = syntheticSnapshots({ symbol: "X", date: "2024-01-02", sessionS: 60, levels: 3 });
  assert.deepEqual(df.columns.filter((c) => c.startsWith("bid_price")), [
    "bid_price_1",
    "bid_price_2",
    "bid_price_3",
  ]);
  const b1 = df.getColumn("bid_price_1").toArray() as number[];
  const b3 = df.getColumn("bid_price_3").toArray() as number[];
  const a2 = df.getColumn("ask_price_2").toArray() as number[];
  const a1 = df.getColumn("ask_price_1").toArray() as number[];
  for (let i = 0; i < b1.length; i++) {
    assert.ok(Math.abs(b1[i] - b3[i] - 0.02) < 1e-9);
    assert.ok(Math.abs(a2[i] - a1[i] - 0.01) < 1e-9);
  }
  const q = df.getColumn("ask_qty_3").toArray() as number[];
  assert.ok(q.every((v) => v % 100 === 0 && v >= 100 && v <= 2000));
});
