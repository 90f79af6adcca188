import { strict as assert } from "node:assert";
import { toJsonText } from "../../lib/core/atomic_write.ts";
import { sha256Hex } from "../../lib/core/hash.ts";
import { createRunDir, isCompleteRun, type RunManifest, utcStamp } from "../../lib/core/run_dir.ts";

const fixedNow = () => new Date(Date.UTC(2024, 2, 9, 14, 5, 7, 250));
const HASH = "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

async function readManifest(dir: string): Promise<RunManifest> {
  return JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
}

async function withRoot(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "run_dir_test_" });
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

function baseOptions(root: string) {
  return {
    command: "replay",
    root,
    config: { levels: 5 },
    configHash: HASH,
    configYaml: "levels: 5\n",
    seed: 42,
    argv: ["replay", "--seed", "42"],
    now: fixedNow,
  };
}

Deno.test("utcStamp formats UTC as yyyymmdd-HHMMSS", () => {
  assert.equal(utcStamp(fixedNow()), "20240309-140507");
  assert.equal(utcStamp(new Date(Date.UTC(1999, 11, 31, 23, 59, 59))), "19991231-235959");
});

Deno.test("a new run folder holds config.yaml and a first manifest, and is incomplete", async () => {
  await withRoot(async (root) => {
    const run = await createRunDir(baseOptions(root));
    assert.equal(run.path, `${root}/replay/20240309-140507-abcdef01`);
    assert.deepEqual(await listDir(run.path), ["config.yaml", "manifest.json"]);
    assert.equal(await Deno.readTextFile(`${run.path}/config.yaml`), "levels: 5\n");
    assert.equal(await isCompleteRun(run.path), false);
    const m = await readManifest(run.path);
    assert.equal(m.command, "replay");
    assert.deepEqual(m.argv, ["replay", "--seed", "42"]);
    assert.equal(m.seed, 42);
    assert.equal(m.configHash, HASH);
    assert.equal(m.startedAt, "2024-03-09T14:05:07.250Z");
    assert.equal(m.finishedAt, null);
    assert.equal(m.wallSeconds, null);
    assert.equal(m.backend, null);
    assert.deepEqual(m.inputs, []);
    assert.deepEqual(m.versions, { ...Deno.version });
    assert.equal(m.os.os, Deno.build.os);
    assert.ok(m.gitCommit === null || /^[0-9a-f]{40}$/.test(m.gitCommit));
    assert.deepEqual(run.config, { levels: 5 });
  });
});

Deno.test("finish writes the exact summary and completes the manifest", async () => {
  await withRoot(async (root) => {
    const run = await createRunDir({ ...baseOptions(root), backend: "tfjs-wasm" });
    const value = await run.time("load", () => 7);
    assert.equal(value, 7);
    await run.time("load", async () => {
      await Promise.resolve();
    });
    run.recordTiming("simulate", 1.5);
    run.recordTiming("simulate", 0.25);
    const summary = { pnl: -3.5, trades: 12, nested: { b: 1, a: 2 } };
    await run.finish(summary);
    assert.equal(await isCompleteRun(run.path), true);
    assert.equal(await Deno.readTextFile(`${run.path}/summary.json`), toJsonText(summary));
    const m = await readManifest(run.path);
    assert.equal(m.finishedAt, "2024-03-09T14:05:07.250Z");
    assert.equal(typeof m.wallSeconds, "number");
    assert.ok(m.wallSeconds! >= 0);
    assert.equal(m.backend, "tfjs-wasm");
    assert.deepEqual(Object.keys(m.timings).sort(), ["load", "simulate"]);
    assert.equal(m.timings.simulate, 1.75);
    assert.ok(m.timings.load >= 0);
    await assert.rejects(run.finish(summary), /finish\(\) called twice/);
  });
});

Deno.test("a failing timed phase still records its time and rethrows", async () => {
  await withRoot(async (root) => {
    const run = await createRunDir(baseOptions(root));
    await assert.rejects(run.time("boom", () => Promise.reject(new Error("nope"))), /nope/);
    assert.ok(run.manifest.timings.boom >= 0);
  });
});

Deno.test("inputs are recorded with size and SHA-256", async () => {
  await withRoot(async (root) => {
    const input = `${root}/input.csv`;
    await Deno.writeTextFile(input, "1,2,3\n4,5,6\n");
    const run = await createRunDir({ ...baseOptions(root), inputs: [input] });
    const m = await readManifest(run.path);
    assert.deepEqual(m.inputs, [{
      path: input,
      bytes: 12,
      sha256: await sha256Hex("1,2,3\n4,5,6\n"),
    }]);
    await assert.rejects(
      createRunDir({ ...baseOptions(root), inputs: [`${root}/missing.csv`] }),
      Deno.errors.NotFound,
    );
  });
});

Deno.test("taken folder names get -2, -3 suffixes", async () => {
  await withRoot(async (root) => {
    const a = await createRunDir(baseOptions(root));
    const b = await createRunDir(baseOptions(root));
    const c = await createRunDir(baseOptions(root));
    assert.equal(b.path, `${a.path}-2`);
    assert.equal(c.path, `${a.path}-3`);
    const parallel = await Promise.all([1, 2, 3].map(() => createRunDir(baseOptions(root))));
    assert.equal(new Set(parallel.map((r) => r.path)).size, 3);
  });
});

Deno.test("command names with spaces or slashes become one safe folder name", async () => {
  await withRoot(async (root) => {
    const run = await createRunDir({ ...baseOptions(root), command: "data fetch/../x" });
    assert.equal(run.path, `${root}/data-fetch-..-x/20240309-140507-abcdef01`);
  });
});

Deno.test("an explicit --out folder is used as is and a stale summary removed", async () => {
  await withRoot(async (root) => {
    const out = `${root}/mine`;
    await Deno.mkdir(out);
    await Deno.writeTextFile(`${out}/summary.json`, "{}\n");
    const run = await createRunDir({ ...baseOptions(root), out });
    assert.equal(run.path, out);
    assert.equal(await isCompleteRun(out), false);
    await run.finish({ ok: true });
    assert.equal(await isCompleteRun(out), true);
  });
});

Deno.test("files written through the run folder are atomic and stay inside it", async () => {
  await withRoot(async (root) => {
    const run = await createRunDir(baseOptions(root));
    await run.writeJson("episodes/0001.json", { reward: 1 });
    await run.writeText("notes.txt", "hi\n");
    await run.writeBytes("raw.bin", new Uint8Array([9, 8]));
    assert.equal(await Deno.readTextFile(run.child("episodes/0001.json")), '{\n  "reward": 1\n}\n');
    assert.equal(await Deno.readTextFile(`${run.path}/notes.txt`), "hi\n");
    assert.deepEqual(await Deno.readFile(`${run.path}/raw.bin`), new Uint8Array([9, 8]));
    assert.deepEqual(await listDir(run.path), [
      "config.yaml",
      "episodes",
      "manifest.json",
      "notes.txt",
      "raw.bin",
    ]);
    assert.throws(() => run.child("../escape.txt"), /inside the folder/);
    assert.throws(() => run.child("/etc/passwd"), /inside the folder/);
    assert.equal(run.child("a/./b.txt"), `${run.path}/a/b.txt`);
  });
});

Deno.test("isCompleteRun is false for a missing folder", async () => {
  assert.equal(await isCompleteRun("/definitely/not/here"), false);
});
