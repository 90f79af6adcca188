/**
 * Loads the config of `deno task train`, layer by layer (lowest first):
 *
 * 1. the schema defaults;
 * 2. the environment file `training.environment_file` names (default
 *    `configs/environment.yaml`; its `environment:` section);
 * 3. the training file (`--config`, default `configs/training.yaml`);
 * 4. the preset (`--preset quick` → `configs/presets/quick.yaml`, or a path
 *    ending in `.yaml`), an override layer of the same shape;
 * 5. the command-line flags (`extra`) and `--set key=value` overrides.
 *
 * Errors name the file and line of the top file layer (the preset when one is
 * given, else the training file), or the flag.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { loadTrainingConfig } from "./config.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/t.yaml`, "training:\n  envs: 4\n  environment_file: null\n");
 * await Deno.writeTextFile(`${dir}/p.yaml`, "training:\n  envs: 2\n");
 * const { config } = await loadTrainingConfig({ file: `${dir}/t.yaml`, preset: `${dir}/p.yaml` });
 * assert.equal(config.training.envs, 2);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { parse as parseYaml } from "yaml";
import { ConfigError } from "../../core/errors.ts";
import { loadConfig, type LoadedConfig } from "../../config/load.ts";
import { deepMerge, isPlainObject } from "../../config/_merge.ts";
import { type TrainingConfig, TrainingConfigSchema } from "../../config/schemas/training.ts";

/** Where the config comes from. */
export interface TrainingConfigSources {
  /** The training YAML file (default `configs/training.yaml`). */
  file?: string;
  /** Preset name (`configs/presets/<name>.yaml`) or a path ending in `.yaml`. */
  preset?: string;
  /** Folder of named presets (default `configs/presets`). */
  presetDir?: string;
  /** Flags as key paths (`{ "training.seed": 3 }`); undefined values skipped. */
  extra?: Record<string, unknown>;
  /** `--set` overrides. */
  overrides?: string[];
}

/** The file of preset `name` (a name, or a path ending in .yaml). */
export function presetPath(name: string, presetDir = "configs/presets"): string {
  if (name.endsWith(".yaml") || name.endsWith(".yml") || name.includes("/")) return name;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new ConfigError({
      keyPath: "training.preset",
      expected: "a preset name (letters, digits, . _ -) or a .yaml path",
      found: JSON.stringify(name),
    });
  }
  return `${presetDir}/${name}.yaml`;
}

async function readMapping(file: string, what: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (err) {
    throw new ConfigError({
      file,
      expected: `an existing ${what}`,
      found: err instanceof Deno.errors.NotFound ? "no such file" : String(err),
    });
  }
  let value: unknown;
  try {
    value = parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError({ file, expected: "valid YAML", found: (err as Error).message });
  }
  if (!isPlainObject(value)) {
    throw new ConfigError({ file, expected: "a mapping of config keys", found: typeof value });
  }
  return value;
}

function environmentFileOf(...layers: Record<string, unknown>[]): string | null | undefined {
  let out: string | null | undefined;
  for (const l of layers) {
    const t = l.training;
    if (isPlainObject(t) && "environment_file" in t) out = t.environment_file as string | null;
  }
  return out;
}

/** Loads and validates the training config (see the module docs). */
export async function loadTrainingConfig(
  src: TrainingConfigSources = {},
): Promise<LoadedConfig<TrainingConfig>> {
  const file = src.file ?? "configs/training.yaml";
  const main = await readMapping(file, "training config (YAML)");
  const presetFile = src.preset === undefined ? undefined : presetPath(src.preset, src.presetDir);
  const preset = presetFile === undefined ? {} : await readMapping(presetFile, "preset (YAML)");
  const extraEnvFile = src.extra?.["training.environment_file"];
  let envFile = environmentFileOf(main, preset);
  if (extraEnvFile !== undefined) envFile = extraEnvFile as string | null;
  if (envFile === undefined) envFile = "configs/environment.yaml";
  if (envFile !== null && typeof envFile !== "string") {
    throw new ConfigError({
      file,
      keyPath: "training.environment_file",
      expected: "a path or null",
      found: JSON.stringify(envFile),
    });
  }
  let defaults: Record<string, unknown> = {};
  if (envFile !== null) {
    const env = await readMapping(envFile, "environment config (training.environment_file)");
    if (isPlainObject(env.environment)) defaults = { environment: env.environment };
  }
  const extra = {
    ...(src.preset === undefined ? {} : { "training.preset": src.preset }),
    ...src.extra,
  };
  const loaded = presetFile === undefined
    ? await loadConfig(TrainingConfigSchema, {
      defaults,
      file,
      extra,
      overrides: src.overrides,
    })
    : await loadConfig(TrainingConfigSchema, {
      defaults: deepMerge(defaults, main),
      file: presetFile,
      extra,
      overrides: src.overrides,
    });
  const t = loaded.config.training;
  if (t.episodes === null && t.updates === null) {
    throw new ConfigError({
      file: presetFile ?? file,
      keyPath: "training.episodes",
      expected: "a budget: training.episodes or training.updates set",
      found: "both null",
    });
  }
  loaded.sources.splice(0, 0, ...(envFile === null ? [] : [envFile]));
  return loaded;
}
