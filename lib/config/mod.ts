/**
 * Typed, validated configs: YAML files plus command-line overrides checked by
 * strict zod schemas, with errors that name the file, line and key.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { describeSchema, loadConfig, posInt, section } from "./mod.ts";
 * const schema = section({ seed: posInt().default(1).describe("master seed") });
 * const loaded = await loadConfig(schema, { overrides: ["seed=7"] });
 * assert.equal(loaded.config.seed, 7);
 * assert.deepEqual(loaded.sources, ["--set seed=7"]);
 * assert.equal(describeSchema(schema)[0].description, "master seed");
 * ```
 * @module
 */

export * from "./load.ts";
export * from "./schema_helpers.ts";
export { describeType } from "./_introspect.ts";
