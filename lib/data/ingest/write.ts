/**
 * Writing an interim frame to `<root>/<symbol>/<date>.parquet` atomically: the
 * Parquet bytes are made in memory, written to a temporary file beside the
 * target and renamed over it, so a reader never sees a half-written file.
 * The same frame gives the same bytes.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { writeInterimFile } from "./write.ts";
 * const root = await Deno.makeTempDir();
 * const frame = pl.DataFrame({ symbol: ["X"], date: ["2024-01-02"], best_bid: [10] });
 * const out = await writeInterimFile(frame, root, { symbol: "X", date: "2024-01-02" });
 * assert(out.path === `${root}/X/2024-01-02.parquet` && out.rows === 1);
 * assert(pl.readParquet(out.path).getColumn("best_bid").toArray()[0] === 10);
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import type pl from "nodejs-polars";
import { writeFileAtomic } from "../../core/atomic_write.ts";
import { sha256Hex } from "../../core/hash.ts";
import { interimPath } from "../interim/schema.ts";

/** Parquet compression codecs. */
export type ParquetCompression = "zstd" | "lz4" | "snappy" | "uncompressed";

/** What {@linkcode writeInterimFile} wrote. */
export interface WrittenFile {
  path: string;
  rows: number;
  bytes: number;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
}

/** Writes `frame` as the interim file of `symbol` and `date` under `root`. */
export async function writeInterimFile(
  frame: pl.DataFrame,
  root: string,
  where: { symbol: string; date: string },
  compression: ParquetCompression = "zstd",
): Promise<WrittenFile> {
  const path = interimPath(root, where.symbol, where.date);
  const bytes = new Uint8Array(frame.writeParquet({ compression }));
  await writeFileAtomic(path, bytes);
  return { path, rows: frame.height, bytes: bytes.length, sha256: await sha256Hex(bytes) };
}
