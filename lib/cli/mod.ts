/**
 * A tiny CLI framework: declared flags and positionals, `--help`, `--json`,
 * `--verbose`, `--quiet`, one-line errors and exit codes (0 ok, 2 usage or
 * config, 1 other). Concrete commands live in `./commands/`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseArgs, renderProgramHelp } from "./mod.ts";
 * assert.deepEqual(
 *   parseArgs(["--n", "3"], { command: "x", flags: [{ name: "n", type: "integer", description: "n" }] }),
 *   { flags: { n: 3 }, positionals: [] },
 * );
 * assert.match(renderProgramHelp("cli", []), /^Usage: cli <command> \[flags\]/);
 * ```
 * @module
 */

export * from "./command.ts";
export * from "./args.ts";
export * from "./help.ts";
export * from "./main.ts";
