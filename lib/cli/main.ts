/**
 * The CLI runner: finds the command (and subcommand), parses its flags, runs
 * it and turns the outcome into an exit code.
 *
 * - 0: success, or `--help`;
 * - 2: usage or config mistakes ({@linkcode UsageError}, `ConfigError`);
 * - 1: anything else (bad input data, bugs).
 *
 * Errors print one line, `error: <message>`, on stderr; `--verbose` adds the
 * stack. With `--json` the value returned by the command is printed on stdout
 * as JSON and nothing else goes to stdout.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { runCli } from "./main.ts";
 * const out: string[] = [];
 * const err: string[] = [];
 * const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
 * const commands = [{
 *   name: "sum", summary: "Add numbers", flags: [],
 *   positionals: [{ name: "n", description: "numbers", variadic: true }],
 *   run: (ctx: { positionals: string[]; print(line: string): void }) => {
 *     const total = ctx.positionals.map(Number).reduce((a, b) => a + b, 0);
 *     ctx.print(`total ${total}`);
 *     return Promise.resolve({ total });
 *   },
 * }];
 * assert.equal(await runCli(["sum", "1", "2", "--json"], commands, { io }), 0);
 * assert.deepEqual(JSON.parse(out.join("")), { total: 3 });
 * assert.equal(await runCli(["sum", "--bogus"], commands, { io }), 2);
 * assert.equal(err.at(-1), "error: unknown flag --bogus for 'sum' (see --help)\n");
 * ```
 * @module
 */

import { UsageError, WorkspaceError } from "../core/errors.ts";
import { createProgress } from "../core/progress.ts";
import { closestMatch } from "../core/suggest.ts";
import { parseArgs } from "./args.ts";
import { type Command, type CommandContext, GLOBAL_FLAGS } from "./command.ts";
import { renderCommandHelp, renderProgramHelp } from "./help.ts";

/** Where the CLI writes; injectable so that tests can capture output. */
export interface CliIo {
  /** Writes text (newlines included) to stdout. */
  stdout(text: string): void;
  /** Writes text (newlines included) to stderr. */
  stderr(text: string): void;
}

/** Options for {@linkcode runCli}. */
export interface RunCliOptions {
  /** How the program is invoked, for usage lines; default "cli". */
  programName?: string;
  /** Output streams; default the process's stdout and stderr. */
  io?: CliIo;
}

const encoder = new TextEncoder();

function writer(stream: { writeSync(p: Uint8Array): number }): (text: string) => void {
  return (text) => {
    try {
      const bytes = encoder.encode(text);
      let done = 0;
      while (done < bytes.length) done += stream.writeSync(bytes.subarray(done));
    } catch {
      // A closed pipe (`| head`) is not worth a crash.
    }
  };
}

/** The process's own stdout and stderr. */
export const processIo: CliIo = { stdout: writer(Deno.stdout), stderr: writer(Deno.stderr) };

const GLOBAL_NAMES = new Set(GLOBAL_FLAGS.map((f) => f.name));
const HELP = new Set(["-h", "--help"]);

function flagsBeforeDashDash(argv: readonly string[]): string[] {
  const end = argv.indexOf("--");
  return end < 0 ? [...argv] : argv.slice(0, end);
}

function findCommand(
  name: string,
  commands: readonly Command[],
  what: string,
  where: string,
): Command {
  const found = commands.find((c) => c.name === name);
  if (found !== undefined) return found;
  const names = commands.map((c) => c.name);
  const hint = closestMatch(name, names);
  throw new UsageError(
    `unknown ${what} '${name}'${where}${hint === undefined ? "" : `; did you mean '${hint}'?`} ` +
      `(${what}s: ${names.join(", ") || "none"})`,
  );
}

/** Runs the command named by `argv` and returns the process exit code. */
export async function runCli(
  argv: readonly string[],
  commands: readonly Command[],
  opts: RunCliOptions = {},
): Promise<number> {
  const io = opts.io ?? processIo;
  const program = opts.programName ?? "cli";
  const early = flagsBeforeDashDash(argv);
  const verbose = early.includes("--verbose");
  try {
    // Global flags may come before the command name.
    let i = 0;
    const leading: string[] = [];
    while (i < argv.length && argv[i].startsWith("-")) {
      const flag = argv[i].split("=")[0];
      if (!HELP.has(flag) && !GLOBAL_NAMES.has(flag.slice(2))) {
        throw new UsageError(`unknown flag ${flag} before the command (see ${program} --help)`);
      }
      leading.push(argv[i++]);
    }
    if (i >= argv.length) {
      if (leading.some((a) => HELP.has(a))) {
        io.stdout(renderProgramHelp(program, commands));
        return 0;
      }
      const names = commands.map((c) => c.name).join(", ") || "none";
      throw new UsageError(`missing command (commands: ${names}; see ${program} --help)`);
    }
    let command = findCommand(argv[i++], commands, "command", "");
    const path = [command.name];
    while (command.subcommands?.length && i < argv.length && !argv[i].startsWith("-")) {
      const isSub = command.subcommands.some((c) => c.name === argv[i]);
      if (!isSub && command.positionals?.length) break;
      command = findCommand(
        argv[i++],
        command.subcommands,
        "subcommand",
        ` for '${path.join(" ")}'`,
      );
      path.push(command.name);
    }
    const rest = [...leading, ...argv.slice(i)];
    if (flagsBeforeDashDash(rest).some((a) => HELP.has(a))) {
      io.stdout(renderCommandHelp(program, command, path));
      return 0;
    }
    const clash = command.flags.find((f) => GLOBAL_NAMES.has(f.name));
    if (clash) throw new Error(`command '${path.join(" ")}' redefines global flag --${clash.name}`);
    const parsed = parseArgs(rest, {
      command: path.join(" "),
      flags: [...GLOBAL_FLAGS, ...command.flags],
      positionals: command.positionals,
    });
    const json = parsed.flags.json === true;
    const quiet = parsed.flags.quiet === true;
    const ctx: CommandContext = {
      flags: parsed.flags,
      positionals: parsed.positionals,
      verbose,
      json,
      quiet,
      argv: [...argv],
      commandPath: path.join(" "),
      log: (line) => {
        if (!quiet) io.stderr(`${line}\n`);
      },
      print: (line) => {
        if (!json) io.stdout(`${line}\n`);
      },
      progress: (total, label) =>
        createProgress({
          total,
          label,
          enabled: quiet ? false : undefined,
          write: opts.io === undefined ? undefined : io.stderr,
        }),
    };
    const result = await command.run(ctx);
    if (json) io.stdout(`${JSON.stringify(result ?? null, null, 2)}\n`);
    return 0;
  } catch (err) {
    const code = err instanceof WorkspaceError ? err.exitCode : 1;
    const message = err instanceof Error ? err.message : String(err);
    if (verbose) {
      io.stderr(`error: ${message}\n`);
      if (err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    } else {
      const [first, ...more] = message.split("\n");
      io.stderr(`error: ${first}${more.length > 0 ? " (--verbose shows more)" : ""}\n`);
    }
    return code;
  }
}

/**
 * Runs the CLI on `Deno.args` and exits with its code:
 * `if (import.meta.main) await main(commands)`.
 */
export async function main(commands: readonly Command[], opts: RunCliOptions = {}): Promise<never> {
  Deno.exit(await runCli(Deno.args, commands, opts));
}
