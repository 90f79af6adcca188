/**
 * Writes a large text file line by line, atomically: the lines go in chunks of
 * about a megabyte to a temporary file in the target's folder, which is then
 * renamed over the target (the same guarantee as `writeFileAtomic`, without
 * building the whole file as one string).
 * @module
 */

import { dirname } from "node:path";

const CHUNK_CHARS = 1 << 20;
const encoder = new TextEncoder();
let tempCounter = 0;

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

/** Writes `count` lines, `line(i)` each (it must end with "\n"), to `path` atomically. */
export async function writeLinesAtomic(
  path: string,
  count: number,
  line: (i: number) => string,
): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}-${++tempCounter}`;
  const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
  let open = true;
  try {
    let parts: string[] = [];
    let chars = 0;
    for (let i = 0; i < count; i++) {
      const text = line(i);
      parts.push(text);
      chars += text.length;
      if (chars >= CHUNK_CHARS) {
        await writeAll(file, encoder.encode(parts.join("")));
        parts = [];
        chars = 0;
      }
    }
    if (parts.length > 0) await writeAll(file, encoder.encode(parts.join("")));
    file.close();
    open = false;
    await Deno.rename(tmp, path);
  } catch (err) {
    if (open) file.close();
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}
