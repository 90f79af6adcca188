/** POV: ρ × the last interval's market volume until the parent order is done. */

import { strict as assert } from "node:assert";
import { Pov } from "../../lib/baselines/pov.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { drive } from "./_views.ts";

const map = new TakerActionMap({ maxOrderSize: 100 });

Deno.test("pov: each order is the rate times the volume seen last interval", () => {
  const volumes = [100, 250, 0, 40, 1000];
  const r = drive(new Pov(map, { rate: 0.2, size: 10_000 }), 5, {
    map,
    over: (i) => ({ marketVolume: volumes[i] }),
  });
  assert.deepEqual(r.orders, [20, 50, 0, 8, 100]); // the last is capped at the map's largest order
});

Deno.test("pov: fractions of a lot carry over, so the total is ρ × the volume", () => {
  const r = drive(new Pov(map, { rate: 0.1, size: 10_000, side: -1 }), 20, {
    map,
    over: () => ({ marketVolume: 13 }),
  });
  assert.equal(-r.inventory, Math.floor(0.1 * 13 * 20 + 1e-9)); // 26 lots
  assert.ok(r.orders.every((o) => o === -1 || o === -2));
});

Deno.test("pov: stops at the parent size and at the horizon", () => {
  const done = drive(new Pov(map, { rate: 0.5, size: 30 }), 6, {
    map,
    over: () => ({ marketVolume: 20 }),
  });
  assert.deepEqual(done.orders, [10, 10, 10, 0, 0, 0]);
  const early = drive(new Pov(map, { rate: 0.5, size: 1000, horizonSeconds: 0.2 }), 6, {
    map,
    over: () => ({ marketVolume: 20 }),
  });
  assert.deepEqual(early.orders, [10, 10, 0, 0, 0, 0]);
  assert.throws(() => new Pov(map, { rate: 1.5 }), /rate in \(0, 1\]/);
});
