import { strict as assert } from "node:assert";
import {
  toJsonText,
  writeFileAtomic,
  writeJsonAtomic,
  writeTextAtomic,
} from "../../lib/core/atomic_write.ts";

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "atomic_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("writeTextAtomic writes the text and leaves no temp file", async () => {
  await withTempDir(async (dir) => {
    await writeTextAtomic(`${dir}/a.txt`, "héllo\n");
    assert.equal(await Deno.readTextFile(`${dir}/a.txt`), "héllo\n");
    assert.deepEqual(await listDir(dir), ["a.txt"]);
  });
});

Deno.test("an existing file is replaced whole, never appended to or partly kept", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/data.bin`;
    await writeFileAtomic(path, new Uint8Array(10_000).fill(7));
    await writeFileAtomic(path, new Uint8Array([1, 2, 3]));
    assert.deepEqual(await Deno.readFile(path), new Uint8Array([1, 2, 3]));
    await writeTextAtomic(path, "short");
    assert.equal(await Deno.readTextFile(path), "short");
    assert.deepEqual(await listDir(dir), ["data.bin"]);
  });
});

Deno.test("parent folders are created", async () => {
  await withTempDir(async (dir) => {
    await writeTextAtomic(`${dir}/x/y/z/file.txt`, "deep");
    assert.equal(await Deno.readTextFile(`${dir}/x/y/z/file.txt`), "deep");
  });
});

Deno.test("a failed rename removes the temp file and rethrows", async () => {
  await withTempDir(async (dir) => {
    // The target is a non-empty folder: the rename must fail.
    await Deno.mkdir(`${dir}/target`);
    await Deno.writeTextFile(`${dir}/target/keep.txt`, "keep");
    await assert.rejects(writeTextAtomic(`${dir}/target`, "data"));
    assert.deepEqual(await listDir(dir), ["target"]);
    assert.equal(await Deno.readTextFile(`${dir}/target/keep.txt`), "keep");
  });
});

Deno.test("concurrent writes to one path end with one complete version", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/race.txt`;
    const versions = Array.from({ length: 20 }, (_, i) => `${i}:`.padEnd(1000 + i * 37, "x"));
    await Promise.all(versions.map((v) => writeTextAtomic(path, v)));
    assert.ok(versions.includes(await Deno.readTextFile(path)));
    assert.deepEqual(await listDir(dir), ["race.txt"]);
  });
});

Deno.test("writeJsonAtomic: 2-space JSON with a trailing newline, key order kept", async () => {
  await withTempDir(async (dir) => {
    await writeJsonAtomic(`${dir}/v.json`, { z: 1, a: [true, null], s: "é" });
    assert.equal(
      await Deno.readTextFile(`${dir}/v.json`),
      '{\n  "z": 1,\n  "a": [\n    true,\n    null\n  ],\n  "s": "é"\n}\n',
    );
    assert.equal(toJsonText(3), "3\n");
    assert.throws(() => toJsonText(undefined), TypeError);
    await assert.rejects(writeJsonAtomic(`${dir}/bad.json`, undefined), TypeError);
    assert.deepEqual(await listDir(dir), ["v.json"]);
  });
});
