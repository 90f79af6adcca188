/**
 * The feature store the dataset builder reads:
 * `<features_dir>/<symbol>/<date>.parquet`, one file per symbol-day, written
 * by the features stage (`ts`, `symbol`, `date`, `mid`, then one Float64
 * column per feature, null where incomplete).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { listFeatureFiles } from "./feature_files.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/AMZN`);
 * await Deno.writeFile(`${root}/AMZN/2024-01-03.parquet`, new Uint8Array());
 * await Deno.writeFile(`${root}/AMZN/2024-01-02.parquet`, new Uint8Array());
 * await Deno.writeFile(`${root}/AMZN/notes.txt`, new Uint8Array()); // ignored
 * const files = await listFeatureFiles(root);
 * assert.deepEqual(files.map((f) => f.date), ["2024-01-02", "2024-01-03"]);
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { join } from "node:path";
import { InputError } from "../core/errors.ts";
import { isIsoDate } from "./splits.ts";

/** One symbol-day feature file. */
export interface FeatureFile {
  /** Ticker (the folder name). */
  symbol: string;
  /** Session date YYYY-MM-DD (the file name). */
  date: string;
  /** Path of the Parquet file. */
  path: string;
}

/**
 * The feature files under `root`, sorted by symbol then date. Only
 * `<symbol>/<YYYY-MM-DD>.parquet` entries count; `symbols` (when given and
 * non-empty) restricts the folders, and each listed symbol must exist.
 */
export async function listFeatureFiles(
  root: string,
  symbols?: readonly string[] | null,
): Promise<FeatureFile[]> {
  const dirs: string[] = [];
  try {
    for await (const e of Deno.readDir(root)) if (e.isDirectory) dirs.push(e.name);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) {
      throw new InputError({
        file: root,
        expected: "a feature folder <symbol>/<date>.parquet (run deno task features first)",
        found: "no such folder",
      });
    }
    throw err;
  }
  const wanted = symbols === undefined || symbols === null || symbols.length === 0
    ? dirs
    : [...symbols];
  for (const s of wanted) {
    if (!dirs.includes(s)) {
      throw new InputError({
        file: root,
        keyPath: "dataset.symbols",
        expected: `a symbol folder present (${dirs.sort().join(", ") || "none"})`,
        found: s,
      });
    }
  }
  const files: FeatureFile[] = [];
  for (const symbol of wanted) {
    for await (const e of Deno.readDir(join(root, symbol))) {
      const m = /^(\d{4}-\d{2}-\d{2})\.parquet$/.exec(e.name);
      if (e.isFile && m !== null && isIsoDate(m[1])) {
        files.push({ symbol, date: m[1], path: join(root, symbol, e.name) });
      }
    }
  }
  return files.sort((a, b) =>
    a.symbol < b.symbol
      ? -1
      : a.symbol > b.symbol
      ? 1
      : a.date < b.date
      ? -1
      : a.date > b.date
      ? 1
      : 0
  );
}

/** Column names and types of a Parquet file (reads its metadata only). */
export function parquetSchema(path: string): Record<string, pl.DataType> {
  try {
    return pl.readParquet(path, { nRows: 0 }).schema;
  } catch (err) {
    throw new InputError({ file: path, expected: "a Parquet file", found: (err as Error).message });
  }
}

/** Reads `columns` of a Parquet file into a frame. */
export function readParquetColumns(path: string, columns: readonly string[]): pl.DataFrame {
  try {
    return pl.readParquet(path, { columns: [...columns] });
  } catch (err) {
    throw new InputError({
      file: path,
      expected: `a Parquet file with columns ${columns.join(", ")}`,
      found: (err as Error).message,
    });
  }
}

/**
 * {@linkcode readParquetColumns} on polars' threads: the promise of the frame,
 * so that the next file can be read while this one is worked on.
 */
export async function readParquetColumnsAsync(
  path: string,
  columns: readonly string[],
): Promise<pl.DataFrame> {
  try {
    return await pl.scanParquet(path).select(...columns.map((c) => pl.col(c))).collect();
  } catch (err) {
    throw new InputError({
      file: path,
      expected: `a Parquet file with columns ${columns.join(", ")}`,
      found: (err as Error).message,
    });
  }
}

/** Number of rows of a Parquet file (from its metadata). */
export function parquetRowCount(path: string): number {
  try {
    return Number(
      pl.scanParquet(path).select(pl.len().alias("n")).collectSync().getColumn("n").get(0),
    );
  } catch (err) {
    throw new InputError({ file: path, expected: "a Parquet file", found: (err as Error).message });
  }
}
