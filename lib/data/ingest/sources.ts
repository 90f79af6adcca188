/**
 * Reading the configured sources (`ingest.sources`) into raw tables, in
 * config order, and the list of files each one reads:
 *
 * - `lobster`: a message file (its orderbook file beside it is used when
 *   present) or a folder of LOBSTER pairs; one events table per pair.
 * - `sim`: a simulator output folder (see `./sim_folders.ts`): per session,
 *   its LOBSTER message files, or else `snapshots.parquet` (+ `trades.parquet`).
 *   The simulator's orderbook files are not read: its message files hold every
 *   event from an empty book, so the replay rebuilds them exactly.
 * - `csv` / `parquet`: a file, or every `.csv` / `.parquet` file of a folder
 *   (not its subfolders), in name order.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { sourceFiles } from "./sources.ts";
 * const files = await sourceFiles({ kind: "lobster", path: "tests/fixtures/lobster", table: "auto" });
 * assert.deepEqual(files.map((f) => f.role), ["events"]);
 * assert(files[0].orderbookFile?.endsWith("_orderbook_10.csv"));
 * ```
 * @module
 */

import { join } from "node:path";
import { InputError } from "../../core/errors.ts";
import type { IngestSection, IngestSource } from "../../config/schemas/ingest.ts";
import {
  findLobsterFiles,
  type LobsterFilePair,
  orderbookFileBeside,
  parseLobsterFileName,
} from "../lobster/mod.ts";
import { readLobsterTable } from "./lobster_table.ts";
import type { RawTable } from "./raw_table.ts";
import { findSimSessions } from "./sim_folders.ts";
import { readUserTable } from "./user_table.ts";

/** One file (or LOBSTER pair) a source reads. */
export interface SourceFile {
  /** The file (a LOBSTER pair's message file). */
  file: string;
  /** What it holds: a LOBSTER pair (events), a user/simulator table (auto, book or trades). */
  role: "events" | "table";
  /** File format of a table. */
  format?: "csv" | "parquet";
  /** Table kind to read (`ingest.sources[].table`; simulator files say which). */
  table?: "auto" | "book" | "trades";
  /** The orderbook file of a LOBSTER pair, or null. */
  orderbookFile?: string | null;
  /** The LOBSTER pair. */
  pair?: LobsterFilePair;
  /** Files of the same session that were not read, with the reason (for the report). */
  skipped?: string[];
}

async function statOrThrow(path: string, expected: string): Promise<Deno.FileInfo> {
  try {
    return await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new InputError({ file: path, expected, found: "no such file or folder" });
    }
    throw error;
  }
}

function pairFile(pair: LobsterFilePair): SourceFile {
  return { file: pair.messageFile, role: "events", orderbookFile: pair.orderbookFile, pair };
}

async function lobsterFiles(path: string): Promise<SourceFile[]> {
  const info = await statOrThrow(path, "a LOBSTER message file or a folder of LOBSTER files");
  if (info.isDirectory) {
    const pairs = await findLobsterFiles(path);
    if (pairs.length === 0) {
      throw new InputError({
        file: path,
        expected: "LOBSTER message files (TICKER_DATE_START_END_message_LEVEL.csv)",
        found: "none in the folder",
      });
    }
    return pairs.map(pairFile);
  }
  const name = parseLobsterFileName(path);
  if (name.kind !== "message") {
    throw new InputError({
      file: path,
      expected: "a LOBSTER message file (its orderbook file is found beside it)",
      found: "an orderbook file",
    });
  }
  return [pairFile({
    ticker: name.ticker,
    date: name.date,
    levels: name.levels,
    messageFile: path,
    orderbookFile: await orderbookFileBeside(path),
  })];
}

async function tableFiles(source: IngestSource, format: "csv" | "parquet"): Promise<SourceFile[]> {
  const info = await statOrThrow(source.path, `a ${format} file or a folder of them`);
  if (!info.isDirectory) return [{ file: source.path, role: "table", format, table: source.table }];
  const names: string[] = [];
  for await (const entry of Deno.readDir(source.path)) {
    if (entry.isFile && entry.name.toLowerCase().endsWith(`.${format}`)) names.push(entry.name);
  }
  if (names.length === 0) {
    throw new InputError({ file: source.path, expected: `.${format} files`, found: "none" });
  }
  names.sort();
  return names.map((n) => ({
    file: join(source.path, n),
    role: "table" as const,
    format,
    table: source.table,
  }));
}

async function simFiles(path: string): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const s of await findSimSessions(path)) {
    if (s.lobster.length > 0) {
      const parquet = [s.snapshotsFile, s.tradesFile].filter((f): f is string => f !== null)
        .map((f) => `${f} (the LOBSTER files are event-level)`);
      for (const p of s.lobster) {
        // The simulator's message file holds every event from an empty book, so the replay
        // rebuilds every orderbook row exactly; reading that (large) file would only check it.
        const book = p.orderbookFile === null ? [] : [
          `${p.orderbookFile} (the simulator's message file holds every event: the replay is exact without it)`,
        ];
        out.push({
          ...pairFile({ ...p, orderbookFile: null }),
          skipped: [...book, ...parquet],
        });
      }
    } else {
      out.push({ file: s.snapshotsFile!, role: "table", format: "parquet", table: "book" });
      if (s.tradesFile !== null) {
        out.push({ file: s.tradesFile, role: "table", format: "parquet", table: "trades" });
      }
    }
  }
  return out;
}

/** The files a source reads, in the order they are read. */
export function sourceFiles(source: IngestSource): Promise<SourceFile[]> {
  switch (source.kind) {
    case "lobster":
      return lobsterFiles(source.path);
    case "sim":
      return simFiles(source.path);
    case "csv":
    case "parquet":
      return tableFiles(source, source.kind);
  }
}

/** Every path read by `files` (message and orderbook files, tables), for run manifests. */
export function inputPaths(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    out.push(f.file);
    if (f.orderbookFile) out.push(f.orderbookFile);
  }
  return out;
}

/** Reads one file of source `index` as a raw table, with the section's defaults. */
export function readSourceFile(
  f: SourceFile,
  source: IngestSource,
  index: number,
  cfg: IngestSection,
): Promise<RawTable> {
  return readTable(f, source, index, cfg).then((table) => {
    if (f.skipped !== undefined && f.skipped.length > 0) {
      table.notes.not_read = f.skipped;
    }
    return table;
  });
}

function readTable(
  f: SourceFile,
  source: IngestSource,
  index: number,
  cfg: IngestSection,
): Promise<RawTable> {
  const tickSize = source.tick_size ?? cfg.tick_size;
  const levels = source.levels ?? cfg.levels;
  if (f.role === "events") {
    return readLobsterTable(f.pair!, { tickSize, levels, source: index, symbol: source.symbol });
  }
  return readUserTable(f.file, {
    format: f.format!,
    table: f.table ?? "auto",
    tsUnit: source.ts_unit ?? cfg.ts_unit,
    levels,
    tickSize,
    source: index,
    symbol: source.symbol,
  });
}
