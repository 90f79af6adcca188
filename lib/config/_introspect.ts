/**
 * Private: reads zod 4 schema definitions to describe them in plain words
 * ("an integer ≥ 1", "one of: a, b") and to find the sub-schema at a key path.
 * Relies on `schema._zod.def`, zod 4's documented introspection surface.
 * @module
 */

import { z } from "zod";
import { describeValue } from "../core/errors.ts";

/** Any zod schema. */
// deno-lint-ignore no-explicit-any
export type AnySchema = z.ZodType<any, any>;

interface Def {
  type: string;
  [key: string]: unknown;
}

interface CheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
}

/** The definition object of a schema. */
export function defOf(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

function checksOf(schema: AnySchema): CheckDef[] {
  const checks = (defOf(schema).checks ?? []) as { _zod: { def: CheckDef } }[];
  return checks.map((c) => c._zod.def);
}

/** What the wrappers around a schema say (optional, default, description…). */
export interface Unwrapped {
  /** The innermost schema once wrappers are removed. */
  inner: AnySchema;
  /** Accepts null. */
  nullable: boolean;
  /** May be left out (optional, or has a default). */
  optional: boolean;
  /** The default value, when the schema has one. */
  defaultValue?: unknown;
  /** Whether a default exists (it may be `undefined` itself). */
  hasDefault: boolean;
  /** The outermost description found. */
  description?: string;
}

const WRAPPERS = new Set([
  "optional",
  "nullable",
  "default",
  "prefault",
  "readonly",
  "catch",
  "nonoptional",
]);

/** Removes optional/nullable/default/prefault/readonly/catch/pipe/lazy wrappers. */
export function unwrap(schema: AnySchema): Unwrapped {
  const out: Unwrapped = { inner: schema, nullable: false, optional: false, hasDefault: false };
  let s = schema;
  for (let depth = 0; depth < 50; depth++) {
    const description = z.globalRegistry.get(s)?.description;
    if (out.description === undefined && description !== undefined) out.description = description;
    const def = defOf(s);
    if (def.type === "nullable") out.nullable = true;
    if (def.type === "optional") out.optional = true;
    if ((def.type === "default" || def.type === "prefault") && !out.hasDefault) {
      out.hasDefault = true;
      out.optional = true;
      out.defaultValue = def.defaultValue;
    }
    if (WRAPPERS.has(def.type)) s = def.innerType as AnySchema;
    else if (def.type === "pipe") s = def.in as AnySchema;
    else if (def.type === "lazy") s = (def.getter as () => AnySchema)();
    else break;
  }
  out.inner = s;
  return out;
}

/** The keys of an object schema (after unwrapping), or undefined if not an object. */
export function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  const def = defOf(unwrap(schema).inner);
  return def.type === "object" ? def.shape as Record<string, AnySchema> : undefined;
}

/** The sub-schema at `path`, or undefined when it cannot be told (unions, unknown keys). */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[]): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  for (const seg of path) {
    if (s === undefined) return undefined;
    const def = defOf(unwrap(s).inner);
    if (def.type === "object") s = (def.shape as Record<string, AnySchema>)[String(seg)];
    else if (def.type === "array") s = def.element as AnySchema;
    else if (def.type === "record") s = def.valueType as AnySchema;
    else if (def.type === "tuple") {
      s = (def.items as AnySchema[])[Number(seg)] ?? (def.rest as AnySchema | undefined);
    } else return undefined;
  }
  return s;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;
}

function numberPhrase(schema: AnySchema, article: boolean): string {
  const def = defOf(schema);
  const checks = checksOf(schema);
  const isInt = (typeof def.format === "string" && def.format.includes("int")) ||
    checks.some((c) => c.check === "number_format" && String(c.format).includes("int"));
  let lo: CheckDef | undefined;
  let hi: CheckDef | undefined;
  for (const c of checks) {
    if (c.check === "greater_than") lo = c;
    if (c.check === "less_than") hi = c;
  }
  const noun = isInt ? "integer" : "number";
  const base = article ? withArticle(noun) : noun;
  if (lo?.inclusive && hi?.inclusive) return `${base} between ${lo.value} and ${hi.value}`;
  const bounds: string[] = [];
  if (lo) bounds.push(`${lo.inclusive ? "≥" : ">"} ${lo.value}`);
  if (hi) bounds.push(`${hi.inclusive ? "≤" : "<"} ${hi.value}`);
  return bounds.length === 0 ? base : `${base} ${bounds.join(" and ")}`;
}

function lengthPhrase(schema: AnySchema, unit: string): string {
  const parts: string[] = [];
  for (const c of checksOf(schema)) {
    if (c.check === "min_length") parts.push(`at least ${c.minimum} ${unit}`);
    if (c.check === "max_length") parts.push(`at most ${c.maximum} ${unit}`);
    if (c.check === "length_equals") parts.push(`exactly ${c.length} ${unit}`);
  }
  return parts.length === 0 ? "" : ` of ${parts.join(" and ")}`;
}

function primitiveList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === "string" ? v : describeValue(v))).join(", ");
}

/**
 * Plain words for what a schema accepts: with `article` "an integer ≥ 1",
 * without "integer ≥ 1"; "one of: a, b"; "a boolean"; "a list (each …)".
 */
export function describeType(schema: AnySchema, article = true): string {
  const u = unwrap(schema);
  const text = innerPhrase(u.inner, article);
  return u.nullable ? `${text} or null` : text;
}

function innerPhrase(schema: AnySchema, article: boolean): string {
  const def = defOf(schema);
  const noun = (n: string) => (article ? withArticle(n) : n);
  switch (def.type) {
    case "number":
      return numberPhrase(schema, article);
    case "string":
      return noun(`string${lengthPhrase(schema, "characters")}`);
    case "boolean":
      return noun("boolean");
    case "enum":
      return `one of: ${primitiveList(Object.values(def.entries as Record<string, unknown>))}`;
    case "literal": {
      const values = def.values as unknown[];
      return values.length === 1
        ? `exactly ${describeValue(values[0])}`
        : `one of: ${primitiveList(values)}`;
    }
    case "object":
    case "record":
      return noun("mapping");
    case "array":
      return `${noun(`list${lengthPhrase(schema, "items")}`)} (each ${
        describeType(def.element as AnySchema, true)
      })`;
    case "tuple":
      return noun(`list of ${(def.items as unknown[]).length} items`);
    case "union":
      return (def.options as AnySchema[]).map((o) => describeType(o, article)).join(" or ");
    case "null":
      return "null";
    case "any":
    case "unknown":
      return "any value";
    default:
      return noun(def.type);
  }
}
