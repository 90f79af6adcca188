import { strict as assert } from "node:assert";
import { closestMatch, editDistance } from "../../lib/core/suggest.ts";

Deno.test("editDistance counts insertions, deletions, substitutions and swaps", () => {
  assert.equal(editDistance("", ""), 0);
  assert.equal(editDistance("abc", ""), 3);
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(editDistance("levels", "levles"), 1);
  assert.equal(editDistance("ab", "ba"), 1);
  assert.equal(editDistance("abc", "ca"), 3);
});

Deno.test("closestMatch suggests only likely typos", () => {
  assert.equal(closestMatch("replya", ["replay", "bench", "demo"]), "replay");
  assert.equal(closestMatch("Demo", ["replay", "bench", "demo"]), "demo");
  assert.equal(closestMatch("xyz", ["replay", "bench"]), undefined);
  assert.equal(closestMatch("a", []), undefined);
});
