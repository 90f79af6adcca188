/**
 * Run folders: every command that produces results writes them into its own
 * folder, `<root>/<command>/<UTC yyyymmdd-HHMMSS>-<configHash first 8>`
 * (`-2`, `-3`… appended when the name is taken), holding:
 *
 * - `config.yaml`: the resolved config, written as soon as the folder exists;
 * - `manifest.json`: provenance (command, argv, seed, config hash, git commit,
 *   Deno/V8/TypeScript versions, OS, input file hashes, backend, start and
 *   finish times, wall time and phase timings); written at creation with
 *   `finishedAt: null` and rewritten by {@linkcode RunDir.finish};
 * - `summary.json`: exactly the summary the command returned (deterministic,
 *   no timings), written LAST by `finish`.
 *
 * **A run folder without `summary.json` is an incomplete run** (crashed,
 * interrupted or still running); tools that collect results must skip it (see
 * {@linkcode isCompleteRun}). All files are written atomically.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { createRunDir, isCompleteRun } from "./run_dir.ts";
 * const root = await Deno.makeTempDir();
 * const run = await createRunDir({
 *   command: "demo", root, config: { a: 1 }, configHash: "0123456789abcdef",
 *   configYaml: "a: 1\n", seed: 7,
 *   now: () => new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
 * });
 * assert(run.path === `${root}/demo/20240102-030405-01234567`);
 * assert(!(await isCompleteRun(run.path)));
 * await run.finish({ pnl: 12 });
 * assert(await isCompleteRun(run.path));
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import { isAbsolute, join, normalize } from "node:path";
import { writeFileAtomic, writeJsonAtomic, writeTextAtomic } from "./atomic_write.ts";
import { gitCommit } from "./git.ts";
import { hashFile } from "./hash.ts";

/** Options for {@linkcode createRunDir}. */
export interface RunDirOptions {
  /** Command name, e.g. "replay" (also the sub-folder under `root`). */
  command: string;
  /** Root folder for default run folders; default "outputs". */
  root?: string;
  /** Explicit run folder (from `--out`); overrides the default naming. */
  out?: string;
  /** The resolved config (exposed as `RunDir.config`; `configYaml` is what gets written). */
  config: unknown;
  /** Hash of the resolved config (see `hashConfig`). */
  configHash: string;
  /** The resolved config as YAML; written to `config.yaml` at once. */
  configYaml: string;
  /** The master seed, or null for commands without randomness. */
  seed: number | null;
  /** Input data files to record with their size and SHA-256. */
  inputs?: string[];
  /** Compute backend used (e.g. "tfjs-wasm"), when relevant. */
  backend?: string;
  /** Command-line arguments to record; default `Deno.args`. */
  argv?: string[];
  /** Clock for folder names and timestamps (tests); default `new Date()`. */
  now?: () => Date;
}

/** One recorded input file. */
export interface InputRecord {
  path: string;
  bytes: number;
  sha256: string;
}

/** The content of `manifest.json`. */
export interface RunManifest {
  command: string;
  argv: string[];
  seed: number | null;
  configHash: string;
  gitCommit: string | null;
  versions: { deno: string; v8: string; typescript: string };
  os: { os: string; arch: string; cpus: number };
  inputs: InputRecord[];
  backend: string | null;
  startedAt: string;
  finishedAt: string | null;
  wallSeconds: number | null;
  /** Seconds spent per labelled phase (summed over repeated labels). */
  timings: Record<string, number>;
}

/** An open run folder. */
export interface RunDir {
  /** The folder's path. */
  readonly path: string;
  /** The resolved config this run uses (as passed to `createRunDir`). */
  readonly config: unknown;
  /** The manifest as it stands (finishedAt is null until `finish`). */
  readonly manifest: RunManifest;
  /** Path of `name` inside the folder. */
  child(name: string): string;
  /** Writes `name` as 2-space JSON, atomically. */
  writeJson(name: string, value: unknown): Promise<void>;
  /** Writes `name` as text, atomically. */
  writeText(name: string, text: string): Promise<void>;
  /** Writes `name` as bytes, atomically. */
  writeBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Runs `fn`, adding its duration to the phase `label` in the manifest. */
  time<T>(label: string, fn: () => T | Promise<T>): Promise<T>;
  /** Adds `seconds` to the phase `label` in the manifest. */
  recordTiming(label: string, seconds: number): void;
  /** Writes `manifest.json`, then `summary.json` (marking the run complete). */
  finish(summary: unknown): Promise<void>;
}

