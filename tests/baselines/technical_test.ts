/** Technical rule: moving-average crossover, with Wilder's RSI vetoing trades into exhaustion. */

import { strict as assert } from "node:assert";
import { Technical } from "../../lib/baselines/technical.ts";
import { Rsi } from "../../lib/baselines/_rsi.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { drive, NO_OBS, viewAt } from "./_views.ts";

const map = new TakerActionMap({ maxOrderSize: 100 });

Deno.test("rsi: Wilder's smoothing, by hand", () => {
  const rsi = new Rsi(3);
  const values = [10, 11, 12, 11, 13, 12].map((p) => rsi.update(p));
  // Changes +1, +1, −1: avg gain 2/3, avg loss 1/3 → RSI 100 − 100/3 = 66.67.
  assert.ok(Number.isNaN(values[2]));
  assert.ok(Math.abs(values[3] - (100 - 100 / 3)) < 1e-12);
  // +2: gain (2/3·2 + 2)/3 = 10/9, loss (1/3·2)/3 = 2/9 → RS 5 → 83.33.
  assert.ok(Math.abs(values[4] - (100 - 100 / 6)) < 1e-12);
  // −1: gain (10/9·2)/3 = 20/27, loss (2/9·2 + 1)/3 = 13/27 → RS 20/13.
  assert.ok(Math.abs(values[5] - (100 - 100 / (1 + 20 / 13))) < 1e-12);
  const still = new Rsi(2);
  [5, 5, 5].forEach((p) => still.update(p));
  assert.equal(still.value, 50, "no movement");
});

Deno.test("technical: the RSI filter blocks buys when overbought and sells when oversold", () => {
  // A steady rise: fast MA above slow, but RSI = 100 → the buy is blocked at every step.
  const up = new Technical(map, { fast: 2, slow: 4, rsiPeriod: 3 });
  const rise = drive(up, 10, { map, over: (i) => ({ midTicks: 100 + i }) });
  assert.deepEqual(rise.orders, Array(10).fill(0));
  assert.equal(up.target, 10);
  assert.equal(up.blocked, true);
  // A steady fall: short wanted, RSI = 0 → the sell is blocked.
  const down = new Technical(map, { fast: 2, slow: 4, rsiPeriod: 3 });
  assert.deepEqual(
    drive(down, 10, { map, over: (i) => ({ midTicks: 200 - i }) }).orders,
    Array(10).fill(0),
  );
  assert.equal(down.target, -10);
});

Deno.test("technical: the crossover trades when the RSI allows it", () => {
  const mids = [104, 102, 100, 98, 100, 102, 105];
  const t = new Technical(map, { fast: 2, slow: 4, rsiPeriod: 3, position: 10 });
  const r = drive(t, mids.length, { map, over: (i) => ({ midTicks: mids[i] }) });
  // Step 3: fast 99 < slow 101 → short wanted, RSI 0 ≤ 30 → blocked. Step 4: fast 99 < slow 100,
  // RSI 33.3 > 30 → sell 10. Step 5: fast 101 > slow 100, RSI 55.6 < 70 → buy 20 (to +10).
  // Step 6: still long; RSI 74.6.
  assert.deepEqual(r.orders, [0, 0, 0, 0, -10, 20, 0]);
  assert.equal(r.inventory, 10);
  assert.ok(Math.abs(t.rsi - (100 - 100 / (1 + (47 / 27) / (16 / 27)))) < 1e-9, `RSI ${t.rsi}`);
  // Flat at step 6 instead, the buy would now be vetoed: RSI ≥ 70.
  const out = new Float32Array(2);
  t.reset(1);
  mids.forEach((m, i) => t.act(NO_OBS, viewAt(i, mids.length, { midTicks: m, inventory: 0 }), out));
  assert.equal(t.blocked, true);
  assert.equal(map.decode(out).signedSize, 0);
  assert.throws(() => new Technical(map, { fast: 5, slow: 5 }), /fast < slow/);
});
