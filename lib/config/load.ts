/**
 * Loads a config: defaults, then a YAML file, then named command-line flags
 * (`extra`), then `--set a.b=value` overrides, validated by a strict zod
 * schema. Every failure is one {@linkcode ConfigError} line naming the file and
 * line (or the `--set` that caused it), the key, what was expected and what was
 * found, e.g.
 *
 * `configs/replay.yaml:4: replay.levels: expected an integer ≥ 1, found 0`
 *
 * Override values are parsed as YAML (`5` is a number, `true` a boolean,
 * `[1, 2]` a list, `abc` a string, an empty value is null).
 *
 * Permissions: `--allow-read` for the file, and `--allow-env` because the
 * `yaml` package reads the `LOG_TOKENS` and `LOG_STREAM` variables while parsing.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { loadConfig } from "./load.ts";
 * import { int, section } from "./schema_helpers.ts";
 * const schema = section({ levels: int({ min: 1 }).default(10).describe("book levels") });
 * const file = await Deno.makeTempFile({ suffix: ".yaml" });
 * await Deno.writeTextFile(file, "# replay\nlevels: 0\n");
 * await assert.rejects(
 *   loadConfig(schema, { file }),
 *   { message: `${file}:2: levels: expected an integer ≥ 1, found 0` },
 * );
 * const ok = await loadConfig(schema, { file, overrides: ["levels=5"] });
 * assert.equal(ok.config.levels, 5);
 * assert.equal(ok.yaml, "levels: 5\n");
 * await Deno.remove(file);
 * ```
 * @module
 */

import { type Document, LineCounter, parse as parseYaml, parseDocument, stringify } from "yaml";
import type { z } from "zod";
import { ConfigError, describeValue } from "../core/errors.ts";
import { hashConfig } from "../core/hash.ts";
import { deepMerge, isPlainObject, setPath } from "./_merge.ts";
import { errorFromProblems, type Place, problemsFromIssues } from "./_issues.ts";
import { lineOfKey } from "./_yaml_lines.ts";
import { assertStrictSchema } from "./schema_helpers.ts";

/** Where the config comes from, lowest precedence first. */
export interface LoadConfigOptions {
  /** YAML file to read. */
  file?: string;
  /** Base values (a plain object) under the file. */
  defaults?: unknown;
  /** Named flags already mapped to key paths, e.g. `{ "replay.levels": 5 }`; undefined values are skipped. */
  extra?: Record<string, unknown>;
  /** `--set` overrides, `"a.b.c=value"`, applied last, in order. */
  overrides?: string[];
}

/** A validated config with its provenance. */
export interface LoadedConfig<T> {
  /** The validated config, defaults filled in. */
  config: T;
  /** SHA-256 of the config's canonical JSON (see `hashConfig`). */
  hash: string;
  /** The resolved config as YAML (to save next to results). */
  yaml: string;
  /** The layers used, lowest precedence first: "defaults", the file, "--set …" entries. */
  sources: string[];
}

interface YamlFile {
  value: Record<string, unknown>;
  doc: Document;
  lines: LineCounter;
}

async function readYamlFile(file: string): Promise<YamlFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (err) {
    const found = err instanceof Deno.errors.NotFound
      ? "no such file"
      : err instanceof Deno.errors.IsADirectory
      ? "a folder"
      : String((err as Error).message ?? err);
    throw new ConfigError({ file, expected: "an existing YAML file", found });
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    throw new ConfigError({
      file,
      line: lines.linePos(syntax.pos[0]).line,
      expected: "valid YAML",
      found: `a YAML error: ${syntax.message}`,
    });
  }
  let value: unknown;
  try {
    value = doc.toJS();
  } catch (err) {
    throw new ConfigError({ file, expected: "valid YAML", found: (err as Error).message });
  }
  if (value === null || value === undefined) value = {};
  if (!isPlainObject(value)) {
    throw new ConfigError({
      file,
      line: 1,
      expected: "a mapping of config keys (key: value lines)",
      found: describeValue(value),
    });
  }
  return { value, doc, lines };
}

/** Splits `a.b=value` into a key path and a YAML-parsed value. */
function parseOverride(raw: string): { path: string[]; value: unknown } {
  const source = `--set ${raw}`;
  const eq = raw.indexOf("=");
  const key = eq < 0 ? "" : raw.slice(0, eq).trim();
  const path = key.split(".");
  if (eq < 0 || path.some((seg) => seg === "")) {
    throw new ConfigError({ file: source, expected: "key.path=value", found: describeValue(raw) });
  }
  const text = raw.slice(eq + 1);
  try {
    return { path, value: parseYaml(text) ?? null };
  } catch {
    throw new ConfigError({
      file: source,
      keyPath: key,
      expected: "a YAML value (number, true/false, text, [list] or {mapping})",
      found: describeValue(text),
    });
  }
}

/** Loads, merges and validates a config (see the module docs). */
export async function loadConfig<T>(
  schema: z.ZodType<T>,
  opts: LoadConfigOptions = {},
): Promise<LoadedConfig<T>> {
  assertStrictSchema(schema);
  const sources: string[] = [];
  let data: Record<string, unknown> = {};
  if (opts.defaults !== undefined) {
    if (!isPlainObject(opts.defaults)) {
      throw new TypeError("loadConfig: defaults must be an object");
    }
    data = structuredClone(opts.defaults);
    sources.push("defaults");
  }
  let yamlFile: YamlFile | undefined;
  if (opts.file !== undefined) {
    yamlFile = await readYamlFile(opts.file);
    data = deepMerge(data, yamlFile.value) as Record<string, unknown>;
    sources.push(opts.file);
  }

  // Which command-line source last set each key path (for error locations).
  const setBy = new Map<string, Place>();
  const record = (path: string[], place: Place) => {
    const key = path.join(".");
    for (const k of [...setBy.keys()]) if (k === key || k.startsWith(`${key}.`)) setBy.delete(k);
    setBy.set(key, place);
  };
  let rank = 1;
  for (const [key, value] of Object.entries(opts.extra ?? {})) {
    if (value === undefined) continue;
    const path = key.split(".");
    setPath(data, path, value, "command line");
    record(path, { file: "command line", rank: rank++ });
    sources.push(`command line ${key}=${describeValue(value)}`);
  }
  for (const raw of opts.overrides ?? []) {
    const { path, value } = parseOverride(raw);
    setPath(data, path, value, `--set ${raw}`);
    record(path, { file: `--set ${raw}`, rank: rank++ });
    sources.push(`--set ${raw}`);
  }

  const locate = (path: readonly PropertyKey[]): Place => {
    const key = path.map(String).join(".");
    for (let n = path.length; n > 0; n--) {
      const place = setBy.get(path.slice(0, n).map(String).join("."));
      if (place !== undefined) return place;
    }
    // A command-line source that set something below this key (`--set a.b.c=1` when `a.b` is wrong).
    const below = [...setBy].filter(([k]) => key !== "" && k.startsWith(`${key}.`));
    if (below.length > 0) return below[below.length - 1][1];
    if (yamlFile === undefined) return { rank: 0 };
    return { file: opts.file, line: lineOfKey(yamlFile.doc, yamlFile.lines, path), rank: 0 };
  };

  const result = schema.safeParse(data);
  if (!result.success) {
    throw errorFromProblems(problemsFromIssues(result.error.issues, schema, data, locate));
  }
  const config = result.data;
  return { config, hash: await hashConfig(config), yaml: stringify(config), sources };
}
