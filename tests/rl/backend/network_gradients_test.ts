/**
 * The requirement's cross-backend test: the same networks, the same batch,
 * the same losses, gradients computed on wasm and on cpu must agree to 1e-4
 * (normwise relative error per variable).
 */
import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { initWasmBackend } from "../../../lib/rl/backend/wasm.ts";
import { relativeError } from "../../../lib/rl/backend/op_check.ts";
import { Rng } from "../../../lib/core/rng.ts";
import { Mlp } from "../../../lib/rl/nn/mlp.ts";
import { SelfAttentionPool } from "../../../lib/rl/nn/attention.ts";
import type { Module } from "../../../lib/rl/nn/module.ts";

const TOLERANCE = 1e-4;

interface Batch {
  obs: Float32Array;
  actions: Float32Array;
  state: Float32Array;
  oldLogProb: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
}

const B = 64, OBS = 12, ACT = 3, AGENTS = 4, EMB = 16;

function makeBatch(seed: number): Batch {
  const rng = Rng.fromSeed(seed);
  const arr = (n: number, lo = -1, hi = 1) => new Float32Array(n).map(() => rng.uniform(lo, hi));
  return {
    obs: arr(B * OBS),
    actions: arr(B * ACT, -0.95, 0.95),
    state: arr(B * AGENTS * OBS),
    oldLogProb: arr(B, -3, -1),
    advantages: arr(B),
    returns: arr(B),
  };
}

/** Networks, losses and gradients of one backend, read back as arrays keyed by variable name. */
function gradientsOn(batch: Batch, tag: string): Record<string, Float32Array> {
  const seed = Rng.fromSeed(11);
  const actor = new Mlp({
    name: `xb/${tag}/actor`,
    inputSize: OBS,
    hiddenSizes: [64, 64],
    outputSize: 2 * ACT,
    activation: "tanh",
    outputGain: 0.01,
    rng: seed.derive("actor"),
  });
  const critic = new Mlp({
    name: `xb/${tag}/critic`,
    inputSize: OBS + ACT,
    hiddenSizes: [64, 64],
    outputSize: 1,
    activation: "relu",
    init: "glorot",
    rng: seed.derive("critic"),
  });
  const embed = new Mlp({
    name: `xb/${tag}/embed`,
    inputSize: OBS,
    hiddenSizes: [],
    outputSize: EMB,
    outputActivation: "tanh",
    rng: seed.derive("embed"),
  });
  const attention = new SelfAttentionPool({
    name: `xb/${tag}/attention`,
    modelSize: EMB,
    heads: 4,
    rng: seed.derive("attention"),
  });
  const value = new Mlp({
    name: `xb/${tag}/value`,
    inputSize: EMB,
    hiddenSizes: [32],
    outputSize: 1,
    rng: seed.derive("value"),
  });
  const modules: Module[] = [actor, critic, embed, attention, value];
  try {
    const out: Record<string, Float32Array> = {};
    tf.tidy(() => {
      const obs = tf.tensor2d(batch.obs, [B, OBS]);
      const actions = tf.tensor2d(batch.actions, [B, ACT]);
      const state = tf.tensor3d(batch.state, [B, AGENTS, OBS]);
      const oldLogProb = tf.tensor1d(batch.oldLogProb);
      const adv = tf.tensor1d(batch.advantages);
      const returns = tf.tensor1d(batch.returns);

      // MAPPO-style: tanh-squashed Gaussian log-probability, clipped ratio,
      // entropy proxy; attention critic with value loss.
      const mappoLoss = () => {
        const params = actor.apply(obs);
        const mean = tf.slice(params, [0, 0], [B, ACT]);
        const logStd = tf.clipByValue(tf.slice(params, [0, ACT], [B, ACT]), -5, 2);
        const pre = tf.atanh(actions);
        const z = tf.div(tf.sub(pre, mean), tf.exp(logStd));
        const gaussLogProb = tf.sum(
          tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * Math.log(2 * Math.PI))),
          1,
        );
        // log(1 − tanh²(u)) = 2(log 2 − u − softplus(−2u))
        const squash = tf.sum(
          tf.mul(2, tf.sub(tf.sub(Math.log(2), pre), tf.softplus(tf.mul(-2, pre)))),
          1,
        );
        const logProb = tf.sub(gaussLogProb, squash);
        const ratio = tf.exp(tf.sub(logProb, oldLogProb));
        const surrogate = tf.minimum(
          tf.mul(ratio, adv),
          tf.mul(tf.clipByValue(ratio, 0.8, 1.2), adv),
        );
        const v = tf.squeeze(value.apply(attention.apply(embed.apply(state))), [1]);
        const valueLoss = tf.mean(tf.square(tf.sub(v, returns)));
        const entropy = tf.mean(tf.sum(logStd, 1));
        return tf.add(
          tf.sub(tf.neg(tf.mean(surrogate)), tf.mul(0.01, entropy)),
          tf.mul(0.5, valueLoss),
        ) as tf.Scalar;
      };
      // MADDPG-style: actor gradient through the critic, and a TD loss.
      const maddpgLoss = () => {
        const mu = tf.tanh(tf.slice(actor.apply(obs), [0, 0], [B, ACT]));
        const q = critic.apply(tf.concat([obs, mu], 1));
        const qData = critic.apply(tf.concat([obs, actions], 1));
        const td = tf.sub(qData, tf.reshape(returns, [B, 1]));
        return tf.add(tf.neg(tf.mean(q)), tf.mean(tf.square(td))) as tf.Scalar;
      };
      const vars = modules.flatMap((m) => m.variables());
      for (const [label, f] of [["mappo", mappoLoss], ["maddpg", maddpgLoss]] as const) {
        const { value: loss, grads } = tf.variableGrads(f, vars);
        out[`${label}/loss`] = Float32Array.from(loss.dataSync());
        for (const [name, g] of Object.entries(grads)) {
          out[`${label}/${name.slice(`xb/${tag}/`.length)}`] = Float32Array.from(g.dataSync());
        }
      }
    });
    return out;
  } finally {
    for (const m of modules) m.dispose();
  }
}

