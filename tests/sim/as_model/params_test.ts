import { strict as assert } from "node:assert";
import {
  AS_MODEL_DEFAULTS,
  asModelParams,
  asModelParamsFromConfig,
  asModelSteps,
} from "../../../lib/sim/as_model/mod.ts";

Deno.test("params: the paper's section 4 defaults, 200 steps", () => {
  assert.deepEqual(asModelParams(), {
    s0: 100,
    T: 1,
    sigma: 2,
    dt: 0.005,
    A: 140,
    k: 1.5,
    q0: 0,
  });
  assert.equal(asModelSteps(AS_MODEL_DEFAULTS), 200);
  assert.equal(asModelSteps(asModelParams({ T: 0.3, dt: 0.1 })), 3); // 0.3/0.1 = 2.9999999999999996
  assert(Object.isFrozen(AS_MODEL_DEFAULTS));
});

Deno.test("params: each bad value names its key, what was expected and what was found", () => {
  const cases: [Record<string, number>, RegExp][] = [
    [{ sigma: 0 }, /AsModelParams\.sigma: expected a number > 0, found 0/],
    [{ T: -1 }, /AsModelParams\.T: expected a number > 0, found -1/],
    [{ dt: NaN }, /AsModelParams\.dt: expected a finite number, found NaN/],
    [{ A: Infinity }, /AsModelParams\.A: expected a finite number, found Infinity/],
    [{ k: -2 }, /AsModelParams\.k: expected a number > 0, found -2/],
    [{ s0: NaN }, /AsModelParams\.s0: expected a finite number/],
    [{ q0: 0.5 }, /AsModelParams\.q0: expected a whole number, found 0.5/],
    [{ dt: 2 }, /AsModelParams\.dt: expected a step ≤ T = 1, found 2/],
    [{ dt: 0.3 }, /expected T\/dt to be a whole number ≥ 1, found T\/dt = 3.33/],
  ];
  for (const [bad, message] of cases) assert.throws(() => asModelParams(bad), message);
});

Deno.test("params: from a config section", () => {
  const p = asModelParamsFromConfig({
    s0: 50,
    horizon_T: 2,
    sigma: 1,
    dt: 0.01,
    A: 100,
    k: 2,
    q0: -1,
    trajectories: 10,
  });
  assert.deepEqual(p, { s0: 50, T: 2, sigma: 1, dt: 0.01, A: 100, k: 2, q0: -1 });
});
