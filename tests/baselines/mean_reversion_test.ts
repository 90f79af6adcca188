/** Mean reversion: fade deviations beyond the band, close at the average. */

import { strict as assert } from "node:assert";
import { MeanReversion } from "../../lib/baselines/mean_reversion.ts";
import { TakerActionMap } from "../../lib/env/action_mapping.ts";
import { drive } from "./_views.ts";

const map = new TakerActionMap({ maxOrderSize: 100 });

Deno.test("mean-reversion: short above the band, closed back at the average; long below the band", () => {
  // Window 4, band = max(1·sd, 2 ticks).
  const mids = [100, 100, 100, 100, 110, 105, 100, 100, 100, 90, 100];
  const p = new MeanReversion(map, { window: 4, bandSd: 1, minBandTicks: 2, position: 3 });
  const r = drive(p, mids.length, { map, over: (i) => ({ midTicks: mids[i] }) });
  // Step 3: flat window (sd 0, band 2, dev 0) → nothing. Step 4: [100,100,100,110] mean 102.5, sd 4.33,
  // dev 7.5 > 4.33 → short 3. Step 5: [100,100,110,105] mean 103.75, dev 1.25 inside, still above → hold.
  // Step 6: [100,110,105,100] mean 103.75, dev −3.75 ≤ 0 → close. Steps 7, 8: inside. Step 9:
  // [100,100,100,90] mean 97.5, sd 4.33, dev −7.5 → long 3. Step 10: [100,100,90,100] mean 97.5, dev 2.5 ≥ 0 → close.
  assert.deepEqual(r.orders, [0, 0, 0, 0, -3, 0, 3, 0, 0, 3, -3]);
  assert.equal(r.inventory, 0);
  assert.throws(() => new MeanReversion(map, { window: 0 }), /window ≥ 1/);
});
