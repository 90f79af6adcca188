/**
 * Error types shared by the whole workspace. Each one says where the problem is
 * (file, line or key), what was expected and what was found, so that the CLI can
 * print a single readable line and pick the right exit code.
 *
 * Exit codes: {@linkcode UsageError} and {@linkcode ConfigError} → 2,
 * {@linkcode InputError} and anything else → 1.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ConfigError } from "./errors.ts";
 * const err = new ConfigError({
 *   file: "configs/replay.yaml",
 *   line: 4,
 *   keyPath: "replay.levels",
 *   expected: "an integer ≥ 1",
 *   found: "-3",
 * });
 * assert(err.message === "configs/replay.yaml:4: replay.levels: expected an integer ≥ 1, found -3");
 * assert(err.exitCode === 2);
 * ```
 * @module
 */

/** Where an error was found and what was wrong there. */
export interface ErrorLocation {
  /** The file at fault, as the user named it; absent for command-line input. */
  file?: string;
  /** 1-based line number inside `file`, when known. */
  line?: number;
  /** Dotted key path inside a config (`replay.levels`), when relevant. */
  keyPath?: string;
  /** What a valid value looks like. */
  expected: string;
  /** What was actually there (already shortened for display). */
  found: string;
}

function formatLocation(loc: ErrorLocation): string {
  const where = loc.file === undefined
    ? ""
    : loc.line === undefined
    ? `${loc.file}: `
    : `${loc.file}:${loc.line}: `;
  const key = loc.keyPath === undefined || loc.keyPath === "" ? "" : `${loc.keyPath}: `;
  return `${where}${key}expected ${loc.expected}, found ${loc.found}`;
}

/** Base class: an error with an exit code and an optional location. */
export class WorkspaceError extends Error {
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number;
  /** Location details, when the error concerns a file or a key. */
  readonly location: ErrorLocation | undefined;

  constructor(message: string, exitCode: number, location?: ErrorLocation) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.location = location;
  }
}

/** Wrong command-line usage: unknown flag, missing argument, bad flag value. Exit code 2. */
export class UsageError extends WorkspaceError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A config file that is missing, unparsable or fails its schema. Exit code 2. */
export class ConfigError extends WorkspaceError {
  constructor(loc: ErrorLocation) {
    super(formatLocation(loc), 2, loc);
  }
}

/** A data file that is missing, empty or malformed. Exit code 1. */
export class InputError extends WorkspaceError {
  constructor(loc: ErrorLocation) {
    super(formatLocation(loc), 1, loc);
  }
}

/** Shortens any value for display inside an error message. */
export function describeValue(value: unknown, maxLength = 60): string {
  let text: string;
  if (value === undefined) text = "nothing";
  else if (typeof value === "string") text = JSON.stringify(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
