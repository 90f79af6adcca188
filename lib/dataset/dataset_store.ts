/**
 * Datasets on disk: `<out>/<name>/` holds `scaler.json` and `dataset.json`
 * (the splits present, layout, hashes), and per split `<split>/`:
 *
 * | file | content |
 * | --- | --- |
 * | `X.f32` | scaled rows, float32 little-endian, row-major `rows × F` |
 * | `starts.i32` | first row of each window, int32 LE, `[N]` |
 * | `y.f32` | targets, float32 LE, `[N]` |
 * | `ts.i64` | epoch ns of each window's last row, int64 LE, `[N]` |
 * | `meta.json` | features, T, F, rows, windows, symbol/date coverage, scaler and config hashes |
 *
 * Every file is written atomically, `meta.json` last (a split folder without
 * it is incomplete). {@linkcode loadDataset} reads a split back (whole files,
 * no copies beyond the read), checks sizes against `meta.json`, the scaler
 * hash, and optionally the layout the caller expects
 * ({@linkcode assertLayout}).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { WindowDataset } from "./windows.ts";
 * import { loadDataset, writeSplit } from "./dataset_store.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/scaler.json`, "{}\n"); // any scaler file: its hash is checked
 * const ds = new WindowDataset({
 *   features: ["a"], T: 2, X: new Float32Array([1, 2, 3]), starts: new Int32Array([0, 1]),
 *   y: new Float32Array([0.1, 0.2]), ts: new BigInt64Array([5n, 6n]),
 * });
 * await writeSplit(root, "dev", ds, {
 *   range: { start: "2024-01-02", end: "2024-01-02" }, coverage: [], configHash: "c", horizon: 1,
 * });
 * const back = await loadDataset(root, "dev", { features: ["a"], T: 2 }, { parseScaler: false });
 * assert.deepEqual([...back.dataset.windowView(1)], [2, 3]);
 * await assert.rejects(loadDataset(root, "dev", { features: ["a"], T: 3 }, { parseScaler: false }), /T differs/);
 * await Deno.remove(root, { recursive: true });
 * ```
 * @module
 */

import { dirname, join } from "node:path";
import { writeJsonAtomic } from "../core/atomic_write.ts";
import { InputError } from "../core/errors.ts";
import { sha256Hex } from "../core/hash.ts";
import type { SegmentCoverage } from "./build.ts";
import { assertLayout, type DatasetLayout } from "./layout.ts";
import type { Scaler } from "./scaler.ts";
import { parseScaler } from "./scaler_file.ts";
import type { DateRange } from "./splits.ts";
import { WindowDataset } from "./windows.ts";

/** Format tag of `meta.json`. */
export const SPLIT_FORMAT = "hft-marl.dataset-split.v1";

/** Per-symbol coverage of a split. */
export interface SymbolCoverage {
  /** Session dates with at least one row, ascending. */
  dates: string[];
  /** Rows read. */
  rows: number;
  /** Rows with every feature present. */
  valid_rows: number;
  /** Windows. */
  windows: number;
}

/** The content of `<split>/meta.json`. */
export interface SplitMeta {
  /** Format tag. */
  format: typeof SPLIT_FORMAT;
  /** Split name. */
  split: string;
  /** Configured date range. */
  range: DateRange;
  /** Feature names, in column order. */
  features: string[];
  /** Rows per window. */
  T: number;
  /** Features per row. */
  F: number;
  /** Stored rows in `X.f32`. */
  rows: number;
  /** Windows N. */
  windows: number;
  /** Target horizon h (rows). */
  target_horizon: number;
  /** Byte order of the binary files (always "little"). */
  byte_order: "little";
  /** The binary files, their dtypes and shapes. */
  files: Record<string, { dtype: string; shape: number[] }>;
  /** Symbol → dates, rows and windows. */
  coverage: Record<string, SymbolCoverage>;
  /** SHA-256 of `../scaler.json`. */
  scaler_sha256: string;
  /** SHA-256 of the canonical JSON of the dataset config section. */
  config_hash: string;
}

