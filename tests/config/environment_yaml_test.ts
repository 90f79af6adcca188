/**
 * configs/environment.yaml states exactly the schema defaults of the
 * `environment:` section, and documents every key: each key of the schema is
 * in the file with a comment right above it (so the documented file and the
 * code never drift apart). It also loads as the config of `deno task baseline`.
 */

import { strict as assert } from "node:assert";
import { isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import { loadConfig } from "../../lib/config/load.ts";
import { describeSchema } from "../../lib/config/schema_helpers.ts";
import { BaselineRunConfigSchema } from "../../lib/config/schemas/baseline.ts";
import { EnvironmentConfigSchema } from "../../lib/config/schemas/environment.ts";

const FILE = "configs/environment.yaml";

Deno.test("configs/environment.yaml: loads, and its values are the schema defaults", async () => {
  const { config } = await loadConfig(EnvironmentConfigSchema, { file: FILE });
  assert.deepEqual(config, EnvironmentConfigSchema.parse({}));
  const run = await loadConfig(BaselineRunConfigSchema, { file: FILE });
  assert.deepEqual(run.config.environment, config.environment);
  assert.equal(run.config.baseline.strategy, "avellaneda-stoikov");
});

/** Key paths of the file, each with whether a comment precedes it. */
function documentedKeys(map: YAMLMap, prefix: string, out: Map<string, boolean>): void {
  map.items.forEach((pair, i) => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const path = prefix === "" ? key : `${prefix}.${key}`;
    const keyNode = pair.key as { commentBefore?: string | null };
    // The first key of a nested map carries its comment on the map itself in some layouts.
    const mapComment = i === 0 ? (map as { commentBefore?: string | null }).commentBefore : null;
    out.set(path, Boolean(keyNode.commentBefore?.trim() || mapComment?.trim()));
    if (isMap(pair.value)) documentedKeys(pair.value, path, out);
  });
}

Deno.test("configs/environment.yaml: every schema key is in the file with a comment above it", async () => {
  const doc = parseDocument(await Deno.readTextFile(FILE));
  assert.ok(isMap(doc.contents));
  const keys = new Map<string, boolean>();
  documentedKeys(doc.contents, "", keys);
  const schemaKeys = describeSchema(EnvironmentConfigSchema).map((r) => r.keyPath);
  const missing = schemaKeys.filter((k) => !keys.has(k));
  assert.deepEqual(missing, [], `keys missing from ${FILE}`);
  const bare = schemaKeys.filter((k) => keys.get(k) === false);
  assert.deepEqual(bare, [], `keys without a comment in ${FILE}`);
});
