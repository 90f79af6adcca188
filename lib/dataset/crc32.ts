/**
 * CRC-32 (ISO-HDLC / IEEE 802.3: reflected polynomial 0xEDB88320, initial
 * value and final XOR 0xFFFFFFFF), the checksum zip files carry. Incremental
 * (pass the previous result back in). {@linkcode crc32} uses the native
 * `crc32` of `node:zlib` when the runtime has it (about 13× faster here) and
 * else {@linkcode crc32Js}, a table-driven version, eight bytes a step
 * ("slicing-by-8").
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { crc32 } from "./crc32.ts";
 * const bytes = new TextEncoder().encode("123456789");
 * assert.equal(crc32(bytes), 0xcbf43926); // the standard check value
 * assert.equal(crc32(bytes.subarray(4), crc32(bytes.subarray(0, 4))), 0xcbf43926);
 * ```
 * @module
 */

import * as zlib from "node:zlib";

const TABLES: Uint32Array = (() => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n];
    for (let k = 1; k < 8; k++) {
      c = t[c & 0xff] ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
})();

const native = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number })
  .crc32;

/** CRC-32 of `bytes`, continuing from `previous` (the CRC of the bytes before). */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return typeof native === "function" ? native(bytes, previous) >>> 0 : crc32Js(bytes, previous);
}

/** {@linkcode crc32} in plain TypeScript (slicing-by-8). */
export function crc32Js(bytes: Uint8Array, previous = 0): number {
  const t = TABLES;
  let c = ~previous >>> 0;
  let i = 0;
  const n = bytes.length;
  const end8 = n - (n % 8);
  for (; i < end8; i += 8) {
    const a = (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24)) ^ c;
    c = t[1792 + (a & 0xff)] ^ t[1536 + ((a >>> 8) & 0xff)] ^ t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^ t[768 + bytes[i + 4]] ^ t[512 + bytes[i + 5]] ^
      t[256 + bytes[i + 6]] ^ t[bytes[i + 7]];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
