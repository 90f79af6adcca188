import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { Adam } from "../../../lib/rl/nn/adam.ts";
import { NonFiniteError } from "../../../lib/rl/nn/finite.ts";

/** Float64 reference of Algorithm 1 (ε outside the square root). */
function referenceAdam(
  w0: number[],
  gradOf: (w: number[]) => number[],
  steps: number,
  lr: number,
  b1 = 0.9,
  b2 = 0.999,
  eps = 1e-8,
): number[] {
  const w = [...w0], m = w0.map(() => 0), v = w0.map(() => 0);
  for (let t = 1; t <= steps; t++) {
    const g = gradOf(w);
    for (let i = 0; i < w.length; i++) {
      m[i] = b1 * m[i] + (1 - b1) * g[i];
      v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
      w[i] -= lr * (m[i] / (1 - b1 ** t)) / (Math.sqrt(v[i] / (1 - b2 ** t)) + eps);
    }
  }
  return w;
}

Deno.test("Adam: follows Algorithm 1 (float64 reference) on a quadratic, on cpu and wasm", async () => {
  const target = [1, -2, 0.5];
  const w0 = [0.3, 0.7, -1.1];
  // loss = Σ c_i (w_i − target_i)², gradient 2 c_i (w_i − target_i)
  const c = [1, 3, 0.5];
  const expected = referenceAdam(w0, (w) => w.map((x, i) => 2 * c[i] * (x - target[i])), 25, 0.05);
  for (const backend of ["cpu", "wasm"]) {
    if (backend === "wasm") await initWasmBackend();
    else await tf.setBackend("cpu");
    const w = tf.variable(tf.tensor1d(w0), true, `t/adam/ref/${backend}`);
    const adam = new Adam([w], { learningRate: 0.05 });
    const ct = tf.tensor1d(c), tt = tf.tensor1d(target);
    for (let i = 0; i < 25; i++) {
      adam.minimize(() => tf.sum(tf.mul(ct, tf.square(tf.sub(w, tt)))) as tf.Scalar);
    }
    const got = Array.from(w.dataSync());
    got.forEach((x, i) =>
      assert.ok(Math.abs(x - expected[i]) < 1e-5, `${backend}: ${x} vs ${expected[i]}`)
    );
    assert.equal(adam.step, 25);
    adam.dispose();
    tf.dispose([w, ct, tt]);
  }
  await tf.setBackend("cpu");
});

Deno.test("Adam: the first step moves each weight by the learning rate against its gradient's sign", async () => {
  await tf.setBackend("cpu");
  const w = tf.variable(tf.tensor1d([1, 1, 1]), true, "t/adam/first");
  const adam = new Adam([w], { learningRate: 0.01 });
  const g = tf.tensor1d([5, -0.001, 200]);
  adam.applyGradients({ [w.name]: g });
  const got = Array.from(w.dataSync());
  [0.99, 1.01, 0.99].forEach((e, i) => assert.ok(Math.abs(got[i] - e) < 1e-6));
  adam.dispose();
  tf.dispose([w, g]);
});

Deno.test("Adam: state saved mid-run and restored continues bit for bit", async () => {
  await tf.setBackend("cpu");
  const init = [0.5, -0.25, 2, 1];
  const loss = (w: tf.Variable) => () => tf.sum(tf.pow(tf.sub(w, 0.3), 4)) as tf.Scalar;
  const a = tf.variable(tf.tensor1d(init), true, "t/adam/resume/a");
  const adamA = new Adam([a], { learningRate: 0.02, epsilon: 1e-5 });
  for (let i = 0; i < 10; i++) adamA.minimize(loss(a));
  const saved = adamA.getState();
  const savedWeights = Array.from(a.dataSync());
  for (let i = 0; i < 10; i++) adamA.minimize(loss(a));

  // A fresh optimiser over a fresh variable of the same name, restored.
  a.dispose();
  const b = tf.variable(tf.tensor1d(savedWeights), true, "t/adam/resume/a");
  const adamB = new Adam([b], { learningRate: 0.5, epsilon: 1e-5 });
  adamB.setState(saved);
  assert.equal(adamB.step, 10);
  assert.equal(adamB.learningRate, 0.02);
  for (let i = 0; i < 10; i++) adamB.minimize(loss(b));
  const continued = Float32Array.from(b.dataSync());
  // Uninterrupted run for comparison.
  b.dispose();
  const c = tf.variable(tf.tensor1d(init), true, "t/adam/resume/a");
  const adamC = new Adam([c], { learningRate: 0.02, epsilon: 1e-5 });
  for (let i = 0; i < 20; i++) adamC.minimize(loss(c));
  assert.deepEqual(continued, Float32Array.from(c.dataSync()));
  tf.dispose(Object.values(saved.tensors));
  for (const o of [adamA, adamB, adamC]) o.dispose();
  c.dispose();
});

