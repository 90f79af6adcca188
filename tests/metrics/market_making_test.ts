import { strict as assert } from "node:assert";
import { InputError } from "../../lib/core/errors.ts";
import {
  fillRate,
  markouts,
  maxAbsInventory,
  meanAbsInventory,
  spreadCaptured,
  timeAtInventoryLimit,
} from "../../lib/metrics/market_making.ts";
import { assertClose } from "./_approx.ts";

Deno.test("inventory: mean |I|, max |I|, share of steps at the limit", () => {
  const inv = [0, 3, -5, 5, 2];
  assert.equal(meanAbsInventory(inv), 3); // (0 + 3 + 5 + 5 + 2)/5 = 15/5
  assert.equal(maxAbsInventory(inv), 5);
  assert.equal(timeAtInventoryLimit(inv, 5), 0.4); // |−5|, |5| → 2/5
  assert.equal(timeAtInventoryLimit(inv, 3), 0.6); // 3, −5, 5 → 3/5
  assert(Number.isNaN(meanAbsInventory([])));
  assert(Number.isNaN(maxAbsInventory([])));
  assert(Number.isNaN(timeAtInventoryLimit([], 5)));
  assert.throws(() => timeAtInventoryLimit(inv, 0), InputError);
});

Deno.test("fillRate = fills / quotes", () => {
  assert.equal(fillRate(3, 12), 0.25);
  assert(Number.isNaN(fillRate(0, 0)));
});

Deno.test("spreadCaptured = side × (mid − price)", () => {
  // buy 99.9 @ mid 100 → +0.1; sell 100.3 @ mid 100.1 → −(100.1 − 100.3) = +0.2;
  // buy 100.05 @ mid 100 → −0.05. mean = 0.25/3; with q = [2, 1, 4]: 0.2 + 0.2 − 0.2 = 0.2
  const s = spreadCaptured([99.9, 100.3, 100.05], [1, -1, 1], [100, 100.1, 100], [2, 1, 4]);
  assertClose(s.perFill[0], 0.1, 1e-12);
  assertClose(s.perFill[1], 0.2, 1e-12);
  assertClose(s.perFill[2], -0.05, 1e-12);
  assertClose(s.mean, 0.25 / 3, 1e-12);
  assertClose(s.total, 0.2, 1e-12);
  assertClose(spreadCaptured([99.9], [1], [100]).total, 0.1, 1e-12);
  assert(Number.isNaN(spreadCaptured([], [], []).mean));
  assert.throws(() => spreadCaptured([1], [1, 1], [1]), InputError);
});

Deno.test("markouts at 1, 10 and 60 s with as-of mids", () => {
  // mids:   t = 0    0.5  1.2  5    11   21   70
  //         m = 100  101  102  103  104  106  105
  // fill A: t = 0.6 buy @ 100.9: mid(0.6) = 101; +1 s → mid(1.6) = 102 (+1);
  //         +10 s → mid(10.6) = 103 (+2); +60 s → mid(60.6) = 106 (+5)
  // fill B: t = 4 sell @ 102.2: mid(4) = 102; mid(5) = 103 → −1; mid(14) = 104 → −2; mid(64) = 106 → −4
  // fill C: t = 20 buy @ 103.9: mid(20) = 104; mid(21) = 106 → +2; mid(30) = 106 → +2;
  //         t + 60 = 80 > 70 (last mid) → left out at 60 s
  // means: 1 s (1 − 1 + 2)/3 = 2/3; 10 s (2 − 2 + 2)/3 = 2/3; 60 s (5 − 4)/2 = 0.5
  // vs price at 1 s: (102 − 100.9) − (103 − 102.2) + (106 − 103.9) = 1.1 − 0.8 + 2.1 = 2.4 → 0.8
  // vs price at 60 s: (106 − 100.9) − (106 − 102.2) = 5.1 − 3.8 = 1.3 → 0.65
  const m = markouts({
    fillTimesSec: [0.6, 4, 20],
    sides: [1, -1, 1],
    prices: [100.9, 102.2, 103.9],
    midTimesSec: [0, 0.5, 1.2, 5, 11, 21, 70],
    mids: [100, 101, 102, 103, 104, 106, 105],
  });
  assert.deepEqual(m.map((x) => x.horizonSec), [1, 10, 60]);
  assertClose(m[0].mean, 2 / 3, 1e-12);
  assertClose(m[1].mean, 2 / 3, 1e-12);
  assertClose(m[2].mean, 0.5, 1e-12);
  assert.deepEqual(m.map((x) => x.count), [3, 3, 2]);
  assert.deepEqual(Array.from(m[2].perFill).slice(0, 2), [5, -4]);
  assert(Number.isNaN(m[2].perFill[2]));
  assertClose(m[0].meanVsPrice, 0.8, 1e-12);
  assertClose(m[2].meanVsPrice, 0.65, 1e-12);
});

Deno.test("markouts edge cases", () => {
  // a fill before the first mid has no mid(t): left out
  const m = markouts({
    fillTimesSec: [-1],
    sides: [1],
    midTimesSec: [0, 100],
    mids: [1, 2],
    horizonsSec: [1],
  });
  assert.equal(m[0].count, 0);
  assert(Number.isNaN(m[0].mean));
  assert(Number.isNaN(m[0].meanVsPrice));
  assert.throws(
    () => markouts({ fillTimesSec: [], sides: [], midTimesSec: [2, 1], mids: [1, 1] }),
    InputError,
  );
  assert.throws(
    () => markouts({ fillTimesSec: [1], sides: [], midTimesSec: [], mids: [] }),
    InputError,
  );
});
