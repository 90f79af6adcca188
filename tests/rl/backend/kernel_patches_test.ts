import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import {
  cpuFallbackKernels,
  isTransposedMatMulPatched,
  patchTransposedMatMul,
  unpatchTransposedMatMul,
} from "../../../lib/rl/backend/kernel_patches.ts";
import { Rng } from "../../../lib/core/rng.ts";

function randomArray(n: number, rng: Rng): Float32Array {
  return new Float32Array(n).map(() => rng.uniform(-1, 1));
}

/** matMul in every transpose mode on the active backend, as plain arrays. */
function matMuls(a: Float32Array, b: Float32Array): Float32Array[] {
  return tf.tidy(() => {
    const A = tf.tensor3d(a, [2, 5, 6]);
    const B = tf.tensor3d(b, [2, 6, 5]);
    return [
      tf.matMul(A, B),
      tf.matMul(A, B, true, true),
      tf.matMul(A, tf.transpose(B, [0, 2, 1]), false, true),
      tf.matMul(tf.transpose(A, [0, 2, 1]), B, true, false),
      tf.fused.matMul({ a: A, b: B, transposeA: true, transposeB: true, activation: "relu" }),
    ].map((t) => t.dataSync() as Float32Array).map((v) => Float32Array.from(v));
  });
}

Deno.test("explicit-transpose matMul gives the same values as the stock wasm kernel and as cpu", async () => {
  const rng = Rng.fromSeed(5);
  const a = randomArray(60, rng);
  const b = randomArray(60, rng);
  await tf.setBackend("cpu");
  const cpu = matMuls(a, b);
  await initWasmBackend();
  assert.ok(isTransposedMatMulPatched("wasm"));
  const patched = matMuls(a, b);
  unpatchTransposedMatMul("wasm");
  try {
    assert.ok(!isTransposedMatMulPatched("wasm"));
    const stock = matMuls(a, b);
    for (let k = 0; k < cpu.length; k++) {
      for (let i = 0; i < cpu[k].length; i++) {
        assert.ok(Math.abs(patched[k][i] - stock[k][i]) <= 1e-5, `case ${k}[${i}]`);
        assert.ok(Math.abs(patched[k][i] - cpu[k][i]) <= 1e-5, `case ${k}[${i}] vs cpu`);
      }
    }
  } finally {
    patchTransposedMatMul("wasm");
  }
  const before = tf.memory().numTensors;
  matMuls(a, b);
  assert.equal(tf.memory().numTensors, before, "the patch leaks no transposed copies");
  await tf.setBackend("cpu");
});

Deno.test("wasm: the kernels it lacks run the cpu kernel, exactly", async () => {
  await initWasmBackend();
  assert.deepEqual(cpuFallbackKernels("wasm"), [
    "Conv2DBackpropFilter",
    "DepthwiseConv2dNativeBackpropFilter",
    "DepthwiseConv2dNativeBackpropInput",
    "Einsum",
    "GatherV2 (some modes)",
    "UnsortedSegmentSum",
  ]);
  const run = () =>
    tf.tidy(() => {
      const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
      const seg = tf.tensor1d([2, 0, 2, 1], "int32");
      const s = tf.unsortedSegmentSum(x, seg, 3);
      const e = tf.einsum("ij,jk->ik", x, tf.tensor2d([[1, 0], [0, 2]]));
      return [Array.from(s.dataSync()), Array.from(e.dataSync())];
    });
  const onWasm = run();
  assert.deepEqual(onWasm[0], [3, 4, 7, 8, 6, 8]);
  await tf.setBackend("cpu");
  assert.deepEqual(run(), onWasm);
});

Deno.test("wasm: gather with batch dimensions matches cpu (the native kernel gets it wrong)", async () => {
  const run = () =>
    tf.tidy(() => {
      const x = tf.tensor2d([[0, 1, 2, 3, 4], [10, 11, 12, 13, 14], [20, 21, 22, 23, 24]]);
      const idx = tf.tensor2d([[0, 4], [1, 3], [2, 2]], undefined, "int32");
      return Array.from(tf.gather(x, idx, 1, 1).dataSync());
    });
  await initWasmBackend();
  assert.deepEqual(run(), [0, 4, 11, 13, 22, 22]);
  await tf.setBackend("cpu");
  assert.deepEqual(run(), [0, 4, 11, 13, 22, 22]);
});
