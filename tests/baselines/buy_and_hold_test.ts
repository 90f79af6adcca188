/** Buy-and-hold. */

import { strict as assert } from "node:assert";
import { BuyAndHold } from "../../lib/baselines/buy_and_hold.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { NO_OBS, viewAt } from "./_views.ts";

Deno.test("buy-and-hold: buys the size at the start (in order-size chunks), then holds whatever the market does", () => {
  const map = new TakerActionMap({ maxOrderSize: 40 });
  const p = new BuyAndHold(map, { size: 100 });
  const out = new Float32Array(2);
  let inventory = 0;
  const orders: number[] = [];
  for (let i = 0; i < 10; i++) {
    p.act(NO_OBS, viewAt(i, 10, { inventory, midTicks: 10_000 - 50 * i }), out);
    const o = map.decode(out);
    orders.push(o.signedSize);
    if (o.signedSize !== 0) assert.equal(o.aggressive, true);
    inventory += o.signedSize; // filled in full
  }
  assert.deepEqual(orders, [40, 40, 20, 0, 0, 0, 0, 0, 0, 0]);
  // A new episode starts over.
  p.reset(2);
  p.act(NO_OBS, viewAt(0, 10, { inventory: 0 }), out);
  assert.equal(map.decode(out).signedSize, 40);
});
