import { strict as assert } from "node:assert";
import {
  ConfigError,
  describeValue,
  InputError,
  UsageError,
  WorkspaceError,
} from "../../lib/core/errors.ts";

Deno.test("error messages name the place, the key, what was expected and found", () => {
  const loc = { file: "a.yaml", line: 3, keyPath: "x.y", expected: "a boolean", found: '"yes"' };
  assert.equal(new ConfigError(loc).message, 'a.yaml:3: x.y: expected a boolean, found "yes"');
  assert.equal(
    new InputError({ file: "d.csv", expected: "7 columns", found: "3" }).message,
    "d.csv: expected 7 columns, found 3",
  );
  assert.equal(
    new ConfigError({ keyPath: "seed", expected: "an integer", found: "1.5" }).message,
    "seed: expected an integer, found 1.5",
  );
});

Deno.test("exit codes and class names", () => {
  const usage = new UsageError("bad flag");
  assert.equal(usage.exitCode, 2);
  assert.equal(usage.name, "UsageError");
  assert.ok(usage instanceof WorkspaceError);
  assert.equal(new ConfigError({ expected: "x", found: "y" }).exitCode, 2);
  assert.equal(new InputError({ expected: "x", found: "y" }).exitCode, 1);
  assert.equal(new InputError({ expected: "x", found: "y" }).location?.found, "y");
});

Deno.test("describeValue shortens and quotes", () => {
  assert.equal(describeValue(undefined), "nothing");
  assert.equal(describeValue("abc"), '"abc"');
  assert.equal(describeValue({ a: [1] }), '{"a":[1]}');
  assert.equal(describeValue("x".repeat(100)).length, 60);
  assert.ok(describeValue("x".repeat(100)).endsWith("…"));
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(describeValue(cyclic), "[object Object]");
});
