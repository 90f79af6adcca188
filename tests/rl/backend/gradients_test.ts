import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { ZERO_GRADIENT_KERNELS } from "../../../lib/rl/backend/gradients.ts";

Deno.test("every kernel a loss can reach has a gradient", () => {
  for (
    const k of [
      "BatchMatMul",
      "Tanh",
      "Relu",
      "Softplus",
      "Atanh",
      "GatherV2",
      "Prod",
      "Select",
      ...ZERO_GRADIENT_KERNELS,
    ]
  ) {
    assert.ok(tf.getGradient(k) !== undefined && tf.getGradient(k) !== null, k);
  }
});

Deno.test("matMul with a broadcast batch: the gradient sums over the broadcast axis", async () => {
  await tf.setBackend("cpu");
  const a = tf.tensor3d([1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2]);
  const b = tf.tensor3d([1, -1, 2, 0.5], [1, 2, 2]);
  const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.matMul(x, y)))([a, b]);
  assert.deepEqual(gb.shape, [1, 2, 2]);
  // d/dB Σ A·B = Σ_batch Aᵀ·1: column sums of A over rows, summed over the batch.
  assert.deepEqual(Array.from(gb.dataSync()), [
    1 + 3 + 5 + 7,
    1 + 3 + 5 + 7,
    2 + 4 + 6 + 8,
    2 + 4 + 6 + 8,
  ]);
  assert.deepEqual(Array.from(ga.dataSync()), [0, 2.5, 0, 2.5, 0, 2.5, 0, 2.5]);
  // A rank-2 right operand broadcast against a rank-3 left one.
  const g2 = tf.grad((y: tf.Tensor) => tf.sum(tf.matMul(a, y)))(tf.tensor2d([1, 0, 0, 1], [2, 2]));
  assert.deepEqual(g2.shape, [2, 2]);
  tf.dispose([a, b, ga, gb, g2]);
});

Deno.test("masks built from a differentiable tensor: comparisons have a zero gradient", async () => {
  await tf.setBackend("cpu");
  // |x| through where(x > 0, x, −x): the gradient is sign(x), the mask adds nothing.
  const g = tf.grad((x: tf.Tensor) => tf.sum(tf.where(tf.greater(x, 0), x, tf.neg(x))))(
    tf.tensor1d([-2, 3, -0.5]),
  );
  assert.deepEqual(Array.from(g.dataSync()), [-1, 1, -1]);
  const h = tf.grad((x: tf.Tensor) =>
    tf.sum(tf.mul(x, tf.cast(tf.logicalAnd(tf.less(x, 2), tf.isFinite(x)), "float32")))
  )(tf.tensor1d([1, 3]));
  assert.deepEqual(Array.from(h.dataSync()), [1, 0]);
});

Deno.test("prod and batched gather differentiate (they need the chained tensor methods)", async () => {
  await tf.setBackend("cpu");
  const g = tf.grad((x: tf.Tensor) => tf.sum(tf.prod(x, 1)))(tf.tensor2d([[2, 3], [4, 5]]));
  assert.deepEqual(Array.from(g.dataSync()), [3, 2, 5, 4]);
  const idx = tf.tensor2d([[1], [0]], undefined, "int32");
  const h = tf.grad((x: tf.Tensor) => tf.sum(tf.gather(x, idx, 1, 1)))(
    tf.tensor2d([[2, 3], [4, 5]]),
  );
  assert.deepEqual(Array.from(h.dataSync()), [0, 1, 1, 0]);
});
