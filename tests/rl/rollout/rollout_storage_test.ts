import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { type RolloutLayout, RolloutStorage } from "../../../lib/rl/rollout/rollout_storage.ts";
import { countTypedArrays } from "../_helpers.ts";

const T = 5, K = 3, A = 4, OBS = 2, ACT = 3, STATE = 2;
const LAYOUT: RolloutLayout = {
  steps: T,
  envs: K,
  agents: A,
  obsSize: OBS,
  actSize: ACT,
  stateSize: STATE,
};

/** Entry (t, k, a) gets id t·100 + k·10 + a in every per-agent field (and obs/actions). */
function fill(store: RolloutStorage, steps = store.steps): void {
  const { envs: k, agents: a, obsSize: o, actSize: c, stateSize: s } = store;
  for (let t = 0; t < steps; t++) {
    const id = (kk: number, aa: number) => t * 100 + kk * 10 + aa;
    const perAgent = (f: (kk: number, aa: number) => number) =>
      Float32Array.from({ length: k * a }, (_, j) => f(Math.floor(j / a), j % a));
    store.insert({
      obs: Float32Array.from(
        { length: k * a * o },
        (_, j) => id(Math.floor(j / (a * o)), Math.floor(j / o) % a) + (j % o) / 10,
      ),
      states: Float32Array.from(
        { length: k * s },
        (_, j) => t * 100 + Math.floor(j / s) * 10 + (j % s) / 10,
      ),
      actions: Float32Array.from(
        { length: k * a * c },
        (_, j) => -id(Math.floor(j / (a * c)), Math.floor(j / c) % a),
      ),
      logProbs: perAgent((kk, aa) => id(kk, aa) + 0.25),
      values: perAgent((kk, aa) => id(kk, aa) + 0.5),
      rewards: perAgent(() => 0),
      terminations: perAgent(() => 0),
      truncations: perAgent(() => 0),
    });
  }
}

Deno.test("RolloutStorage: flat minibatches cover every (t, k, agent) exactly once per epoch", () => {
  const store = new RolloutStorage(LAYOUT);
  fill(store);
  const rng = Rng.fromSeed(3);
  for (let epoch = 0; epoch < 3; epoch++) {
    const seen = new Map<number, number>();
    const sizes: number[] = [];
    for (const mb of store.minibatches(7, rng)) {
      sizes.push(mb.size);
      assert.equal(mb.agentsPerRow, 1);
      for (let r = 0; r < mb.size; r++) {
        const row = mb.rows[r], a = mb.agentIds[r];
        const t = Math.floor(row / K), k = row % K;
        const id = t * 100 + k * 10 + a;
        seen.set(id, (seen.get(id) ?? 0) + 1);
        // every field of the entry travelled together
        assert.equal(mb.values[r], id + 0.5);
        assert.equal(mb.logProbs[r], id + 0.25);
        assert.deepEqual(
          Array.from(mb.obs.subarray(r * OBS, (r + 1) * OBS)),
          [id, id + 0.1].map(Math.fround),
        );
        assert.deepEqual(Array.from(mb.actions.subarray(r * ACT, (r + 1) * ACT)), [-id, -id, -id]);
        assert.deepEqual(Array.from(mb.states.subarray(r * STATE, (r + 1) * STATE)), [
          t * 100 + k * 10,
          Math.fround(t * 100 + k * 10 + 0.1),
        ]);
        assert.equal(mb.active[r], 1);
      }
    }
    assert.equal(seen.size, T * K * A);
    assert([...seen.values()].every((c) => c === 1));
    // 60 entries in 7 minibatches: four of 9 and three of 8
    assert.deepEqual(sizes, [9, 9, 9, 9, 8, 8, 8]);
  }
});

Deno.test("RolloutStorage: per-role and joint minibatches", () => {
  const store = new RolloutStorage(LAYOUT);
  fill(store);
  const rng = Rng.fromSeed(5);
  // one role = agents 1 and 3: only their T·K·2 entries, each once
  const roleSeen = new Set<string>();
  for (const mb of store.minibatches(4, rng, { agents: [1, 3] })) {
    for (let r = 0; r < mb.size; r++) {
      assert([1, 3].includes(mb.agentIds[r]));
      roleSeen.add(`${mb.rows[r]}/${mb.agentIds[r]}`);
    }
  }
  assert.equal(roleSeen.size, T * K * 2);
  // joint: one row per (t, k) with the agents in the order given
  const rows = new Set<number>();
  let total = 0;
  for (const mb of store.minibatches(2, rng, { agents: [3, 0], joint: true })) {
    assert.equal(mb.agentsPerRow, 2);
    total += mb.size;
    for (let r = 0; r < mb.size; r++) {
      rows.add(mb.rows[r]);
      const t = Math.floor(mb.rows[r] / K), k = mb.rows[r] % K;
      assert.deepEqual(Array.from(mb.agentIds.subarray(2 * r, 2 * r + 2)), [3, 0]);
      assert.deepEqual(Array.from(mb.values.subarray(2 * r, 2 * r + 2)), [
        t * 100 + k * 10 + 3.5,
        t * 100 + k * 10 + 0.5,
      ]);
      assert.equal(mb.obs[(2 * r + 1) * OBS], t * 100 + k * 10); // second slot: agent 0's first obs value
      assert.equal(mb.states[r * STATE], t * 100 + k * 10);
    }
  }
  assert.equal(total, T * K);
  assert.equal(rows.size, T * K);
});

