/**
 * The `.npz` export, checked two ways: by parsing the zip and NPY structures
 * here, and by loading the files with NumPy (Debian's python3-numpy in CI).
 * The NumPy tests need `--allow-run=python3`; without it, or without python3
 * and numpy, they are skipped with the reason printed.
 */
import { strict as assert } from "node:assert";
import pl from "nodejs-polars";
import { join } from "node:path";
import { DatasetSectionSchema } from "../../lib/config/schemas/dataset.ts";
import { runDatasetJob } from "../../lib/dataset/build_job.ts";
import { crc32 } from "../../lib/dataset/crc32.ts";
import { loadDataset } from "../../lib/dataset/dataset_store.ts";
import { writeNpz } from "../../lib/dataset/npz.ts";
import { WindowDataset } from "../../lib/dataset/windows.ts";
import { featureFrame, values, withTempDir, writeStore } from "./_helpers.ts";

function numpyStatus(): string | null {
  if (Deno.permissions.querySync({ name: "run", command: "python3" }).state !== "granted") {
    return "needs --allow-run=python3";
  }
  try {
    const r = new Deno.Command("python3", {
      args: ["-c", "import numpy"],
      stdout: "null",
      stderr: "null",
    })
      .outputSync();
    return r.success ? null : "python3 cannot import numpy (apt-get install python3-numpy)";
  } catch {
    return "python3 not found (apt-get install python3-numpy)";
  }
}

const skipNumpy = numpyStatus();
if (skipNumpy !== null) {
  // deno-lint-ignore no-console
  console.log(`npz NumPy tests skipped: ${skipNumpy}`);
}

async function python(code: string, ...args: string[]): Promise<string> {
  const r = await new Deno.Command("python3", { args: ["-c", code, ...args] }).output();
  const out = new TextDecoder().decode(r.stdout), err = new TextDecoder().decode(r.stderr);
  assert(r.success, `python3 failed:\n${err}`);
  return out;
}

/** Entries of a stored zip, read through its central directory (zip64 aware). */
function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = bytes.length - 22;
  assert.equal(v.getUint32(eocd, true), 0x06054b50);
  let entries = v.getUint16(eocd + 10, true), cdOffset = v.getUint32(eocd + 16, true);
  if (cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    assert.equal(v.getUint32(loc, true), 0x07064b50);
    const z = Number(v.getBigUint64(loc + 8, true));
    assert.equal(v.getUint32(z, true), 0x06064b50);
    entries = Number(v.getBigUint64(z + 32, true));
    cdOffset = Number(v.getBigUint64(z + 48, true));
  }
  const out = new Map<string, Uint8Array>();
  let p = cdOffset;
  for (let e = 0; e < entries; e++) {
    assert.equal(v.getUint32(p, true), 0x02014b50);
    assert.equal(v.getUint16(p + 10, true), 0, "stored, not compressed");
    const crc = v.getUint32(p + 16, true);
    let size = v.getUint32(p + 24, true), offset = v.getUint32(p + 42, true);
    const nameLen = v.getUint16(p + 28, true), extraLen = v.getUint16(p + 30, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    if (size === 0xffffffff) {
      const x = p + 46 + nameLen;
      assert.equal(v.getUint16(x, true), 1);
      size = Number(v.getBigUint64(x + 4, true));
      offset = Number(v.getBigUint64(x + 20, true));
    }
    assert.equal(v.getUint32(offset, true), 0x04034b50);
    assert.equal(v.getUint32(offset + 14, true), crc, "local header CRC patched");
    const start = offset + 30 + v.getUint16(offset + 26, true) + v.getUint16(offset + 28, true);
    const data = bytes.subarray(start, start + size);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    out.set(name, data);
    p += 46 + nameLen + extraLen + v.getUint16(p + 32, true);
  }
  return out;
}

function npyArray(bytes: Uint8Array): { header: string; data: Uint8Array } {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const len = bytes[8] | (bytes[9] << 8);
  assert.equal((10 + len) % 64, 0);
  return {
    header: new TextDecoder().decode(bytes.subarray(10, 10 + len)),
    data: bytes.subarray(10 + len),
  };
}

const tiny = new WindowDataset({
  features: ["a", "bé"],
  T: 2,
  X: new Float32Array([1, 2, 3, 4, 5, 6]),
  starts: new Int32Array([0, 1]),
  y: new Float32Array([0.5, -0.25]),
  ts: new BigInt64Array([7n, -8n]),
});

