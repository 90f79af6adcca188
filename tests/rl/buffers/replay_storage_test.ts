import { strict as assert } from "node:assert";
import { ReplayStorage } from "../../../lib/rl/buffers/replay_storage.ts";

/** A transition whose every value encodes (row id, field, position). */
function tagged(id: number, agents: number, obsSize: number, actSize: number, stateSize: number) {
  const fill = (n: number, base: number) => Float32Array.from({ length: n }, (_, k) => base + k);
  return {
    obs: fill(agents * obsSize, id * 1000 + 100),
    actions: fill(agents * actSize, id * 1000 + 200),
    rewards: fill(agents, id * 1000 + 300),
    nextObs: fill(agents * obsSize, id * 1000 + 400),
    dones: Float32Array.from({ length: agents }, (_, a) => (id + a) % 2),
    states: fill(stateSize, id * 1000 + 500),
    nextStates: fill(stateSize, id * 1000 + 600),
  };
}

Deno.test("ReplayStorage: fields are [N, agents, …] blocks; a batched write lands row after row", () => {
  const s = new ReplayStorage({ capacity: 5, agents: 2, obsSize: 3, actSize: 2, stateSize: 4 });
  assert.deepEqual(s.widths, {
    obs: 6,
    actions: 4,
    rewards: 2,
    nextObs: 6,
    dones: 2,
    states: 4,
    nextStates: 4,
  });
  assert.equal(s.obs.length, 5 * 6);
  const t0 = tagged(0, 2, 3, 2, 4), t1 = tagged(1, 2, 3, 2, 4);
  const joined = Object.fromEntries(
    Object.keys(t0).map((k) => {
      const a = t0[k as keyof typeof t0], b = t1[k as keyof typeof t1];
      const out = new Float32Array(a.length + b.length);
      out.set(a);
      out.set(b, a.length);
      return [k, out];
    }),
  ) as unknown as typeof t0;
  assert.equal(s.write(joined, 2), 0);
  assert.equal(s.size, 2);
  assert.equal(s.next, 2);
  assert.deepEqual(Array.from(s.obs.subarray(6, 12)), Array.from(t1.obs));
  assert.deepEqual(Array.from(s.states.subarray(4, 8)), Array.from(t1.states));
  assert.deepEqual(Array.from(s.dones.subarray(0, 4)), [0, 1, 1, 0]);
});

Deno.test("ReplayStorage: ring overwrite replaces the oldest rows, also inside one batched write", () => {
  const s = new ReplayStorage({ capacity: 3, obsSize: 1, actSize: 1 });
  for (let i = 0; i < 4; i++) {
    s.write({ obs: [i], actions: [i], rewards: [i], nextObs: [i + 1], dones: [0] });
  }
  assert.equal(s.size, 3);
  assert.equal(s.next, 1);
  assert.deepEqual(Array.from(s.rewards), [3, 1, 2]);
  // 4 rows starting at row 1: rows 1, 2, 0, then 1 again (the 4th overwrites the 1st)
  const first = s.write(
    {
      obs: [10, 11, 12, 13],
      actions: [0, 0, 0, 0],
      rewards: [10, 11, 12, 13],
      nextObs: [0, 0, 0, 0],
      dones: [0, 0, 0, 1],
    },
    4,
  );
  assert.equal(first, 1);
  assert.equal(s.next, 2);
  assert.deepEqual(Array.from(s.rewards), [12, 13, 11]);
  assert.deepEqual(Array.from(s.dones), [0, 1, 0]);
});

Deno.test("ReplayStorage: gather copies rows into the reusable batch; one batch object per size", () => {
  const s = new ReplayStorage({ capacity: 4, agents: 2, obsSize: 2, actSize: 1, stateSize: 3 });
  for (let i = 0; i < 4; i++) s.write(tagged(i, 2, 2, 1, 3));
  const b = s.batch(3);
  assert.equal(s.batch(3), b);
  assert.notEqual(s.batch(2), b);
  b.indices.set([2, 0, 2]);
  s.gather(b);
  const t2 = tagged(2, 2, 2, 1, 3), t0 = tagged(0, 2, 2, 1, 3);
  assert.deepEqual(Array.from(b.obs), [...t2.obs, ...t0.obs, ...t2.obs]);
  assert.deepEqual(Array.from(b.nextStates), [
    ...t2.nextStates,
    ...t0.nextStates,
    ...t2.nextStates,
  ]);
  assert.deepEqual(Array.from(b.rewards), [...t2.rewards, ...t0.rewards, ...t2.rewards]);
});

Deno.test("ReplayStorage: without a global state, states are empty and not required", () => {
  const s = new ReplayStorage({ capacity: 2, obsSize: 1, actSize: 1 });
  s.write({ obs: [1], actions: [1], rewards: [1], nextObs: [1], dones: [1] });
  assert.equal(s.states.length, 0);
  assert.equal(s.batch(4).states.length, 0);
});

Deno.test("ReplayStorage: wrong shapes are rejected with what was expected and found", () => {
  const s = new ReplayStorage({ capacity: 2, agents: 2, obsSize: 3, actSize: 1, stateSize: 2 });
  const good = tagged(0, 2, 3, 1, 2);
  assert.throws(
    () => s.write({ ...good, obs: new Float32Array(5) }),
    /obs to hold 1 × 6 = 6 values, found 5/,
  );
  assert.throws(
    () => s.write({ ...good, states: undefined }),
    /expected field states \(1 × 2 values\), found nothing/,
  );
  assert.throws(() => s.write(good, 2), /obs to hold 2 × 6 = 12 values, found 6/);
  assert.throws(() => s.write(good, 0), /count to be an integer ≥ 1, found 0/);
  assert.throws(
    () => new ReplayStorage({ capacity: 0, obsSize: 1, actSize: 1 }),
    /capacity to be an integer ≥ 1, found 0/,
  );
  assert.equal(s.size, 0); // nothing written by a rejected call
});

Deno.test("ReplayStorage: snapshot/restore round-trips rows and pointers and checks the layout", () => {
  const s = new ReplayStorage({ capacity: 3, agents: 2, obsSize: 2, actSize: 1, stateSize: 1 });
  for (let i = 0; i < 5; i++) s.write(tagged(i, 2, 2, 1, 1));
  const snap = s.snapshot();
  assert.equal(snap.size, 3);
  assert.equal(snap.next, 2);
  const r = new ReplayStorage(s.layout);
  r.restore(snap);
  assert.equal(r.size, 3);
  assert.equal(r.next, 2);
  for (
    const f of ["obs", "actions", "rewards", "nextObs", "dones", "states", "nextStates"] as const
  ) {
    assert.deepEqual(r[f], s[f], f);
  }
  snap.obs[0] = -1; // the snapshot is a copy
  assert.notEqual(s.obs[0], -1);
  const other = new ReplayStorage({ ...s.layout, obsSize: 3 });
  assert.throws(() => other.restore(snap), /expected layout.obsSize = 3, found 2/);
  assert.throws(
    () => r.restore({ ...snap, rewards: new Float32Array(1) }),
    /rewards to hold 6 values, found 1/,
  );
});
