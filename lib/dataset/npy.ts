/**
 * NumPy `.npy` format, version 1.0 (the layout `numpy.save` writes): the
 * magic `\x93NUMPY`, version bytes 1 0, a little-endian uint16 header length,
 * then an ASCII Python dict literal `{'descr': …, 'fortran_order': False,
 * 'shape': (…), }` padded with spaces and ended by `\n` so that the data
 * starts at a multiple of 64 bytes; then the raw C-order data.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { npyHeader, npyUnicode } from "./npy.ts";
 * const h = npyHeader("<f4", [3, 20, 28]);
 * assert.equal(h.length % 64, 0);
 * const text = new TextDecoder().decode(h.subarray(10));
 * assert(text.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 20, 28), }"));
 * assert.equal(npyUnicode(["ab", "c"]).descr, "<U2");
 * ```
 * @module
 */

/** The header (magic through padding) of an array of `descr` and `shape`. */
export function npyHeader(descr: string, shape: readonly number[]): Uint8Array {
  for (const d of shape) {
    if (!(Number.isSafeInteger(d) && d >= 0)) throw new RangeError(`npy: bad dimension ${d}`);
  }
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${dims}, }`;
  const unpadded = 10 + dict.length + 1;
  const total = Math.ceil(unpadded / 64) * 64;
  const headerLen = total - 10;
  if (headerLen > 0xffff) throw new RangeError("npy: header too long for format 1.0");
  const out = new Uint8Array(total);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, headerLen & 0xff, headerLen >> 8]);
  const body = dict + " ".repeat(total - unpadded) + "\n";
  for (let i = 0; i < body.length; i++) out[10 + i] = body.charCodeAt(i);
  return out;
}

/**
 * Strings as a NumPy fixed-width unicode array (`<U{n}`, n the longest
 * length in code points, at least 1): UTF-32LE, zero-padded. Loads without
 * pickling.
 */
export function npyUnicode(strings: readonly string[]): { descr: string; data: Uint8Array } {
  const points = strings.map((s) => Array.from(s, (c) => c.codePointAt(0)!));
  const width = Math.max(1, ...points.map((p) => p.length));
  const data = new Uint32Array(strings.length * width);
  points.forEach((p, i) => data.set(p, i * width));
  return { descr: `<U${width}`, data: new Uint8Array(data.buffer) };
}
