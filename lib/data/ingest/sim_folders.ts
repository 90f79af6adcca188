/**
 * Simulator outputs (`deno task simulate`): a folder holding
 * `<symbol>/<date>/` session folders, each with LOBSTER message / orderbook
 * files (every event) and/or `snapshots.parquet` + `trades.parquet` (the book
 * on the decision grid, and the executions). The LOBSTER files are preferred:
 * they are event-level, so trade, cancel and OFI aggregates can be computed;
 * the Parquet files are used only where a session has no LOBSTER files.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { findSimSessions } from "./sim_folders.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/SIM/2024-01-02`, { recursive: true });
 * await Deno.writeTextFile(`${root}/SIM/2024-01-02/snapshots.parquet`, "");
 * const found = await findSimSessions(root);
 * assert(found.length === 1 && found[0].lobster.length === 0);
 * assert(found[0].snapshotsFile === `${root}/SIM/2024-01-02/snapshots.parquet`);
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import { InputError } from "../../core/errors.ts";
import { findLobsterFiles, type LobsterFilePair } from "../lobster/mod.ts";

/** One simulated session folder and the files ingestion will read from it. */
export interface SimSessionFiles {
  /** The session folder. */
  dir: string;
  /** LOBSTER pairs in the folder (preferred when not empty). */
  lobster: LobsterFilePair[];
  /** `snapshots.parquet`, when present. */
  snapshotsFile: string | null;
  /** `trades.parquet`, when present. */
  tradesFile: string | null;
}

/** How deep below the root session folders are looked for (`<symbol>/<date>/` is 2). */
const MAX_DEPTH = 4;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function walk(dir: string, depth: number, out: SimSessionFiles[]): Promise<void> {
  const subdirs: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    if (entry.isDirectory) subdirs.push(entry.name);
  }
  const lobster = await findLobsterFiles(dir);
  const snapshots = join(dir, "snapshots.parquet");
  const trades = join(dir, "trades.parquet");
  const hasSnapshots = await isFile(snapshots);
  if (lobster.length > 0 || hasSnapshots) {
    out.push({
      dir,
      lobster,
      snapshotsFile: hasSnapshots ? snapshots : null,
      tradesFile: await isFile(trades) ? trades : null,
    });
  }
  if (depth >= MAX_DEPTH) return;
  subdirs.sort();
  for (const name of subdirs) await walk(join(dir, name), depth + 1, out);
}

/**
 * The session folders under `root` (itself included), in path order. Throws
 * `InputError` when `root` is not a folder or holds no session.
 */
export async function findSimSessions(root: string): Promise<SimSessionFiles[]> {
  try {
    if (!(await Deno.stat(root)).isDirectory) {
      throw new InputError({ file: root, expected: "a simulator output folder", found: "a file" });
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new InputError({
        file: root,
        expected: "a simulator output folder (deno task simulate writes data/sim)",
        found: "no such folder",
      });
    }
    throw error;
  }
  const out: SimSessionFiles[] = [];
  await walk(root, 0, out);
  if (out.length === 0) {
    throw new InputError({
      file: root,
      expected: "session folders <symbol>/<date>/ with LOBSTER files or snapshots.parquet",
      found: "none",
    });
  }
  return out;
}
