import { strict as assert } from "node:assert";
import { z } from "zod";
import {
  assertStrictSchema,
  describeSchema,
  describeType,
  int,
  num,
  oneOf,
  posInt,
  probability,
  section,
  undocumentedKeys,
} from "../../lib/config/mod.ts";

Deno.test("section rejects unknown keys", () => {
  const s = section({ a: int() });
  assert.deepEqual(s.parse({ a: 1 }), { a: 1 });
  assert.equal(s.safeParse({ a: 1, b: 2 }).success, false);
});

Deno.test("number helpers enforce their bounds", () => {
  assert.equal(int({ min: 1, max: 3 }).safeParse(3).success, true);
  assert.equal(int({ min: 1, max: 3 }).safeParse(4).success, false);
  assert.equal(int().safeParse(1.5).success, false);
  assert.equal(num({ gt: 0 }).safeParse(0).success, false);
  assert.equal(num({ gt: 0 }).safeParse(1e-9).success, true);
  assert.equal(num({ lt: 1 }).safeParse(1).success, false);
  assert.equal(num().safeParse(Infinity).success, false);
  assert.equal(posInt().safeParse(0).success, false);
  assert.equal(probability().safeParse(1).success, true);
  assert.equal(probability().safeParse(1.01).success, false);
  assert.equal(oneOf(["a", "b"]).safeParse("c").success, false);
});

Deno.test("describeType words", () => {
  assert.equal(describeType(posInt()), "an integer ≥ 1");
  assert.equal(describeType(int({ min: 1, max: 10 })), "an integer between 1 and 10");
  assert.equal(describeType(num({ gt: 0, lt: 1 })), "a number > 0 and < 1");
  assert.equal(describeType(num()), "a number");
  assert.equal(describeType(int({ max: 5 }), false), "integer ≤ 5");
  assert.equal(describeType(z.boolean()), "a boolean");
  assert.equal(describeType(oneOf(["fast", "exact"])), "one of: fast, exact");
  assert.equal(describeType(z.literal("auto")), 'exactly "auto"');
  assert.equal(describeType(z.string().min(2)), "a string of at least 2 characters");
  assert.equal(
    describeType(z.array(posInt()).min(1)),
    "a list of at least 1 items (each an integer ≥ 1)",
  );
  assert.equal(describeType(z.string().nullable().default(null)), "a string or null");
  assert.equal(describeType(section({})), "a mapping");
  assert.equal(
    describeType(z.union([z.literal("auto"), posInt()])),
    'exactly "auto" or an integer ≥ 1',
  );
});

Deno.test("describeSchema lists every key with type, default and description", () => {
  const schema = section({
    seed: int().default(1).describe("master seed"),
    replay: section({
      levels: posInt().describe("book levels").default(10),
      mode: oneOf(["fast", "exact"]).optional().describe("matching mode"),
    }).prefault({}).describe("order-book replay"),
    agents: z.array(section({ lr: num({ gt: 0 }).describe("learning rate, per step") }))
      .default([]).describe("agents"),
  });
  assert.deepEqual(describeSchema(schema), [
    { keyPath: "seed", type: "integer", default: 1, description: "master seed", optional: true },
    {
      keyPath: "replay",
      type: "section",
      default: {},
      description: "order-book replay",
      optional: true,
    },
    {
      keyPath: "replay.levels",
      type: "integer ≥ 1",
      default: 10,
      description: "book levels",
      optional: true,
    },
    {
      keyPath: "replay.mode",
      type: "one of: fast, exact",
      description: "matching mode",
      optional: true,
    },
    {
      keyPath: "agents",
      type: "list of sections",
      default: [],
      description: "agents",
      optional: true,
    },
    {
      keyPath: "agents[].lr",
      type: "number > 0",
      description: "learning rate, per step",
      optional: false,
    },
  ]);
  assert.deepEqual(undocumentedKeys(schema), []);
  assert.deepEqual(undocumentedKeys(section({ a: int(), b: section({ c: z.boolean() }) })), [
    "a",
    "b",
    "b.c",
  ]);
});

Deno.test("assertStrictSchema finds loose objects anywhere", () => {
  assertStrictSchema(section({ a: section({ b: z.array(section({})) }) }));
  assert.throws(() => assertStrictSchema(z.object({})), /objects at \(root\)/);
  assert.throws(
    () => assertStrictSchema(section({ a: z.array(z.looseObject({})).optional() })),
    /objects at a\[\] accept unknown keys/,
  );
  assert.throws(
    () => assertStrictSchema(section({ u: z.union([z.literal(1), z.object({})]) })),
    /objects at u accept unknown keys/,
  );
  assert.throws(
    () => assertStrictSchema(section({ r: z.record(z.string(), z.object({})) })),
    /objects at r\.\* accept unknown keys/,
  );
});
