/** Momentum: the sign of the mid change over the lookback sets the position. */

import { strict as assert } from "node:assert";
import { Momentum } from "../../lib/baselines/momentum.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { drive } from "./_views.ts";

const map = new TakerActionMap({ maxOrderSize: 100 });

Deno.test("momentum: long after a rise, short after a fall, flat before the lookback is filled", () => {
  const mids = [100, 100, 100, 103, 106, 104, 101, 98, 98, 98];
  const r = drive(new Momentum(map, { lookback: 3, position: 5 }), mids.length, {
    map,
    over: (i) => ({ midTicks: mids[i] }),
  });
  // Step 3: 103 − 100 > 0 → +5; step 4: 106 − 100 → hold; step 5: 104 − 100 > 0; step 6: 101 − 103 < 0 → −5 (trade −10);
  // step 7: 98 − 106 < 0; step 8: 98 − 104 < 0; step 9: 98 − 101 < 0.
  assert.deepEqual(r.orders, [0, 0, 0, 5, 0, 0, -10, 0, 0, 0]);
  assert.equal(r.inventory, -5);
});

Deno.test("momentum: a change within the threshold keeps the current position", () => {
  const mids = [100, 102, 103, 103, 102, 99];
  const r = drive(new Momentum(map, { lookback: 1, position: 2, thresholdTicks: 1 }), mids.length, {
    map,
    over: (i) => ({ midTicks: mids[i] }),
  });
  // Changes: +2 (long), +1 (hold), 0 (hold), −1 (hold), −3 (short).
  assert.deepEqual(r.orders, [0, 2, 0, 0, 0, -4]);
  assert.throws(() => new Momentum(map, { lookback: 0 }), /lookback ≥ 1/);
});
