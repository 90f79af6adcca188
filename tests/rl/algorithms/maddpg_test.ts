import { strict as assert } from "node:assert";
import { tf } from "../../../lib/rl/backend/tf.ts";
import { selectBackend } from "../../../lib/rl/backend/select.ts";
import { Rng } from "../../../lib/core/rng.ts";
import {
  Maddpg,
  type MaddpgConfigInput,
  type MaddpgEnvSpec,
  type MaddpgState,
} from "../../../lib/rl/algorithms/maddpg.ts";
import type { VecStep } from "../../../lib/env/vec_env.ts";

/**
 * A point mass in D dimensions, K copies stepped together with the VecEnv API
 * (step / reset / states, finalObservations and finalStates). Agent i pushes
 * coordinate i with a force in [−1, 1]: v ← 0.8v + 0.2a, x ← x + v/2. Every
 * agent observes (x, v), the global state is (x, v) too, and every agent gets
 * the shared reward −‖x‖ (the target is the origin). Episodes start at
 * x ~ U(−1, 1)^D, v = 0, and are truncated after T steps (never terminated),
 * so learning needs the bootstrap on truncation.
 *
 * Reference returns (D = 1, T = 20, 2000 episodes, numpy): zero force −10.1,
 * uniform random −14.2, PD control a = −3x − 3v −1.2. D = 2: zero −15.1, only
 * the x coordinate controlled (one agent) −10.3, both by PD −2.5.
 */
class PointMassVec {
  readonly A: number;
  readonly obsSize: number;
  readonly actSize = 1;
  readonly actDims: Int32Array;
  readonly agents: string[];
  readonly stateSize: number;
  readonly #x: Float64Array;
  readonly #v: Float64Array;
  readonly #t: Int32Array;
  readonly #rngs: Rng[] = [];
  readonly #out: VecStep & { finalStates: Float32Array };

  constructor(readonly K: number, readonly D: number, readonly T = 20) {
    this.A = D;
    this.obsSize = 2 * D;
    this.stateSize = 2 * D;
    this.actDims = new Int32Array(D).fill(1);
    this.agents = Array.from({ length: D }, (_, i) => `agent_${i}`);
    this.#x = new Float64Array(K * D);
    this.#v = new Float64Array(K * D);
    this.#t = new Int32Array(K);
    const n = K * this.A;
    this.#out = {
      observations: new Float32Array(n * this.obsSize),
      rewards: new Float32Array(n),
      terminations: new Uint8Array(n),
      truncations: new Uint8Array(n),
      episodeEnded: new Uint8Array(K),
      finalObservations: new Float32Array(n * this.obsSize),
      finalStates: new Float32Array(K * this.stateSize),
    };
  }

  spec(): MaddpgEnvSpec {
    return { ...this, roles: this.agents.map(() => "mover"), K: this.K, A: this.A };
  }

  reset(seed: number): Float32Array {
    for (let k = 0; k < this.K; k++) {
      this.#rngs[k] = Rng.fromSeed(seed + k);
      this.#start(k);
    }
    this.#observe(this.#out.observations);
    return this.#out.observations;
  }

  step(actions: Float32Array): VecStep & { finalStates: Float32Array } {
    const { K, D } = this;
    const out = this.#out;
    out.episodeEnded.fill(0);
    out.truncations.fill(0);
    for (let k = 0; k < K; k++) {
      let dist2 = 0;
      for (let d = 0; d < D; d++) {
        const a = Math.max(-1, Math.min(1, actions[k * D + d]));
        const j = k * D + d;
        this.#v[j] = 0.8 * this.#v[j] + 0.2 * a;
        this.#x[j] += 0.5 * this.#v[j];
        dist2 += this.#x[j] * this.#x[j];
      }
      this.#t[k]++;
      for (let i = 0; i < this.A; i++) out.rewards[k * this.A + i] = -Math.sqrt(dist2);
    }
    this.#observe(out.observations);
    for (let k = 0; k < K; k++) {
      if (this.#t[k] < this.T) continue;
      out.episodeEnded[k] = 1;
      out.truncations.fill(1, k * this.A, (k + 1) * this.A);
      const o = k * this.A * this.obsSize;
      out.finalObservations.set(out.observations.subarray(o, o + this.A * this.obsSize), o);
      this.states(out.finalStates); // rows of other environments are overwritten too: harmless
      this.#start(k);
    }
    this.#observe(out.observations);
    return out;
  }

  states(out?: Float32Array): Float32Array {
    const o = out ?? new Float32Array(this.K * this.stateSize);
    for (let k = 0; k < this.K; k++) {
      for (let d = 0; d < this.D; d++) {
        o[k * this.stateSize + d] = this.#x[k * this.D + d];
        o[k * this.stateSize + this.D + d] = this.#v[k * this.D + d];
      }
    }
    return o;
  }

  #start(k: number): void {
    for (let d = 0; d < this.D; d++) {
      this.#x[k * this.D + d] = this.#rngs[k].uniform(-1, 1);
      this.#v[k * this.D + d] = 0;
    }
    this.#t[k] = 0;
  }

  #observe(into: Float32Array): void {
    const state = this.states();
    for (let k = 0; k < this.K; k++) {
      for (let i = 0; i < this.A; i++) {
        into.set(
          state.subarray(k * this.stateSize, (k + 1) * this.stateSize),
          (k * this.A + i) * this.obsSize,
        );
      }
    }
  }
}

