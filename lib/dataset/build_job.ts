/**
 * `deno task dataset`: feature files → scaler (fitted on dev) → windows per
 * split → `<out>/<name>/` (see dataset_store.ts), optionally `.npz` exports.
 *
 * Each feature file is read once, on polars' threads while the file before
 * it is worked on, so at most two are held as polars frames. Dev files first: their windows are planned and their valid rows'
 * feature values kept as Float64 columns; the scaler is fitted on those, one
 * feature at a time; then they are scaled into dev's float32 matrix, each
 * file's columns dropped once written. Val and test files are then read,
 * planned and scaled into their matrices one by one. Nothing is written until
 * every split has passed its `min_samples` check. Peak memory ≈ the larger of
 * 2× dev's matrix (its float64 values, while fitting) and the matrices of all
 * splits, plus an eighth of the latter for garbage awaiting collection.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { DatasetSectionSchema } from "../config/schemas/dataset.ts";
 * import { runDatasetJob } from "./build_job.ts";
 * import { loadDataset } from "./dataset_store.ts";
 * const dir = await Deno.makeTempDir();
 * for (const date of ["2024-01-02", "2024-01-03"]) {
 *   const n = 50;
 *   const ts = [...Array(n).keys()].map((i) => Date.parse(`${date}T09:30:00Z`) + i * 100);
 *   await Deno.mkdir(`${dir}/features/SIM`, { recursive: true });
 *   pl.DataFrame({
 *     ts: pl.Series("ts", ts).cast(pl.Datetime("ms")), symbol: Array(n).fill("SIM"),
 *     date: Array(n).fill(date), mid: ts.map((_, i) => 100 + Math.sin(i)),
 *     x: ts.map((_, i) => Math.cos(i)),
 *   }).writeParquet(`${dir}/features/SIM/${date}.parquet`);
 * }
 * const cfg = DatasetSectionSchema.parse({
 *   features_dir: `${dir}/features`, out: `${dir}/datasets`, history_T: 5, min_samples: 10,
 *   splits: { dev: { start: "2024-01-02", end: "2024-01-02" }, val: { start: "2024-01-03", end: "2024-01-03" } },
 * });
 * const summary = await runDatasetJob(cfg);
 * assert.equal(summary.splits[0].windows, 50 - 5 + 1 - 1);
 * const val = await loadDataset(`${dir}/datasets/default`, "val", { features: ["x"], T: 5 });
 * assert.equal(val.dataset.length, 45);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import type pl from "nodejs-polars";
import { writeJsonAtomic } from "../core/atomic_write.ts";
import { InputError } from "../core/errors.ts";
import { hashConfig } from "../core/hash.ts";
import type { DatasetSection } from "../config/schemas/dataset.ts";
import {
  allocateDataset,
  assembleDataset,
  fillRows,
  planSource,
  type SourcePlan,
} from "./build.ts";
import { writeSplit } from "./dataset_store.ts";
import {
  type FeatureFile,
  listFeatureFiles,
  parquetRowCount,
  parquetSchema,
  readParquetColumnsAsync,
} from "./feature_files.ts";
import {
  compareGroupKeys,
  type GroupKey,
  KEY_COLUMNS,
  resolveFeatures,
  validColumns,
} from "./frames.ts";
import { writeNpz } from "./npz.ts";
import { fitScalerFromSources, type FitSource, type Scaler } from "./scaler.ts";
import { scalerTables } from "./scaler_apply.ts";
import { saveScaler } from "./scaler_file.ts";
import {
  checkMinSamples,
  checkSplitRanges,
  type DateRange,
  presentSplits,
  type SplitName,
  splitOfDate,
} from "./splits.ts";
import type { WindowDataset } from "./windows.ts";
import { NativeMemoryBudget } from "../core/native_memory.ts";

/** Format tag of `dataset.json`. */
export const DATASET_FORMAT = "hft-marl.dataset.v1";

/** Hooks for the CLI (all optional). */
export interface DatasetJobOptions {
  /** Hash recorded in meta.json; default: hash of the section. */
  configHash?: string;
  /** Called after each feature file is read, with the files done and the total. */
  onProgress?: (label: string, done: number, total: number) => void;
  /** Receives the seconds spent per phase ("read", "fit", "fill", "write", "export") at the end. */
  recordTiming?: (label: string, seconds: number) => void;
}

