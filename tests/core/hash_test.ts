import { strict as assert } from "node:assert";
import fc from "fast-check";
import { canonicalJson, hashConfig, hashFile, sha256Hex } from "../../lib/core/hash.ts";

Deno.test("sha256Hex matches the standard test vectors", async () => {
  assert.equal(
    await sha256Hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    await sha256Hex("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(await sha256Hex(new TextEncoder().encode("abc")), await sha256Hex("abc"));
  // A view into a larger buffer hashes only its own bytes.
  const big = new TextEncoder().encode("xxabcxx");
  assert.equal(await sha256Hex(big.subarray(2, 5)), await sha256Hex("abc"));
});

Deno.test("hashFile hashes the file's bytes", async () => {
  const path = await Deno.makeTempFile();
  try {
    const bytes = new Uint8Array(3000).map((_, i) => (i * 31) & 255);
    await Deno.writeFile(path, bytes);
    assert.equal(await hashFile(path), await sha256Hex(bytes));
    await assert.rejects(hashFile(`${path}.missing`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("canonicalJson sorts keys at every depth and keeps array order", () => {
  assert.equal(
    canonicalJson({ b: [3, { y: 1, x: 2 }], a: { d: null, c: "s" } }),
    '{"a":{"c":"s","d":null},"b":[3,{"x":2,"y":1}]}',
  );
  assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
  assert.equal(canonicalJson([2, 1]), "[2,1]");
  assert.equal(canonicalJson("x"), '"x"');
  assert.throws(() => canonicalJson(undefined), TypeError);
});

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  // A deterministic reordering that depends on the seed.
  entries.sort((a, b) => ((a[0].length * 7 + seed) % 5) - ((b[0].length * 7 + seed) % 5));
  entries.reverse();
  return Object.fromEntries(entries.map(([k, v], i) => [k, shuffleKeys(v, seed + i + 1)]));
}

Deno.test("hashConfig ignores key order (property)", async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), fc.integer({ min: 0, max: 100 }), async (value, seed) => {
      assert.equal(await hashConfig(shuffleKeys(value, seed)), await hashConfig(value));
    }),
    { numRuns: 200 },
  );
});

Deno.test("hashConfig distinguishes different configs", async () => {
  const a = await hashConfig({ replay: { levels: 10 } });
  assert.match(a, /^[0-9a-f]{64}$/);
  assert.notEqual(a, await hashConfig({ replay: { levels: 11 } }));
  assert.notEqual(a, await hashConfig({ replay: { levels: "10" } }));
  assert.equal(a, await hashConfig({ replay: { levels: 10 } }));
});
