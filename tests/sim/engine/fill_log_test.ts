/** FillLog: columnar append, growth, records and clear. */
import { strict as assert } from "node:assert";
import { FillLog } from "../../../lib/sim/engine/mod.ts";

Deno.test("FillLog keeps every row exactly across growth and clears on demand", () => {
  const log = new FillLog(1); // starts at 16 rows, must grow to hold 100
  const row = (i: number) =>
    [
      1e15 + i, // a nanosecond time beyond 2^32
      i % 3,
      2 ** 40 + i,
      i,
      i - 50,
      -1,
      -(2 ** 31) + i,
      2 ** 31 - 1 - i,
      i % 2 === 0 ? 1 : -1,
    ] as const;
  for (let i = 0; i < 100; i++) log.push(...row(i));
  assert.equal(log.count, 100);
  const records = log.toRecords();
  assert.equal(records.length, 100);
  for (let i = 0; i < 100; i++) {
    const r = row(i);
    assert.deepEqual(records[i], {
      tsNs: r[0],
      symbol: r[1],
      makerOrderId: r[2],
      takerOrderId: r[3],
      makerOwner: r[4],
      takerOwner: r[5],
      priceTicks: r[6],
      qty: r[7],
      aggressorSide: r[8],
    });
  }
  assert.deepEqual(log.get(17), records[17]);
  log.clear();
  assert.equal(log.count, 0);
  assert.deepEqual(log.toRecords(), []);
  log.push(5, 0, 1, 2, 3, 4, 100, 7, -1);
  assert.equal(log.count, 1);
  assert.equal(log.get(0).qty, 7);
});
