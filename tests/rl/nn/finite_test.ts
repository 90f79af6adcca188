import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { assertFinite, firstNonFinite, NonFiniteError } from "../../../lib/rl/nn/finite.ts";

Deno.test("firstNonFinite: names the first NaN, +∞ or −∞ tensor in order, on cpu and wasm", async () => {
  for (const backend of ["cpu", "wasm"]) {
    if (backend === "wasm") await initWasmBackend();
    else await tf.setBackend("cpu");
    const big = new Float32Array(10_000).fill(3e38); // finite, and Σ x·0 is still 0
    const named = {
      "actor/dense_0/kernel": tf.tensor1d(big),
      "actor/dense_0/bias": tf.tensor1d([1, -Infinity]),
      "critic/dense_0/kernel": tf.tensor1d([NaN]),
      steps: tf.tensor1d([1, 2], "int32"),
    };
    assert.equal(firstNonFinite(named), "actor/dense_0/bias", backend);
    assert.equal(
      firstNonFinite({ a: named["actor/dense_0/kernel"], b: named["critic/dense_0/kernel"] }),
      "b",
    );
    assert.equal(firstNonFinite({ a: named["actor/dense_0/kernel"], s: named.steps }), null);
    assert.equal(firstNonFinite([{ name: "x", tensor: tf.scalar(Infinity) }]), "x");
    assert.equal(firstNonFinite({}), null);
    tf.dispose(Object.values(named));
  }
  await tf.setBackend("cpu");
});

Deno.test("assertFinite: throws NonFiniteError naming the tensor and the context", async () => {
  await tf.setBackend("cpu");
  const t = tf.tensor1d([0, NaN]);
  assert.throws(
    () => assertFinite({ "critic/dense_1/bias": t }, "update 12 (critic)"),
    (err: unknown) =>
      err instanceof NonFiniteError &&
      err.message ===
        "update 12 (critic): expected finite values, found NaN or infinity in critic/dense_1/bias" &&
      err.exitCode === 1,
  );
  t.dispose();
});
