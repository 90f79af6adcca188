/** Random policy: uniform on [−1, 1], reproducible by seed. */

import { strict as assert } from "node:assert";
import { RandomPolicy } from "../../lib/baselines/random.ts";
import { NO_OBS, viewAt } from "./_views.ts";

function actions(p: RandomPolicy, seed: number, n: number): number[] {
  p.reset(seed);
  const out = new Float32Array(p.actionDim);
  const all: number[] = [];
  for (let i = 0; i < n; i++) {
    p.act(NO_OBS, viewAt(i, n), out);
    all.push(...out);
  }
  return all;
}

Deno.test("random: same seed → same actions; other seeds and other streams differ; all in [−1, 1]", () => {
  const p = new RandomPolicy(4, "mm_0");
  const a = actions(p, 11, 500);
  assert.deepEqual(actions(p, 11, 500), a);
  assert.deepEqual(
    actions(new RandomPolicy(4, "mm_0"), 11, 500),
    a,
    "a fresh policy with the same stream",
  );
  assert.notDeepEqual(actions(p, 12, 500), a);
  assert.notDeepEqual(actions(new RandomPolicy(4, "mm_1"), 11, 500), a);
  assert.ok(a.every((x) => x >= -1 && x <= 1));
  // Roughly uniform: mean near 0 and both halves used.
  const mean = a.reduce((s, x) => s + x, 0) / a.length;
  assert.ok(Math.abs(mean) < 0.05, `mean ${mean}`);
  assert.equal(new RandomPolicy(2, "t").actionDim, 2);
  assert.throws(() => new RandomPolicy(0), /action size/);
});