/** `yyyymmdd-HHMMSS` in UTC. */
export function utcStamp(date: Date): string {
  const iso = date.toISOString(); // 2024-01-02T03:04:05.678Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${
    iso.slice(14, 16)
  }${iso.slice(17, 19)}`;
}

/** Creates `<parent>/<base>` (or `-2`, `-3`…) exclusively and returns its path. */
async function claimFolder(parent: string, base: string): Promise<string> {
  await Deno.mkdir(parent, { recursive: true });
  for (let n = 1;; n++) {
    const path = join(parent, n === 1 ? base : `${base}-${n}`);
    try {
      await Deno.mkdir(path); // fails if it exists: no two runs share a folder
      return path;
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
    }
  }
}

async function describeInputs(paths: readonly string[]): Promise<InputRecord[]> {
  const records: InputRecord[] = [];
  for (const path of paths) {
    const { size } = await Deno.stat(path);
    records.push({ path, bytes: size, sha256: await hashFile(path) });
  }
  return records;
}

/** Whether a run folder is complete, i.e. holds `summary.json`. */
export async function isCompleteRun(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(join(path, "summary.json"))).isFile;
  } catch {
    return false;
  }
}

/** Creates a run folder, writes `config.yaml` and a first `manifest.json`. */
export async function createRunDir(opts: RunDirOptions): Promise<RunDir> {
  const now = opts.now ?? (() => new Date());
  const started = now();
  const startedMs = performance.now();
  const safeCommand = opts.command.trim().replace(/[^A-Za-z0-9._-]+/g, "-") || "run";
  let path: string;
  if (opts.out !== undefined) {
    path = opts.out;
    await Deno.mkdir(path, { recursive: true });
    // A reused folder must not look complete until this run finishes.
    await Deno.remove(join(path, "summary.json")).catch(() => {});
  } else {
    const base = `${utcStamp(started)}-${opts.configHash.slice(0, 8)}`;
    path = await claimFolder(join(opts.root ?? "outputs", safeCommand), base);
  }

  const manifest: RunManifest = {
    command: opts.command,
    argv: [...(opts.argv ?? Deno.args)],
    seed: opts.seed,
    configHash: opts.configHash,
    gitCommit: gitCommit("."),
    versions: { ...Deno.version },
    os: { os: Deno.build.os, arch: Deno.build.arch, cpus: navigator.hardwareConcurrency },
    inputs: await describeInputs(opts.inputs ?? []),
    backend: opts.backend ?? null,
    startedAt: started.toISOString(),
    finishedAt: null,
    wallSeconds: null,
    timings: {},
  };

  const child = (name: string): string => {
    const rel = normalize(name);
    if (isAbsolute(name) || rel === ".." || rel.startsWith("../")) {
      throw new Error(`run folder: file name must stay inside the folder, got ${name}`);
    }
    return join(path, rel);
  };
  const recordTiming = (label: string, seconds: number) => {
    manifest.timings[label] = (manifest.timings[label] ?? 0) + seconds;
  };
  let finished = false;

  await writeTextAtomic(child("config.yaml"), opts.configYaml);
  await writeJsonAtomic(child("manifest.json"), manifest);

  return {
    path,
    config: opts.config,
    manifest,
    child,
    writeJson: (name, value) => writeJsonAtomic(child(name), value),
    writeText: (name, text) => writeTextAtomic(child(name), text),
    writeBytes: (name, bytes) => writeFileAtomic(child(name), bytes),
    recordTiming,
    async time<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
      const t0 = performance.now();
      try {
        return await fn();
      } finally {
        recordTiming(label, (performance.now() - t0) / 1000);
      }
    },
    async finish(summary: unknown): Promise<void> {
      if (finished) throw new Error(`run folder ${path}: finish() called twice`);
      finished = true;
      manifest.finishedAt = now().toISOString();
      manifest.wallSeconds = (performance.now() - startedMs) / 1000;
      await writeJsonAtomic(child("manifest.json"), manifest);
      await writeJsonAtomic(child("summary.json"), summary);
    },
  };
}
