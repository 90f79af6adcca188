import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { tf } from "../../../lib/rl/backend/tf.ts";
import * as tfl from "@tensorflow/tfjs-layers";
import { InputError } from "../../../lib/core/errors.ts";
import { Mlp } from "../../../lib/rl/nn/mlp.ts";
import { Adam } from "../../../lib/rl/nn/adam.ts";
import { mlpTopology } from "../../../lib/rl/nn/keras_topology.ts";
import {
  fileIO,
  loadModules,
  loadOptimizer,
  loadTensors,
  saveModules,
  saveOptimizer,
  saveTensors,
} from "../../../lib/rl/nn/model_io.ts";

async function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "model_io_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const mlpOpts = (name: string, seed: number) => ({
  name,
  inputSize: 5,
  hiddenSizes: [16, 16],
  outputSize: 3,
  activation: "relu" as const,
  rng: Rng.fromSeed(seed),
});

Deno.test("saveTensors/loadTensors: bit-exact round trip of awkward floats and int32", async () => {
  await tf.setBackend("cpu");
  await withDir(async (dir) => {
    const rng = Rng.fromSeed(3);
    const floats = new Float32Array(1000).map(() => rng.normal() * 10 ** rng.uniform(-40, 38));
    floats.set([0, -0, 1.4e-45, -3.4028235e38, NaN, Infinity], 0);
    const ints = new Int32Array([0, -1, 2147483647, -2147483648]);
    await saveTensors(dir, {
      "a/f": tf.tensor2d(floats, [100, 10]),
      "a/i": tf.tensor1d(ints, "int32"),
    }, { metadata: { note: "x", nested: { k: [1, 2] } } });
    const { tensors, metadata } = await loadTensors(dir);
    assert.deepEqual(tensors["a/f"].shape, [100, 10]);
    assert.equal(tensors["a/i"].dtype, "int32");
    const bits = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    assert.deepEqual(bits(tensors["a/f"].dataSync()), bits(floats));
    assert.deepEqual(bits(tensors["a/i"].dataSync()), bits(ints));
    assert.deepEqual(metadata, { note: "x", nested: { k: [1, 2] } });
    // The files are what tfjs expects.
    const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
    assert.deepEqual(json.weightsManifest[0].paths, ["weights.bin"]);
    assert.deepEqual(json.weightsManifest[0].weights.map((w: { name: string }) => w.name), [
      "a/f",
      "a/i",
    ]);
    assert.equal((await Deno.stat(`${dir}/weights.bin`)).size, 1000 * 4 + 4 * 4);
    tf.dispose(Object.values(tensors));
  });
});

Deno.test("a saved network loads into a differently initialised one and gives identical outputs", async () => {
  await tf.setBackend("cpu");
  await withDir(async (dir) => {
    const a = new Mlp(mlpOpts("t/io/a", 1));
    const b = new Mlp(mlpOpts("t/io/a2", 2));
    try {
      await saveModules(dir, [a], { metadata: { algorithm: "test" } });
      const x = tf.randomUniform([7, 5], -2, 2, "float32", 9);
      assert.notDeepEqual(Array.from(b.apply(x).dataSync()), Array.from(a.apply(x).dataSync()));
      // Same structure, different name prefix: a rename is a load error.
      await assert.rejects(
        loadModules(dir, [b]),
        (err: unknown) =>
          err instanceof InputError &&
          err.message.includes("expected a weight named t/io/a2/dense_0/kernel"),
      );
      a.dispose();
      const c = new Mlp(mlpOpts("t/io/a", 3));
      const meta = await loadModules(dir, [c]);
      assert.deepEqual(meta, { algorithm: "test" });
      const fresh = new Mlp(mlpOpts("t/io/ref", 1)); // what `a` computed
      assert.deepEqual(Array.from(c.apply(x).dataSync()), Array.from(fresh.apply(x).dataSync()));
      c.dispose();
      fresh.dispose();
      x.dispose();
    } finally {
      b.dispose();
      if (!a.layers[0].kernel.isDisposed) a.dispose();
    }
  });
});