/** One split of the summary. */
export interface SplitSummary {
  /** Split name. */
  name: SplitName;
  /** Configured date range. */
  range: DateRange;
  /** Feature files read. */
  files: number;
  /** Rows read. */
  rows_in: number;
  /** Rows with every feature present. */
  valid_rows: number;
  /** Rows stored in X.f32. */
  rows_stored: number;
  /** Windows N. */
  windows: number;
  /** Symbols present. */
  symbols: string[];
  /** Bytes of X.f32. */
  x_bytes: number;
}

/** What `deno task dataset` returns (deterministic: no timings). */
export interface DatasetSummary {
  /** Dataset folder. */
  path: string;
  /** Feature names. */
  features: string[];
  /** Rows per window. */
  T: number;
  /** Target horizon. */
  target_horizon: number;
  /** The scaler. */
  scaler: {
    method: string;
    clip: number | null;
    regime_column: string | null;
    fit_rows: number;
    data_sha256: string;
    file_sha256: string;
  };
  /** Per split. */
  splits: SplitSummary[];
  /** Feature files outside every split's range. */
  files_outside_splits: number;
  /** `.npz` files written. */
  exports: string[];
}

interface SplitWork {
  name: SplitName;
  range: DateRange;
  files: FeatureFile[];
}

/** A read feature file: its plan and its valid rows' feature values. */
interface ReadSource {
  plan: SourcePlan;
  columns: Float64Array[];
}

function checkFileLabels(file: FeatureFile, plan: SourcePlan): void {
  for (const c of plan.coverage) {
    if (c.symbol !== file.symbol || c.date !== file.date) {
      throw new InputError({
        file: file.path,
        keyPath: "symbol/date",
        expected: `rows of ${file.symbol} on ${file.date} only (the file's path)`,
        found: `rows of ${c.symbol} on ${c.date}`,
      });
    }
  }
}

/**
 * The source with its columns moved into one Float64Array. Dev columns live
 * until the fill; one large allocation per file is returned to the system
 * when dropped, where many medium ones (one per feature) were seen to stay
 * in the allocator's heap, keeping the resident set high.
 */
function packColumns(src: ReadSource): ReadSource {
  const n = src.plan.rowsValid;
  const packed = new Float64Array(n * src.columns.length);
  src.columns.forEach((c, f) => packed.set(c, f * n));
  return {
    plan: src.plan,
    columns: src.columns.map((_, f) => packed.subarray(f * n, (f + 1) * n)),
  };
}

/** Wall-clock seconds per phase, summed. */
class Clock {
  readonly seconds: Record<string, number> = {};
  async time<T>(label: string, fn: () => T | Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.seconds[label] = (this.seconds[label] ?? 0) + (performance.now() - t0) / 1000;
    }
  }
}

/** Scaler group keys of all dev sources, merged, and fit sources pointing into them. */
function fitSources(sources: readonly ReadSource[], features: readonly string[]): {
  fit: FitSource[];
  keys: GroupKey[];
} {
  const id = (k: GroupKey) => `${k.symbol}\u001f${k.regime}`;
  const merged = new Map<string, GroupKey>();
  for (const s of sources) for (const k of s.plan.groupKeys) merged.set(id(k), k);
  const keys = [...merged.values()].sort(compareGroupKeys);
  const index = new Map(keys.map((k, i) => [id(k), i]));
  const column = new Map(features.map((f, i) => [f, i]));
  const fit = sources.map(({ plan, columns }): FitSource => {
    const local = plan.groupKeys.map((k) => index.get(id(k))!);
    let groups: Int32Array | number;
    if (typeof plan.validGroups === "number") {
      groups = local.length === 0 ? 0 : local[plan.validGroups];
    } else groups = plan.validGroups.map((g) => local[g]);
    return { rows: plan.rowsValid, groups, column: (name) => columns[column.get(name)!] };
  });
  return { fit, keys };
}

