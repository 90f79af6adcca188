/**
 * Private: turns zod issues into readable problems ("expected an integer ≥ 1,
 * found -3") with the place each came from, and folds them into one
 * ConfigError.
 * @module
 */

import type { z } from "zod";
import { ConfigError, describeValue } from "../core/errors.ts";
import { closestMatch } from "../core/suggest.ts";
import { type AnySchema, describeType, objectShape, schemaAt } from "./_introspect.ts";

/** Where a value came from: a file line, or a command-line source. */
export interface Place {
  /** File name, or a command-line label such as `--set a.b=1`. */
  file?: string;
  /** 1-based line in the file. */
  line?: number;
  /** Sort rank: 0 for the file, 1 and up for later command-line sources. */
  rank: number;
}

/** One thing wrong with the config. */
export interface Problem extends Place {
  keyPath: string;
  expected: string;
  found: string;
}

/** `["agents", 0, "lr"]` → "agents[0].lr". */
export function formatKeyPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[seg];
  }
  return v;
}

const SCHEMA_DESCRIBED = new Set([
  "invalid_type",
  "too_small",
  "too_big",
  "invalid_value",
  "invalid_union",
  "not_multiple_of",
]);

function expectedFor(issue: z.core.$ZodIssue, schema: AnySchema): string {
  const sub = schemaAt(schema, issue.path);
  if (sub !== undefined && SCHEMA_DESCRIBED.has(issue.code)) return describeType(sub);
  switch (issue.code) {
    case "invalid_type":
      return `a value of type ${issue.expected}`;
    case "too_small":
      return `a value ${issue.inclusive ? "≥" : ">"} ${issue.minimum}`;
    case "too_big":
      return `a value ${issue.inclusive ? "≤" : "<"} ${issue.maximum}`;
    case "invalid_value":
      return `one of: ${issue.values.map((v) => describeValue(v)).join(", ")}`;
    case "not_multiple_of":
      return `a multiple of ${issue.divisor}`;
    default:
      return issue.message;
  }
}

/** The problems behind a failed parse, each with its place (unsorted). */
export function problemsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  schema: AnySchema,
  data: unknown,
  locate: (path: readonly PropertyKey[]) => Place,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = Object.keys(objectShape(schemaAt(schema, issue.path) ?? schema) ?? {});
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const hint = closestMatch(key, allowed);
        problems.push({
          ...locate(path),
          keyPath: formatKeyPath(path),
          expected: allowed.length === 0
            ? "no keys here"
            : `a known key (allowed: ${allowed.join(", ")})`,
          found: `unknown key "${key}"${hint === undefined ? "" : ` (did you mean "${hint}"?)`}`,
        });
      }
      continue;
    }
    problems.push({
      ...locate(issue.path),
      keyPath: formatKeyPath(issue.path),
      expected: expectedFor(issue, schema),
      found: describeValue(valueAt(data, issue.path)),
    });
  }
  return problems;
}

/**
 * One ConfigError for a list of problems: the first in file order (by line,
 * then command-line sources in the order given), plus "(and N more problems)".
 */
export function errorFromProblems(problems: readonly Problem[]): ConfigError {
  const sorted = [...problems].sort((a, b) =>
    a.rank - b.rank || (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER)
  );
  const first = sorted[0];
  const more = sorted.length - 1;
  const suffix = more === 0 ? "" : ` (and ${more} more problem${more === 1 ? "" : "s"})`;
  return new ConfigError({
    file: first.file,
    line: first.line,
    keyPath: first.keyPath,
    expected: first.expected,
    found: `${first.found}${suffix}`,
  });
}
