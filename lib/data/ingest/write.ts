/**
 * Writing an interim frame to `<root>/<symbol>/<date>.parquet` atomically: the
 * Parquet file is written to a temporary file beside the target and renamed
 * over it, so a reader never sees a half-written file. The same frame gives
 * the same bytes.
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

import { dirname } from "node:path";
import type pl from "nodejs-polars";
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

let tempCounter = 0;

/**
 * Writes `frame` as the interim file of `symbol` and `date` under `root`:
 * polars writes it on its own threads (`sinkParquet`, so the caller's thread
 * is free meanwhile) to a temporary file beside the target, which is then
 * hashed and renamed over the target.
 */
export async function writeInterimFile(
  frame: pl.DataFrame,
  root: string,
  where: { symbol: string; date: string },
  compression: ParquetCompression = "zstd",
): Promise<WrittenFile> {
  const path = interimPath(root, where.symbol, where.date);
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}-${++tempCounter}`;
  try {
    await frame.lazy().sinkParquet(tmp, { compression }).collect();
    const bytes = await Deno.readFile(tmp);
    const sha256 = await sha256Hex(bytes);
    await Deno.rename(tmp, path);
    return { path, rows: frame.height, bytes: bytes.length, sha256 };
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}
