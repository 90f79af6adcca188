import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { UniformReplay } from "../../../lib/rl/buffers/uniform_replay.ts";
import { CHI2_999, chiSquare, countTypedArrays } from "../_helpers.ts";

function filled(capacity: number, rows: number): UniformReplay {
  const buffer = new UniformReplay({ capacity, obsSize: 1, actSize: 1 });
  for (let i = 0; i < rows; i++) {
    buffer.add({ obs: [i], actions: [0], rewards: [i], nextObs: [i + 1], dones: [0] });
  }
  return buffer;
}

Deno.test("UniformReplay: draws every held row equally often (chi-square) and only held rows", () => {
  const buffer = filled(16, 6);
  const counts = new Array<number>(16).fill(0);
  const rng = Rng.fromSeed(21);
  for (let k = 0; k < 1000; k++) {
    const b = buffer.sample(30, rng);
    for (let r = 0; r < 30; r++) {
      counts[b.indices[r]]++;
      assert.equal(b.rewards[r], b.indices[r]); // the row's contents
    }
  }
  assert.deepEqual(counts.slice(6), new Array(10).fill(0));
  const x2 = chiSquare(counts.slice(0, 6), new Array(6).fill(30_000 / 6));
  assert(x2 < CHI2_999[5], `chi-square ${x2}; counts ${counts}`);
});

Deno.test("UniformReplay: weights are 1; ring overwrite keeps the newest rows", () => {
  const buffer = filled(4, 7);
  assert.equal(buffer.size, 4);
  assert.equal(buffer.capacity, 4);
  const b = buffer.sample(64, Rng.fromSeed(2));
  assert(b.weights.every((w) => w === 1));
  assert.deepEqual([...new Set(b.rewards)].sort(), [3, 4, 5, 6]);
  buffer.updatePriorities(b.indices, new Float32Array(64).fill(9)); // ignored
  assert.deepEqual(Array.from(buffer.storage.rewards), [4, 5, 6, 3]);
});

Deno.test("UniformReplay: sampling reuses its arrays and allocates nothing once warm", () => {
  const buffer = filled(32, 32);
  const rng = Rng.fromSeed(0);
  const first = buffer.sample(8, rng);
  let last = first;
  assert.equal(
    countTypedArrays(() => {
      for (let k = 0; k < 100; k++) last = buffer.sample(8, rng);
    }),
    0,
  );
  assert.equal(last, first);
  assert.equal(last.obs, first.obs);
});

Deno.test("UniformReplay: seeded sampling is reproducible; snapshot/restore continues exactly", () => {
  const a = filled(5, 8);
  const b = new UniformReplay(a.storage.layout);
  b.restore(a.snapshot());
  const ra = Rng.fromSeed(4), rb = Rng.fromSeed(4);
  for (let k = 0; k < 10; k++) {
    const x = a.sample(6, ra), y = b.sample(6, rb);
    assert.deepEqual(y.indices, x.indices);
    assert.deepEqual(y.nextObs, x.nextObs);
    a.add({ obs: [k], actions: [k], rewards: [k], nextObs: [k], dones: [1] });
    b.add({ obs: [k], actions: [k], rewards: [k], nextObs: [k], dones: [1] });
  }
  assert.throws(
    () => a.restore({ ...a.snapshot(), kind: "prioritized" }),
    /expected a "uniform" snapshot, found "prioritized"/,
  );
  assert.throws(
    () => new UniformReplay(a.storage.layout).sample(1, Rng.fromSeed(0)),
    /non-empty buffer/,
  );
});