Deno.test("Adam.minimize: a NaN loss or gradient stops the update, names it, changes nothing", async () => {
  await tf.setBackend("cpu");
  const w = tf.variable(tf.tensor1d([1, 2]), true, "t/adam/nan/w");
  const u = tf.variable(tf.tensor1d([3]), true, "t/adam/nan/u");
  const adam = new Adam([w, u], { learningRate: 0.1 });
  const before = tf.memory().numTensors;
  assert.throws(
    () => adam.minimize(() => tf.add(tf.sum(w), tf.div(tf.sum(u), 0)) as tf.Scalar),
    (err: unknown) =>
      err instanceof NonFiniteError && err.tensorName === "the loss" &&
      err.message === "update 1: expected finite values, found NaN or infinity in the loss",
  );
  // Finite loss, infinite gradient of u only: sqrt(u − 3) at u = 3.
  assert.throws(
    () =>
      adam.minimize(
        () => tf.add(tf.sum(w), tf.sum(tf.mul(0, tf.sqrt(tf.sub(u, 3))))) as tf.Scalar,
        {
          context: "epoch 2",
        },
      ),
    (err: unknown) =>
      err instanceof NonFiniteError && err.tensorName === "the gradient of t/adam/nan/u" &&
      err.message.startsWith("epoch 2: "),
  );
  assert.deepEqual(Array.from(w.dataSync()), [1, 2]);
  assert.deepEqual(Array.from(u.dataSync()), [3]);
  assert.equal(adam.step, 0);
  assert.equal(tf.memory().numTensors, before, "nothing leaked on the error paths");
  adam.dispose();
  tf.dispose([w, u]);
});

Deno.test("Adam.minimize: reports the pre-clipping norm and clips the step's input", async () => {
  await tf.setBackend("cpu");
  const w = tf.variable(tf.tensor1d([0, 0]), true, "t/adam/clip/w");
  const adam = new Adam([w], { learningRate: 0.1 });
  const k = tf.tensor1d([30, 40]);
  const r = adam.minimize(() => tf.sum(tf.mul(w, k)) as tf.Scalar, { maxGradNorm: 1 });
  assert.equal(r.loss, 0);
  assert.ok(Math.abs(r.gradNorm - 50) < 1e-4);
  // Adam's first step is ±lr whatever the scale; the second moment shows the clipping:
  const state = adam.getState();
  const v = Array.from(state.tensors["t/adam/clip/w/v"].dataSync());
  assert.ok(Math.abs(v[0] - 0.001 * 0.6 ** 2) < 1e-8 && Math.abs(v[1] - 0.001 * 0.8 ** 2) < 1e-8);
  tf.dispose(Object.values(state.tensors));
  adam.dispose();
  tf.dispose([w, k]);
});

Deno.test("Adam: refuses foreign gradients, duplicate variables and bad hyper-parameters", async () => {
  await tf.setBackend("cpu");
  const w = tf.variable(tf.tensor1d([0]), true, "t/adam/bad/w");
  assert.throws(() => new Adam([w, w], { learningRate: 0.1 }), /listed twice/);
  assert.throws(
    () => new Adam([w], { learningRate: 0.1, beta1: 1 }),
    /expected 0 ≤ beta1 < 1, found 1/,
  );
  const adam = new Adam([w], { learningRate: 0.1 });
  assert.throws(
    () => adam.applyGradients({ other: tf.scalar(1) }),
    /expected gradients of its own variables, found one for other/,
  );
  assert.throws(
    () => adam.setState({ step: 1, tensors: {} }),
    /expected a tensor t\/adam\/bad\/w\/m, found none/,
  );
  adam.dispose();
  w.dispose();
});
