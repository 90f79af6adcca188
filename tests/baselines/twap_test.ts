/** TWAP: equal slices that sum to the parent size, catching up unfilled slices. */

import { strict as assert } from "node:assert";
import { Twap, twapTargets } from "../../lib/baselines/twap.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { drive } from "./_views.ts";

const map = new TakerActionMap({ maxOrderSize: 100 });

Deno.test("twap: slices sum to the parent size and differ by at most one lot", () => {
  for (const [size, steps] of [[100, 200], [1000, 7], [5, 5], [37, 10], [1, 3]]) {
    const t = twapTargets(size, steps);
    assert.equal(t[steps - 1], size);
    const slices = [...t].map((x, i) => x - (i === 0 ? 0 : t[i - 1]));
    assert.equal(slices.reduce((a, b) => a + b, 0), size);
    assert.ok(Math.max(...slices) - Math.min(...slices) <= 1, `${size}/${steps}: ${slices}`);
  }
});

Deno.test("twap: with full fills it sends the schedule's slices; a sell parent sends negative slices", () => {
  const big = new TakerActionMap({ maxOrderSize: 1000 });
  const buy = drive(new Twap(big, { side: 1, size: 1000, aggressive: true }), 7, { map: big });
  assert.deepEqual(buy.orders, [142, 143, 143, 143, 143, 143, 143]);
  // Slices beyond the map's largest order are cut, and the rest is caught up at the following steps.
  const capped = drive(new Twap(map, { size: 300 }), 3, { map });
  assert.deepEqual(capped.orders, [100, 100, 100]);
  const over = drive(new Twap(map, { size: 330 }), 3, { map });
  assert.deepEqual(over.orders, [100, 100, 100], "the map caps every order at 100 lots");
  const sell = drive(new Twap(map, { side: -1, size: 10 }), 4);
  assert.deepEqual(sell.orders, [-2, -3, -2, -3]);
  assert.equal(sell.inventory, -10);
});

Deno.test("twap: unfilled slices are caught up, and nothing is sent beyond the parent size", () => {
  // Nothing fills in the first half; everything fills afterwards.
  const r = drive(new Twap(map, { size: 20 }), 10, { map, fill: (i, o) => (i < 5 ? 0 : o) });
  assert.deepEqual(r.orders, [2, 4, 6, 8, 10, 12, 2, 2, 2, 2]);
  assert.equal(r.inventory, 20);
});

Deno.test("twap: a horizon shorter than the episode finishes early", () => {
  // 10 steps of 100 ms; horizon 0.4 s = 4 steps.
  const r = drive(new Twap(map, { size: 8, horizonSeconds: 0.4 }), 10);
  assert.deepEqual(r.orders, [2, 2, 2, 2, 0, 0, 0, 0, 0, 0]);
  assert.throws(() => new Twap(map, { size: 0 }), /parent size/);
});
