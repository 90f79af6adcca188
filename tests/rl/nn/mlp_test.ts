import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { Dense } from "../../../lib/rl/nn/dense.ts";
import { Mlp } from "../../../lib/rl/nn/mlp.ts";
import { namedVariables, parameterCount } from "../../../lib/rl/nn/module.ts";

Deno.test("Mlp: layer structure, names, activations and parameter count", async () => {
  await tf.setBackend("cpu");
  const net = new Mlp({
    name: "t/mlp/a",
    inputSize: 5,
    hiddenSizes: [8, 6],
    outputSize: 2,
    activation: "relu",
    outputActivation: "tanh",
    rng: Rng.fromSeed(1),
  });
  try {
    assert.deepEqual(net.layers.map((l) => [l.inputSize, l.outputSize, l.activation]), [
      [5, 8, "relu"],
      [8, 6, "relu"],
      [6, 2, "tanh"],
    ]);
    assert.deepEqual(Object.keys(namedVariables([net])), [
      "t/mlp/a/dense_0/kernel",
      "t/mlp/a/dense_0/bias",
      "t/mlp/a/dense_1/kernel",
      "t/mlp/a/dense_1/bias",
      "t/mlp/a/dense_2/kernel",
      "t/mlp/a/dense_2/bias",
    ]);
    assert.equal(parameterCount([net]), 5 * 8 + 8 + 8 * 6 + 6 + 6 * 2 + 2);
    const y = net.apply(tf.tensor2d(new Float32Array(15).map((_, i) => i - 7), [3, 5]));
    assert.deepEqual(y.shape, [3, 2]);
    for (const v of y.dataSync()) assert.ok(Math.abs(v) <= 1); // tanh output (saturates to ±1 in float32)
    y.dispose();
  } finally {
    net.dispose();
  }
});

Deno.test("Mlp: forward equals the hand-computed tanh(x·W + b) chain", async () => {
  await tf.setBackend("cpu");
  const net = new Mlp({
    name: "t/mlp/b",
    inputSize: 3,
    hiddenSizes: [4],
    outputSize: 2,
    rng: Rng.fromSeed(2),
  });
  try {
    // Non-zero biases so that they are exercised.
    net.layers[0].bias.assign(tf.tensor1d([0.1, -0.2, 0.3, 0]));
    net.layers[1].bias.assign(tf.tensor1d([0.5, -0.5]));
    const x = [0.3, -1.2, 2];
    const [w0, b0, w1, b1] = net.variables().map((v) => Array.from(v.dataSync()));
    const h = [0, 1, 2, 3].map((j) =>
      Math.tanh(x.reduce((s, xi, i) => s + xi * w0[i * 4 + j], b0[j]))
    );
    const expected = [0, 1].map((k) => h.reduce((s, hj, j) => s + hj * w1[j * 2 + k], b1[k]));
    const y = net.apply(tf.tensor2d([x]));
    const got = Array.from(y.dataSync());
    y.dispose();
    expected.forEach((e, k) => assert.ok(Math.abs(got[k] - e) < 1e-5, `${got[k]} vs ${e}`));
  } finally {
    net.dispose();
  }
});

Deno.test("Mlp: the same seed builds bit-identical weights on cpu and wasm; gains scale the output layer", async () => {
  const weights = async (backend: string, name: string) => {
    if (backend === "wasm") await initWasmBackend();
    else await tf.setBackend("cpu");
    const net = new Mlp({
      name,
      inputSize: 6,
      hiddenSizes: [16],
      outputSize: 3,
      outputGain: 0.01,
      rng: Rng.fromSeed(77),
    });
    const out = net.variables().map((v) => Float32Array.from(v.dataSync()));
    net.dispose();
    return out;
  };
  const cpu = await weights("cpu", "t/mlp/c");
  const wasm = await weights("wasm", "t/mlp/d");
  await tf.setBackend("cpu");
  assert.deepEqual(wasm, cpu);
  // Output kernel [16, 3] orthogonal × 0.01: every column has norm 0.01.
  const w = cpu[2];
  for (let c = 0; c < 3; c++) {
    let n = 0;
    for (let r = 0; r < 16; r++) n += w[r * 3 + c] ** 2;
    assert.ok(Math.abs(Math.sqrt(n) - 0.01) < 1e-6);
  }
});

Deno.test("Dense: rank-3 inputs map over the last axis; a wrong width is refused with shapes", async () => {
  await tf.setBackend("cpu");
  const layer = new Dense({
    name: "t/dense/a",
    inputSize: 3,
    outputSize: 2,
    activation: "relu",
    rng: Rng.fromSeed(3),
  });
  try {
    const x = tf.randomUniform([4, 5, 3], -1, 1, "float32", 1);
    const y3 = layer.apply(x);
    const y2 = layer.apply(tf.reshape(x, [20, 3]));
    assert.deepEqual(y3.shape, [4, 5, 2]);
    assert.deepEqual(Array.from(y3.dataSync()), Array.from(y2.dataSync()));
    assert.throws(
      () => layer.apply(tf.zeros([2, 4])),
      /Dense t\/dense\/a: expected input \[\.\.\., 3\], found \[2, 4\]/,
    );
    assert.throws(
      () => new Dense({ name: "t/dense/b", inputSize: 0, outputSize: 2, rng: Rng.fromSeed(1) }),
      /expected inputSize a positive integer, found 0/,
    );
    tf.dispose([x, y3, y2]);
  } finally {
    layer.dispose();
  }
});

Deno.test("Mlp: names must be unique while alive, and are free again after dispose", async () => {
  await tf.setBackend("cpu");
  const opts = {
    name: "t/mlp/e",
    inputSize: 2,
    hiddenSizes: [2],
    outputSize: 1,
    rng: Rng.fromSeed(1),
  };
  const a = new Mlp(opts);
  assert.throws(() => new Mlp(opts), /already registered/);
  a.dispose();
  const b = new Mlp(opts);
  b.dispose();
});
