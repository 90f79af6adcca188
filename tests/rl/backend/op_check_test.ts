import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { checkBackendOps, relativeError } from "../../../lib/rl/backend/op_check.ts";
import { OP_CASES } from "../../../lib/rl/backend/op_cases.ts";

Deno.test("every op the networks and losses use agrees on wasm and cpu, forward and gradient", async () => {
  await initWasmBackend();
  const report = await checkBackendOps("wasm", { tolerance: 1e-4 });
  assert.equal(report.length, OP_CASES.length);
  const bad = report.filter((r) => !r.ok);
  assert.deepEqual(
    bad.map((r) => `${r.name}: ${r.error ?? `${r.forwardError} / ${r.gradientError}`}`),
    [],
  );
  // Gradients were really compared for differentiable cases.
  const withGrad = OP_CASES.filter((c) => c.grad !== false).length;
  assert.ok(withGrad >= 70, `only ${withGrad} differentiable cases`);
  await tf.setBackend("cpu");
});

Deno.test("the op check catches a kernel that computes something else", async () => {
  await initWasmBackend();
  const original = tf.getKernel("Tanh", "wasm")!;
  const sigmoid = tf.getKernel("Sigmoid", "wasm")!;
  tf.unregisterKernel("Tanh", "wasm");
  tf.registerKernel({ ...sigmoid, kernelName: "Tanh", backendName: "wasm" });
  try {
    const report = await checkBackendOps("wasm", {
      cases: OP_CASES.filter((c) => c.name === "tanh" || c.name === "relu"),
    });
    assert.deepEqual(report.map((r) => [r.name, r.ok]), [["tanh", false], ["relu", true]]);
    assert.ok(report[0].forwardError > 0.1);
  } finally {
    tf.unregisterKernel("Tanh", "wasm");
    tf.registerKernel(original);
  }
  await tf.setBackend("cpu");
});

Deno.test("the op check reports an op that fails to run instead of throwing", async () => {
  await initWasmBackend();
  const report = await checkBackendOps("wasm", {
    cases: [{
      name: "broken",
      inputs: [{ shape: [2], lo: 0, hi: 1 }],
      fn: () => {
        throw new Error("no such kernel");
      },
    }],
  });
  assert.equal(report[0].ok, false);
  assert.match(report[0].error!, /^on cpu: no such kernel/);
  await tf.setBackend("cpu");
});

Deno.test("relativeError: normwise, NaN-aware, shape-aware", () => {
  assert.equal(relativeError([1, 2], [1, 2]), 0);
  assert.equal(relativeError([1, 2.5], [1, 2]), 0.25);
  assert.equal(relativeError([1], [1, 2]), Infinity);
  assert.equal(relativeError([NaN], [1]), Infinity);
  assert.equal(relativeError([NaN, 1], [NaN, 1]), 0);
  assert.equal(relativeError([Infinity], [-Infinity]), Infinity);
});
