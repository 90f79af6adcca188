/**
 * Atomic file writes: the data goes to a temporary file in the same folder,
 * which is then renamed over the target. Readers see either the old file or the
 * new one whole, never a half-written file, even if the process dies mid-write.
 * (Atomic against crashes of the process; no fsync, so not against power loss.)
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { writeJsonAtomic } from "./atomic_write.ts";
 * const dir = await Deno.makeTempDir();
 * await writeJsonAtomic(`${dir}/sub/result.json`, { b: 1, a: [1, 2] });
 * const text = await Deno.readTextFile(`${dir}/sub/result.json`);
 * assert(text === '{\n  "b": 1,\n  "a": [\n    1,\n    2\n  ]\n}\n');
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { dirname } from "node:path";

let tempCounter = 0;

/** The temporary name used while writing `path` (same folder, so rename is atomic). */
function tempPathFor(path: string): string {
  tempCounter += 1;
  return `${path}.tmp-${Deno.pid}-${tempCounter}`;
}

/**
 * Writes `data` to `path` atomically, creating parent folders as needed.
 * On failure the temporary file is removed and the error rethrown.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    if (typeof data === "string") await Deno.writeTextFile(tmp, data);
    else await Deno.writeFile(tmp, data);
    await Deno.rename(tmp, path);
  } catch (err) {
    try {
      await Deno.remove(tmp);
    } catch {
      // The temp file may never have been created; nothing to clean up.
    }
    throw err;
  }
}

/** Writes UTF-8 text to `path` atomically (see {@linkcode writeFileAtomic}). */
export function writeTextAtomic(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, text);
}

/**
 * Serialises `value` as JSON with 2-space indentation and a trailing newline,
 * then writes it atomically. Key order is the object's own order, so the same
 * value built the same way always gives the same bytes.
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, toJsonText(value));
}

/** The exact text {@linkcode writeJsonAtomic} writes: 2-space JSON plus a newline. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  if (text === undefined) {
    throw new TypeError(`writeJsonAtomic: value is not JSON-serialisable (${typeof value})`);
  }
  return `${text}\n`;
}
