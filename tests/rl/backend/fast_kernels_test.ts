import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import {
  isFastKernelsPatched,
  patchFastKernels,
  unpatchFastKernels,
} from "../../../lib/rl/backend/fast_kernels.ts";
import { Rng } from "../../../lib/core/rng.ts";

function randomArray(n: number, rng: Rng, scale = 3): Float32Array {
  return new Float32Array(n).map(() => rng.uniform(-scale, scale));
}

/** Every patched case plus cases that must fall through to the original kernels. */
function ops(x: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const x2 = tf.tensor2d(x, [12, 10]);
    const x3 = tf.tensor3d(x, [3, 4, 10]);
    return [
      tf.tanh(x2),
      tf.tanh(tf.tensor1d([0, 1e-9, -1e-9, 40, -40, NaN])),
      tf.transpose(x2),
      tf.transpose(x3, [0, 2, 1]),
      tf.transpose(x3, [2, 0, 1]), // not a last-two swap: the original kernel
      tf.transpose(tf.tensor2d(Int32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], "int32")),
      tf.sum(x2, 0),
      tf.sum(x3, [0, 1]),
      tf.sum(x3, [1, 0], true),
      tf.sum(x3, -3),
      tf.sum(x3, 1), // not a leading axis: the original kernel
      tf.sum(x3), // every axis: the original kernel
    ].map((t) => Float32Array.from(t.dataSync() as Float32Array));
  });
}

Deno.test("fast wasm kernels (Tanh, Transpose, Sum) match cpu and the stock wasm kernels", async () => {
  const x = randomArray(120, Rng.fromSeed(9));
  await tf.setBackend("cpu");
  const cpu = ops(x);
  await initWasmBackend();
  assert.ok(isFastKernelsPatched("wasm"));
  const patched = ops(x);
  unpatchFastKernels("wasm");
  assert.ok(!isFastKernelsPatched("wasm"));
  const stock = ops(x);
  patchFastKernels("wasm");
  assert.ok(isFastKernelsPatched("wasm"));
  for (let i = 0; i < cpu.length; i++) {
    assert.equal(patched[i].length, cpu[i].length, `case ${i}: length`);
    for (let j = 0; j < cpu[i].length; j++) {
      for (const [name, other] of [["cpu", cpu[i][j]], ["stock wasm", stock[i][j]]] as const) {
        if (Number.isNaN(other)) {
          assert.ok(Number.isNaN(patched[i][j]), `case ${i}[${j}]: NaN vs ${name}`);
          continue;
        }
        assert.ok(
          Math.abs(patched[i][j] - other) <= 1e-5 * Math.max(1, Math.abs(other)),
          `case ${i}[${j}]: ${patched[i][j]} vs ${name} ${other}`,
        );
      }
    }
  }
  // Transposes are copies: exact.
  for (const i of [2, 3, 5]) assert.deepEqual(patched[i], cpu[i]);
});

Deno.test("fast Tanh keeps tanh's gradient on wasm", async () => {
  await initWasmBackend();
  const g = tf.tidy(() => {
    const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2]);
    return tf.grad((v: tf.Tensor) => tf.sum(tf.tanh(v)))(x).dataSync();
  });
  const expected = [-2, -0.5, 0, 0.5, 2].map((v) => 1 - Math.tanh(v) ** 2);
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(g[i] - expected[i]) < 1e-6);
});

Deno.test("fast Identity on wasm: a clone shares the data, outlives its source, frees its memory", async () => {
  await initWasmBackend();
  patchFastKernels("wasm");
  const before = tf.memory().numTensors;
  const buffers = () => tf.engine().backend.numDataIds();
  const buffersBefore = buffers();
  const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
  const y = tf.clone(x);
  assert.equal(y.dataId, x.dataId, "the clone shares the data");
  assert.equal(buffers(), buffersBefore + 1);
  x.dispose();
  assert.deepEqual(Array.from(y.dataSync()), [1, 2, 3, 4, 5, 6]);
  // A gradient through ops that save their inputs (the engine clones them) is unchanged.
  const w = tf.tidy(() => tf.variable(tf.tensor1d([0.5, -1]), true, "t/fast/identity/w"));
  const g = tf.variableGrads(() => tf.sum(tf.mul(tf.tanh(w), w)) as tf.Scalar, [w]);
  const expected = [0.5, -1].map((v) => Math.tanh(v) + v * (1 - Math.tanh(v) ** 2));
  Array.from(g.grads[w.name].dataSync()).forEach((v, i) =>
    assert(Math.abs(v - expected[i]) < 1e-6, `${v} vs ${expected[i]}`)
  );
  tf.dispose([y, w, g.value, ...Object.values(g.grads)]);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(buffers(), buffersBefore, "every shared buffer was freed");
  // String tensors keep the original kernel.
  const s = tf.tensor1d(["a", "b"], "string");
  const sc = tf.clone(s);
  assert.deepEqual(sc.dataSync(), ["a", "b"]);
  tf.dispose([s, sc]);
  await tf.setBackend("cpu");
});
