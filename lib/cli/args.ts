/**
 * Command-line parsing against declared flags (no third-party parser):
 * `--name value`, `--name=value`, `--flag` / `--no-flag`, repeatable
 * `string[]` flags, validated numbers, positionals and `--` to end flags.
 * A flag given twice keeps the last value (so a task can set a default that
 * the user overrides); `string[]` flags collect every value.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseArgs, parseSeedRange } from "./args.ts";
 * const parsed = parseArgs(["day.csv", "--levels=5", "--set", "a=1", "--set", "b=2", "--no-fast"], {
 *   command: "replay",
 *   flags: [
 *     { name: "levels", type: "integer", description: "book levels" },
 *     { name: "set", type: "string[]", description: "config override" },
 *     { name: "fast", type: "boolean", description: "skip checks", default: true },
 *   ],
 *   positionals: [{ name: "file", description: "message file" }],
 * });
 * assert.deepEqual(parsed, {
 *   flags: { levels: 5, set: ["a=1", "b=2"], fast: false },
 *   positionals: ["day.csv"],
 * });
 * assert.deepEqual(parseSeedRange("1..3,7"), [1, 2, 3, 7]);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import { closestMatch } from "../core/suggest.ts";
import type { FlagSpec, PositionalSpec } from "./command.ts";

/** What to parse against. */
export interface ArgsSpec {
  /** Command name for error messages ("replay"). */
  command: string;
  /** Accepted flags (include the global ones). */
  flags: readonly FlagSpec[];
  /** Accepted positionals; none when absent. */
  positionals?: readonly PositionalSpec[];
}

/** Parsed command line. */
export interface ParsedArgs {
  /** Flag values by name, defaults filled in. */
  flags: Record<string, unknown>;
  /** Positional arguments in order. */
  positionals: string[];
}

function initialFlags(flags: readonly FlagSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of flags) {
    if (f.default !== undefined) {
      out[f.name] = Array.isArray(f.default) ? [...f.default] : f.default;
    } else if (f.type === "boolean") out[f.name] = false;
    else if (f.type === "string[]") out[f.name] = [];
  }
  return out;
}

function convert(spec: FlagSpec, text: string): unknown {
  const flag = `--${spec.name}`;
  switch (spec.type) {
    case "boolean":
      if (text === "true") return true;
      if (text === "false") return false;
      throw new UsageError(`${flag}: expected true or false, found "${text}"`);
    case "number": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) {
        throw new UsageError(`${flag}: expected a number, found "${text}"`);
      }
      return n;
    }
    case "integer": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isSafeInteger(n)) {
        throw new UsageError(`${flag}: expected an integer, found "${text}"`);
      }
      return n;
    }
    default:
      return text;
  }
}

function unknownFlag(name: string, spec: ArgsSpec): UsageError {
  const hint = closestMatch(name.replace(/^-+/, ""), spec.flags.map((f) => f.name));
  const tail = hint === undefined ? "(see --help)" : `(did you mean --${hint}? see --help)`;
  return new UsageError(`unknown flag ${name} for '${spec.command}' ${tail}`);
}

function checkPositionals(values: string[], spec: ArgsSpec): void {
  const specs = spec.positionals ?? [];
  const required = specs.filter((p) => !p.optional);
  if (values.length < required.length) {
    const missing = required[values.length];
    throw new UsageError(`missing argument <${missing.name}> for '${spec.command}' (see --help)`);
  }
  const variadic = specs.length > 0 && specs[specs.length - 1].variadic === true;
  if (!variadic && values.length > specs.length) {
    throw new UsageError(
      `unexpected argument "${values[specs.length]}" for '${spec.command}' (see --help)`,
    );
  }
}

/** Parses `argv` against `spec`; throws {@linkcode UsageError} on any mistake. */
export function parseArgs(argv: readonly string[], spec: ArgsSpec): ParsedArgs {
  const byName = new Map(spec.flags.map((f) => [f.name, f]));
  const flags = initialFlags(spec.flags);
  const positionals: string[] = [];
  const repeated = new Set<string>();
  let onlyPositionals = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPositionals || arg === "-" || !arg.startsWith("-") || /^-\d/.test(arg)) {
      positionals.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPositionals = true;
      continue;
    }
    if (arg === "-h" && byName.has("help")) {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith("--")) throw unknownFlag(arg, spec);
    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    let value = eq < 0 ? undefined : arg.slice(eq + 1);
    const flag = byName.get(name);
    if (flag === undefined) {
      const negated = name.startsWith("no-") ? byName.get(name.slice(3)) : undefined;
      if (negated?.type === "boolean" && value === undefined) {
        flags[negated.name] = false;
        continue;
      }
      throw unknownFlag(`--${name}`, spec);
    }
    if (flag.type === "boolean") {
      flags[flag.name] = value === undefined ? true : convert(flag, value);
      continue;
    }
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) {
        throw new UsageError(`--${name} needs a value (${flag.valueName ?? flag.type})`);
      }
      value = next;
      i++;
    }
    if (flag.type === "string[]") {
      // The first explicit value replaces the default list; later ones append.
      const list = repeated.has(flag.name) ? flags[flag.name] as string[] : [];
      flags[flag.name] = [...list, value];
      repeated.add(flag.name);
    } else flags[flag.name] = convert(flag, value);
  }
  checkPositionals(positionals, spec);
  return { flags, positionals };
}

const MAX_SEEDS = 100_000;

/**
 * Seeds from text: a range "1..5" (inclusive), a list "1,3,7", or both
 * "1..3,10". Throws a UsageError naming `flag` on bad input or duplicates.
 */
export function parseSeedRange(text: string, flag = "--seeds"): number[] {
  const fail = (why: string) =>
    new UsageError(`${flag}: expected seeds like "1..5" or "1,3,7", found "${text}"${why}`);
  const seeds: number[] = [];
  for (const part of text.split(",")) {
    const token = part.trim();
    const range = /^(-?\d+)\.\.(-?\d+)$/.exec(token);
    if (range) {
      const lo = Number(range[1]);
      const hi = Number(range[2]);
      if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo > hi) {
        throw fail(` (range ${token} is empty or too large)`);
      }
      if (seeds.length + hi - lo + 1 > MAX_SEEDS) throw fail(` (more than ${MAX_SEEDS} seeds)`);
      for (let s = lo; s <= hi; s++) seeds.push(s);
    } else if (/^-?\d+$/.test(token) && Number.isSafeInteger(Number(token))) {
      seeds.push(Number(token));
    } else {
      throw fail("");
    }
  }
  const unique = new Set(seeds);
  if (unique.size !== seeds.length) {
    const dup = seeds.find((s, i) => seeds.indexOf(s) !== i);
    throw fail(` (seed ${dup} appears twice)`);
  }
  return seeds;
}
