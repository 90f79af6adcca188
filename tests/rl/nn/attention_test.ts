import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { SelfAttentionPool } from "../../../lib/rl/nn/attention.ts";

Deno.test("SelfAttentionPool: [B, agents, d] → [B, d], invariant to the order of agents", async () => {
  await tf.setBackend("cpu");
  const att = new SelfAttentionPool({
    name: "t/att/a",
    modelSize: 8,
    heads: 2,
    rng: Rng.fromSeed(1),
  });
  try {
    const rng = Rng.fromSeed(2);
    const x = tf.tensor3d(new Float32Array(3 * 4 * 8).map(() => rng.uniform(-1, 1)), [3, 4, 8]);
    const permuted = tf.gather(x, tf.tensor1d([2, 0, 3, 1], "int32"), 1);
    const a = att.apply(x);
    const b = att.apply(permuted);
    assert.deepEqual(a.shape, [3, 8]);
    const av = a.dataSync(), bv = b.dataSync();
    for (let i = 0; i < av.length; i++) assert.ok(Math.abs(av[i] - bv[i]) < 1e-5);
    // Per-agent outputs do depend on the other agents (attention mixes them).
    const z = att.attend(x);
    const zAlone = att.attend(tf.slice(x, [0, 0, 0], [3, 1, 8]));
    const first = tf.slice(z, [0, 0, 0], [3, 1, 8]).dataSync();
    const alone = zAlone.dataSync();
    let diff = 0;
    for (let i = 0; i < first.length; i++) diff = Math.max(diff, Math.abs(first[i] - alone[i]));
    assert.ok(diff > 1e-3, `agent 0 ignores the others (max diff ${diff})`);
    tf.dispose([x, permuted, a, b, z, zAlone]);
  } finally {
    att.dispose();
  }
});

Deno.test("SelfAttentionPool: one head equals the single-head formula softmax(QKᵀ/√d)V", async () => {
  await tf.setBackend("cpu");
  const d = 4;
  const att = new SelfAttentionPool({
    name: "t/att/b",
    modelSize: d,
    heads: 1,
    rng: Rng.fromSeed(5),
  });
  try {
    const x = tf.randomUniform([2, 3, d], -1, 1, "float32", 3);
    const got = att.attend(x);
    const expected = tf.tidy(() => {
      const q = att.query.apply(x), k = att.key.apply(x), v = att.value.apply(x);
      const w = tf.softmax(tf.div(tf.matMul(q, k, false, true), Math.sqrt(d)));
      return tf.add(x, att.output.apply(tf.matMul(w, v)));
    });
    const g = got.dataSync(), e = expected.dataSync();
    for (let i = 0; i < g.length; i++) assert.ok(Math.abs(g[i] - e[i]) < 1e-5);
    tf.dispose([x, got, expected]);
  } finally {
    att.dispose();
  }
});

Deno.test("SelfAttentionPool: rejects heads that do not divide the width, and wrong inputs", async () => {
  await tf.setBackend("cpu");
  assert.throws(
    () => new SelfAttentionPool({ name: "t/att/c", modelSize: 6, heads: 4, rng: Rng.fromSeed(1) }),
    /expected heads \(a positive integer\) to divide modelSize 6, found 4/,
  );
  const att = new SelfAttentionPool({
    name: "t/att/d",
    modelSize: 6,
    heads: 3,
    rng: Rng.fromSeed(1),
  });
  assert.throws(
    () => att.apply(tf.zeros([2, 6])),
    /expected input \[batch, agents, 6\], found \[2, 6\]/,
  );
  assert.equal(att.variables().length, 8);
  att.dispose();
});
