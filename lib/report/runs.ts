/**
 * Run folders for the report: reading a run's `manifest.json`, `config.yaml`
 * and `summary.json` into {@linkcode RunInfo}, and finding the latest complete
 * runs of each kind under `outputs/` when none are named.
 *
 * A run is complete when its `summary.json` exists (written last by
 * `RunDir.finish`). Runs of one kind are told apart by their label: the
 * summary's `algorithm` or `strategy` when there is one (so the latest MAPPO
 * and the latest MADDPG run both appear), else the command.
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { parse as parseYaml } from "yaml";
import { describeValue, InputError } from "../core/errors.ts";
import { pathExists } from "../core/path_exists.ts";

/** The kinds of run the report reads. */
export type RunKind = "train" | "baseline" | "evaluate" | "compare" | "realism";

/** Kinds in the order the report shows them. */
export const RUN_KINDS: readonly RunKind[] = [
  "train",
  "baseline",
  "evaluate",
  "compare",
  "realism",
];

/** What the report knows about one run folder. */
export interface RunInfo {
  kind: RunKind;
  /** Folder path as given or found. */
  path: string;
  /** Algorithm, strategy or command: tells runs of one kind apart. */
  label: string;
  /** `manifest.json`, or null when absent. */
  manifest: Record<string, unknown> | null;
  /** `summary.json`, or null when absent. */
  summary: Record<string, unknown> | null;
  /** `config.yaml` as text ("" when absent). */
  configYaml: string;
}

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === "object" ? v as Record<string, unknown> : null;
  } catch (e) {
    throw new InputError({
      file: path,
      expected: "a JSON object",
      found: `invalid JSON (${(e as Error).message})`,
    });
  }
}

async function readTextOr(path: string, fallback: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return fallback;
    throw e;
  }
}

function kindOf(command: unknown, path: string): RunKind {
  if (typeof command === "string" && (RUN_KINDS as readonly string[]).includes(command)) {
    return command as RunKind;
  }
  const parent = path.replace(/\/+$/, "").split("/").slice(-2, -1)[0] ?? "";
  if ((RUN_KINDS as readonly string[]).includes(parent)) return parent as RunKind;
  throw new InputError({
    file: join(path, "manifest.json"),
    keyPath: "command",
    expected: `one of ${RUN_KINDS.join(", ")} (or a folder under outputs/<kind>/)`,
    found: describeValue(command),
  });
}

/** Reads one run folder; throws an InputError when it is not a folder or its kind is unknown. */
export async function readRun(path: string): Promise<RunInfo> {
  let stat: Deno.FileInfo;
  try {
    stat = await Deno.stat(path);
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new InputError({ file: path, expected: "a run folder", found: "nothing" });
  }
  if (!stat.isDirectory) {
    throw new InputError({ file: path, expected: "a run folder", found: "a file" });
  }
  const manifest = await readJson(join(path, "manifest.json"));
  const summary = await readJson(join(path, "summary.json"));
  const configYaml = await readTextOr(join(path, "config.yaml"), "");
  const kind = kindOf(manifest?.command, path);
  const label = typeof summary?.algorithm === "string"
    ? summary.algorithm
    : typeof summary?.strategy === "string"
    ? summary.strategy
    : kind;
  return { kind, path, label, manifest, summary, configYaml };
}

/** The parsed config of a run (null when it has no config.yaml). */
export function runConfig(run: RunInfo): unknown {
  return run.configYaml === "" ? null : parseYaml(run.configYaml);
}

/**
 * The latest complete run per kind and label under `root` (folders
 * `root/<kind>/<stamp>`; names sort by time). Missing kinds give no runs.
 */
export async function discoverRuns(root: string): Promise<RunInfo[]> {
  const out: RunInfo[] = [];
  for (const kind of RUN_KINDS) {
    const dir = join(root, kind);
    const names: string[] = [];
    try {
      for await (const e of Deno.readDir(dir)) if (e.isDirectory) names.push(e.name);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) continue;
      throw e;
    }
    names.sort().reverse();
    const seen = new Set<string>();
    for (const name of names) {
      const path = join(dir, name);
      try {
        await Deno.stat(join(path, "summary.json"));
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) continue;
        throw e;
      }
      const run = await readRun(path);
      if (run.kind !== kind || seen.has(run.label)) continue;
      seen.add(run.label);
      out.push(run);
      if (kind === "compare" || kind === "realism") break;
    }
  }
  return out;
}

/** The run's Parquet table `file` (e.g. "episodes.parquet"), or null when the run has none. */
export async function readRunTable(run: RunInfo, file: string): Promise<pl.DataFrame | null> {
  const path = join(run.path, file);
  return (await pathExists(path)) ? pl.readParquet(path) : null;
}
