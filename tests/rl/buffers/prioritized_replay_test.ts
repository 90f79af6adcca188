import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { PrioritizedReplay } from "../../../lib/rl/buffers/prioritized_replay.ts";
import type { TransitionLayout } from "../../../lib/rl/buffers/replay_storage.ts";
import { CHI2_999, chiSquare, countTypedArrays } from "../_helpers.ts";

const SCALAR: TransitionLayout = { capacity: 8, obsSize: 1, actSize: 1 };

function addScalar(per: PrioritizedReplay, id: number): number {
  return per.add({ obs: [id], actions: [-id], rewards: [id], nextObs: [id + 0.5], dones: [0] });
}

/**
 * Four rows with TD errors chosen so that |δ| + ε = 1, 4, 9, 16 (ε = 0.01);
 * with α = 0.5 the priorities are p = 1, 2, 3, 4 (total 10).
 */
function fourRows(options: ConstructorParameters<typeof PrioritizedReplay>[1]): PrioritizedReplay {
  const per = new PrioritizedReplay(SCALAR, { alpha: 0.5, epsilon: 0.01, ...options });
  for (let i = 0; i < 4; i++) addScalar(per, i);
  per.updatePriorities([0, 1, 2, 3], [0.99, -3.99, 8.99, -15.99]);
  return per;
}

