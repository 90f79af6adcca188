/**
 * LOBSTER file names, `TICKER_DATE_START_END_{message|orderbook}_LEVEL.csv`
 * (START and END in milliseconds after midnight), and finding the message /
 * orderbook pairs in a folder.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterFileName } from "./file_name.ts";
 * const name = parseLobsterFileName("data/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv");
 * assert(name.ticker === "AMZN" && name.date === "2012-06-21");
 * assert(name.startMs === 34200000 && name.endMs === 57600000); // 09:30 to 16:00
 * assert(name.kind === "orderbook" && name.levels === 1);
 * ```
 * @module
 */

import { join } from "node:path";
import { describeValue, InputError } from "../../core/errors.ts";

/** What a LOBSTER file name says about its contents. */
export interface LobsterFileName {
  /** Ticker symbol, e.g. `AAPL`. */
  ticker: string;
  /** Trading day, `YYYY-MM-DD`. */
  date: string;
  /** Start of the requested period, milliseconds after midnight. */
  startMs: number;
  /** End of the requested period, milliseconds after midnight. */
  endMs: number;
  /** Which of the two files this is. */
  kind: "message" | "orderbook";
  /** Number of book levels requested (columns of the orderbook file / 4). */
  levels: number;
}

const NAME_PATTERN =
  /^([^_/\\]+)_(\d{4})-(\d{2})-(\d{2})_(\d+)_(\d+)_(message|orderbook)_(\d+)\.csv$/;
const DAY_MS = 86_400_000;

/** The last path segment of `path` (either separator). */
function baseName(path: string): string {
  const cut = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return path.slice(cut + 1);
}

/** Parses without throwing; `undefined` when the name is not a valid LOBSTER name. */
function tryParse(path: string): LobsterFileName | undefined {
  const m = NAME_PATTERN.exec(baseName(path));
  if (m === null) return undefined;
  const [, ticker, year, month, day, start, end, kind, level] = m;
  const y = Number(year), mo = Number(month), d = Number(day);
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth) return undefined;
  const startMs = Number(start), endMs = Number(end), levels = Number(level);
  if (startMs > endMs || endMs > DAY_MS || levels < 1) return undefined;
  return {
    ticker,
    date: `${year}-${month}-${day}`,
    startMs,
    endMs,
    kind: kind as "message" | "orderbook",
    levels,
  };
}

/**
 * Parses a LOBSTER file name (any folder part of `path` is ignored). Throws
 * `InputError` naming the file when the name does not match
 * `TICKER_DATE_START_END_{message|orderbook}_LEVEL.csv` with a real date,
 * START ≤ END ≤ 86400000 and LEVEL ≥ 1.
 */
export function parseLobsterFileName(path: string): LobsterFileName {
  const parsed = tryParse(path);
  if (parsed === undefined) {
    throw new InputError({
      file: path,
      expected: "a LOBSTER file name TICKER_YYYY-MM-DD_START_END_{message|orderbook}_LEVEL.csv",
      found: describeValue(baseName(path), 80),
    });
  }
  return parsed;
}

/** A message file and its orderbook file (when there is one) for one ticker, day and depth. */
export interface LobsterFilePair {
  /** Ticker symbol. */
  ticker: string;
  /** Trading day, `YYYY-MM-DD`. */
  date: string;
  /** Levels in the file names. */
  levels: number;
  /** Path of the message file (the folder joined with its name). */
  messageFile: string;
  /** Path of the matching orderbook file, or `null` when the folder has none. */
  orderbookFile: string | null;
}

/**
 * Finds the LOBSTER files in `dir` (not its subfolders) and pairs each message
 * file with the orderbook file of the same ticker, date, period and levels.
 * Files whose names are not LOBSTER names are ignored, and so is an orderbook
 * file without a message file. Sorted by ticker, date, levels and period. A
 * missing folder throws `InputError`.
 */
export async function findLobsterFiles(dir: string): Promise<LobsterFilePair[]> {
  const messages = new Map<string, { name: LobsterFileName; path: string }>();
  const orderbooks = new Map<string, string>();
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isDirectory) continue;
      const name = tryParse(entry.name);
      if (name === undefined) continue;
      const key = `${name.ticker}_${name.date}_${name.startMs}_${name.endMs}_${name.levels}`;
      const path = join(dir, entry.name);
      if (name.kind === "message") messages.set(key, { name, path });
      else orderbooks.set(key, path);
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new InputError({
        file: dir,
        expected: "an existing folder of LOBSTER files",
        found: "no such folder",
      });
    }
    if (error instanceof Deno.errors.NotADirectory) {
      throw new InputError({
        file: dir,
        expected: "an existing folder of LOBSTER files",
        found: "a file",
      });
    }
    throw error;
  }
  const found = [...messages.entries()].map(([key, { name }]) => ({ key, name }));
  found.sort((a, b) =>
    compare(a.name.ticker, b.name.ticker) || compare(a.name.date, b.name.date) ||
    a.name.levels - b.name.levels || a.name.startMs - b.name.startMs ||
    a.name.endMs - b.name.endMs
  );
  return found.map(({ key, name }) => ({
    ticker: name.ticker,
    date: name.date,
    levels: name.levels,
    messageFile: messages.get(key)!.path,
    orderbookFile: orderbooks.get(key) ?? null,
  }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The orderbook file paired with a LOBSTER message file when it lies beside it, else null. */
export async function orderbookFileBeside(messageFile: string): Promise<string | null> {
  const candidate = messageFile.replace(/_message_(\d+)\.csv$/, "_orderbook_$1.csv");
  if (candidate === messageFile) return null;
  try {
    return (await Deno.stat(candidate)).isFile ? candidate : null;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}

/** Resolves an `orderbook_file` setting: "auto" (the file beside, if any), "none" or a path. */
export function resolveOrderbookFile(messageFile: string, setting: string): Promise<string | null> {
  if (setting === "none") return Promise.resolve(null);
  if (setting !== "auto") return Promise.resolve(setting);
  return orderbookFileBeside(messageFile);
}
