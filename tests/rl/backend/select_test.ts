import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { BACKEND_CHOICES, isBackendChoice, selectBackend } from "../../../lib/rl/backend/select.ts";
import {
  findTensorflowPackage,
  TENSORFLOW_INSTALL_HINT,
} from "../../../lib/rl/backend/tensorflow.ts";
import { UsageError } from "../../../lib/core/errors.ts";

const tensorflowInstalled = (await findTensorflowPackage()) !== null;

Deno.test("selectBackend: cpu is always available and logged", async () => {
  const lines: string[] = [];
  const chosen = await selectBackend("cpu", { log: (l) => lines.push(l) });
  assert.equal(chosen.name, "cpu");
  assert.equal(tf.getBackend(), "cpu");
  assert.deepEqual(lines, ["backend: cpu (asked for cpu)"]);
});

Deno.test("selectBackend: wasm loads offline with SIMD, the matMul patch and verified ops", async () => {
  const lines: string[] = [];
  const chosen = await selectBackend("wasm", { log: (l) => lines.push(l) });
  assert.equal(chosen.name, "wasm");
  assert.equal(tf.getBackend(), "wasm");
  assert.equal(chosen.details.simd, true);
  assert.equal(chosen.details.threads, false);
  assert.equal(chosen.details.fastMatMul, true);
  assert.ok((chosen.details.cpuFallbacks as string[]).includes("UnsortedSegmentSum"));
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^backend: wasm \(asked for wasm: SIMD on, threads off/);
  await selectBackend("cpu");
});

Deno.test({
  name:
    "selectBackend: tensorflow when missing is a UsageError with the install command (skipped where tfjs-node is installed)",
  ignore: tensorflowInstalled,
  fn: async () => {
    await assert.rejects(selectBackend("tensorflow"), (err: unknown) => {
      assert.ok(err instanceof UsageError);
      assert.match(err.message, /training\.backend: expected the tensorflow backend to load/);
      assert.ok(err.message.includes(TENSORFLOW_INSTALL_HINT));
      assert.ok(err.message.includes("deno install --allow-scripts=npm:@tensorflow/tfjs-node-gpu"));
      return true;
    });
    assert.equal(tf.getBackend(), "cpu"); // left on a working backend
  },
});

Deno.test({
  name:
    "selectBackend: auto falls back from tensorflow to wasm and says why (skipped where tfjs-node is installed)",
  ignore: tensorflowInstalled,
  fn: async () => {
    const lines: string[] = [];
    const chosen = await selectBackend("auto", { log: (l) => lines.push(l) });
    assert.equal(chosen.name, "wasm");
    assert.match(
      chosen.reason,
      /^auto: tensorflow unavailable \(neither @tensorflow\/tfjs-node-gpu/,
    );
    assert.match(lines[0], /^backend: wasm \(auto: tensorflow unavailable/);
    await selectBackend("cpu");
  },
});

Deno.test("selectBackend: an unknown choice is a UsageError naming the choices", async () => {
  await assert.rejects(
    selectBackend("gpu" as never),
    (err: unknown) =>
      err instanceof UsageError &&
      err.message === "training.backend: expected one of auto, tensorflow, wasm, cpu, found gpu",
  );
  assert.ok(BACKEND_CHOICES.every(isBackendChoice));
  assert.ok(!isBackendChoice("webgl"));
});

Deno.test("findTensorflowPackage: finds the GPU build first, only by looking at node_modules", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const root = new URL(`file://${dir}/`);
    assert.equal(await findTensorflowPackage(root), null);
    await Deno.mkdir(`${dir}/@tensorflow/tfjs-node`, { recursive: true });
    await Deno.writeTextFile(`${dir}/@tensorflow/tfjs-node/package.json`, "{}");
    assert.equal(await findTensorflowPackage(root), "@tensorflow/tfjs-node");
    await Deno.mkdir(`${dir}/@tensorflow/tfjs-node-gpu`, { recursive: true });
    await Deno.writeTextFile(`${dir}/@tensorflow/tfjs-node-gpu/package.json`, "{}");
    assert.equal(await findTensorflowPackage(root), "@tensorflow/tfjs-node-gpu");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
