/**
 * The shape of a CLI command: its flags, positional arguments, optional
 * subcommands and a `run` function that gets a {@linkcode CommandContext}.
 * Commands never touch `Deno.args`, stdout or stderr directly, so they can be
 * tested by calling `runCli` with captured output.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import type { Command } from "./command.ts";
 * const hello: Command = {
 *   name: "hello",
 *   summary: "Greet someone",
 *   flags: [{ name: "times", type: "integer", description: "how many greetings", default: 1 }],
 *   positionals: [{ name: "who", description: "who to greet" }],
 *   run(ctx) {
 *     const who = ctx.positionals[0];
 *     for (let i = 0; i < (ctx.flags.times as number); i++) ctx.print(`hello ${who}`);
 *     return Promise.resolve({ who });
 *   },
 * };
 * assert.equal(hello.flags[0].default, 1);
 * ```
 * @module
 */

import type { Progress } from "../core/progress.ts";

/** Value types a flag can take. `string[]` flags may be repeated. */
export type FlagType = "string" | "number" | "integer" | "boolean" | "string[]";

/** A `--name` flag. */
export interface FlagSpec {
  /** Name without dashes, kebab-case: "out", "max-steps". Also the key in `ctx.flags`. */
  name: string;
  /** Value type; numbers are validated while parsing. */
  type: FlagType;
  /** One line for `--help`, with the unit where there is one. */
  description: string;
  /** Value when the flag is absent. Booleans default to false, `string[]` to []. */
  default?: string | number | boolean | string[];
  /** Placeholder shown in help, e.g. "key=value"; default: the type. */
  valueName?: string;
}

/** A positional argument. */
export interface PositionalSpec {
  /** Name shown in help, e.g. "file". */
  name: string;
  /** One line for `--help`. */
  description: string;
  /** May be left out. */
  optional?: boolean;
  /** Takes all remaining arguments (only the last positional). */
  variadic?: boolean;
}

/** A CLI command (or a group of subcommands). */
export interface Command {
  /** Name typed on the command line. */
  name: string;
  /** One line shown in command lists. */
  summary: string;
  /** Longer text shown in the command's `--help`. */
  description?: string;
  /** The command's own flags (global flags are added automatically). */
  flags: FlagSpec[];
  /** Positional arguments, in order. */
  positionals?: PositionalSpec[];
  /** Nested commands: `program data fetch`. */
  subcommands?: Command[];
  /** Does the work; the returned value is the JSON summary (printed with `--json`). */
  run(ctx: CommandContext): Promise<unknown>;
}

/** What a running command gets. */
export interface CommandContext {
  /** Parsed flags by name, defaults filled in (global flags included). */
  flags: Record<string, unknown>;
  /** Positional arguments. */
  positionals: string[];
  /** `--verbose` was given. */
  verbose: boolean;
  /** `--json` was given: stdout carries only the returned JSON. */
  json: boolean;
  /** `--quiet` was given: no log lines, no progress bars. */
  quiet: boolean;
  /** The full command line as given (for manifests). */
  argv: string[];
  /** The command's full name, e.g. "data fetch". */
  commandPath: string;
  /** A diagnostic line on stderr (suppressed by `--quiet`). */
  log(line: string): void;
  /** A human result line on stdout (suppressed by `--json`). */
  print(line: string): void;
  /** A progress bar on stderr (silent off a terminal, in CI, or with `--quiet`). */
  progress(total: number, label: string): Progress;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: "help", type: "boolean", description: "Show this help" },
  { name: "verbose", type: "boolean", description: "More detail; stack traces on errors" },
  { name: "json", type: "boolean", description: "Print only the JSON summary on stdout" },
  { name: "quiet", type: "boolean", description: "No log lines or progress bars on stderr" },
];
