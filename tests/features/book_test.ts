import { strict as assert } from "node:assert";
import { assertClose, features } from "./_frames.ts";

const BOOK = ["mid_price", "spread", "spread_bps", "spread_rel", "imbalance", "microprice"];

Deno.test("book features: hand-computed values, the tick fallback, 0/0 and empty sides are null", () => {
  const { cols } = features(
    [
      { bid: 10, ask: 10.02, qb: 300, qa: 100 },
      { bid: 10, ask: 10.02, qb: 300, qa: 100, tick: null }, // fallback tick 0.005
      { bid: 10, ask: 10.04, qb: 0, qa: 0 },
      { bid: null, ask: 10.04, qb: null, qa: 50 },
    ],
    BOOK,
    { tickSize: 0.005 },
  );
  assertClose(cols.mid_price, [10.01, 10.01, 10.02, null], 1e-15, "mid");
  assertClose(cols.spread, [0.02, 0.02, 0.04, null], 1e-12, "spread");
  assertClose(cols.spread_bps, [200 / 10.01, 200 / 10.01, 400 / 10.02, null], 1e-12, "bps");
  assertClose(cols.spread_rel, [2, 4, 4, null], 1e-12, "spread_rel");
  assertClose(cols.imbalance, [0.5, 0.5, null, null], 1e-15, "imbalance");
  assertClose(cols.microprice, [10.015, 10.015, null, null], 1e-15, "microprice");
});

Deno.test("mid snaps to the half-tick grid: equal mids are equal numbers", () => {
  // 223.45 + 223.48 and 223.44 + 223.49 differ in binary; both mids are 223.465.
  const { cols } = features(
    [{ bid: 223.45, ask: 223.48 }, { bid: 223.44, ask: 223.49 }, { bid: 10.0001, ask: 10.0002 }],
    ["mid_price", "log_return_1"],
  );
  assert.equal(cols.mid_price[0], cols.mid_price[1]);
  assert.equal(cols.log_return_1[1], 0);
  // Off the grid (a 0.0001 step with a 0.01 tick): left as (a + b)/2.
  assert.equal(cols.mid_price[2], (10.0001 + 10.0002) / 2);
});

Deno.test("depth_imbalance sums L levels, empty deeper levels count 0, and needs level 1", () => {
  const rows = [
    { bid: 10, ask: 10.01, qb: 100, qa: 50, bids: [200, 400], asks: [150, 800] },
    { bid: 10, ask: 10.01, qb: 100, qa: 50, bids: [null, 400], asks: [150, null] },
    { bid: null, ask: 10.01, qb: null, qa: 50, bids: [200, 400], asks: [150, 800] },
  ];
  const l2 = features(rows, ["depth_imbalance"], { depthLevels: 2 });
  // (100 + 200 − 50 − 150)/(100 + 200 + 50 + 150); (100 − 200)/(100 + 200)
  assertClose(l2.cols.depth_imbalance, [100 / 500, -100 / 300, null], 1e-15, "L=2");
  const l5 = features(rows, ["depth_imbalance"], { depthLevels: 5 });
  // capped at the 3 levels present, with a note
  assertClose(
    l5.cols.depth_imbalance,
    [(700 - 1000) / 1700, (500 - 200) / 700, null],
    1e-15,
    "L=3",
  );
  assert.equal(l5.plan.params.depthLevels, 3);
  assert(l5.plan.notes.some((n) => /depth_imbalance: the data has 3 book level/.test(n)));
});

Deno.test("depth_imbalance equals imbalance with level-1 data", () => {
  const { cols } = features(
    [{ bid: 10, ask: 10.01, qb: 7, qa: 3 }, { bid: 10, ask: 10.01, qb: 1, qa: 9 }],
    ["imbalance", "depth_imbalance"],
  );
  assert.deepEqual(cols.depth_imbalance, cols.imbalance);
  assertClose(cols.imbalance, [0.4, -0.8], 1e-15);
});
