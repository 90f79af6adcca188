import { strict as assert } from "node:assert";
import { calmarRatio, drawdownSeries, maxDrawdown } from "../../lib/metrics/drawdown.ts";
import { assertClose } from "./_approx.ts";

Deno.test("maxDrawdown: depth, peak, trough, recovery and duration", () => {
  // running peak: 100 110 110 120 120 120 130 130
  // drawdown:       0   0   5   0  30  25   0   5  → MDD 30 from index 3 (120) to 4 (90);
  // back at ≥ 120 first at index 6 (130): duration 6 − 3 = 3, peak-to-trough 4 − 3 = 1.
  const e = [100, 110, 105, 120, 90, 95, 130, 125];
  assert.deepEqual(maxDrawdown(e), {
    maxDrawdown: 30,
    peakIndex: 3,
    troughIndex: 4,
    recoveryIndex: 6,
    recovered: true,
    peakToTroughPeriods: 1,
    durationPeriods: 3,
  });
  assert.deepEqual(Array.from(drawdownSeries(e)), [0, 0, 5, 0, 30, 25, 0, 5]);
});

Deno.test("maxDrawdown without recovery runs to the last index", () => {
  // [0, 5, 2, 4, 6, 1]: dd 0 0 3 1 0 5 → MDD 5, peak 4, trough 5, never recovered;
  // duration = last index 5 − peak 4 = 1.
  const dd = maxDrawdown([0, 5, 2, 4, 6, 1]);
  assert.equal(dd.maxDrawdown, 5);
  assert.equal(dd.peakIndex, 4);
  assert.equal(dd.troughIndex, 5);
  assert.equal(dd.recoveryIndex, -1);
  assert.equal(dd.recovered, false);
  assert.equal(dd.durationPeriods, 1);
});

Deno.test("maxDrawdown ties: latest peak at the level, first deepest trough", () => {
  // [5, 3, 5, 1, 2]: the peak level 5 is reached again at index 2, so the MDD 4 runs 2 → 3;
  // not recovered: duration 4 − 2 = 2.
  const a = maxDrawdown([5, 3, 5, 1, 2]);
  assert.equal(a.maxDrawdown, 4);
  assert.equal(a.peakIndex, 2);
  assert.equal(a.troughIndex, 3);
  assert.equal(a.durationPeriods, 2);
  // [5, 1, 5, 1]: two falls of 4; the first (0 → 1, recovered at 2) is reported.
  const b = maxDrawdown([5, 1, 5, 1]);
  assert.equal(b.peakIndex, 0);
  assert.equal(b.troughIndex, 1);
  assert.equal(b.recoveryIndex, 2);
  assert.equal(b.durationPeriods, 2);
});

Deno.test("maxDrawdown of a rising curve is 0; of an empty one NaN", () => {
  const up = maxDrawdown([1, 2, 3]);
  assert.equal(up.maxDrawdown, 0);
  assert.equal(up.peakIndex, 2);
  assert.equal(up.troughIndex, 2);
  assert.equal(up.durationPeriods, 0);
  const none = maxDrawdown([]);
  assert(Number.isNaN(none.maxDrawdown));
  assert.equal(none.peakIndex, -1);
  assert.equal(none.troughIndex, -1);
});

Deno.test("calmarRatio = mean × P / MDD of the cumulative returns", () => {
  // r = [0.1, −0.05, −0.05, 0.2], P = 4: mean 0.2/4 = 0.05 → R_ann = 0.2;
  // cumulative 0, 0.1, 0.05, 0, 0.2 → MDD 0.1 → Calmar 0.2 / 0.1 = 2
  assertClose(calmarRatio([0.1, -0.05, -0.05, 0.2], 4), 2, 1e-12);
  assert.equal(calmarRatio([0.01, 0.02], 252), Infinity);
  assert(Number.isNaN(calmarRatio([], 252)));
  assert(Number.isNaN(calmarRatio([0, 0], 252)));
});
