import { strict as assert } from "node:assert";
import { InputError } from "../../lib/core/errors.ts";
import {
  implementationShortfall,
  participationRate,
  slippageVsArrivalBps,
  slippageVsVwapBps,
  vwap,
} from "../../lib/metrics/execution.ts";
import { assertClose } from "./_approx.ts";

Deno.test("vwap = Σpq / Σq", () => {
  // (10 × 100 + 11 × 200 + 12 × 100) / 400 = 4400 / 400 = 11
  assert.equal(vwap([10, 11, 12], [100, 200, 100]), 11);
  assert(Number.isNaN(vwap([], [])));
});

Deno.test("implementationShortfall (Perold 1988): execution + opportunity + fees", () => {
  // buy 1000 at arrival 50; filled 400 @ 50.10 and 300 @ 50.20; final 51; fees 5.
  // execution = 400 × 0.10 + 300 × 0.20 = 40 + 60 = 100
  // opportunity = (1000 − 700) × (51 − 50) = 300; total = 405
  // bps = 405 / (1000 × 50) × 10⁴ = 81
  const is = implementationShortfall({
    side: 1,
    arrivalPrice: 50,
    targetQuantity: 1000,
    fillPrices: [50.1, 50.2],
    fillQuantities: [400, 300],
    finalPrice: 51,
    fees: 5,
  });
  assertClose(is.executionCost, 100, 1e-9);
  assertClose(is.opportunityCost, 300, 1e-9);
  assert.equal(is.fees, 5);
  assertClose(is.total, 405, 1e-9);
  assertClose(is.bps, 81, 1e-9);
  // sell 100 at arrival 50, all filled @ 49.9: −1 × 100 × (49.9 − 50) = 10; 10 / 5000 × 10⁴ = 20 bp
  const sell = implementationShortfall({
    side: -1,
    arrivalPrice: 50,
    targetQuantity: 100,
    fillPrices: [49.9],
    fillQuantities: [100],
  });
  assertClose(sell.total, 10, 1e-9);
  assert.equal(sell.opportunityCost, 0);
  assertClose(sell.bps, 20, 1e-9);
  assert.throws(
    () =>
      implementationShortfall({
        side: 0,
        arrivalPrice: 50,
        targetQuantity: 1,
        fillPrices: [],
        fillQuantities: [],
      }),
    InputError,
  );
});

Deno.test("slippage against arrival and against VWAP, in bp", () => {
  // sell, fills 99 × 3 and 101 × 1: VWAP = (297 + 101)/4 = 99.5;
  // vs arrival 100: −1 × (99.5 − 100)/100 × 10⁴ = 50 bp of cost
  assertClose(slippageVsArrivalBps(-1, [99, 101], [3, 1], 100), 50, 1e-9);
  // buy at 99.5 vs market VWAP 100: (99.5 − 100)/100 × 10⁴ = −50 bp (better than VWAP)
  assertClose(slippageVsVwapBps(1, [99, 101], [3, 1], 100), -50, 1e-9);
  assert(Number.isNaN(slippageVsArrivalBps(1, [], [], 100)));
  assert.throws(() => slippageVsVwapBps(2, [1], [1], 1), InputError);
});

Deno.test("participationRate = executed / market volume", () => {
  assert.equal(participationRate(250, 1000), 0.25);
  assert(Number.isNaN(participationRate(10, 0)));
});
