/**
 * Helpers for config schema authors. Sections are strict (unknown keys are
 * errors, so a typo never silently falls back to a default); numbers carry
 * their bounds; every key gets a `.describe("meaning, unit")` that
 * {@linkcode describeSchema} turns into documentation rows.
 *
 * A section whose keys all have defaults can be left out of the YAML file by
 * adding `.prefault({})` (the empty object is then parsed, filling in defaults).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { z } from "zod";
 * import { describeSchema, int, num, section } from "./schema_helpers.ts";
 * const schema = section({
 *   replay: section({
 *     levels: int({ min: 1 }).default(10).describe("book levels kept per side"),
 *     tickSize: num({ gt: 0 }).default(0.01).describe("price tick, dollars"),
 *   }).prefault({}).describe("order-book replay"),
 * });
 * assert.deepEqual(schema.parse({}), { replay: { levels: 10, tickSize: 0.01 } });
 * assert.throws(() => schema.parse({ replay: { levles: 3 } })); // unknown key
 * assert.deepEqual(describeSchema(schema)[1], {
 *   keyPath: "replay.levels", type: "integer ≥ 1", default: 10,
 *   description: "book levels kept per side", optional: true,
 * });
 * ```
 * @module
 */

import { z } from "zod";
import { type AnySchema, defOf, describeType, unwrap } from "./_introspect.ts";

/** A strict object: unknown keys are rejected. Use for every config section. */
export function section<S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  return z.strictObject(shape);
}

/** Bounds for {@linkcode int} and {@linkcode num}: inclusive min/max, exclusive gt/lt. */
export interface Bounds {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Values must be greater than this (exclusive). */
  gt?: number;
  /** Values must be less than this (exclusive). */
  lt?: number;
}

function bounded(schema: z.ZodNumber, b: Bounds): z.ZodNumber {
  let s = schema;
  if (b.min !== undefined) s = s.min(b.min);
  if (b.gt !== undefined) s = s.gt(b.gt);
  if (b.max !== undefined) s = s.max(b.max);
  if (b.lt !== undefined) s = s.lt(b.lt);
  return s;
}

/** A safe integer within optional bounds. */
export function int(bounds: Bounds = {}): z.ZodNumber {
  return bounded(z.number().int(), bounds);
}

/** A finite number within optional bounds. */
export function num(bounds: Bounds = {}): z.ZodNumber {
  return bounded(z.number(), bounds);
}

/** An integer ≥ 1. */
export function posInt(): z.ZodNumber {
  return int({ min: 1 });
}

/** A number between 0 and 1 inclusive. */
export function probability(): z.ZodNumber {
  return num({ min: 0, max: 1 });
}

/** One of a fixed list of strings. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
): z.ZodEnum<{ [K in T[number]]: K }> {
  return z.enum(values);
}

/** One documented config key. */
export interface SchemaRow {
  /** Dotted path, `[]` marking list elements: `agents[].lr`. */
  keyPath: string;
  /** What it accepts, in words: "integer ≥ 1", "one of: a, b", "section". */
  type: string;
  /** Default value, when there is one. */
  default?: unknown;
  /** The `.describe()` text, or "" when undocumented. */
  description: string;
  /** Whether the key may be left out (optional or defaulted). */
  optional: boolean;
}

function walk(schema: AnySchema, keyPath: string, rows: SchemaRow[]): void {
  const u = unwrap(schema);
  const def = defOf(u.inner);
  const row: SchemaRow = {
    keyPath,
    type: "section",
    description: u.description ?? "",
    optional: u.optional,
  };
  if (u.hasDefault) row.default = u.defaultValue;
  if (def.type === "object") {
    if (keyPath !== "") rows.push(row);
    for (const [key, child] of Object.entries(def.shape as Record<string, AnySchema>)) {
      walk(child, keyPath === "" ? key : `${keyPath}.${key}`, rows);
    }
    return;
  }
  const element = def.type === "array" ? defOf(unwrap(def.element as AnySchema).inner) : undefined;
  if (element?.type === "object") {
    rows.push({ ...row, type: "list of sections" });
    for (const [key, child] of Object.entries(element.shape as Record<string, AnySchema>)) {
      walk(child, `${keyPath}[].${key}`, rows);
    }
    return;
  }
  rows.push({ ...row, type: describeType(schema, false) });
}

/**
 * One row per key (sections included, before their keys), in schema order:
 * the material for generated config documentation.
 */
export function describeSchema(schema: AnySchema): SchemaRow[] {
  const rows: SchemaRow[] = [];
  walk(schema, "", rows);
  return rows;
}

/** Key paths that lack a `.describe()` text (for a "every key documented" test). */
export function undocumentedKeys(schema: AnySchema): string[] {
  return describeSchema(schema).filter((r) => r.description === "").map((r) => r.keyPath);
}

function collectLoose(schema: AnySchema, keyPath: string, out: string[], seen: Set<unknown>): void {
  const inner = unwrap(schema).inner;
  if (seen.has(inner)) return;
  seen.add(inner);
  const def = defOf(inner);
  if (def.type === "object") {
    const catchall = def.catchall as AnySchema | undefined;
    if (catchall === undefined || defOf(catchall).type !== "never") out.push(keyPath || "(root)");
    for (const [key, child] of Object.entries(def.shape as Record<string, AnySchema>)) {
      collectLoose(child, keyPath === "" ? key : `${keyPath}.${key}`, out, seen);
    }
  } else if (def.type === "array") {
    collectLoose(def.element as AnySchema, `${keyPath}[]`, out, seen);
  } else if (def.type === "record") {
    collectLoose(def.valueType as AnySchema, `${keyPath}.*`, out, seen);
  } else if (def.type === "union") {
    for (const option of def.options as AnySchema[]) collectLoose(option, keyPath, out, seen);
  }
}

/**
 * Throws if any object in the schema is not strict (would silently drop or
 * accept unknown keys). Config schemas must be built with {@linkcode section}
 * or `z.strictObject`; `loadConfig` calls this on every schema it gets.
 */
export function assertStrictSchema(schema: AnySchema): void {
  const loose: string[] = [];
  collectLoose(schema, "", loose, new Set());
  if (loose.length > 0) {
    throw new Error(
      `config schema: objects at ${loose.join(", ")} accept unknown keys; ` +
        `build them with section() or z.strictObject()`,
    );
  }
}
