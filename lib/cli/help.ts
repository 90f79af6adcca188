/**
 * `--help` text for the program and for each command: a usage line, the
 * summary and description, arguments, flags with their defaults, global
 * flags, and subcommands.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { renderCommandHelp } from "./help.ts";
 * const text = renderCommandHelp("deno task", {
 *   name: "replay",
 *   summary: "Replay a day of messages",
 *   flags: [{ name: "levels", type: "integer", description: "book levels", default: 10 }],
 *   positionals: [{ name: "file", description: "message file" }],
 *   run: () => Promise.resolve(null),
 * });
 * assert.ok(text.startsWith("Usage: deno task replay [flags] <file>\n"));
 * assert.match(text, /--levels <integer> +book levels \(default: 10\)/);
 * ```
 * @module
 */

import { type Command, type FlagSpec, GLOBAL_FLAGS } from "./command.ts";

function twoColumns(rows: readonly [string, string][]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}   ${right}`.trimEnd());
}

function flagLeft(flag: FlagSpec): string {
  if (flag.name === "help") return "-h, --help";
  if (flag.type === "boolean") {
    return flag.default === true ? `--[no-]${flag.name}` : `--${flag.name}`;
  }
  const placeholder = `<${flag.valueName ?? (flag.type === "string[]" ? "value" : flag.type)}>`;
  return `--${flag.name} ${placeholder}`;
}

function flagRight(flag: FlagSpec): string {
  const notes: string[] = [];
  if (flag.type === "string[]") notes.push("repeatable");
  const d = flag.default;
  const shown = Array.isArray(d) ? d.length > 0 : d !== undefined && d !== false;
  if (shown) notes.push(`default: ${Array.isArray(d) ? d.join(", ") : String(d)}`);
  return notes.length === 0 ? flag.description : `${flag.description} (${notes.join("; ")})`;
}

function usageLine(programName: string, path: readonly string[], command: Command): string {
  const parts = [programName, ...path];
  if (command.subcommands?.length) parts.push("<subcommand>");
  parts.push("[flags]");
  for (const p of command.positionals ?? []) {
    const name = p.variadic ? `<${p.name}>...` : `<${p.name}>`;
    parts.push(p.optional ? `[${name}]` : name);
  }
  return `Usage: ${parts.filter((p) => p !== "").join(" ")}`;
}

/**
 * Help for one command. `path` is the command's full name as typed
 * (["data", "fetch"]); by default just the command's own name.
 */
export function renderCommandHelp(
  programName: string,
  command: Command,
  path: readonly string[] = [command.name],
): string {
  const lines = [usageLine(programName, path, command), "", command.summary];
  if (command.description) lines.push("", command.description.trim());
  if (command.positionals?.length) {
    lines.push("", "Arguments:");
    lines.push(...twoColumns(command.positionals.map((p) => [`<${p.name}>`, p.description])));
  }
  if (command.flags.length > 0) {
    lines.push("", "Flags:");
    lines.push(...twoColumns(command.flags.map((f) => [flagLeft(f), flagRight(f)])));
  }
  lines.push("", "Global flags:");
  lines.push(...twoColumns(GLOBAL_FLAGS.map((f) => [flagLeft(f), flagRight(f)])));
  if (command.subcommands?.length) {
    lines.push("", "Subcommands:");
    lines.push(...twoColumns(command.subcommands.map((c) => [c.name, c.summary])));
  }
  return `${lines.join("\n")}\n`;
}

/** Help for the whole program: the command list and the global flags. */
export function renderProgramHelp(programName: string, commands: readonly Command[]): string {
  const lines = [`Usage: ${programName} <command> [flags]`, "", "Commands:"];
  lines.push(
    ...(commands.length > 0
      ? twoColumns(commands.map((c) => [c.name, c.summary]))
      : ["  (none yet)"]),
  );
  lines.push("", "Global flags:");
  lines.push(...twoColumns(GLOBAL_FLAGS.map((f) => [flagLeft(f), flagRight(f)])));
  lines.push("", `Run '${programName} <command> --help' for a command's flags.`);
  return `${lines.join("\n")}\n`;
}
