/**
 * Where the realism check finds its sessions: LOBSTER message / orderbook
 * pairs in folders (searched recursively, so a `deno task simulate` output
 * folder `<out>/<symbol>/<date>/` works as is) or named message files (their
 * orderbook file is taken from beside them when present).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { findLobsterSources } from "./sources.ts";
 * const found = await findLobsterSources(["tests/fixtures/lobster"]);
 * assert(found.pairs.length === 1 && found.pairs[0].ticker === "AAPL");
 * assert(found.pairs[0].orderbookFile !== null && found.missing.length === 0);
 * ```
 * @module
 */

import { join } from "node:path";
import {
  findLobsterFiles,
  type LobsterFilePair,
  orderbookFileBeside,
  parseLobsterFileName,
} from "../data/lobster/mod.ts";
import { InputError } from "../core/errors.ts";

/** What {@linkcode findLobsterSources} found. */
export interface LobsterSources {
  /** Message files with their orderbook files (or null), in a stable order, each once. */
  pairs: LobsterFilePair[];
  /** Paths given that do not exist (folders may legitimately be absent, e.g. no simulation yet). */
  missing: string[];
}

async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** Pairs in `dir` and every folder below it, folders in name order. */
async function walk(dir: string, out: LobsterFilePair[]): Promise<void> {
  out.push(...await findLobsterFiles(dir));
  const subdirs: string[] = [];
  for await (const e of Deno.readDir(dir)) if (e.isDirectory) subdirs.push(e.name);
  subdirs.sort();
  for (const name of subdirs) await walk(join(dir, name), out);
}

/** The pair of one named message file. */
async function pairOfFile(path: string): Promise<LobsterFilePair> {
  const name = parseLobsterFileName(path);
  if (name.kind !== "message") {
    throw new InputError({
      file: path,
      expected: "a LOBSTER message file (…_message_N.csv) or a folder",
      found: "an orderbook file",
    });
  }
  const ob = await orderbookFileBeside(path);
  return {
    ticker: name.ticker,
    date: name.date,
    levels: name.levels,
    messageFile: path,
    orderbookFile: ob,
  };
}

/** Finds the LOBSTER pairs under `paths` (folders, searched recursively, or message files). */
export async function findLobsterSources(paths: readonly string[]): Promise<LobsterSources> {
  const pairs: LobsterFilePair[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await statOrNull(path);
    if (info === null) missing.push(path);
    else if (info.isDirectory) await walk(path, pairs);
    else pairs.push(await pairOfFile(path));
  }
  const seen = new Set<string>();
  const unique: LobsterFilePair[] = [];
  for (const p of pairs) {
    if (seen.has(p.messageFile)) continue;
    seen.add(p.messageFile);
    unique.push(p);
  }
  return { pairs: unique, missing };
}
