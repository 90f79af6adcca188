/** OrderIdMap against a Map reference. */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { OrderIdMap } from "../../../lib/sim/engine/mod.ts";

type MapCmd = { t: "set"; id: number; h: number } | { t: "get"; id: number } | {
  t: "delete";
  id: number;
};

// A small pool of ids makes probe runs, overwrites and backward-shift deletes common;
// a few huge ids exercise the high word of the hash.
const idArb = fc.oneof(
  { weight: 8, arbitrary: fc.nat({ max: 60 }) },
  { weight: 1, arbitrary: fc.constantFrom(2 ** 32, 2 ** 32 + 1, 2 ** 53 - 1, 16113575) },
  { weight: 1, arbitrary: fc.maxSafeNat() },
);
const cmdArb: fc.Arbitrary<MapCmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant("set" as const),
      id: idArb,
      h: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("get" as const), id: idArb }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("delete" as const), id: idArb }) },
);

Deno.test("OrderIdMap behaves like Map on random set/get/delete sequences", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(1, 4, 64),
      fc.array(cmdArb, { maxLength: 400, size: "max" }),
      (capacity, cmds) => {
        const m = new OrderIdMap(capacity);
        const ref = new Map<number, number>();
        for (const c of cmds) {
          if (c.t === "set") {
            m.set(c.id, c.h);
            ref.set(c.id, c.h);
          } else if (c.t === "get") {
            assert.equal(m.get(c.id), ref.get(c.id) ?? -1);
          } else {
            assert.equal(m.delete(c.id), ref.delete(c.id));
          }
          assert.equal(m.size, ref.size);
        }
        for (const [id, h] of ref) assert.equal(m.get(id), h);
        for (let id = 0; id <= 60; id++) assert.equal(m.get(id), ref.get(id) ?? -1);
        assert.equal(m.get(-1), -1);
        m.clear();
        assert.equal(m.size, 0);
        for (const id of ref.keys()) assert.equal(m.get(id), -1);
      },
    ),
    { numRuns: 300, seed: 4_242 },
  );
});

Deno.test("OrderIdMap.get(−1) is −1 even though −1 marks empty slots (regression)", () => {
  const m = new OrderIdMap(4);
  assert.equal(m.get(-1), -1);
  for (let id = 0; id < 100; id++) m.set(id, 0); // handle 0 everywhere
  for (let id = 0; id < 100; id += 2) m.delete(id); // stale values stay in freed slots
  assert.equal(m.get(-1), -1);
  assert.equal(m.get(1), 0);
  assert.equal(m.get(2), -1);
  assert.equal(m.size, 50);
});
