import { strict as assert } from "node:assert";
import { chiSquare, countTypedArrays } from "./_helpers.ts";

Deno.test("countTypedArrays sees new typed arrays, subarray and slice, and restores the globals", () => {
  const before = Float32Array;
  const n = countTypedArrays(() => {
    const a = new Float32Array(4);
    a.subarray(1);
    new Int32Array(2).slice();
  });
  assert.equal(n, 4);
  assert.equal(Float32Array, before);
  assert.equal(countTypedArrays(() => {}), 0);
});

Deno.test("chiSquare is 0 on a perfect fit and infinite on an impossible count", () => {
  assert.equal(chiSquare([10, 20], [10, 20]), 0);
  assert.equal(chiSquare([1, 20], [0, 21]), Infinity);
  assert.equal(chiSquare([12, 18], [10, 20]), 0.4 + 0.2);
});
