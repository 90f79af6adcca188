import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { Mlp } from "../../../lib/rl/nn/mlp.ts";
import { hardUpdate, softUpdate } from "../../../lib/rl/nn/polyak.ts";

Deno.test("softUpdate: θ′ ← τθ + (1 − τ)θ′ over whole networks; hardUpdate copies", async () => {
  await tf.setBackend("cpu");
  const opts = { inputSize: 3, hiddenSizes: [4], outputSize: 2 };
  const source = new Mlp({ ...opts, name: "t/polyak/source", rng: Rng.fromSeed(1) });
  const target = new Mlp({
    ...opts,
    name: "t/polyak/target",
    rng: Rng.fromSeed(2),
    trainable: false,
  });
  try {
    const s0 = source.variables().map((v) => Array.from(v.dataSync()));
    const t0 = target.variables().map((v) => Array.from(v.dataSync()));
    softUpdate(target, source, 0.1);
    target.variables().forEach((v, k) => {
      const got = v.dataSync();
      for (let i = 0; i < got.length; i++) {
        assert.ok(Math.abs(got[i] - (0.1 * s0[k][i] + 0.9 * t0[k][i])) < 1e-6);
      }
    });
    hardUpdate(target, source);
    target.variables().forEach((v, k) => assert.deepEqual(Array.from(v.dataSync()), s0[k]));
    // τ = 0 leaves the target alone; the source never changes.
    softUpdate(target, source, 0);
    source.variables().forEach((v, k) => assert.deepEqual(Array.from(v.dataSync()), s0[k]));
  } finally {
    source.dispose();
    target.dispose();
  }
});

Deno.test("softUpdate: refuses mismatched networks and τ outside [0, 1]", async () => {
  await tf.setBackend("cpu");
  const a = new Mlp({
    name: "t/polyak/a",
    inputSize: 3,
    hiddenSizes: [4],
    outputSize: 2,
    rng: Rng.fromSeed(1),
  });
  const b = new Mlp({
    name: "t/polyak/b",
    inputSize: 3,
    hiddenSizes: [5],
    outputSize: 2,
    rng: Rng.fromSeed(1),
  });
  const c = new Mlp({
    name: "t/polyak/c",
    inputSize: 3,
    hiddenSizes: [],
    outputSize: 2,
    rng: Rng.fromSeed(1),
  });
  try {
    assert.throws(
      () => softUpdate(a, b, 0.5),
      /expected t\/polyak\/a\/dense_0\/kernel \[3,4\] to match t\/polyak\/b\/dense_0\/kernel \[3,5\]/,
    );
    assert.throws(
      () => softUpdate(a, c, 0.5),
      /expected as many target variables as source ones, found 4 and 2/,
    );
    assert.throws(() => softUpdate(a, a, 1.5), /expected 0 ≤ tau ≤ 1, found 1.5/);
  } finally {
    for (const m of [a, b, c]) m.dispose();
  }
});