/** Mean deterministic return of the learned actors over `episodes` fixed-seed episodes. */
function evaluate(agent: Maddpg, D: number, episodes = 64): number {
  const env = new PointMassVec(episodes, D);
  let obs = env.reset(1_000_000);
  const { A, obsSize } = env;
  const mine = new Float32Array(episodes * obsSize);
  const out = new Float32Array(episodes);
  const actions = new Float32Array(episodes * A);
  let total = 0;
  for (let t = 0; t < env.T; t++) {
    for (let i = 0; i < A; i++) {
      for (let k = 0; k < episodes; k++) {
        mine.set(obs.subarray((k * A + i) * obsSize, (k * A + i + 1) * obsSize), k * obsSize);
      }
      agent.act(mine, i, true, out);
      for (let k = 0; k < episodes; k++) actions[k * A + i] = out[k];
    }
    const r = env.step(actions);
    for (let k = 0; k < episodes; k++) total += r.rewards[k * A];
    obs = r.observations;
  }
  return total / episodes;
}

function train(D: number, config: MaddpgConfigInput, steps: number, seed: number): number[] {
  const env = new PointMassVec(4, D);
  const agent = new Maddpg(env.spec(), config, seed);
  const curve: number[] = [evaluate(agent, D)];
  const chunk = 250;
  for (let s = 0; s < steps; s += chunk) {
    agent.collect(env, chunk);
    for (let u = agent.pendingUpdates(); u > 0; u--) agent.update();
    curve.push(evaluate(agent, D));
  }
  agent.dispose();
  return curve;
}

const LEARN: MaddpgConfigInput = {
  gamma: 0.9,
  tau: 0.01,
  batch: 128,
  buffer: 20_000,
  warmup_steps: 1_000,
  updates_per_step: 1,
  hidden: [64, 64],
  noise: { kind: "gaussian", sigma: 0.3 },
};

/**
 * Three agents of two roles with different action sizes (2, 2 and 1 in rows
 * of 2), random observations, episodes of 5 steps that end by truncation,
 * except that agent 2 terminates at step 3 of every episode (then gets zero
 * observations and rewards, as VecEnv does). No `finalStates`: the collector
 * approximates them.
 */
class ToyVec {
  readonly A = 3;
  readonly obsSize = 3;
  readonly actSize = 2;
  readonly actDims = Int32Array.of(2, 2, 1);
  readonly agents = ["mm_0", "mm_1", "taker_0"];
  readonly roles = ["maker", "maker", "taker"];
  readonly stateSize = 4;
  readonly #rng = Rng.fromSeed(5);
  readonly #t: Int32Array;
  readonly #out: VecStep;

