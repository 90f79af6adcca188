import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { clipByGlobalNorm, globalNorm } from "../../../lib/rl/nn/clip.ts";

Deno.test("clipByGlobalNorm: below the limit unchanged, above scaled to the limit, directions kept", async () => {
  await tf.setBackend("cpu");
  const grads = { a: tf.tensor2d([[1, 2], [2, 0]]), b: tf.tensor1d([4]) }; // norm √(1+4+4+16) = 5
  const under = clipByGlobalNorm(grads, 10);
  assert.equal(under.globalNorm.dataSync()[0], 5);
  assert.deepEqual(Array.from(under.grads.a.dataSync()), [1, 2, 2, 0]);
  const over = clipByGlobalNorm(grads, 2);
  const a = Array.from(over.grads.a.dataSync()), b = Array.from(over.grads.b.dataSync());
  [0.4, 0.8, 0.8, 0].forEach((e, i) => assert.ok(Math.abs(a[i] - e) < 1e-6));
  assert.ok(Math.abs(b[0] - 1.6) < 1e-6);
  assert.ok(Math.abs(globalNorm([over.grads.a, over.grads.b]).dataSync()[0] - 2) < 1e-6);
  assert.throws(() => clipByGlobalNorm(grads, 0), /expected maxNorm > 0, found 0/);
  assert.equal(globalNorm([]).dataSync()[0], 0);
});

Deno.test("clipByGlobalNorm: a non-finite norm propagates (to be caught by the finite check)", async () => {
  await tf.setBackend("cpu");
  const { grads, globalNorm: n } = clipByGlobalNorm({ a: tf.tensor1d([1, Infinity]) }, 1);
  assert.equal(n.dataSync()[0], Infinity);
  assert.ok(Number.isNaN(grads.a.dataSync()[1]));
});
