/**
 * A streaming writer of uncompressed ("stored") zip files, enough for `.npz`:
 * each entry's size is known before its data; the data is streamed in chunks
 * while its CRC-32 is computed, then the CRC is patched into the local
 * header. Zip64 records (APPNOTE 4.5.3) are used where a size or offset
 * reaches 4 GiB (or always, with `forceZip64`). Times are fixed at
 * 1980-01-01 00:00 so that equal contents give equal bytes. The file is
 * written under a temporary name and renamed into place by `close`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ZipWriter } from "./zip_writer.ts";
 * const dir = await Deno.makeTempDir();
 * const zip = await ZipWriter.create(`${dir}/a.zip`);
 * await zip.addBytes("hello.txt", new TextEncoder().encode("hello"));
 * await zip.close();
 * const bytes = await Deno.readFile(`${dir}/a.zip`);
 * assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]); // local header
 * assert.equal(bytes.length, 30 + 9 + 5 + 46 + 9 + 22);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { dirname } from "node:path";
import { crc32 } from "./crc32.ts";

const U32_MAX = 0xffffffff;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

interface Entry {
  name: Uint8Array;
  size: number;
  crc: number;
  offset: number;
  zip64: boolean;
}

/** Options of {@linkcode ZipWriter.create}. */
export interface ZipWriterOptions {
  /** Write zip64 records even for small entries (to test readers). */
  forceZip64?: boolean;
}