/** Builds the dataset the section describes (see the module doc). */
export async function runDatasetJob(
  cfg: DatasetSection,
  opts: DatasetJobOptions = {},
): Promise<DatasetSummary> {
  checkSplitRanges(cfg.splits);
  const configHash = opts.configHash ?? await hashConfig(cfg);
  const root = join(cfg.out, cfg.name);
  const all = await listFeatureFiles(cfg.features_dir, cfg.symbols);
  const work: SplitWork[] = presentSplits(cfg.splits).map(({ name, range }) => ({
    name,
    range,
    files: all.filter((f) => splitOfDate(cfg.splits, f.date) === name),
  }));
  const used = work.flatMap((w) => w.files);
  if (used.length === 0) {
    const ranges = work.map((w) => `${w.name} ${w.range.start} … ${w.range.end}`).join(", ");
    throw new InputError({
      file: cfg.features_dir,
      keyPath: "dataset.splits",
      expected: `feature files dated inside the splits (${ranges})`,
      found: all.length === 0
        ? "no feature files"
        : `${all.length} files from ${all[0].date} to ${all.at(-1)!.date}`,
    });
  }
  const regimeColumn = cfg.scaler.regime_column;
  const features = resolveFeatures(parquetSchema(used[0].path), {
    features: cfg.features,
    regimeColumn,
    source: used[0].path,
  });
  const F = features.length;
  const readCols = [...KEY_COLUMNS, ...features, ...(regimeColumn === null ? [] : [regimeColumn])];
  const T = cfg.history_T, horizon = cfg.target_horizon;
  const clock = new Clock();
  // Dropped polars frames and float64 columns are freed (one collection, tens of ms)
  // whenever an eighth of the final matrix's size has piled up (at least 64 MiB).
  let matrixBytes = 0;
  for (const f of used) matrixBytes += parquetRowCount(f.path) * F * 4;
  const budget = new NativeMemoryBudget(Math.max(64 * 2 ** 20, matrixBytes / 8));
  let filesDone = 0;

  /** Reads of the files of a split, each started while the one before is worked on. */
  const reads = (files: readonly FeatureFile[]) => {
    const started: Promise<pl.DataFrame>[] = [];
    const start = (k: number) => {
      if (k < files.length && started[k] === undefined) {
        started[k] = readParquetColumnsAsync(files[k].path, readCols);
        started[k].catch(() => {}); // awaited below; never an unhandled rejection meanwhile
      }
    };
    return async (k: number): Promise<pl.DataFrame> => {
      start(k);
      const df = await started[k];
      delete started[k];
      start(k + 1);
      return df;
    };
  };
  const readSource = async (
    file: FeatureFile,
    read: () => Promise<pl.DataFrame>,
  ): Promise<ReadSource> => {
    const src = await clock.time("read", async () => {
      // The previous file's frames are garbage by now: free them before reading more.
      await budget.note(0);
      const df = await read();
      const { plan, valid } = planSource(df, {
        features,
        regimeColumn,
        T,
        horizon,
        label: file.path,
      });
      checkFileLabels(file, plan);
      const columns = validColumns(df, features, valid);
      budget.add((plan.rowsIn * readCols.length + plan.rowsValid * F) * 8);
      return { plan, columns };
    });
    opts.onProgress?.("read", ++filesDone, used.length);
    return src;
  };
  const windowsOf = (plans: readonly SourcePlan[]) =>
    plans.reduce((a, p) => a + p.starts.length, 0);
  const detail = (w: SplitWork) => `${w.files.length} feature files`;

  // Dev: read, fit, fill.
  const dev = work[0];
  const devSources: ReadSource[] = [];
  const devRead = reads(dev.files);
  for (const [k, file] of dev.files.entries()) {
    devSources.push(packColumns(await readSource(file, () => devRead(k))));
  }
  await budget.flush(); // the last files' frames, before the fit's buffers
  checkMinSamples(
    dev.name,
    dev.range,
    windowsOf(devSources.map((s) => s.plan)),
    cfg.min_samples,
    detail(dev),
  );
  const scaler: Scaler = await clock.time("fit", () => {
    const { fit, keys } = fitSources(devSources, features);
    const fitted = devSources.filter((s) => s.plan.rowsValid > 0)
      .flatMap((s) => s.plan.coverage.map((c) => c.date)).sort();
    return fitScalerFromSources(fit, {
      features,
      keys,
      method: cfg.scaler.method,
      clip: cfg.scaler.clip,
      regimeColumn,
      split: "dev",
      range: dev.range,
      dates: { first: fitted[0], last: fitted.at(-1)! },
    });
  });
  const tables = scalerTables(scaler);
  const built: { work: SplitWork; dataset: WindowDataset; plans: SourcePlan[] }[] = [];
  await clock.time("fill", async () => {
    const plans = devSources.map((s) => s.plan);
    const { dataset, offsets } = allocateDataset(plans, features, T);
    for (let k = 0; k < devSources.length; k++) {
      const s = devSources[k];
      fillRows(dataset.X, offsets[k], s.plan, s.columns, tables);
      s.columns = []; // dropped as soon as written, and freed by the next collection
      await budget.note(s.plan.rowsValid * F * 8);
    }
    built.push({ work: dev, dataset, plans });
  });
  devSources.length = 0;

  // Val, test: read and fill file by file into a matrix sized by the files' row counts.
  for (const w of work.slice(1)) {
    let capacity = 0;
    for (const f of w.files) capacity += parquetRowCount(f.path);
    const X = new Float32Array(capacity * F); // pages past the rows written are never touched
    const plans: SourcePlan[] = [];
    const offsets: number[] = [];
    let rows = 0;
    const read = reads(w.files);
    for (const [k, file] of w.files.entries()) {
      const { plan, columns } = await readSource(file, () => read(k));
      await clock.time("fill", () => fillRows(X, rows, plan, columns, tables));
      offsets.push(rows);
      rows += plan.storedValid.length;
      plans.push({ ...plan, storedValid: new Int32Array(0), validGroups: 0 });
    }
    checkMinSamples(w.name, w.range, windowsOf(plans), cfg.min_samples, detail(w));
    built.push({
      work: w,
      dataset: assembleDataset(X.subarray(0, rows * F), plans, offsets, features, T),
      plans,
    });
  }
  await budget.flush();

  // Everything passed: write.
  const scalerSha = await saveScaler(join(root, "scaler.json"), scaler);
  const splits: SplitSummary[] = [];
  const exports: string[] = [];
  for (const { work: w, dataset, plans } of built) {
    const coverage = plans.flatMap((p) => p.coverage);
    await clock.time(
      "write",
      () => writeSplit(root, w.name, dataset, { range: w.range, coverage, configHash, horizon }),
    );
    if (cfg.export === "npz") {
      const path = join(root, "npz", `${w.name}.npz`);
      await clock.time("export", () => writeNpz(path, dataset));
      exports.push(path);
    }
    splits.push({
      name: w.name,
      range: w.range,
      files: w.files.length,
      rows_in: plans.reduce((a, p) => a + p.rowsIn, 0),
      valid_rows: plans.reduce((a, p) => a + p.rowsValid, 0),
      rows_stored: dataset.rows,
      windows: dataset.length,
      symbols: [...new Set(w.files.map((f) => f.symbol))],
      x_bytes: dataset.X.byteLength,
    });
  }
  built.length = 0;
  if (cfg.export === "npz") {
    await Deno.copyFile(join(root, "scaler.json"), join(root, "npz", "scaler.json"));
  }
  // Split folders of an earlier build that this config no longer has.
  for (const name of ["dev", "val", "test"]) {
    if (work.some((w) => w.name === name)) continue;
    for (const stale of [join(root, name), join(root, "npz", `${name}.npz`)]) {
      try {
        await Deno.remove(stale, { recursive: true });
      } catch (err) {
        if (!(err instanceof Deno.errors.NotFound)) throw err;
      }
    }
  }
  const summary: DatasetSummary = {
    path: root,
    features,
    T,
    target_horizon: horizon,
    scaler: {
      method: scaler.method,
      clip: scaler.clip,
      regime_column: scaler.regime_column,
      fit_rows: scaler.fit.rows,
      data_sha256: scaler.fit.data_sha256,
      file_sha256: scalerSha,
    },
    splits,
    files_outside_splits: all.length - used.length,
    exports,
  };
  await writeJsonAtomic(join(root, "dataset.json"), {
    format: DATASET_FORMAT,
    config_hash: configHash,
    config: cfg,
    ...summary,
  });
  for (const [label, seconds] of Object.entries(clock.seconds)) opts.recordTiming?.(label, seconds);
  return summary;
}
