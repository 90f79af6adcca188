import { strict as assert } from "node:assert";
import { sampleOnGrid } from "../../../lib/sim/output/snapshot_grid.ts";

Deno.test("sampleOnGrid: last row at or before each grid time", () => {
  const ts = new Float64Array([100, 100, 150, 300, 301]);
  const g = sampleOnGrid(ts, ts.length, 0, 300, 100);
  assert.deepEqual([...g.timesNs], [0, 100, 200, 300]);
  assert.deepEqual([...g.rows], [-1, 1, 2, 3]); // equal times: the later row wins
  // The end is included only when it lies on the grid; `count` limits the rows read.
  const h = sampleOnGrid(ts, 2, 50, 349, 100);
  assert.deepEqual([...h.timesNs], [50, 150, 250]);
  assert.deepEqual([...h.rows], [-1, 1, 1]);
  assert.deepEqual([...sampleOnGrid(ts, 0, 0, 0, 1).rows], [-1]);
});

Deno.test("sampleOnGrid: rejects a bad step or an end before the start", () => {
  assert.throws(() => sampleOnGrid(new Float64Array(0), 0, 0, 10, 0), RangeError);
  assert.throws(() => sampleOnGrid(new Float64Array(0), 0, 0, 10, 1.5), RangeError);
  assert.throws(() => sampleOnGrid(new Float64Array(0), 0, 10, 0, 1), RangeError);
});