/** What {@linkcode writeSplit} records besides the dataset. */
export interface SplitWriteInfo {
  /** Configured date range. */
  range: DateRange;
  /** Symbol-days covered (from the build plans). */
  coverage: readonly SegmentCoverage[];
  /** Hash of the dataset config. */
  configHash: string;
  /** Target horizon h. */
  horizon: number;
}

/** Folds per symbol-day coverage into per-symbol coverage. */
export function summarizeCoverage(
  segments: readonly SegmentCoverage[],
): Record<string, SymbolCoverage> {
  const out: Record<string, SymbolCoverage> = {};
  for (
    const s of [...segments].sort((
      a,
      b,
    ) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0))
  ) {
    const c = out[s.symbol] ??= { dates: [], rows: 0, valid_rows: 0, windows: 0 };
    if (!c.dates.includes(s.date)) c.dates.push(s.date);
    c.rows += s.rows;
    c.valid_rows += s.validRows;
    c.windows += s.windows;
  }
  for (const c of Object.values(out)) c.dates.sort();
  return out;
}

function bytesOf(a: Float32Array | Int32Array | BigInt64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Bytes per write call: `Deno.writeFile` would copy a whole array at once. */
const WRITE_CHUNK = 8 * 2 ** 20;

/**
 * Writes `bytes` to `path` atomically (temporary file, then rename) in
 * chunks of 8 MiB, so that writing never copies a large array whole.
 */
export async function writeBytesAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await Deno.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${Deno.pid}`;
  try {
    const file = await Deno.open(tmp, { write: true, create: true, truncate: true });
    try {
      for (let at = 0; at < bytes.length;) {
        at += await file.write(bytes.subarray(at, at + WRITE_CHUNK));
      }
    } finally {
      file.close();
    }
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}

function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new Error("datasets are little-endian; big-endian hosts are not supported");
  }
}

/**
 * Writes `dataset` as split `split` of the dataset folder `root` (which must
 * already hold `scaler.json`); returns the meta written.
 */
export async function writeSplit(
  root: string,
  split: string,
  dataset: WindowDataset,
  info: SplitWriteInfo,
): Promise<SplitMeta> {
  assertLittleEndian();
  const dir = join(root, split);
  const scalerSha = await sha256Hex(await Deno.readFile(join(root, "scaler.json")));
  const { T, F } = dataset;
  const N = dataset.length;
  await writeBytesAtomic(join(dir, "X.f32"), bytesOf(dataset.X));
  await writeBytesAtomic(join(dir, "starts.i32"), bytesOf(dataset.starts));
  await writeBytesAtomic(join(dir, "y.f32"), bytesOf(dataset.y));
  await writeBytesAtomic(join(dir, "ts.i64"), bytesOf(dataset.ts));
  const meta: SplitMeta = {
    format: SPLIT_FORMAT,
    split,
    range: info.range,
    features: [...dataset.features],
    T,
    F,
    rows: dataset.rows,
    windows: N,
    target_horizon: info.horizon,
    byte_order: "little",
    files: {
      "X.f32": { dtype: "float32", shape: [dataset.rows, F] },
      "starts.i32": { dtype: "int32", shape: [N] },
      "y.f32": { dtype: "float32", shape: [N] },
      "ts.i64": { dtype: "int64", shape: [N] },
    },
    coverage: summarizeCoverage(info.coverage),
    scaler_sha256: scalerSha,
    config_hash: info.configHash,
  };
  await writeJsonAtomic(join(dir, "meta.json"), meta);
  return meta;
}

/** A split read back by {@linkcode loadDataset}. */
export interface LoadedSplit {
  /** The windows. */
  dataset: WindowDataset;
  /** Its `meta.json`. */
  meta: SplitMeta;
  /** The dataset's scaler (null when not parsed). */
  scaler: Scaler | null;
}

async function readOr(path: string, what: string): Promise<Uint8Array> {
  try {
    return await Deno.readFile(path);
  } catch (err) {
    throw new InputError({
      file: path,
      expected: what,
      found: err instanceof Deno.errors.NotFound ? "no such file" : (err as Error).message,
    });
  }
}

function typed<T>(
  bytes: Uint8Array,
  make: (buf: ArrayBuffer, offset: number, length: number) => T,
  size: number,
): T {
  // Deno.readFile gives a fresh, aligned buffer; copy only if that ever changes.
  const aligned = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return make(aligned.buffer as ArrayBuffer, aligned.byteOffset, aligned.byteLength / size);
}

/**
 * Reads split `split` of the dataset folder `root`. Checks the format, every
 * file's size against `meta.json`, that `scaler.json` is the one the split
 * was built with, and, when `expected` is given, the layout (features in
 * order and T) via {@linkcode assertLayout}. Deno has no memory mapping: the
 * files are read whole, each straight into the typed array's buffer.
 */
export async function loadDataset(
  root: string,
  split: string,
  expected?: DatasetLayout,
  opts: { parseScaler?: boolean } = {},
): Promise<LoadedSplit> {
  assertLittleEndian();
  const dir = join(root, split);
  const metaPath = join(dir, "meta.json");
  const metaBytes = await readOr(metaPath, `a dataset split (run deno task dataset)`);
  let meta: SplitMeta;
  try {
    meta = JSON.parse(new TextDecoder().decode(metaBytes)) as SplitMeta;
  } catch (err) {
    throw new InputError({ file: metaPath, expected: "JSON", found: (err as Error).message });
  }
  if (meta.format !== SPLIT_FORMAT) {
    throw new InputError({
      file: metaPath,
      keyPath: "format",
      expected: SPLIT_FORMAT,
      found: String(meta.format),
    });
  }
  if (expected !== undefined) assertLayout(expected, { features: meta.features, T: meta.T }, dir);
  const scalerPath = join(root, "scaler.json");
  const scalerBytes = await readOr(scalerPath, "the dataset's scaler.json");
  const scalerSha = await sha256Hex(scalerBytes);
  if (scalerSha !== meta.scaler_sha256) {
    throw new InputError({
      file: scalerPath,
      expected: `the scaler split ${split} was built with (sha256 ${
        meta.scaler_sha256.slice(0, 12)
      }…)`,
      found: `sha256 ${scalerSha.slice(0, 12)}… (rebuild the dataset)`,
    });
  }
  const scaler = opts.parseScaler === false
    ? null
    : parseScaler(new TextDecoder().decode(scalerBytes), scalerPath);
  const sizes: Record<string, number> = {
    "X.f32": meta.rows * meta.F * 4,
    "starts.i32": meta.windows * 4,
    "y.f32": meta.windows * 4,
    "ts.i64": meta.windows * 8,
  };
  const raw: Record<string, Uint8Array> = {};
  for (const [name, size] of Object.entries(sizes)) {
    const bytes = await readOr(join(dir, name), `${name} of ${size} bytes`);
    if (bytes.byteLength !== size) {
      throw new InputError({
        file: join(dir, name),
        expected:
          `${size} bytes (from meta.json: rows ${meta.rows}, F ${meta.F}, windows ${meta.windows})`,
        found: `${bytes.byteLength} bytes`,
      });
    }
    raw[name] = bytes;
  }
  const dataset = new WindowDataset({
    features: meta.features,
    T: meta.T,
    X: typed(raw["X.f32"], (b, o, n) => new Float32Array(b, o, n), 4),
    starts: typed(raw["starts.i32"], (b, o, n) => new Int32Array(b, o, n), 4),
    y: typed(raw["y.f32"], (b, o, n) => new Float32Array(b, o, n), 4),
    ts: typed(raw["ts.i64"], (b, o, n) => new BigInt64Array(b, o, n), 8),
  });
  return { dataset, meta, scaler };
}
