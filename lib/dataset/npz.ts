/**
 * Export of a split for Python users: an uncompressed NumPy `.npz` (a stored
 * zip of `.npy` files) holding
 *
 * | member | dtype | shape |
 * | --- | --- | --- |
 * | `X` | float32 | [N, T, F]: the windows, materialised here |
 * | `y` | float32 | [N] |
 * | `ts` | int64 | [N]: epoch ns of each window's last row |
 * | `features` | unicode | [F]: feature names in column order |
 *
 * `numpy.load(path)["X"]` reads it (no pickling needed). `X` is streamed to
 * the file a few thousand windows at a time, so the export needs only a small
 * buffer besides the dataset. Large files use zip64 records, which NumPy's
 * `zipfile` reads.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { WindowDataset } from "./windows.ts";
 * import { writeNpz } from "./npz.ts";
 * const ds = new WindowDataset({
 *   features: ["a", "b"], T: 2, X: new Float32Array([1, 2, 3, 4, 5, 6]),
 *   starts: new Int32Array([0, 1]), y: new Float32Array([0.5, -0.5]), ts: new BigInt64Array([7n, 8n]),
 * });
 * const dir = await Deno.makeTempDir();
 * const bytes = await writeNpz(`${dir}/dev.npz`, ds);
 * assert.equal(bytes, (await Deno.stat(`${dir}/dev.npz`)).size);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { npyHeader, npyUnicode } from "./npy.ts";
import type { WindowDataset } from "./windows.ts";
import { ZipWriter, type ZipWriterOptions } from "./zip_writer.ts";

/** Options of {@linkcode writeNpz}. */
export interface NpzOptions extends ZipWriterOptions {
  /** Windows materialised per chunk while streaming `X`; default 4096. */
  chunkWindows?: number;
}

function bytesOf(a: Float32Array | BigInt64Array | Uint8Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function isLittleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}

/** Writes `dataset` as an `.npz` at `path` (atomically); returns the file size in bytes. */
export async function writeNpz(
  path: string,
  dataset: WindowDataset,
  opts: NpzOptions = {},
): Promise<number> {
  if (!isLittleEndian()) throw new Error("writeNpz: big-endian hosts are not supported");
  const { T, F } = dataset;
  const N = dataset.length;
  const chunk = Math.max(1, opts.chunkWindows ?? 4096);
  const zip = await ZipWriter.create(path, opts);
  try {
    const xHeader = npyHeader("<f4", [N, T, F]);
    await zip.addEntry("X.npy", xHeader.length + N * T * F * 4, async (emit) => {
      await emit(xHeader);
      const buf = new Float32Array(Math.min(chunk, Math.max(N, 1)) * T * F);
      for (let from = 0; from < N; from += chunk) {
        const to = Math.min(N, from + chunk);
        const part = buf.subarray(0, (to - from) * T * F);
        dataset.materialize(from, to, part);
        await emit(bytesOf(part));
      }
    });
    const yHeader = npyHeader("<f4", [N]);
    await zip.addEntry("y.npy", yHeader.length + N * 4, async (emit) => {
      await emit(yHeader);
      await emit(bytesOf(dataset.y));
    });
    const tsHeader = npyHeader("<i8", [N]);
    await zip.addEntry("ts.npy", tsHeader.length + N * 8, async (emit) => {
      await emit(tsHeader);
      await emit(bytesOf(dataset.ts));
    });
    const names = npyUnicode(dataset.features);
    const fHeader = npyHeader(names.descr, [F]);
    const fBytes = new Uint8Array(fHeader.length + names.data.length);
    fBytes.set(fHeader);
    fBytes.set(names.data, fHeader.length);
    await zip.addBytes("features.npy", fBytes);
    await zip.close();
  } catch (err) {
    await zip.abort();
    throw err;
  }
  return (await Deno.stat(path)).size;
}
