/**
 * Whether a path exists, for the jobs that look before they read or skip.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { pathExists } from "./path_exists.ts";
 * const dir = await Deno.makeTempDir();
 * assert.equal(await pathExists(dir), true);
 * assert.equal(await pathExists(`${dir}/missing.json`), false);
 * await Deno.remove(dir);
 * ```
 * @module
 */

/**
 * Whether `path` exists: false when it is missing or may not be read here
 * (no permission, or outside Deno's `--allow-read`); any other failure of
 * `Deno.stat` is thrown.
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (e) {
    if (
      e instanceof Deno.errors.NotFound || e instanceof Deno.errors.PermissionDenied ||
      e instanceof Deno.errors.NotCapable
    ) return false;
    throw e;
  }
}
