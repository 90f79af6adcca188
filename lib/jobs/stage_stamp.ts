/**
 * Stage stamps for `deno task prepare`: what a pipeline stage last ran on,
 * so that a later run can skip it when nothing it depends on has changed.
 *
 * **Fingerprint** of a stage = SHA-256 of the canonical JSON (keys sorted,
 * see `canonicalJson`) of `{ stage, version, config, inputs }`, where
 * `config` is the stage's resolved config section and `inputs` lists every
 * file the stage reads as `{ path, size, mtime_ms }`, sorted by path.
 *
 * Why size and modification time, not content hashes: the inputs are large
 * (a LOBSTER day is hundreds of MB, a month of interim files several GB) and
 * hashing them would make a run that skips everything cost as much reading
 * as one that runs; a stat per file costs microseconds. Every writer in this
 * workspace replaces a file (temporary file, then rename), which always sets
 * a new modification time, so an update is never missed; `touch` alone makes
 * a stage run again (harmless: it recomputes the same outputs). What a stat
 * cannot see: a file rewritten with the same size within the same
 * millisecond, or a tool that restores old times (`cp -p`, `rsync -t`) after
 * changing a file; code changes are not part of the fingerprint either. Use
 * `--force` after any of those.
 *
 * The **stamp** (`<stage output dir>/.prepare-<stage>.json`) is written
 * atomically after the stage succeeds and removed before it starts, so an
 * interrupted stage never looks done. It keeps the fingerprint, the config's
 * hash, the inputs and the outputs, so that a stale stage can say why it
 * runs again.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { fileStates, stageFingerprint, staleReason } from "./stage_stamp.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/a.csv`, "x\n1\n");
 * const inputs = await fileStates([`${dir}/a.csv`]);
 * assert.equal(inputs[0].size, 4);
 * const fp = await stageFingerprint("ingest", { decision_ms: 100 }, inputs);
 * assert.equal(fp, await stageFingerprint("ingest", { decision_ms: 100 }, inputs));
 * assert.notEqual(fp, await stageFingerprint("ingest", { decision_ms: 50 }, inputs));
 * assert.equal(staleReason(null, { fingerprint: fp, configHash: "", inputs }), "no earlier successful run");
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import { writeJsonAtomic } from "../core/atomic_write.ts";
import { canonicalJson, hashConfig, sha256Hex } from "../core/hash.ts";

/** Format tag of a stamp file. */
export const STAMP_FORMAT = "hft-marl.prepare-stamp.v1";

/** Bumped when the meaning of a fingerprint changes (old stamps then never match). */
export const FINGERPRINT_VERSION = 1;

/** One input file as the fingerprint sees it. */
export interface FileState {
  /** The path as the stage names it. */
  path: string;
  /** Bytes. */
  size: number;
  /** Modification time, ms since the epoch (null where the file system has none). */
  mtime_ms: number | null;
}

/** The content of `.prepare-<stage>.json`. */
export interface StageStamp {
  format: typeof STAMP_FORMAT;
  stage: string;
  /** See the module doc. */
  fingerprint: string;
  /** SHA-256 of the canonical JSON of the stage's config section. */
  config_sha256: string;
  /** The inputs fingerprinted. */
  inputs: FileState[];
  /** Files (or folders) the stage wrote; a stage whose outputs are missing runs again. */
  outputs: string[];
  /** When the stage finished (ISO 8601, UTC). */
  finished_at: string;
}

/** Size and modification time of each path, sorted by path (throws when one is missing). */
export async function fileStates(paths: readonly string[]): Promise<FileState[]> {
  const unique = [...new Set(paths)].sort();
  const out: FileState[] = [];
  for (const path of unique) {
    const info = await Deno.stat(path);
    out.push({ path, size: info.size, mtime_ms: info.mtime?.getTime() ?? null });
  }
  return out;
}

/** The stage's fingerprint (see the module doc). */
export function stageFingerprint(
  stage: string,
  config: unknown,
  inputs: readonly FileState[],
): Promise<string> {
  return sha256Hex(canonicalJson({ stage, version: FINGERPRINT_VERSION, config, inputs }));
}

/** SHA-256 of a config section's canonical JSON (recorded to tell config changes apart). */
export function configSha256(config: unknown): Promise<string> {
  return hashConfig(config);
}

/** Where the stamp of `stage` lives: `<dir>/.prepare-<stage>.json`. */
export function stampPath(dir: string, stage: string): string {
  return join(dir, `.prepare-${stage}.json`);
}

/** The stamp at `path`, or null when there is none (or it is not a stamp of this format). */
export async function readStamp(path: string): Promise<StageStamp | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  }
  try {
    const value = JSON.parse(text) as Partial<StageStamp>;
    const ok = value.format === STAMP_FORMAT && typeof value.fingerprint === "string" &&
      Array.isArray(value.inputs) && Array.isArray(value.outputs) &&
      typeof value.finished_at === "string";
    return ok ? value as StageStamp : null;
  } catch {
    return null; // a damaged stamp: the stage runs again
  }
}

/** Writes a stamp atomically. */
export function writeStamp(path: string, stamp: StageStamp): Promise<void> {
  return writeJsonAtomic(path, stamp);
}

/** Removes a stamp (nothing when there is none). */
export async function removeStamp(path: string): Promise<void> {
  try {
    await Deno.remove(path);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

/** The paths among `paths` that do not exist. */
export async function missingPaths(paths: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const path of paths) {
    try {
      await Deno.stat(path);
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) throw err;
      missing.push(path);
    }
  }
  return missing;
}

function listSome(paths: readonly string[], max = 2): string {
  const shown = paths.slice(0, max).join(", ");
  return paths.length > max ? `${shown} and ${paths.length - max} more` : shown;
}

/** What changed among the inputs, in words ("" when nothing did). */
export function inputChanges(before: readonly FileState[], now: readonly FileState[]): string {
  const old = new Map(before.map((f) => [f.path, f]));
  const cur = new Map(now.map((f) => [f.path, f]));
  const modified = now.filter((f) => {
    const o = old.get(f.path);
    return o !== undefined && (o.size !== f.size || o.mtime_ms !== f.mtime_ms);
  }).map((f) => f.path);
  const added = now.filter((f) => !old.has(f.path)).map((f) => f.path);
  const removed = before.filter((f) => !cur.has(f.path)).map((f) => f.path);
  const parts: string[] = [];
  if (modified.length > 0) parts.push(`${modified.length} modified (${listSome(modified)})`);
  if (added.length > 0) parts.push(`${added.length} added (${listSome(added)})`);
  if (removed.length > 0) parts.push(`${removed.length} removed (${listSome(removed)})`);
  return parts.join(", ");
}

/**
 * Why a stage whose current state is `now` must run again given its last
 * `stamp`, or null when the stamp matches (outputs are checked separately,
 * see {@linkcode missingPaths}).
 */
export function staleReason(
  stamp: StageStamp | null,
  now: { fingerprint: string; configHash: string; inputs: readonly FileState[] },
): string | null {
  if (stamp === null) return "no earlier successful run";
  if (stamp.fingerprint === now.fingerprint) return null;
  const reasons: string[] = [];
  if (stamp.config_sha256 !== now.configHash) reasons.push("config changed");
  const changes = inputChanges(stamp.inputs, now.inputs);
  if (changes !== "") reasons.push(`inputs changed: ${changes}`);
  return reasons.length > 0 ? reasons.join("; ") : "fingerprint changed";
}
