/**
 * ZI parameters: the paper's estimates as defaults, the power-law and flat
 * extensions beyond the tables, validation naming the `zi.*` key, and the
 * `zi` config section (strict, documented, mapping onto the same parameters).
 */

import { strict as assert } from "node:assert";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../../../lib/core/errors.ts";
import { section, undocumentedKeys } from "../../../lib/config/schema_helpers.ts";
import { ZiSectionSchema } from "../../../lib/config/schemas/zi.ts";
import { CST_2010, ziParams, ziParamsFromSection } from "../../../lib/sim/zi/mod.ts";

Deno.test("zi params: defaults are Cont, Stoikov & Talreja (2010) Table 2 with their power law", () => {
  const p = ziParams();
  assert.equal(p.levels, 10);
  assert.deepEqual(p.lambda.slice(0, 5), [1.85, 1.51, 1.09, 0.88, 0.77]);
  assert.deepEqual(p.theta.slice(0, 5), [0.71, 0.81, 0.68, 0.56, 0.47]);
  assert.equal(p.mu, 0.94);
  for (let i = 6; i <= 10; i++) {
    assert.equal(p.lambda[i - 1], 1.92 / Math.pow(i, 0.52));
    assert.equal(p.theta[i - 1], 0.47);
  }
  assert.equal(p.initialDepth, 5);
  assert.equal(p.reseedDistance, 10);
  assert.equal(p.lotSize, 100);
  assert.deepEqual([...CST_2010.lambda], p.lambda.slice(0, 5));
});

Deno.test("zi params: shorter and longer tables", () => {
  const short = ziParams({ levels: 3 });
  assert.deepEqual(short.lambda, [1.85, 1.51, 1.09]);
  assert.equal(short.reseedDistance, 3);
  const custom = ziParams({
    levels: 4,
    lambda: [2],
    theta: [1, 0.5],
    lambdaPowerK: 3,
    lambdaPowerAlpha: 1,
  });
  assert.deepEqual(custom.lambda, [2, 3 / 2, 3 / 3, 3 / 4]);
  assert.deepEqual(custom.theta, [1, 0.5, 0.5, 0.5]);
});

Deno.test("zi params: invalid values throw ConfigError naming the key", () => {
  const cases: [Parameters<typeof ziParams>[0], string][] = [
    [{ levels: 0 }, "zi.levels"],
    [{ levels: 2.5 }, "zi.levels"],
    [{ mu: -1 }, "zi.mu"],
    [{ lambda: [1, Number.NaN] }, "zi.lambda[1]"],
    [{ theta: [0.5, 0] }, "zi.theta[1]"],
    [{ theta: [] }, "zi.theta"],
    [{ levels: 4, reseedDistance: 5 }, "zi.reseed_distance"],
    [{ initialDepth: 0 }, "zi.initial_depth"],
    [{ lotSize: 0 }, "zi.lot_size"],
  ];
  for (const [input, key] of cases) {
    assert.throws(
      () => ziParams(input),
      (e: unknown) => e instanceof ConfigError && e.location?.keyPath === key,
      `expected a ConfigError at ${key}`,
    );
  }
});

Deno.test("zi config: strict, every key documented, defaults map onto ziParams()", () => {
  assert.deepEqual(undocumentedKeys(section({ zi: ZiSectionSchema.describe("zi model") })), []);
  const parsed = ZiSectionSchema.parse({});
  assert.deepEqual(ziParamsFromSection(parsed), ziParams());
  assert.throws(() => ZiSectionSchema.parse({ levles: 3 }));
  assert.throws(() => ZiSectionSchema.parse({ levels: 3, reseed_distance: 4 }));
  assert.throws(() => ZiSectionSchema.parse({ theta: [0.5, 0] }));
  const p = ziParamsFromSection(
    ZiSectionSchema.parse({ levels: 6, reseed_distance: 2, lot_size: 1 }),
  );
  assert.equal(p.reseedDistance, 2);
  assert.equal(p.lotSize, 1);
  assert.equal(p.lambda.length, 6);
});

// The yaml package reads LOG_TOKENS / LOG_STREAM while parsing: without env access it cannot run.
const yamlEnv = ["LOG_TOKENS", "LOG_STREAM"].every((variable) =>
  Deno.permissions.querySync({ name: "env", variable }).state === "granted"
);
if (!yamlEnv) {
  // deno-lint-ignore no-console
  console.log(
    "configs/data.yaml zi test skipped: needs --allow-env=LOG_TOKENS,LOG_STREAM (yaml package)",
  );
}

Deno.test({
  name: "zi config: the zi section of configs/data.yaml parses to the defaults",
  ignore: !yamlEnv,
}, async () => {
  const url = new URL("../../../configs/data.yaml", import.meta.url);
  const doc = parseYaml(await Deno.readTextFile(url)) as { zi: unknown };
  const parsed = ZiSectionSchema.parse(doc.zi);
  assert.deepEqual(parsed, ZiSectionSchema.parse({}));
});
