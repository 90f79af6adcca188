/**
 * Content hashes for provenance: SHA-256 of bytes, files and configs. Configs
 * are hashed through a canonical JSON form (keys sorted at every depth) so that
 * two equal configs hash equal whatever order their keys were written in.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { canonicalJson, hashConfig, sha256Hex } from "./hash.ts";
 * assert(canonicalJson({ b: 1, a: { d: 2, c: 3 } }) === '{"a":{"c":3,"d":2},"b":1}');
 * assert((await hashConfig({ x: 1, y: 2 })) === (await hashConfig({ y: 2, x: 1 })));
 * assert(
 *   (await sha256Hex("abc")) ===
 *     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
 * );
 * ```
 * @module
 */

const encoder = new TextEncoder();

/** Lower-case hexadecimal SHA-256 of a string (as UTF-8) or of bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  // digest() wants an ArrayBuffer-backed view; copy only when it is not one.
  const view = bytes.buffer instanceof ArrayBuffer
    ? bytes as Uint8Array<ArrayBuffer>
    : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", view));
  let hex = "";
  for (const b of digest) hex += b.toString(16).padStart(2, "0");
  return hex;
}

/** SHA-256 of a file's bytes (the file is read whole into memory). */
export async function hashFile(path: string): Promise<string> {
  return sha256Hex(await Deno.readFile(path));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * JSON text with object keys sorted at every depth and no whitespace. Follows
 * `JSON.stringify` otherwise (undefined properties dropped, `toJSON` honoured).
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!isPlainObject(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = v[k];
    return sorted;
  });
  if (text === undefined) {
    throw new TypeError(`canonicalJson: value is not JSON-serialisable (${typeof value})`);
  }
  return text;
}

/** SHA-256 (hex) of the canonical JSON of a config: equal configs hash equal. */
export function hashConfig(value: unknown): Promise<string> {
  return sha256Hex(canonicalJson(value));
}