  constructor(readonly K: number) {
    this.#t = new Int32Array(K);
    const n = K * this.A;
    this.#out = {
      observations: new Float32Array(n * this.obsSize),
      rewards: new Float32Array(n),
      terminations: new Uint8Array(n),
      truncations: new Uint8Array(n),
      episodeEnded: new Uint8Array(K),
      finalObservations: new Float32Array(n * this.obsSize),
    };
  }

  spec(): MaddpgEnvSpec {
    return { ...this, K: this.K, A: this.A };
  }

  reset(_seed: number): Float32Array {
    this.#t.fill(0);
    for (let j = 0; j < this.#out.observations.length; j++) {
      this.#out.observations[j] = this.#rng.normal();
    }
    return this.#out.observations;
  }

  step(actions: Float32Array): VecStep {
    const out = this.#out;
    out.episodeEnded.fill(0);
    out.terminations.fill(0);
    out.truncations.fill(0);
    for (let k = 0; k < this.K; k++) {
      this.#t[k]++;
      for (let i = 0; i < this.A; i++) {
        const j = k * this.A + i;
        const alive = i < 2 || this.#t[k] <= 3;
        out.rewards[j] = alive ? -(actions[j * this.actSize] ** 2) : 0;
        if (i === 2 && this.#t[k] === 3) out.terminations[j] = 1;
        if (this.#t[k] === 5 && i < 2) out.truncations[j] = 1;
        for (let q = 0; q < this.obsSize; q++) {
          out.observations[j * this.obsSize + q] = alive ? this.#rng.normal() : 0;
        }
      }
      if (this.#t[k] === 5) {
        out.episodeEnded[k] = 1;
        const o = k * this.A * this.obsSize;
        out.finalObservations.set(out.observations.subarray(o, o + this.A * this.obsSize), o);
        this.#t[k] = 0;
        for (let q = o; q < o + this.A * this.obsSize; q++) out.observations[q] = 100 + q;
      }
    }
    return out;
  }

  states(out?: Float32Array): Float32Array {
    const o = out ?? new Float32Array(this.K * this.stateSize);
    for (let k = 0; k < this.K; k++) {
      o.fill(this.#t[k], k * this.stateSize, (k + 1) * this.stateSize);
    }
    return o;
  }
}

const TOY: MaddpgConfigInput = {
  batch: 16,
  buffer: 256,
  warmup_steps: 8,
  hidden: [8, 8],
  twin: true,
  variance_penalty: 0.5,
  share_within_role: true,
  noise: { kind: "ou", sigma: 0.2, decay: 0.999 },
  max_grad_norm: 1,
};

Deno.test("Maddpg: one agent drives a point mass to the target (return > −3; untrained < −8)", async () => {
  await selectBackend("wasm");
  try {
    const curve = train(1, LEARN, 1500, 1);
    assert.ok(curve[0] < -8, `untrained return ${curve[0]}`);
    const final = curve[curve.length - 1];
    assert.ok(final > -3, `final return ${final} (curve ${curve.map((x) => x.toFixed(2))})`);
  } finally {
    await selectBackend("cpu");
  }
});

Deno.test("Maddpg: two agents, one coordinate each, reach the target together (return > −6)", async () => {
  // One agent alone can do no better than about −10.3 (the other coordinate drifts free).
  await selectBackend("wasm");
  try {
    const curve = train(2, LEARN, 2000, 1);
    assert.ok(curve[0] < -12, `untrained return ${curve[0]}`);
    const final = curve[curve.length - 1];
    assert.ok(final > -6, `final return ${final} (curve ${curve.map((x) => x.toFixed(2))})`);
  } finally {
    await selectBackend("cpu");
  }
});

Deno.test("Maddpg: roles share actors, action rows are padded, transitions are stored right", async () => {
  await selectBackend("cpu");
  const env = new ToyVec(2);
  const agent = new Maddpg(env.spec(), TOY, 3);
  assert.deepEqual(Array.from(agent.actorOf), [0, 0, 1]);
  assert.equal(agent.criticInputSize, 4 + 3 * 2);
  const stats = agent.collect(env, 10); // two episodes in each of 2 envs
  assert.equal(stats.transitions, 20);
  assert.equal(stats.episodes, 4);
  assert.equal(stats.approximatedFinalStates, 4);
  const { storage } = (await agent.getState()).replay;
  const obsW = 3 * 3;
  for (let row = 0; row < 20; row++) {
    const t = Math.floor(row / 2) % 5 + 1; // step within the episode (rows alternate env 0, 1)
    // Agent 2's action uses one value: the padding stays 0.
    assert.equal(storage.actions[row * 6 + 5], 0);
    assert.ok(storage.actions.slice(row * 6, row * 6 + 5).every((a) => a >= -1 && a <= 1));
    // Truncation bootstraps (done 0) for agents 0 and 1; agent 2 is done from its termination on.
    assert.deepEqual(Array.from(storage.dones.slice(row * 3, row * 3 + 3)), [0, 0, t >= 3 ? 1 : 0]);
    // The last step stores the final observation, not the next episode's first (which is ≥ 100).
    const next = storage.nextObs.slice(row * obsW, (row + 1) * obsW);
    assert.ok(next.every((v) => v < 100), `row ${row}`);
    // …and the next row of the same environment starts from the reset observation.
    if (t === 5 && row + 2 < 20) {
      assert.ok(storage.obs.slice((row + 2) * obsW, (row + 3) * obsW).every((v) => v >= 100));
    }
    // The state: x′ = t after the step (x′ approximated by x = t − 1 at the episode's end).
    assert.equal(storage.states[row * 4], t - 1);
    assert.equal(storage.nextStates[row * 4], t === 5 ? 4 : t);
  }
  const m = agent.update();
  assert.ok(Number.isFinite(m.criticLoss) && Number.isFinite(m.meanQ) && m.tdError > 0);
  assert.equal(m.actorUpdated, false); // policy_delay 2: actors on even updates
  assert.ok(Number.isNaN(m.actorLoss));
  assert.ok(m.targetVariance >= 0);
  assert.equal(m.beta, 0.4);
  const m2 = agent.update();
  assert.equal(m2.actorUpdated, true);
  assert.ok(Number.isFinite(m2.actorLoss) && Number.isFinite(m2.actorGradNorm));
  const out = new Float32Array(2 * 2);
  agent.act(new Float32Array(2 * 3), 2, false, out); // taker: one value in rows of two
  assert.equal(out[1], 0);
  assert.equal(out[3], 0);
  agent.dispose();
});

Deno.test("Maddpg: the tensor count does not grow over 100 updates and collects", async () => {
  await selectBackend("cpu");
  const env = new ToyVec(2);
  const agent = new Maddpg(env.spec(), TOY, 4);
  agent.collect(env, 20);
  agent.update();
  const before = tf.memory().numTensors;
  for (let u = 0; u < 100; u++) {
    agent.collect(env, 1);
    agent.update();
  }
  agent.act(new Float32Array(3), 0, false, new Float32Array(2));
  await agent.getState();
  assert.equal(tf.memory().numTensors, before);
  const live = tf.memory().numTensors;
  agent.dispose();
  assert.ok(tf.memory().numTensors < live);
});

Deno.test("Maddpg: getState/setState continues bit for bit on cpu", async () => {
  await selectBackend("cpu");
  const env = new ToyVec(2);
  const a = new Maddpg(env.spec(), TOY, 7);
  a.collect(env, 20);
  for (let u = 0; u < 5; u++) a.update();
  const saved: MaddpgState = await a.getState();
  const b = new Maddpg(env.spec(), TOY, 99); // another seed: everything must come from the state
  b.setState(saved);
  for (let u = 0; u < 3; u++) assert.deepEqual(b.update(), a.update());
  const outA = new Float32Array(4), outB = new Float32Array(4);
  const obs = Float32Array.of(0.1, -0.2, 0.3, 0.5, 0.0, -1);
  a.act(obs, 0, false, outA);
  b.act(obs, 0, false, outB);
  assert.deepEqual(outB, outA);
  const [sa, sb] = [await a.getState(), await b.getState()];
  assert.deepEqual(sb.weights, sa.weights);
  assert.deepEqual(sb.optimizers, sa.optimizers);
  assert.deepEqual(sb.replay, sa.replay);
  a.dispose();
  b.dispose();
});

Deno.test("Maddpg: config errors name the key", () => {
  assert.throws(
    () => new Maddpg(new ToyVec(1).spec(), { twin: false, variance_penalty: 0.1 }),
    /maddpg\.variance_penalty: expected 0 unless twin is true/,
  );
  assert.throws(() => new Maddpg(new ToyVec(1).spec(), { gamma: 2 }), /maddpg\.gamma/);
  assert.throws(
    () => new Maddpg(new ToyVec(1).spec(), { noise: { kind: "pink" as "ou" } }),
    /maddpg\.noise\.kind/,
  );
});
