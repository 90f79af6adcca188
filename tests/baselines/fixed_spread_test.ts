/** Fixed-spread market maker. */

import { strict as assert } from "node:assert";
import { FixedSpread } from "../../lib/baselines/fixed_spread.ts";
import { MakerActionMap } from "../../lib/env/action_mapping.ts";
import { NO_OBS, viewAt } from "./_views.ts";

Deno.test("fixed-spread: the same symmetric quote at every step, whatever the inventory, in both action forms", () => {
  for (const mode of ["offsets", "skew_spread"] as const) {
    const map = new MakerActionMap({
      mode,
      minOffsetTicks: 1,
      maxOffsetTicks: 20,
      maxQuoteSize: 10,
    });
    const p = new FixedSpread(map, { halfSpreadTicks: 4, size: 7 });
    const out = new Float32Array(4);
    for (const inv of [0, 50, -80]) {
      p.act(NO_OBS, viewAt(3, 10, { inventory: inv }), out);
      assert.deepEqual(map.decode(out), {
        bidOffsetTicks: 4,
        askOffsetTicks: 4,
        bidSize: 7,
        askSize: 7,
      }, mode);
    }
  }
  const map = new MakerActionMap({
    mode: "offsets",
    minOffsetTicks: 1,
    maxOffsetTicks: 20,
    maxQuoteSize: 10,
  });
  assert.throws(() => new FixedSpread(map, { size: -1 }), /size ≥ 0/);
});
