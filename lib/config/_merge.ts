/**
 * Private: deep merge of config layers and dotted-path assignment for
 * command-line overrides.
 * @module
 */

import { ConfigError, describeValue } from "../core/errors.ts";

/** A plain `{}` object (not an array, not a class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `over` merged into `base`: objects merge key by key, anything else replaces. */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    out[key] = key in base ? deepMerge(base[key], value) : structuredClone(value);
  }
  return out;
}

/**
 * Sets `target[a][b][c] = value` for the path `a.b.c`, creating missing
 * mappings. Throws a ConfigError naming `source` when a parent on the way
 * holds something that is not a mapping.
 */
export function setPath(
  target: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
  source: string,
): void {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null) node[key] = {};
    const next = node[key];
    if (!isPlainObject(next)) {
      throw new ConfigError({
        file: source,
        keyPath: path.slice(0, i + 1).join("."),
        expected: `a mapping that can hold the key "${path[i + 1]}"`,
        found: describeValue(next),
      });
    }
    node = next;
  }
  node[path[path.length - 1]] = value;
}