Deno.test("RolloutStorage: the shuffle is seeded, differs between epochs, and reuses its arrays", () => {
  const order = (seed: number, epochs: number) => {
    const store = new RolloutStorage(LAYOUT);
    fill(store);
    const rng = Rng.fromSeed(seed);
    const out: string[] = [];
    for (let e = 0; e < epochs; e++) {
      const ids: number[] = [];
      for (const mb of store.minibatches(3, rng)) {
        for (let r = 0; r < mb.size; r++) ids.push(mb.rows[r] * A + mb.agentIds[r]);
      }
      out.push(ids.join());
    }
    return out;
  };
  const a = order(1, 2), b = order(1, 2), c = order(2, 1);
  assert.deepEqual(a, b);
  assert.notEqual(a[0], a[1]);
  assert.notEqual(a[0], c[0]);
  assert.notEqual(a[0], Array.from({ length: T * K * A }, (_, i) => i).join()); // actually shuffled

  const store = new RolloutStorage(LAYOUT);
  fill(store);
  const rng = Rng.fromSeed(0);
  const first = [...store.minibatches(4, rng)]; // warm: 60 / 4 = 15 each, one object
  assert.equal(first[0], first[3]);
  const created = countTypedArrays(() => {
    for (let e = 0; e < 5; e++) {
      for (const _ of store.minibatches(4, rng, { agents: [0, 1, 2, 3] }));
    }
  });
  assert.equal(created, 0);
});

Deno.test("RolloutStorage: computeReturns runs GAE over [T, K·A] with truncation bootstrapping", () => {
  // 3 steps, 1 env, 2 agents, γ = 0.5, λ = 1, V = 0 everywhere, r = 1 everywhere.
  // Agent 0 is truncated after step 1 with V(final) = 8; agent 1 terminates after step 1 and is
  // inactive at step 2. lastValues = [4, 100].
  // Agent 0: t=2: 1 + 0.5·4 = 3. t=1 (truncated): δ = 1 + 0.5·8 = 5 → Â = 5. t=0: 1 + 0.5·5 = 3.5.
  // Agent 1: t=2: 1 + 0.5·100 = 51 (inactive; not used). t=1 (terminated): 1. t=0: 1 + 0.5·1 = 1.5.
  const store = new RolloutStorage({ steps: 3, envs: 1, agents: 2, obsSize: 1, actSize: 1 });
  const step = (term: number[], trunc: number[], finalValues?: number[], active?: number[]) =>
    store.insert({
      obs: [0, 0],
      actions: [0, 0],
      logProbs: [0, 0],
      values: [0, 0],
      rewards: [1, 1],
      terminations: term,
      truncations: trunc,
      finalValues,
      active,
    });
  step([0, 0], [0, 0]);
  step([0, 1], [1, 0], [8, 0]);
  step([0, 0], [0, 0], undefined, [1, 0]);
  assert(store.full);
  store.computeReturns([4, 100], 0.5, 1);
  assert.deepEqual(Array.from(store.advantages), [3.5, 1.5, 5, 1, 3, 51]);
  assert.deepEqual(Array.from(store.returns), [3.5, 1.5, 5, 1, 3, 51]);
  assert.deepEqual(Array.from(store.active), [1, 1, 1, 1, 1, 0]);
  // advantage normalisation over the five active entries: mean 2.8, unbiased std
  const { mean, std } = store.normalizeAdvantages(0);
  const act = [3.5, 1.5, 5, 1, 3];
  const m = act.reduce((x, y) => x + y, 0) / 5;
  const s = Math.sqrt(act.reduce((x, y) => x + (y - m) ** 2, 0) / 4);
  assert(Math.abs(mean - 2.8) < 1e-12 && Math.abs(std - s) < 1e-12);
  assert.equal(store.advantages[5], 0);
  const z = Array.from(store.advantages).filter((_, i) => i !== 5);
  assert(Math.abs(z.reduce((x, y) => x + y, 0)) < 1e-5);
  z.forEach((v, i) => assert(Math.abs(v - (act[i] - m) / s) < 1e-6));
});

Deno.test("RolloutStorage: insert checks shapes and capacity; reset starts over", () => {
  const store = new RolloutStorage({
    steps: 1,
    envs: 2,
    agents: 1,
    obsSize: 2,
    actSize: 1,
    stateSize: 3,
  });
  const ok = {
    obs: new Float32Array(4),
    states: new Float32Array(6),
    actions: new Float32Array(2),
    logProbs: [0, 0],
    values: [0, 0],
    rewards: [0, 0],
    terminations: [0, 0],
    truncations: [0, 0],
  };
  assert.throws(
    () => store.insert({ ...ok, obs: new Float32Array(3) }),
    /obs to hold 4 values, found 3/,
  );
  assert.throws(
    () => store.insert({ ...ok, states: undefined }),
    /expected states \(2 × 3 values\), found nothing/,
  );
  assert.throws(() => store.computeReturns([0, 0], 1, 1), /expected 1 steps, found 0/);
  store.insert(ok);
  assert.throws(() => store.insert(ok), /at most 1 steps before reset/);
  assert.throws(() => [...store.minibatches(3, Rng.fromSeed(0))], /count in \[1, 2\], found 3/);
  assert.throws(
    () => [...store.minibatches(1, Rng.fromSeed(0), { agents: [1] })],
    /distinct agent indices in \[0, 1\)/,
  );
  store.reset();
  assert.equal(store.step, 0);
  store.insert(ok);
  assert.equal(store.step, 1);
  assert.throws(
    () => new RolloutStorage({ ...LAYOUT, envs: 0 }),
    /envs to be an integer ≥ 1, found 0/,
  );
});