const close = (a: number, b: number, tol = 1e-6) =>
  assert(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

Deno.test("PER: priorities are (|δ| + ε)^α", () => {
  const per = fourRows({});
  for (let i = 0; i < 4; i++) close(per.tree.get(i), i + 1, 1e-12);
  close(per.tree.total(), 10, 1e-12);
  close(per.maxPriority, 4, 1e-12);
});

Deno.test("PER: stratified segments with aligned intervals give a fixed batch; IS weights by hand", () => {
  // Cumulative intervals: row 0 [0,1), row 1 [1,3), row 2 [3,6), row 3 [6,10); batch 10 → segment 1.
  const per = fourRows({ beta0: 0.5, betaUpdates: 1e9 });
  const batch = per.sample(10, Rng.fromSeed(9));
  assert.deepEqual(Array.from(batch.indices), [0, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
  // w_i = (N·P(i))^−β / max_j w_j with N = 4, P = p/10, β = 0.5; the largest weight is row 0's:
  // w_i / w_0 = (p_i / p_0)^−0.5 = 1/√p_i.
  const expected = [
    1,
    1 / Math.SQRT2,
    1 / Math.SQRT2,
    1 / Math.sqrt(3),
    1 / Math.sqrt(3),
    1 / Math.sqrt(3),
    0.5,
    0.5,
    0.5,
    0.5,
  ];
  batch.weights.forEach((w, b) => close(w, expected[b]));
  // the batch's fields are the rows' contents
  assert.deepEqual(Array.from(batch.rewards), [0, 1, 1, 2, 2, 2, 3, 3, 3, 3]);
  assert.deepEqual(Array.from(batch.actions), [-0, -1, -1, -2, -2, -2, -3, -3, -3, -3]);
});

Deno.test("PER: buffer normalisation divides by the least likely row's weight, batch normalisation by the batch's", () => {
  // p = 2, 3, 5 (|δ|+ε = 4, 9, 25 with α = 0.5), total 10; batch 2 → segments [0,5) and [5,10):
  // the first holds row 0 or row 1, the second is always row 2.
  const make = (norm: "buffer" | "batch") => {
    const per = new PrioritizedReplay(SCALAR, {
      alpha: 0.5,
      epsilon: 0.01,
      beta0: 1,
      weightNormalisation: norm,
    });
    for (let i = 0; i < 3; i++) addScalar(per, i);
    per.updatePriorities([0, 1, 2], [3.99, 8.99, 24.99]);
    return per;
  };
  const buffer = make("buffer"), batch = make("batch");
  const rngA = Rng.fromSeed(3), rngB = Rng.fromSeed(3);
  const seen = new Set<number>();
  for (let k = 0; k < 40; k++) {
    const a = buffer.sample(2, rngA), b = batch.sample(2, rngB);
    assert.deepEqual(Array.from(a.indices), Array.from(b.indices));
    assert.equal(a.indices[1], 2);
    const first = a.indices[0];
    seen.add(first);
    const p = [2, 3, 5];
    // β = 1: w ∝ 1/p. Buffer: max weight is row 0's (p = 2) → w = 2/p.
    close(a.weights[0], 2 / p[first]);
    close(a.weights[1], 2 / 5);
    // Batch: max over {first, row 2} is the first's (p ≤ 3 < 5) → w = p_first / p.
    close(b.weights[0], 1);
    close(b.weights[1], p[first] / 5);
  }
  assert.deepEqual([...seen].sort(), [0, 1]); // both cases were exercised
});

Deno.test("PER: β anneals linearly from β0 to 1 over betaUpdates sample calls, then stays at 1", () => {
  const per = fourRows({ beta0: 0.4, betaUpdates: 10 });
  close(per.betaAt(0), 0.4, 1e-15);
  close(per.betaAt(5), 0.7, 1e-15);
  close(per.betaAt(10), 1, 1e-15);
  close(per.betaAt(25), 1, 1e-15);
  const rng = Rng.fromSeed(1);
  for (let k = 0; k < 5; k++) per.sample(10, rng);
  assert.equal(per.updates, 5);
  close(per.beta, 0.7, 1e-15);
  // the weights of the 6th batch use β = 0.7: w_i = (p_i / p_min)^−0.7
  const b = per.sample(10, rng);
  b.weights.forEach((w, k) => close(w, Math.pow(b.indices[k] + 1, -0.7)));
  for (let k = 0; k < 10; k++) per.sample(10, rng);
  assert.equal(per.beta, 1);
  const last = per.sample(10, rng);
  last.weights.forEach((w, k) => close(w, 1 / (last.indices[k] + 1))); // β = 1: w = p_min / p_i
  assert.equal(new PrioritizedReplay(SCALAR, { betaUpdates: 0, beta0: 0.2 }).beta, 1);
});

Deno.test("PER: sampling frequencies follow P(i) = p_i / Σ p (chi-square over 64 000 draws)", () => {
  const per = new PrioritizedReplay({ capacity: 16, obsSize: 1, actSize: 1 }, {
    alpha: 0.7,
    epsilon: 0.05,
  });
  for (let i = 0; i < 10; i++) addScalar(per, i);
  const deltas = [0.1, 2, 0.5, 3, 0, 1, 4, 0.2, 1.5, 0.8];
  per.updatePriorities(deltas.map((_, i) => i), deltas);
  const p = deltas.map((d) => Math.pow(d + 0.05, 0.7)); // by hand
  const total = p.reduce((a, b) => a + b, 0);
  const counts = new Array<number>(10).fill(0);
  const rng = Rng.fromSeed(77);
  for (let k = 0; k < 2000; k++) {
    const b = per.sample(32, rng);
    for (const i of b.indices) counts[i]++;
  }
  const n = 2000 * 32;
  const x2 = chiSquare(counts, p.map((pi) => (n * pi) / total));
  assert(x2 < CHI2_999[9], `chi-square ${x2} over 9 degrees of freedom; counts ${counts}`);
});

Deno.test("PER: new rows get the largest priority so far; overwritten rows get it too", () => {
  const per = new PrioritizedReplay({ capacity: 3, obsSize: 1, actSize: 1 }, {
    alpha: 1,
    epsilon: 0,
  });
  for (let i = 0; i < 3; i++) addScalar(per, i);
  for (let i = 0; i < 3; i++) assert.equal(per.tree.get(i), 1); // 1 before any update
  per.updatePriorities([0, 1, 2], [0.5, 7, 0.25]);
  assert.equal(per.maxPriority, 7);
  per.updatePriorities([1], [2]); // the maximum never decreases (Algorithm 1: max over all i < t)
  assert.equal(per.maxPriority, 7);
  assert.equal(addScalar(per, 3), 0); // ring overwrite of row 0
  assert.equal(per.tree.get(0), 7);
  assert.equal(per.storage.rewards[0], 3);
  assert.equal(per.tree.total(), 7 + 2 + 0.25);
  const first = per.addBatch(2, {
    obs: [4, 5],
    actions: [0, 0],
    rewards: [4, 5],
    nextObs: [0, 0],
    dones: [0, 0],
  });
  assert.equal(first, 1);
  assert.equal(per.tree.get(1), 7);
  assert.equal(per.tree.get(2), 7);
});

Deno.test("PER: updatePriorities checks rows and TD errors and honours count", () => {
  const per = fourRows({});
  assert.throws(() => per.updatePriorities([4], [1]), /row in \[0, 4\), found 4 at position 0/);
  assert.throws(
    () => per.updatePriorities([0, 1], [1, NaN]),
    /finite TD error for row 1, found NaN/,
  );
  assert.throws(
    () => per.updatePriorities([0, 1], [1], 2),
    /expected 2 indices and TD errors, found 2 and 1/,
  );
  const before = per.tree.get(3);
  per.updatePriorities(new Int32Array([2, 3]), new Float32Array([0.99, 0]), 1); // only row 2
  assert.equal(per.tree.get(3), before);
  close(per.tree.get(2), 1, 1e-7);
  assert.throws(
    () => new PrioritizedReplay(SCALAR).sample(4, Rng.fromSeed(0)),
    /non-empty buffer, found 0 rows/,
  );
  assert.throws(() => new PrioritizedReplay(SCALAR, { beta0: 2 }), /beta0 in \[0, 1\], found 2/);
  assert.throws(
    () => new PrioritizedReplay(SCALAR, { alpha: -1 }),
    /alpha in \[0, Infinity\], found -1/,
  );
  assert.throws(
    // deno-lint-ignore no-explicit-any
    () => new PrioritizedReplay(SCALAR, { weightNormalisation: "max" as any }),
    /weightNormalisation "buffer" or "batch", found "max"/,
  );
});

Deno.test("PER: joint multi-agent transitions with a global state come back whole", () => {
  const layout = { capacity: 10, agents: 3, obsSize: 2, actSize: 2, stateSize: 4 };
  const per = new PrioritizedReplay(layout);
  for (let i = 0; i < 6; i++) {
    per.add({
      obs: Float32Array.from({ length: 6 }, (_, k) => i * 10 + k),
      actions: Float32Array.from({ length: 6 }, (_, k) => -(i * 10 + k)),
      rewards: [i, i, i],
      nextObs: Float32Array.from({ length: 6 }, (_, k) => i * 10 + k + 0.5),
      dones: [0, i % 2, 0],
      states: Float32Array.from({ length: 4 }, (_, k) => i * 100 + k),
      nextStates: Float32Array.from({ length: 4 }, (_, k) => i * 100 + k + 0.5),
    });
  }
  const b = per.sample(5, Rng.fromSeed(4));
  for (let r = 0; r < 5; r++) {
    const i = b.indices[r];
    assert.deepEqual(
      Array.from(b.obs.subarray(r * 6, r * 6 + 6)),
      [0, 1, 2, 3, 4, 5].map((k) => i * 10 + k),
    );
    assert.deepEqual(
      Array.from(b.states.subarray(r * 4, r * 4 + 4)),
      [0, 1, 2, 3].map((k) => i * 100 + k),
    );
    assert.deepEqual(
      Array.from(b.nextStates.subarray(r * 4, r * 4 + 4)),
      [0, 1, 2, 3].map((k) => i * 100 + k + 0.5),
    );
    assert.deepEqual(Array.from(b.dones.subarray(r * 3, r * 3 + 3)), [0, i % 2, 0]);
  }
});

Deno.test("PER: same seed, same batches; different seeds, different batches", () => {
  const a = fourRows({}), b = fourRows({});
  const ra = Rng.fromSeed(5).derive("replay"), rb = Rng.fromSeed(5).derive("replay");
  for (let k = 0; k < 20; k++) {
    assert.deepEqual(Array.from(a.sample(7, ra).indices), Array.from(b.sample(7, rb).indices));
  }
  const seq = (seed: number) => {
    const per = fourRows({});
    const rng = Rng.fromSeed(seed);
    return Array.from({ length: 5 }, () => Array.from(per.sample(7, rng).indices).join()).join("|");
  };
  assert.equal(seq(1), seq(1));
  assert.notEqual(seq(1), seq(2));
});

Deno.test("PER: the sample path allocates nothing once warm and returns the same arrays", () => {
  const per = new PrioritizedReplay({
    capacity: 64,
    agents: 2,
    obsSize: 4,
    actSize: 2,
    stateSize: 3,
  });
  const t = {
    obs: new Float32Array(8),
    actions: new Float32Array(4),
    rewards: new Float32Array(2),
    nextObs: new Float32Array(8),
    dones: new Float32Array(2),
    states: new Float32Array(3),
    nextStates: new Float32Array(3),
  };
  for (let i = 0; i < 40; i++) per.add(t);
  const rng = Rng.fromSeed(0);
  const first = per.sample(16, rng);
  const arrays = [
    first.indices,
    first.weights,
    first.obs,
    first.actions,
    first.rewards,
    first.nextObs,
    first.dones,
    first.states,
    first.nextStates,
  ];
  const td = new Float32Array(16);
  let again = first;
  const created = countTypedArrays(() => {
    for (let k = 0; k < 100; k++) {
      again = per.sample(16, rng);
      td.fill(k * 0.01);
      per.updatePriorities(again.indices, td);
    }
  });
  assert.equal(created, 0);
  assert.equal(again, first);
  const againArrays = [
    again.indices,
    again.weights,
    again.obs,
    again.actions,
    again.rewards,
    again.nextObs,
    again.dones,
    again.states,
    again.nextStates,
  ];
  againArrays.forEach((a, k) => assert.equal(a, arrays[k]));
});

Deno.test("PER: snapshot/restore continues exactly (storage, priorities, max priority, β clock)", () => {
  const layout = { capacity: 6, agents: 2, obsSize: 2, actSize: 1, stateSize: 2 };
  const opts = { alpha: 0.6, beta0: 0.4, betaUpdates: 50 };
  const data = Rng.fromSeed(12);
  const randomTransition = () => ({
    obs: Float32Array.from({ length: 4 }, () => data.normal()),
    actions: Float32Array.from({ length: 2 }, () => data.normal()),
    rewards: Float32Array.from({ length: 2 }, () => data.normal()),
    nextObs: Float32Array.from({ length: 4 }, () => data.normal()),
    dones: [data.bernoulli(0.2) ? 1 : 0, 0],
    states: Float32Array.from({ length: 2 }, () => data.normal()),
    nextStates: Float32Array.from({ length: 2 }, () => data.normal()),
  });
  const a = new PrioritizedReplay(layout, opts);
  const rng = Rng.fromSeed(8);
  for (let i = 0; i < 9; i++) a.add(randomTransition()); // wraps
  for (let k = 0; k < 5; k++) {
    const b = a.sample(4, rng);
    a.updatePriorities(b.indices, Float32Array.from({ length: 4 }, () => data.normal()));
  }
  const snap = a.snapshot();
  assert.equal(snap.kind, "prioritized");
  assert.equal(snap.updates, 5);
  assert.equal(snap.priorities?.length, 6);
  const b = new PrioritizedReplay(layout, opts);
  b.restore(snap);
  assert.equal(b.size, a.size);
  assert.equal(b.storage.next, a.storage.next);
  assert.equal(b.maxPriority, a.maxPriority);
  assert.equal(b.tree.total(), a.tree.total());
  const rngA = Rng.fromState(rng.state()), rngB = Rng.fromState(rng.state());
  for (let k = 0; k < 10; k++) {
    if (k === 4) {
      const t = randomTransition();
      a.add(t);
      b.add(t);
    }
    const ba = a.sample(4, rngA);
    const bb = b.sample(4, rngB);
    for (
      const f of [
        "indices",
        "weights",
        "obs",
        "actions",
        "rewards",
        "nextObs",
        "dones",
        "states",
        "nextStates",
      ] as const
    ) {
      assert.deepEqual(bb[f], ba[f], `${f} at step ${k}`);
    }
    const td = Float32Array.from({ length: 4 }, (_, j) => (k + 1) * (j - 1.5));
    a.updatePriorities(ba.indices, td);
    b.updatePriorities(bb.indices, td);
  }
  // a snapshot through JSON-like plain arrays (what a checkpoint file holds) restores too
  const plain = JSON.parse(
    JSON.stringify(snap, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float32Array) : v)),
  );
  const revive = (x: number[]) => Float32Array.from(x);
  const c = new PrioritizedReplay(layout, opts);
  c.restore({
    ...plain,
    priorities: Float64Array.from(plain.priorities),
    storage: {
      ...plain.storage,
      obs: revive(plain.storage.obs),
      actions: revive(plain.storage.actions),
      rewards: revive(plain.storage.rewards),
      nextObs: revive(plain.storage.nextObs),
      dones: revive(plain.storage.dones),
      states: revive(plain.storage.states),
      nextStates: revive(plain.storage.nextStates),
    },
  });
  assert.deepEqual(c.tree.leaves(6), snap.priorities);
  assert.deepEqual(c.snapshot(), snap);
});

Deno.test("PER: restore rejects a uniform snapshot, missing priorities and a bad β clock", () => {
  const per = fourRows({});
  const snap = per.snapshot();
  assert.throws(
    () => per.restore({ ...snap, kind: "uniform" }),
    /expected a "prioritized" snapshot, found "uniform"/,
  );
  assert.throws(
    () => per.restore({ ...snap, priorities: undefined }),
    /expected 4 priorities, found none/,
  );
  assert.throws(() => per.restore({ ...snap, updates: -1 }), /integer updates ≥ 0, found -1/);
  assert.throws(() => per.restore({ ...snap, maxPriority: 0 }), /finite maxPriority > 0, found 0/);
});
