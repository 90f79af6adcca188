/**
 * Writes a checkpoint state (nested plain objects, arrays, numbers, strings,
 * booleans, null, `undefined`, non-finite numbers and typed arrays) as
 * `state.json` plus `state.bin`: every typed array's bytes go, 8-byte
 * aligned, into the binary file and the JSON keeps `{ "$ta": type, "offset",
 * "length" }` in its place. Reading gives back the same values bit for bit
 * (NaN, ±∞ and `undefined` survive, which plain JSON would lose).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { readState, writeState } from "./state_io.ts";
 * const dir = await Deno.makeTempDir();
 * const state = { w: Float32Array.of(1.5, -2), n: NaN, rng: [1, 2, 3, 4, undefined], s: "x" };
 * await writeState(dir, state);
 * const back = await readState(dir) as typeof state;
 * assert.deepEqual(back, state);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import { writeFileAtomic, writeTextAtomic } from "../../core/atomic_write.ts";
import { InputError } from "../../core/errors.ts";

const TYPES = {
  Float32Array,
  Float64Array,
  Int8Array,
  Int16Array,
  Int32Array,
  Uint8Array,
  Uint16Array,
  Uint32Array,
} as const;
type TypeName = keyof typeof TYPES;
type Typed = InstanceType<(typeof TYPES)[TypeName]>;

function typeNameOf(v: unknown): TypeName | null {
  for (const name of Object.keys(TYPES) as TypeName[]) {
    if (v instanceof TYPES[name]) return name;
  }
  return null;
}

/** Encodes `value` into JSON-safe form, collecting typed arrays into `chunks`. */
function encode(value: unknown, chunks: { bytes: Uint8Array; offset: number }[], pos: {
  n: number;
}): unknown {
  if (value === undefined) return { $u: 1 };
  if (typeof value === "number") {
    return Number.isFinite(value) ? value : { $n: String(value) };
  }
  if (value === null || typeof value !== "object") return value;
  const t = typeNameOf(value);
  if (t !== null) {
    const a = value as Typed;
    const offset = pos.n;
    chunks.push({ bytes: new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offset });
    pos.n += Math.ceil(a.byteLength / 8) * 8;
    return { $ta: t, offset, length: a.length };
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, chunks, pos));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = encode(v, chunks, pos);
  }
  return out;
}

function decode(value: unknown, bin: Uint8Array): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => decode(v, bin));
  const o = value as Record<string, unknown>;
  if (o.$u === 1 && Object.keys(o).length === 1) return undefined;
  if (typeof o.$n === "string" && Object.keys(o).length === 1) return Number(o.$n);
  if (typeof o.$ta === "string" && o.$ta in TYPES) {
    const C = TYPES[o.$ta as TypeName];
    const length = o.length as number, offset = o.offset as number;
    const bytes = bin.slice(offset, offset + length * C.BYTES_PER_ELEMENT);
    return new C(bytes.buffer, 0, length);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = decode(v, bin);
  return out;
}

/** Writes `state` into `dir` as `state.json` + `state.bin` (binary first, each atomically). */
export async function writeState(dir: string, state: unknown): Promise<void> {
  const chunks: { bytes: Uint8Array; offset: number }[] = [];
  const pos = { n: 0 };
  const json = encode(state, chunks, pos);
  const bin = new Uint8Array(pos.n);
  for (const c of chunks) bin.set(c.bytes, c.offset);
  await Deno.mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, "state.bin"), bin);
  await writeTextAtomic(join(dir, "state.json"), JSON.stringify({ version: 1, state: json }));
}

/** Reads what {@linkcode writeState} wrote. */
export async function readState(dir: string): Promise<unknown> {
  const file = join(dir, "state.json");
  let parsed: { version?: number; state?: unknown };
  try {
    parsed = JSON.parse(await Deno.readTextFile(file));
  } catch (err) {
    throw new InputError({
      file,
      expected: "a checkpoint state written by writeState",
      found: err instanceof Error ? err.message : String(err),
    });
  }
  if (parsed.version !== 1) {
    throw new InputError({
      file,
      keyPath: "version",
      expected: "1",
      found: String(parsed.version),
    });
  }
  const bin = await Deno.readFile(join(dir, "state.bin"));
  return decode(parsed.state, bin);
}
