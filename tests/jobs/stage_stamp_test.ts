import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  fileStates,
  inputChanges,
  missingPaths,
  readStamp,
  removeStamp,
  stageFingerprint,
  type StageStamp,
  staleReason,
  STAMP_FORMAT,
  stampPath,
  writeStamp,
} from "../../lib/jobs/stage_stamp.ts";

Deno.test("stage stamp: file states are sorted, unique, with size and mtime", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "b"), "12345");
    await Deno.writeTextFile(join(dir, "a"), "1");
    await Deno.utime(join(dir, "a"), 1000, 2000);
    const s = await fileStates([join(dir, "b"), join(dir, "a"), join(dir, "b")]);
    assert.deepEqual(s.map((f) => [f.path, f.size]), [[join(dir, "a"), 1], [join(dir, "b"), 5]]);
    assert.equal(s[0].mtime_ms, 2_000_000);
    await assert.rejects(fileStates([join(dir, "none")]), Deno.errors.NotFound);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("stage stamp: the fingerprint changes with the config, a file's size or mtime, the stage", async () => {
  const f = [{ path: "x", size: 10, mtime_ms: 5 }];
  const base = await stageFingerprint("features", { a: 1, b: [1, 2] }, f);
  assert.equal(base, await stageFingerprint("features", { b: [1, 2], a: 1 }, f)); // key order
  assert.match(base, /^[0-9a-f]{64}$/);
  for (
    const other of [
      await stageFingerprint("features", { a: 2, b: [1, 2] }, f),
      await stageFingerprint("features", { a: 1, b: [1, 2] }, [{ ...f[0], size: 11 }]),
      await stageFingerprint("features", { a: 1, b: [1, 2] }, [{ ...f[0], mtime_ms: 6 }]),
      await stageFingerprint("features", { a: 1, b: [1, 2] }, []),
      await stageFingerprint("dataset", { a: 1, b: [1, 2] }, f),
    ]
  ) assert.notEqual(other, base);
});

Deno.test("stage stamp: stale reasons name what changed", () => {
  const inputs = [{ path: "a", size: 1, mtime_ms: 1 }, { path: "b", size: 1, mtime_ms: 1 }];
  const stamp: StageStamp = {
    format: STAMP_FORMAT,
    stage: "ingest",
    fingerprint: "f1",
    config_sha256: "c1",
    inputs,
    outputs: [],
    finished_at: "2024-01-02T00:00:00.000Z",
  };
  assert.equal(staleReason(stamp, { fingerprint: "f1", configHash: "c1", inputs }), null);
  assert.equal(
    staleReason(stamp, { fingerprint: "f2", configHash: "c2", inputs }),
    "config changed",
  );
  const now = [{ path: "a", size: 2, mtime_ms: 1 }, { path: "c", size: 1, mtime_ms: 1 }];
  assert.equal(
    staleReason(stamp, { fingerprint: "f2", configHash: "c2", inputs: now }),
    "config changed; inputs changed: 1 modified (a), 1 added (c), 1 removed (b)",
  );
  assert.equal(
    inputChanges([], ["p", "q", "r"].map((path) => ({ path, size: 0, mtime_ms: 0 }))),
    "3 added (p, q and 1 more)",
  );
  assert.equal(
    staleReason(null, { fingerprint: "f", configHash: "c", inputs }),
    "no earlier successful run",
  );
});

Deno.test("stage stamp: write, read back, damaged or foreign stamps read as none", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = stampPath(join(dir, "out"), "features");
    assert.equal(path, join(dir, "out", ".prepare-features.json"));
    assert.equal(await readStamp(path), null);
    const stamp: StageStamp = {
      format: STAMP_FORMAT,
      stage: "features",
      fingerprint: "f",
      config_sha256: "c",
      inputs: [],
      outputs: [join(dir, "out", "x")],
      finished_at: "2024-01-02T00:00:00.000Z",
    };
    await writeStamp(path, stamp);
    assert.deepEqual(await readStamp(path), stamp);
    assert.deepEqual(await missingPaths(stamp.outputs), stamp.outputs);
    await Deno.writeTextFile(join(dir, "out", "x"), "");
    assert.deepEqual(await missingPaths(stamp.outputs), []);
    await Deno.writeTextFile(path, "{ not json");
    assert.equal(await readStamp(path), null);
    await Deno.writeTextFile(path, JSON.stringify({ ...stamp, format: "other" }));
    assert.equal(await readStamp(path), null);
    await removeStamp(path);
    await removeStamp(path); // twice: nothing to remove
    assert.equal(await readStamp(path), null);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
