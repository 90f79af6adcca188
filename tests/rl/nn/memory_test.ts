import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { Mlp } from "../../../lib/rl/nn/mlp.ts";
import { SelfAttentionPool } from "../../../lib/rl/nn/attention.ts";
import { Adam } from "../../../lib/rl/nn/adam.ts";
import { softUpdate } from "../../../lib/rl/nn/polyak.ts";
import { firstNonFinite } from "../../../lib/rl/nn/finite.ts";
import { namedVariables } from "../../../lib/rl/nn/module.ts";

for (const backend of ["cpu", "wasm"]) {
  Deno.test(`tensor count does not grow over 100 updates (${backend})`, async () => {
    if (backend === "wasm") await initWasmBackend();
    else await tf.setBackend("cpu");
    const rng = Rng.fromSeed(1);
    const mk = (name: string, trainable = true) =>
      new Mlp({
        name: `t/mem/${backend}/${name}`,
        inputSize: 8,
        hiddenSizes: [32, 32],
        outputSize: 8,
        rng: rng.derive(name),
        trainable,
      });
    const net = mk("net");
    const target = mk("target", false);
    const att = new SelfAttentionPool({
      name: `t/mem/${backend}/att`,
      modelSize: 8,
      heads: 2,
      rng: rng.derive("att"),
    });
    const adam = new Adam([net, att], { learningRate: 1e-3 });
    const x = tf.randomUniform([32, 3, 8], -1, 1, "float32", 1);
    const y = tf.randomUniform([32, 8], -1, 1, "float32", 2);
    const update = () => {
      const r = adam.minimize(
        () => tf.mean(tf.square(tf.sub(net.apply(att.apply(x)), y))) as tf.Scalar,
        { maxGradNorm: 0.5 },
      );
      softUpdate(target, net, 0.01);
      assert.equal(firstNonFinite(namedVariables([net, att])), null);
      const probe = tf.zeros([4, 8]);
      const out = target.apply(probe); // an inference call whose result is disposed
      tf.dispose([probe, out]);
      return r.loss;
    };
    try {
      const first = update();
      const countAfterFirst = tf.memory().numTensors;
      const bytesAfterFirst = tf.memory().numBytes;
      let last = first;
      for (let i = 0; i < 100; i++) last = update();
      assert.equal(tf.memory().numTensors, countAfterFirst);
      assert.equal(tf.memory().numBytes, bytesAfterFirst);
      assert.ok(last < first, `loss did not decrease: ${first} → ${last}`);
      assert.equal(adam.step, 101);
    } finally {
      adam.dispose();
      for (const m of [net, target, att]) m.dispose();
      tf.dispose([x, y]);
    }
    await tf.setBackend("cpu");
  });
}