/** Writes a stored zip file entry by entry (see the module doc). */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private closed = false;

  private constructor(
    private readonly file: Deno.FsFile,
    private readonly path: string,
    private readonly tmp: string,
    private readonly force: boolean,
  ) {}

  /** Opens a writer for `path` (parent folders are created). */
  static async create(path: string, opts: ZipWriterOptions = {}): Promise<ZipWriter> {
    await Deno.mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${Deno.pid}`;
    const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
    return new ZipWriter(file, path, tmp, opts.forceZip64 === true);
  }

  private async write(bytes: Uint8Array): Promise<void> {
    let done = 0;
    while (done < bytes.length) done += await this.file.write(bytes.subarray(done));
    this.offset += bytes.length;
  }

  /**
   * Adds an entry of exactly `size` bytes, which `produce` passes to `emit`
   * in any number of chunks.
   */
  async addEntry(
    name: string,
    size: number,
    produce: (emit: (chunk: Uint8Array) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    if (this.closed) throw new Error("ZipWriter: already closed");
    const nameBytes = new TextEncoder().encode(name);
    const zip64 = this.force || size >= U32_MAX || this.offset >= U32_MAX;
    const entry: Entry = { name: nameBytes, size, crc: 0, offset: this.offset, zip64 };
    const extraLen = zip64 ? 20 : 0;
    const h = new DataView(new ArrayBuffer(30 + nameBytes.length + extraLen));
    h.setUint32(0, 0x04034b50, true);
    h.setUint16(4, zip64 ? 45 : 20, true);
    h.setUint16(6, 0, true); // flags
    h.setUint16(8, 0, true); // stored
    h.setUint16(10, 0, true); // time 00:00:00
    h.setUint16(12, DOS_DATE_1980_01_01, true);
    h.setUint32(14, 0, true); // CRC, patched below
    h.setUint32(18, zip64 ? U32_MAX : size, true);
    h.setUint32(22, zip64 ? U32_MAX : size, true);
    h.setUint16(26, nameBytes.length, true);
    h.setUint16(28, extraLen, true);
    new Uint8Array(h.buffer).set(nameBytes, 30);
    if (zip64) {
      const x = 30 + nameBytes.length;
      h.setUint16(x, 0x0001, true);
      h.setUint16(x + 2, 16, true);
      h.setBigUint64(x + 4, BigInt(size), true);
      h.setBigUint64(x + 12, BigInt(size), true);
    }
    await this.write(new Uint8Array(h.buffer));
    let crc = 0, written = 0;
    await produce(async (chunk) => {
      crc = crc32(chunk, crc);
      written += chunk.length;
      await this.write(chunk);
    });
    if (written !== size) {
      throw new Error(`ZipWriter: entry ${name} declared ${size} bytes, got ${written}`);
    }
    entry.crc = crc;
    const crcBytes = new Uint8Array(4);
    new DataView(crcBytes.buffer).setUint32(0, crc, true);
    await this.file.seek(entry.offset + 14, Deno.SeekMode.Start);
    let done = 0;
    while (done < 4) done += await this.file.write(crcBytes.subarray(done));
    await this.file.seek(0, Deno.SeekMode.End);
    this.entries.push(entry);
  }

  /** Adds an entry holding `bytes`. */
  addBytes(name: string, bytes: Uint8Array): Promise<void> {
    return this.addEntry(name, bytes.length, (emit) => emit(bytes));
  }

  /** Writes the central directory and end records, closes and renames into place. */
  async close(): Promise<void> {
    if (this.closed) throw new Error("ZipWriter: already closed");
    this.closed = true;
    try {
      const cdStart = this.offset;
      for (const e of this.entries) {
        const extraLen = e.zip64 ? 28 : 0;
        const c = new DataView(new ArrayBuffer(46 + e.name.length + extraLen));
        c.setUint32(0, 0x02014b50, true);
        c.setUint16(4, e.zip64 ? 45 : 20, true); // made by: MS-DOS, spec version
        c.setUint16(6, e.zip64 ? 45 : 20, true);
        c.setUint16(8, 0, true);
        c.setUint16(10, 0, true);
        c.setUint16(12, 0, true);
        c.setUint16(14, DOS_DATE_1980_01_01, true);
        c.setUint32(16, e.crc, true);
        c.setUint32(20, e.zip64 ? U32_MAX : e.size, true);
        c.setUint32(24, e.zip64 ? U32_MAX : e.size, true);
        c.setUint16(28, e.name.length, true);
        c.setUint16(30, extraLen, true);
        c.setUint16(32, 0, true); // comment
        c.setUint16(34, 0, true); // disk
        c.setUint16(36, 0, true); // internal attributes
        c.setUint32(38, 0, true); // external attributes
        c.setUint32(42, e.zip64 ? U32_MAX : e.offset, true);
        new Uint8Array(c.buffer).set(e.name, 46);
        if (e.zip64) {
          const x = 46 + e.name.length;
          c.setUint16(x, 0x0001, true);
          c.setUint16(x + 2, 24, true);
          c.setBigUint64(x + 4, BigInt(e.size), true);
          c.setBigUint64(x + 12, BigInt(e.size), true);
          c.setBigUint64(x + 20, BigInt(e.offset), true);
        }
        await this.write(new Uint8Array(c.buffer));
      }
      const cdSize = this.offset - cdStart;
      const n = this.entries.length;
      const zip64 = this.force || n >= 0xffff || cdStart >= U32_MAX || cdSize >= U32_MAX ||
        this.entries.some((e) => e.zip64);
      if (zip64) {
        const z = new DataView(new ArrayBuffer(56 + 20));
        const eocd64 = this.offset;
        z.setUint32(0, 0x06064b50, true);
        z.setBigUint64(4, 44n, true);
        z.setUint16(12, 45, true);
        z.setUint16(14, 45, true);
        z.setUint32(16, 0, true);
        z.setUint32(20, 0, true);
        z.setBigUint64(24, BigInt(n), true);
        z.setBigUint64(32, BigInt(n), true);
        z.setBigUint64(40, BigInt(cdSize), true);
        z.setBigUint64(48, BigInt(cdStart), true);
        z.setUint32(56, 0x07064b50, true); // locator
        z.setUint32(60, 0, true);
        z.setBigUint64(64, BigInt(eocd64), true);
        z.setUint32(72, 1, true);
        await this.write(new Uint8Array(z.buffer));
      }
      const e = new DataView(new ArrayBuffer(22));
      e.setUint32(0, 0x06054b50, true);
      e.setUint16(4, 0, true);
      e.setUint16(6, 0, true);
      e.setUint16(8, zip64 ? 0xffff : n, true);
      e.setUint16(10, zip64 ? 0xffff : n, true);
      e.setUint32(12, zip64 ? U32_MAX : cdSize, true);
      e.setUint32(16, zip64 ? U32_MAX : cdStart, true);
      e.setUint16(20, 0, true);
      await this.write(new Uint8Array(e.buffer));
      this.file.close();
      await Deno.rename(this.tmp, this.path);
    } catch (err) {
      await this.abortQuietly();
      throw err;
    }
  }

  /** Closes and deletes the temporary file (after a failure). */
  async abort(): Promise<void> {
    this.closed = true;
    await this.abortQuietly();
  }

  private async abortQuietly(): Promise<void> {
    try {
      this.file.close();
    } catch {
      // already closed
    }
    try {
      await Deno.remove(this.tmp);
    } catch {
      // never created or already gone
    }
  }
}