Deno.test("tfjs-layers reads our model files (loadLayersModel) and we read its files", async () => {
  await tf.setBackend("cpu");
  await withDir(async (dir) => {
    const net = new Mlp({ ...mlpOpts("t/io/keras", 4), outputActivation: "tanh" });
    const x = tf.randomUniform([6, 5], -1, 1, "float32", 2);
    const ours = Array.from(net.apply(x).dataSync());
    const kernel = Array.from(net.layers[0].kernel.dataSync());
    await saveModules(dir, [net], { modelTopology: mlpTopology(net) });
    // tfjs-layers names its variables after the layers: free the names first.
    net.dispose();
    const model = await tfl.loadLayersModel(fileIO(dir));
    try {
      const theirs = Array.from((model.predict(x) as tf.Tensor).dataSync());
      assert.deepEqual(theirs, ours);
      // And back: tfjs-layers saves through our handler, we load its weights.
      const dir2 = `${dir}/resaved`;
      await model.save(fileIO(dir2));
      const { tensors, modelTopology } = await loadTensors(dir2);
      assert.equal((modelTopology as { class_name: string }).class_name, "Sequential");
      assert.deepEqual(Array.from(tensors["t/io/keras/dense_0/kernel"].dataSync()), kernel);
      tf.dispose(Object.values(tensors));
    } finally {
      model.dispose();
      x.dispose();
    }
  });
});

Deno.test("loading refuses torn, missing and mismatched files with the file and key", async () => {
  await tf.setBackend("cpu");
  await withDir(async (dir) => {
    await assert.rejects(
      loadTensors(dir),
      (err: unknown) =>
        err instanceof InputError &&
        err.message ===
          `${dir}/model.json: expected a TensorFlow.js model.json, found no such file`,
    );
    await saveTensors(dir, { w: tf.tensor1d([1, 2, 3]) });
    const bytes = await Deno.readFile(`${dir}/weights.bin`);
    bytes[0] ^= 1;
    await Deno.writeFile(`${dir}/weights.bin`, bytes);
    await assert.rejects(
      loadTensors(dir),
      (err: unknown) =>
        err instanceof InputError &&
        /weightsSha256: expected weights with SHA-256/.test(err.message),
    );
    await saveTensors(dir, { "t/io/shape/dense_0/kernel": tf.zeros([5, 4]) });
    const net = new Mlp({
      name: "t/io/shape",
      inputSize: 5,
      hiddenSizes: [],
      outputSize: 3,
      rng: Rng.fromSeed(1),
    });
    try {
      await assert.rejects(
        loadModules(dir, [net]),
        (err: unknown) =>
          err instanceof InputError &&
          err.message.endsWith(
            "weightsManifest.t/io/shape/dense_0/kernel: expected shape [5,3], found [5,4]",
          ),
      );
    } finally {
      net.dispose();
    }
  });
});

Deno.test("optimizer state: saved and restored, training continues bit for bit", async () => {
  await tf.setBackend("cpu");
  await withDir(async (dir) => {
    const x = tf.randomUniform([16, 5], -1, 1, "float32", 5);
    const y = tf.randomUniform([16, 3], -1, 1, "float32", 6);
    const train = (net: Mlp, adam: Adam, n: number) => {
      for (let i = 0; i < n; i++) {
        adam.minimize(() => tf.mean(tf.square(tf.sub(net.apply(x), y))) as tf.Scalar);
      }
    };
    // Uninterrupted: 20 updates.
    const ref = new Mlp(mlpOpts("t/io/opt", 8));
    const refAdam = new Adam(ref, { learningRate: 3e-3 });
    train(ref, refAdam, 20);
    const expected = ref.variables().map((v) => Float32Array.from(v.dataSync()));
    refAdam.dispose();
    ref.dispose();
    // Interrupted after 10, checkpointed, rebuilt from files, 10 more.
    const a = new Mlp(mlpOpts("t/io/opt", 8));
    const adamA = new Adam(a, { learningRate: 3e-3 });
    train(a, adamA, 10);
    await saveModules(dir, [a]);
    await saveOptimizer(dir, adamA);
    adamA.dispose();
    a.dispose();
    const b = new Mlp(mlpOpts("t/io/opt", 99));
    const adamB = new Adam(b, { learningRate: 1 });
    await loadModules(dir, [b]);
    await loadOptimizer(dir, adamB);
    assert.equal(adamB.step, 10);
    assert.equal(adamB.learningRate, 3e-3);
    train(b, adamB, 10);
    assert.deepEqual(b.variables().map((v) => Float32Array.from(v.dataSync())), expected);
    const meta = JSON.parse(await Deno.readTextFile(`${dir}/optimizer.json`)).userDefinedMetadata;
    assert.deepEqual(meta, {
      optimizer: "adam",
      step: 10,
      config: { learningRate: 3e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 },
    });
    adamB.dispose();
    b.dispose();
    tf.dispose([x, y]);
  });
});
