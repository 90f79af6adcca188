import { strict as assert } from "node:assert";
import { z } from "zod";
import { ConfigError } from "../../lib/core/errors.ts";
import { hashConfig } from "../../lib/core/hash.ts";
import { int, loadConfig, num, oneOf, posInt, section } from "../../lib/config/mod.ts";

const schema = section({
  seed: int().default(1).describe("master seed"),
  replay: section({
    levels: posInt().default(10).describe("book levels per side"),
    mode: oneOf(["fast", "exact"]).default("exact").describe("matching mode"),
    checks: z.boolean().default(true).describe("run invariant checks"),
  }).prefault({}).describe("order-book replay"),
  agents: z.array(section({
    lr: num({ gt: 0, max: 1 }).describe("learning rate"),
    name: z.string().describe("agent name"),
  })).default([]).describe("learning agents"),
  window: z.union([z.literal("auto"), posInt()]).default("auto").describe("window, events"),
});

async function withFile(text: string, fn: (file: string) => Promise<void>): Promise<void> {
  const file = await Deno.makeTempFile({ prefix: "cfg_", suffix: ".yaml" });
  try {
    await Deno.writeTextFile(file, text);
    await fn(file);
  } finally {
    await Deno.remove(file);
  }
}

async function errorOf(promise: Promise<unknown>): Promise<ConfigError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${err}`);
    return err;
  }
  throw new assert.AssertionError({ message: "expected the config to be rejected" });
}

Deno.test("a valid file with defaults filled in, hash and YAML", async () => {
  await withFile("seed: 7\nreplay:\n  levels: 5\n", async (file) => {
    const loaded = await loadConfig(schema, { file });
    assert.deepEqual(loaded.config, {
      seed: 7,
      replay: { levels: 5, mode: "exact", checks: true },
      agents: [],
      window: "auto",
    });
    assert.equal(loaded.hash, await hashConfig(loaded.config));
    assert.equal(
      loaded.yaml,
      "seed: 7\nreplay:\n  levels: 5\n  mode: exact\n  checks: true\nagents: []\nwindow: auto\n",
    );
    assert.deepEqual(loaded.sources, [file]);
  });
});

Deno.test("equal configs written differently hash equal", async () => {
  await withFile("replay:\n  mode: exact\n  levels: 10\nseed: 1\n", async (a) => {
    await withFile("# same thing\nseed: 1\nreplay: {levels: 10}\n", async (b) => {
      const [x, y] = await Promise.all([
        loadConfig(schema, { file: a }),
        loadConfig(schema, { file: b }),
      ]);
      assert.equal(x.hash, y.hash);
      assert.equal(x.yaml, y.yaml);
      const z2 = await loadConfig(schema, { file: b, overrides: ["seed=2"] });
      assert.notEqual(z2.hash, x.hash);
    });
  });
});

Deno.test("an empty file means all defaults", async () => {
  await withFile("# nothing here\n", async (file) => {
    const loaded = await loadConfig(schema, { file });
    assert.equal(loaded.config.replay.levels, 10);
  });
});

Deno.test("missing file", async () => {
  const err = await errorOf(loadConfig(schema, { file: "configs/nope.yaml" }));
  assert.equal(
    err.message,
    "configs/nope.yaml: expected an existing YAML file, found no such file",
  );
  assert.equal(err.exitCode, 2);
});

Deno.test("YAML syntax errors name the file and line", async () => {
  await withFile("seed: 1\nreplay:\n  levels: 5\n mode: fast\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.equal(
      err.message,
      `${file}:4: expected valid YAML, found a YAML error: All mapping items must start at the same column`,
    );
    assert.equal(err.location?.line, 4);
  });
  await withFile("seed: 1\n\treplay: {}\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.match(
      err.message,
      new RegExp(`^${file}:2: expected valid YAML, found a YAML error: Tabs`),
    );
  });
  await withFile("seed: 1\nseed: 2\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.equal(
      err.message,
      `${file}:2: expected valid YAML, found a YAML error: Map keys must be unique`,
    );
  });
});

Deno.test("a top level that is not a mapping", async () => {
  await withFile("- 1\n- 2\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.equal(
      err.message,
      `${file}:1: expected a mapping of config keys (key: value lines), found [1,2]`,
    );
  });
});

Deno.test("unknown key: line of the key, allowed keys and a suggestion", async () => {
  await withFile("seed: 3\nreplay:\n  levels: 5\n  levles: 6\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.equal(
      err.message,
      `${file}:4: replay.levles: expected a known key (allowed: levels, mode, checks), ` +
        `found unknown key "levles" (did you mean "levels"?)`,
    );
    assert.equal(err.location?.line, 4);
    assert.equal(err.location?.keyPath, "replay.levles");
  });
  await withFile("colour: red\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.equal(
      err.message,
      `${file}:1: colour: expected a known key (allowed: seed, replay, agents, window), found unknown key "colour"`,
    );
  });
});

Deno.test("wrong type, out of range, bad enum: exact messages with lines", async () => {
  const cases: [string, string][] = [
    ["replay:\n  checks: yes\n", `:2: replay.checks: expected a boolean, found "yes"`],
    ["\n\nreplay:\n  levels: 0\n", ":4: replay.levels: expected an integer ≥ 1, found 0"],
    ["replay:\n  levels: 2.5\n", ":2: replay.levels: expected an integer ≥ 1, found 2.5"],
    ["replay:\n  mode: quick\n", ':2: replay.mode: expected one of: fast, exact, found "quick"'],
    ["replay: 5\n", ":1: replay: expected a mapping, found 5"],
    ["window: 0\n", ':1: window: expected exactly "auto" or an integer ≥ 1, found 0'],
    [
      "agents:\n  - name: a\n    lr: 0.1\n  - name: b\n    lr: 0\n",
      ":5: agents[1].lr: expected a number > 0 and ≤ 1, found 0",
    ],
    ["agents:\n  - lr: 0.5\n", ":2: agents[0].name: expected a string, found nothing"],
  ];
  for (const [text, suffix] of cases) {
    await withFile(text, async (file) => {
      const err = await errorOf(loadConfig(schema, { file }));
      assert.equal(err.message, `${file}${suffix}`, `for YAML ${JSON.stringify(text)}`);
    });
  }
});

Deno.test("several problems: the first by line, plus a count", async () => {
  await withFile("replay:\n  mode: quick\n  levels: -1\nseed: x\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.equal(
      err.message,
      `${file}:2: replay.mode: expected one of: fast, exact, found "quick" (and 2 more problems)`,
    );
  });
  await withFile("replay:\n  mode: quick\n  levels: 1\nseed: x\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file }));
    assert.match(err.message, /found "quick" \(and 1 more problem\)$/);
  });
});

Deno.test("--set overrides are typed YAML values and win over the file", async () => {
  await withFile("seed: 3\nreplay:\n  levels: 5\n", async (file) => {
    const loaded = await loadConfig(schema, {
      file,
      overrides: [
        "replay.levels=8",
        "replay.checks=false",
        "replay.mode=fast",
        "agents=[{lr: 0.5, name: a}]",
        "window=12",
      ],
    });
    assert.deepEqual(loaded.config, {
      seed: 3,
      replay: { levels: 8, mode: "fast", checks: false },
      agents: [{ lr: 0.5, name: "a" }],
      window: 12,
    });
    assert.deepEqual(loaded.sources, [
      file,
      "--set replay.levels=8",
      "--set replay.checks=false",
      "--set replay.mode=fast",
      "--set agents=[{lr: 0.5, name: a}]",
      "--set window=12",
    ]);
  });
});

Deno.test("a later --set wins over an earlier one", async () => {
  const loaded = await loadConfig(schema, { overrides: ["seed=1", "seed=2"] });
  assert.equal(loaded.config.seed, 2);
});

Deno.test("--set errors name the --set instead of a file", async () => {
  const cases: [string[], string][] = [
    [
      ["replay.levels=abc"],
      '--set replay.levels=abc: replay.levels: expected an integer ≥ 1, found "abc"',
    ],
    [
      ["replay.levls=3"],
      "--set replay.levls=3: replay.levls: expected a known key (allowed: levels, mode, checks), " +
      'found unknown key "levls" (did you mean "levels"?)',
    ],
    [["seed"], '--set seed: expected key.path=value, found "seed"'],
    [["a..b=1"], '--set a..b=1: expected key.path=value, found "a..b=1"'],
    [
      ["seed=[1,"],
      '--set seed=[1,: seed: expected a YAML value (number, true/false, text, [list] or {mapping}), found "[1,"',
    ],
    [
      ["seed=5", "seed.x=1"],
      '--set seed.x=1: seed: expected a mapping that can hold the key "x", found 5',
    ],
    [
      ["replay.levels.deep=1"],
      '--set replay.levels.deep=1: replay.levels: expected an integer ≥ 1, found {"deep":1}',
    ],
    [
      ["replay={}", "window=0"],
      '--set window=0: window: expected exactly "auto" or an integer ≥ 1, found 0',
    ],
  ];
  for (const [overrides, message] of cases) {
    const err = await errorOf(loadConfig(schema, { overrides }));
    assert.equal(err.message, message, `for ${overrides.join(" ")}`);
  }
});

Deno.test("a file value problem under a --set section points to the --set", async () => {
  await withFile("replay:\n  levels: 3\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file, overrides: ["replay={levels: 0}"] }));
    assert.equal(
      err.message,
      "--set replay={levels: 0}: replay.levels: expected an integer ≥ 1, found 0",
    );
  });
});

Deno.test("--set on a key whose parent is not a mapping in the file", async () => {
  await withFile("seed: 4\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file, overrides: ["seed.inner=1"] }));
    assert.equal(
      err.message,
      '--set seed.inner=1: seed: expected a mapping that can hold the key "inner", found 4',
    );
  });
});

Deno.test("file problems come before command-line problems", async () => {
  await withFile("seed: 1\nreplay:\n  mode: slow\n", async (file) => {
    const err = await errorOf(loadConfig(schema, { file, overrides: ["replay.levels=0"] }));
    assert.equal(
      err.message,
      `${file}:3: replay.mode: expected one of: fast, exact, found "slow" (and 1 more problem)`,
    );
  });
});

Deno.test("extra named flags: applied before --set, undefined skipped, errors say command line", async () => {
  const loaded = await loadConfig(schema, {
    extra: { "replay.levels": 4, "seed": undefined },
    overrides: [],
  });
  assert.equal(loaded.config.replay.levels, 4);
  assert.equal(loaded.config.seed, 1);
  assert.deepEqual(loaded.sources, ["command line replay.levels=4"]);
  const overridden = await loadConfig(schema, {
    extra: { "replay.levels": 4 },
    overrides: ["replay.levels=6"],
  });
  assert.equal(overridden.config.replay.levels, 6);
  const err = await errorOf(loadConfig(schema, { extra: { "replay.levels": -3 } }));
  assert.equal(err.message, "command line: replay.levels: expected an integer ≥ 1, found -3");
});

Deno.test("defaults sit under the file; the file wins key by key", async () => {
  await withFile("replay:\n  mode: fast\n", async (file) => {
    const loaded = await loadConfig(schema, {
      file,
      defaults: { seed: 9, replay: { levels: 3, mode: "exact" } },
    });
    assert.deepEqual(loaded.config.replay, { levels: 3, mode: "fast", checks: true });
    assert.equal(loaded.config.seed, 9);
    assert.deepEqual(loaded.sources, ["defaults", file]);
  });
  await assert.rejects(loadConfig(schema, { defaults: [1] }), TypeError);
});

Deno.test("loadConfig refuses schemas that accept unknown keys", async () => {
  const loose = z.object({ a: z.number() });
  await assert.rejects(loadConfig(loose, {}), /objects at \(root\) accept unknown keys/);
  const nested = section({ inner: z.object({ a: z.number() }) });
  await assert.rejects(loadConfig(nested, {}), /objects at inner accept unknown keys/);
});

Deno.test("YAML anchors and aliases resolve; line numbers follow the alias source", async () => {
  await withFile("base: &b\n  levels: 0\nreplay: *b\n", async (file) => {
    const s = section({ base: z.unknown(), replay: section({ levels: posInt() }) });
    const err = await errorOf(loadConfig(s, { file }));
    assert.equal(err.message, `${file}:2: replay.levels: expected an integer ≥ 1, found 0`);
  });
});
