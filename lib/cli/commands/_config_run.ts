/**
 * Shared steps of commands that run from a config: the `--config`, `--set`
 * and `--out` flags, loading and validating the config, and opening the run
 * folder that records it.
 * @module
 */

import type { z } from "zod";
import { createRunDir, type RunDir } from "../../core/run_dir.ts";
import { loadConfig, type LoadedConfig } from "../../config/load.ts";
import type { CommandContext, FlagSpec } from "../command.ts";

/** `--config`, `--set` and `--out`, with the command's default config file. */
export function configFlags(defaultConfig: string): FlagSpec[] {
  return [
    {
      name: "config",
      type: "string",
      description: "YAML config file",
      default: defaultConfig,
      valueName: "file",
    },
    {
      name: "set",
      type: "string[]",
      description: "Override one config value: --set section.key=value",
      valueName: "key=value",
    },
    {
      name: "out",
      type: "string",
      description: "Run folder (default: outputs/<command>/<time>-<hash>)",
      valueName: "dir",
    },
  ];
}

/** Loads the command's config: the file, then named flags (`extra`), then `--set`. */
export function loadCommandConfig<T>(
  ctx: CommandContext,
  schema: z.ZodType<T>,
  extra: Record<string, unknown> = {},
): Promise<LoadedConfig<T>> {
  return loadConfig(schema, {
    file: ctx.flags.config as string,
    extra,
    overrides: ctx.flags.set as string[],
  });
}

/** Opens the run folder for a loaded config. */
export function openRun<T>(
  ctx: CommandContext,
  command: string,
  loaded: LoadedConfig<T>,
  seed: number | null,
  inputs: string[],
): Promise<RunDir> {
  return createRunDir({
    command,
    out: ctx.flags.out as string | undefined,
    config: loaded.config,
    configHash: loaded.hash,
    configYaml: loaded.yaml,
    seed,
    inputs,
    argv: ctx.argv,
  });
}
