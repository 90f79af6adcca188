import { strict as assert } from "node:assert";
import { gridDayFromFrame } from "../../lib/data/interim/grid_day_frame.ts";
import { gridDaySourceInfo } from "../../lib/features/grid_day_info.ts";
import { inspectSource } from "../../lib/features/pipeline.ts";
import { syntheticInterim } from "../../lib/features/synthetic.ts";

for (const [events, levels] of [[true, 5], [false, 1], [false, 3]] as const) {
  Deno.test(`gridDaySourceInfo equals inspectSource on the same day (events ${events}, ${levels} levels)`, () => {
    const frame = syntheticInterim({ rowsPerDay: 200, events, levels, seed: 4 });
    const ref = inspectSource(frame);
    const got = gridDaySourceInfo(gridDayFromFrame(frame));
    assert.equal(got.levels, ref.levels);
    assert.deepEqual(got.days, ref.days);
  });
}