for (const forceZip64 of [false, true]) {
  Deno.test(`npz structure${forceZip64 ? " with zip64 records" : ""}: CRCs, NPY headers, data`, async () => {
    await withTempDir(async (dir) => {
      await writeNpz(join(dir, "t.npz"), tiny, { forceZip64, chunkWindows: 1 });
      const zip = readZip(await Deno.readFile(join(dir, "t.npz")));
      assert.deepEqual([...zip.keys()], ["X.npy", "y.npy", "ts.npy", "features.npy"]);
      const X = npyArray(zip.get("X.npy")!);
      assert.match(
        X.header,
        /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 2, 2\), \} *\n$/,
      );
      assert.deepEqual([...new Float32Array(X.data.slice().buffer)], [1, 2, 3, 4, 3, 4, 5, 6]);
      const ts = npyArray(zip.get("ts.npy")!);
      assert.match(ts.header, /'<i8'.*\(2,\)/);
      assert.deepEqual([...new BigInt64Array(ts.data.slice().buffer)], [7n, -8n]);
      assert.match(npyArray(zip.get("features.npy")!).header, /'<U2'/);
    });
  });
}

Deno.test({
  name: "npz: numpy.load reads X [N, T, F] float32, y, ts int64 and features (zip and zip64)",
  ignore: skipNumpy !== null,
}, async () => {
  await withTempDir(async (dir) => {
    await writeNpz(join(dir, "a.npz"), tiny);
    await writeNpz(join(dir, "b.npz"), tiny, { forceZip64: true });
    const out = await python(
      `import sys, numpy as np
for p in sys.argv[1:]:
    d = np.load(p)
    print(sorted(d.files), d["X"].dtype, d["X"].shape, d["X"][1].tolist(), d["y"].tolist(), d["ts"].dtype, d["ts"].tolist(), d["features"].tolist())`,
      join(dir, "a.npz"),
      join(dir, "b.npz"),
    );
    const line =
      "['X', 'features', 'ts', 'y'] float32 (2, 2, 2) [[3.0, 4.0], [5.0, 6.0]] [0.5, -0.25] int64 [7, -8] ['a', 'bé']";
    assert.equal(out, `${line}\n${line}\n`);
  });
});

Deno.test({
  name:
    "npz export of a built dataset matches the stored windows; scaler quantiles equal np.quantile",
  ignore: skipNumpy !== null,
}, async () => {
  await withTempDir(async (dir) => {
    const dev = [
      featureFrame({ date: "2024-01-02", rows: 400, features: 3, seed: 11 }),
      featureFrame({ date: "2024-01-03", rows: 333, features: 3, seed: 12 }),
    ];
    writeStore(join(dir, "f"), [
      ...dev,
      featureFrame({ date: "2024-01-04", rows: 300, features: 3, seed: 13 }),
    ]);
    const cfg = DatasetSectionSchema.parse({
      features_dir: join(dir, "f"),
      out: join(dir, "d"),
      history_T: 20,
      min_samples: 100,
      export: "npz",
      splits: {
        dev: { start: "2024-01-02", end: "2024-01-03" },
        val: { start: "2024-01-04", end: "2024-01-04" },
      },
    });
    const summary = await runDatasetJob(cfg);
    const root = join(dir, "d", "default");
    assert.deepEqual(summary.exports, [join(root, "npz", "dev.npz"), join(root, "npz", "val.npz")]);
    assert.equal(
      await Deno.readTextFile(join(root, "npz", "scaler.json")),
      await Deno.readTextFile(join(root, "scaler.json")),
    );
    const val = (await loadDataset(root, "val")).dataset;
    const probe = [0, 1, val.length - 1];
    const out = await python(
      `import sys, json, numpy as np
d = np.load(sys.argv[1])
X, y, ts = d["X"], d["y"], d["ts"]
idx = json.loads(sys.argv[2])
print(json.dumps({"shape": list(X.shape), "X": [X[i].ravel().tolist() for i in idx], "y": [float(y[i]) for i in idx], "ts": [str(ts[i]) for i in idx]}))`,
      join(root, "npz", "val.npz"),
      JSON.stringify(probe),
    );
    const got = JSON.parse(out);
    assert.deepEqual(got.shape, [val.length, 20, 3]);
    probe.forEach((i, k) => {
      assert.deepEqual(got.X[k], [...val.windowView(i)]);
      assert.equal(got.y[k], val.y[i]);
      assert.equal(got.ts[k], String(val.ts[i]));
    });
    // The stated quantile method, bit for bit against NumPy's default.
    const devAll = pl.concat(dev);
    const scaler = JSON.parse(await Deno.readTextFile(join(root, "scaler.json")));
    const columns = scaler.features.map((f: string) => values(devAll, f));
    const np = JSON.parse(
      await python(
        `import sys, json, numpy as np
cols = json.loads(open(sys.argv[1]).read())
print(json.dumps([[float(np.quantile(np.array(c, dtype=np.float64), q)) for q in (0.25, 0.5, 0.75)] for c in cols]))`,
        await (async () => {
          const p = join(dir, "cols.json");
          await Deno.writeTextFile(p, JSON.stringify(columns));
          return p;
        })(),
      ),
    );
    const st = scaler.stats.SIM.all;
    np.forEach((qs: number[], f: number) =>
      assert.deepEqual([st.q25[f], st.center[f], st.q75[f]], qs)
    );
  });
});