Deno.test("wasm and cpu give the same gradients for the same networks and batch", async () => {
  const batch = makeBatch(3);
  await tf.setBackend("cpu");
  const cpu = gradientsOn(batch, "cpu");
  await initWasmBackend();
  const wasm = gradientsOn(batch, "wasm");
  await tf.setBackend("cpu");
  assert.deepEqual(Object.keys(wasm).sort(), Object.keys(cpu).sort());
  // Every variable of every network received a gradient in one loss or the other.
  const names = Object.keys(cpu);
  for (const part of ["actor", "critic", "embed", "attention", "value"]) {
    assert.ok(names.some((n) => n.includes(`/${part}/`)), `no gradient reached ${part}`);
  }
  assert.equal(names.length, 2 + 20 + 12); // 2 losses; mappo: actor, embed, attention, value; maddpg: actor, critic
  // Normwise relative error per variable, with the floor of the reference at
  // 1e-3 of the loss's largest gradient element: the key projection's bias
  // has an analytically zero gradient (adding b to every key adds q·b to all
  // scores of a query, which softmax ignores), so both backends return
  // rounding noise there and a pure relative error would compare noise.
  const scale: Record<string, number> = {};
  for (const n of names) {
    const loss = n.split("/")[0];
    for (const x of cpu[n]) scale[loss] = Math.max(scale[loss] ?? 0, Math.abs(x));
  }
  const errors: [string, number][] = names.map((n) => {
    const a = wasm[n], b = cpu[n];
    let diff = 0, ref = 0;
    for (let i = 0; i < b.length; i++) {
      diff = Math.max(diff, Math.abs(a[i] - b[i]));
      ref = Math.max(ref, Math.abs(b[i]));
    }
    return [n, diff / Math.max(ref, 1e-3 * scale[n.split("/")[0]])];
  });
  const bad = errors.filter(([, e]) => !(e <= TOLERANCE));
  assert.deepEqual(bad, [], "relative gradient error above 1e-4");
  // Most variables agree far more tightly than the tolerance.
  const plain = names.filter((n) => relativeError(wasm[n], cpu[n]) <= 1e-5);
  assert.ok(plain.length >= names.length - 1, `${names.length - plain.length} above 1e-5`);
  const keyBias = cpu["mappo/attention/key/bias"];
  assert.ok(Math.max(...keyBias.map(Math.abs)) < 1e-6 * scale.mappo);
  // And the gradients are not trivially zero.
  const norm = Math.hypot(...cpu["maddpg/critic/dense_0/kernel"]);
  assert.ok(norm > 1e-3, `critic gradient norm ${norm}`);
});
