import { strict as assert } from "node:assert";
import fc from "fast-check";
import { crc32, crc32Js } from "../../lib/dataset/crc32.ts";

/** Bit-by-bit CRC-32 (the definition), for comparison. */
function slowCrc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

Deno.test("crc32: check values, and equal to the bitwise definition in any split (property)", () => {
  assert.equal(crc32(new Uint8Array(0)), 0);
  assert.equal(
    crc32(new TextEncoder().encode("The quick brown fox jumps over the lazy dog")),
    0x414fa339,
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(), (bytes, cut) => {
      const k = bytes.length === 0 ? 0 : cut % bytes.length;
      const want = slowCrc(bytes);
      for (const f of [crc32, crc32Js]) {
        assert.equal(f(bytes), want);
        assert.equal(f(bytes.subarray(k), f(bytes.subarray(0, k))), want);
      }
    }),
  );
});
