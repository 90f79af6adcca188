/**
 * The whole data pipeline in memory, symbol-day by symbol-day, with no
 * Parquet between the stages and no polars frame after the read: each
 * source file is read, validated, consolidated and sampled onto the decision
 * grid (ingest), its features computed by the typed-array kernels
 * (features), its valid rows, window starts and targets taken (windows) —
 * all in `./pipeline_day.ts` — and, once the dev days are in, the scaler
 * fitted on them and every split's rows scaled into its float32 matrix
 * (scale).
 *
 * With `workers` > 0 the files go to that many Web Workers
 * (`./pipeline_worker.ts`), which also share the scaler fit, feature by
 * feature, reading the dev values from shared buffers; the main thread
 * schedules and fills the matrices. With `workers: 0` everything runs on the
 * main thread, stage after stage (the per-stage figures). Both give the same
 * bytes: results are assembled in file order whatever order they finish in.
 *
 * The caller passes the source files split by split, dev first (the scaler
 * must be fitted before val and test rows are scaled); each file must hold
 * whole symbol-days of its split. Used by the pipeline benchmark.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { join } from "node:path";
 * import { IngestSectionSchema, IngestSourceSchema } from "../config/schemas/ingest.ts";
 * import { sourceFiles } from "../data/ingest/sources.ts";
 * import { FeaturesSectionSchema } from "../config/schemas/features.ts";
 * import { DatasetSectionSchema } from "../config/schemas/dataset.ts";
 * import { syntheticSnapshots } from "./snapshot_source.ts";
 * import { runInMemoryPipeline } from "./in_memory_pipeline.ts";
 * const dir = await Deno.makeTempDir();
 * for (const date of ["2024-01-02", "2024-01-03"]) {
 *   syntheticSnapshots({ symbol: "A", date, sessionS: 120, seed: 1 })
 *     .writeParquet(join(dir, `A_${date}.parquet`));
 * }
 * const source = IngestSourceSchema.parse({ kind: "parquet", path: dir });
 * const [dev, val] = await sourceFiles(source); // in name order
 * const r = await runInMemoryPipeline({
 *   files: { dev: [dev], val: [val] },
 *   source,
 *   ingest: IngestSectionSchema.parse({ session_end: "09:32:00", levels: 5 }),
 *   features: FeaturesSectionSchema.parse({ list: ["spread", "log_return_1", "rsi"] }),
 *   dataset: DatasetSectionSchema.parse({
 *     splits: { dev: { start: "2024-01-02", end: "2024-01-02" }, val: { start: "2024-01-03", end: "2024-01-03" } },
 *   }),
 *   workers: 0,
 * });
 * assert.deepEqual(r.splits.map((s) => s.name), ["dev", "val"]);
 * assert.equal(r.gridRows, 2 * 1201); // 09:30:00.0 … 09:32:00.0 every 100 ms, two days
 * assert.equal(r.datasets.val?.F, 3);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import process from "node:process";
import type { DatasetSection } from "../config/schemas/dataset.ts";
import type { FeaturesSection } from "../config/schemas/features.ts";
import type { IngestSection, IngestSource } from "../config/schemas/ingest.ts";
import { InputError } from "../core/errors.ts";
import { NativeMemoryBudget } from "../core/native_memory.ts";
import type { SourceFile } from "../data/ingest/mod.ts";
import { allocateDataset, assembleDataset, fillRows, type SourcePlan } from "../dataset/build.ts";
import { compareGroupKeys, type GroupKey } from "../dataset/frames.ts";
import {
  assembleScaler,
  type FeatureFitPart,
  fitFeaturePart,
  type FitSpec,
} from "../dataset/scaler.ts";
import { scalerTables } from "../dataset/scaler_apply.ts";
import type { SplitName } from "../dataset/splits.ts";
import type { WindowDataset } from "../dataset/windows.ts";
import {
  blockColumns,
  type ColumnBlock,
  DayProcessor,
  fitSources,
  type PipelineSetup,
  type ProcessedDay,
  type ProcessedFile,
} from "./pipeline_day.ts";
import type { WorkerTask } from "./pipeline_worker.ts";

/** The pipeline's stages, in order. */
export const PIPELINE_STAGES = ["ingest", "features", "windows", "scale"] as const;

/** A stage name. */
export type PipelineStage = typeof PIPELINE_STAGES[number];

/** Options of {@linkcode runInMemoryPipeline}. */
export interface InMemoryPipelineOptions {
  /** Source files per split (see `sourceFiles`), each holding whole symbol-days of its split. */
  files: Partial<Record<SplitName, SourceFile[]>>;
  /** The source they come from (`kind`, tick size, levels…). */
  source: IngestSource;
  /** The ingest section (grid and validation; its `sources` are not used). */
  ingest: IngestSection;
  /** The features section (list and parameters). */
  features: FeaturesSection;
  /** The dataset section (splits, T, horizon, scaler). */
  dataset: DatasetSection;
  /** Called after every file and step (e.g. a memory sampler). */
  onStep?: () => void;
  /**
   * Web Workers to spread the files and the fit over (default: the number
   * of CPUs); 0 runs everything on the main thread, stage after stage.
   */
  workers?: number;
}

/** One split built. */
export interface InMemorySplit {
  name: SplitName;
  symbolDays: number;
  /** Rows of the split's float32 matrix. */
  rows: number;
  windows: number;
  /** Bytes of the float32 matrix. */
  xBytes: number;
}

/** What {@linkcode runInMemoryPipeline} answers. */
export interface InMemoryPipelineResult {
  /** Book rows read (snapshots, or LOBSTER messages). */
  rowsIn: number;
  /** Decision-grid rows (interim rows). */
  gridRows: number;
  symbolDays: number;
  /** Files the clean-snapshot fast path took (the others went through the general checks). */
  fastFiles: number;
  features: string[];
  /** Requested features the data did not allow. */
  unavailable: string[];
  splits: InMemorySplit[];
  datasets: Partial<Record<SplitName, WindowDataset>>;
  /** Workers used (0: main thread only). */
  workers: number;
  /**
   * Seconds per stage, and in all (from the first read to the last fill).
   * With workers, ingest, features and windows are summed over the workers'
   * threads (they overlap one another and the scale stage).
   */
  seconds: Record<PipelineStage | "total", number>;
  /**
   * CPU seconds of the process (all threads) per stage and in all; with
   * workers only `total` and `scale` (the main thread's part) are measured.
   */
  cpuSeconds: Record<PipelineStage | "total", number>;
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

/** Runs tasks on workers (or inline), fit tasks ahead of files. */
interface Executor {
  file(file: SourceFile, split: SplitName): Promise<ProcessedFile>;
  fit(
    spec: FitSpec,
    features: number[],
    sources: { block: ColumnBlock; groups: number }[],
  ): Promise<FeatureFitPart>;
  close(): void;
}

/** Everything on the calling thread, one task at a time, in call order. */
function inlineExecutor(setup: PipelineSetup, clock: StageClock): Executor {
  const processor = new DayProcessor(setup);
  return {
    async file(file, split) {
      const c0 = cpuNow();
      const out = await processor.processFile(file, split);
      // One thread: the stage shares of this file's CPU follow its wall-clock shares.
      const wall = out.ms.ingest + out.ms.features + out.ms.windows;
      const cpu = cpuNow() - c0;
      for (const st of ["ingest", "features", "windows"] as const) {
        clock.seconds[st] += out.ms[st] / 1000;
        clock.cpuSeconds[st] += wall > 0 ? (cpu * out.ms[st]) / wall : 0;
      }
      return out;
    },
    fit(spec, features, sources) {
      return fitFeaturePart(fitSources(spec, sources), spec, features);
    },
    close() {},
  };
}

/** A pool of workers, each with one task at a time; fit tasks jump the queue. */
function workerExecutor(setup: PipelineSetup, n: number, clock: StageClock): Executor {
  type Pending = {
    task: WorkerTask;
    resolve: (v: unknown) => void;
    reject: (e: Error) => void;
  };
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  let nextId = 0;
  const workers = Array.from({ length: n }, () => {
    const w = new Worker(new URL("./pipeline_worker.ts", import.meta.url), { type: "module" });
    w.postMessage({ type: "setup", setup } satisfies WorkerTask);
    w.onmessage = (e: MessageEvent) => {
      const p = busy.get(w)!;
      busy.delete(w);
      const msg = e.data;
      if (msg.type === "error") {
        p.reject(
          msg.name === "InputError" && msg.location !== undefined
            ? new InputError(msg.location)
            : new Error(msg.message),
        );
      } else if (msg.type === "file") {
        const out = msg.out as ProcessedFile;
        for (const st of ["ingest", "features", "windows"] as const) {
          clock.seconds[st] += out.ms[st] / 1000;
        }
        p.resolve(out);
      } else p.resolve(msg.part);
      idle.push(w);
      pump();
    };
    w.onerror = (e) => {
      e.preventDefault();
      const p = busy.get(w);
      busy.delete(w);
      p?.reject(new Error(`pipeline worker: ${e.message}`));
    };
    idle.push(w);
    return w;
  });
  const pump = () => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.shift()!, p = queue.shift()!;
      busy.set(w, p);
      w.postMessage(p.task);
    }
  };
  const submit = <T>(task: WorkerTask, front: boolean) =>
    new Promise<T>((resolve, reject) => {
      const p = { task, resolve: resolve as (v: unknown) => void, reject };
      if (front) queue.unshift(p);
      else queue.push(p);
      pump();
    });
  return {
    file: (file, split) =>
      submit<ProcessedFile>({ type: "file", id: nextId++, file, split }, false),
    fit: (spec, features, sources) =>
      submit<FeatureFitPart>({ type: "fit", id: nextId++, spec, features, sources }, true),
    close: () => workers.forEach((w) => w.terminate()),
  };
}

/** Wall and CPU seconds per stage. */
interface StageClock {
  seconds: Record<PipelineStage | "total", number>;
  cpuSeconds: Record<PipelineStage | "total", number>;
}

/** Runs the pipeline (see the module doc). */
export async function runInMemoryPipeline(
  options: InMemoryPipelineOptions,
): Promise<InMemoryPipelineResult> {
  const ds = options.dataset;
  const step = options.onStep ?? (() => {});
  const zero = () => ({ ingest: 0, features: 0, windows: 0, scale: 0, total: 0 });
  const clock: StageClock = { seconds: zero(), cpuSeconds: zero() };
  const c0 = cpuNow(), t0 = performance.now();
  const setup: PipelineSetup = {
    source: options.source,
    ingest: options.ingest,
    features: options.features,
    dataset: ds,
  };
  // Filled days' values are freed (a collection) whenever this many bytes of them pile up.
  const budget = new NativeMemoryBudget(256 * 2 ** 20);
  const nWorkers = options.workers ?? navigator.hardwareConcurrency ?? 2;
  const exec = nWorkers > 0 ? workerExecutor(setup, nWorkers, clock) : inlineExecutor(setup, clock);
  try {
    // Dev files are queued now; val and test files once the fit is queued ahead of them, so
    // that their values are scaled as they come rather than held while the fit runs.
    const order = (["dev", "val", "test"] as const).flatMap((split) =>
      (options.files[split] ?? []).map((file) => ({ file, split }))
    );
    if ((options.files.dev ?? []).length === 0) {
      throw new Error("in-memory pipeline: no dev symbol-days");
    }
    const pending: Promise<ProcessedFile>[] = [];
    const queue = (from: number, to: number) => {
      if (nWorkers === 0) return; // inline: each file runs when its result is awaited
      for (let k = from; k < to; k++) {
        pending[k] = exec.file(order[k].file, order[k].split);
        // Awaited in file order below; until then a failure must not count as unhandled.
        pending[k].catch(() => {});
      }
    };
    const results: ProcessedFile[] = [];
    const seen = new Map<string, string>();
    let features: string[] | null = null;
    let unavailable: string[] = [];
    /** The k-th file's result, checked against the others. */
    const result = async (k: number): Promise<ProcessedFile> => {
      const out = await (nWorkers > 0 ? pending[k] : exec.file(order[k].file, order[k].split));
      step();
      for (const d of out.days) {
        const key = `${d.symbol} ${d.date}`;
        const other = seen.get(key);
        if (other !== undefined) {
          throw new Error(
            `in-memory pipeline: ${key} comes from two files (${other}, ${order[k].file.file})`,
          );
        }
        seen.set(key, order[k].file.file);
        if (features === null) {
          features = d.features;
          unavailable = d.unavailable;
        } else if (d.features.join() !== features.join()) {
          throw new Error(
            `in-memory pipeline: ${key} has features ${d.features.join(", ")}, the first day ${
              features.join(", ")
            }`,
          );
        }
      }
      results[k] = out;
      return out;
    };

    // Dev: every day's values kept for the fit.
    const nDev = (options.files.dev ?? []).length;
    queue(0, nDev);
    const devDays: ProcessedDay[] = [];
    for (let k = 0; k < nDev; k++) devDays.push(...(await result(k)).days);
    if (devDays.length === 0 || features === null) {
      throw new Error("in-memory pipeline: no dev symbol-days");
    }
    const names: string[] = features;
    const datasets: InMemoryPipelineResult["datasets"] = {};
    const splits: InMemorySplit[] = [];

    const c1 = cpuNow(), t1 = performance.now();
    const id = (k: GroupKey) => `${k.symbol}\u001f${k.regime}`;
    const merged = new Map<string, GroupKey>();
    for (const d of devDays) for (const k of d.plan.groupKeys) merged.set(id(k), k);
    const keys = [...merged.values()].sort(compareGroupKeys);
    const index = new Map(keys.map((k, i) => [id(k), i]));
    const dates = devDays.map((d) => d.date).sort();
    const spec: FitSpec = {
      features: names,
      keys,
      method: ds.scaler.method,
      clip: ds.scaler.clip,
      split: "dev",
      range: ds.splits.dev,
      dates: { first: dates[0], last: dates.at(-1)! },
    };
    const sources = devDays.filter((d) => d.plan.rowsValid > 0).map((d) => ({
      block: d.values,
      groups: index.get(id(d.plan.groupKeys[0]))!,
    }));
    // The features dealt round-robin to the workers (one part inline).
    const nParts = Math.max(1, Math.min(nWorkers, names.length));
    const partsOf = Array.from(
      { length: nParts },
      (_, w) => names.map((_, f) => f).filter((f) => f % nParts === w),
    );
    const fits = partsOf.map((fs) => exec.fit(spec, fs, sources));
    queue(nDev, order.length);
    const parts = await Promise.all(fits);
    sources.length = 0; // the fit's references to the dev values: gone, so each day frees after its fill
    const t = scalerTables(assembleScaler(parts, spec));
    {
      const plans = devDays.map((d) => d.plan);
      const { dataset, offsets } = allocateDataset(plans, names, ds.history_T);
      for (let j = 0; j < devDays.length; j++) {
        const d = devDays[j];
        fillRows(dataset.X, offsets[j], d.plan, blockColumns(d.values), t);
        d.values = EMPTY_BLOCK; // the day's values are garbage from here
        await budget.note(d.plan.rowsIn * names.length * 8);
      }
      datasets.dev = dataset;
      splits.push(splitFigure("dev", devDays.length, dataset));
    }
    clock.seconds.scale += (performance.now() - t1) / 1000;
    clock.cpuSeconds.scale += nWorkers > 0 ? 0 : cpuNow() - c1;
    devDays.length = 0;
    step();

    // Val, test: each day scaled into the split's matrix as soon as its file is in (file order).
    let k = nDev;
    for (const name of ["val", "test"] as const) {
      const files = options.files[name] ?? [];
      if (files.length === 0) continue;
      const plans: SourcePlan[] = [];
      const offsets: number[] = [];
      let X = new Float32Array(0);
      let rows = 0;
      for (let i = 0; i < files.length; i++, k++) {
        const out = await result(k);
        const c2 = cpuNow(), t2 = performance.now();
        for (const d of out.days) {
          const need = (rows + d.plan.storedValid.length) * names.length;
          if (need > X.length) {
            // Room for the rest of the split at this file's size (pages never written stay unmapped).
            const guess = need + (files.length - i - 1) * d.plan.rowsIn * names.length;
            const grown = new Float32Array(Math.max(guess, 2 * X.length));
            grown.set(X.subarray(0, rows * names.length));
            X = grown;
          }
          fillRows(X, rows, d.plan, blockColumns(d.values), t);
          d.values = EMPTY_BLOCK;
          await budget.note(d.plan.rowsIn * names.length * 8);
          plans.push({ ...d.plan, storedValid: new Int32Array(0), validGroups: 0 });
          offsets.push(rows);
          rows += d.plan.storedValid.length;
        }
        clock.seconds.scale += (performance.now() - t2) / 1000;
        clock.cpuSeconds.scale += nWorkers > 0 ? 0 : cpuNow() - c2;
      }
      const dataset = assembleDataset(
        X.subarray(0, rows * names.length),
        plans,
        offsets,
        names,
        ds.history_T,
      );
      datasets[name] = dataset;
      splits.push(splitFigure(name, plans.length, dataset));
      step();
    }
    clock.seconds.total = (performance.now() - t0) / 1000;
    clock.cpuSeconds.total = cpuNow() - c0;
    return {
      rowsIn: results.reduce((a, r) => a + r.rowsIn, 0),
      gridRows: results.reduce((a, r) => a + r.gridRows, 0),
      symbolDays: results.reduce((a, r) => a + r.days.length, 0),
      fastFiles: results.filter((r) => r.fast).length,
      features: names,
      unavailable,
      splits,
      datasets,
      workers: nWorkers,
      seconds: clock.seconds,
      cpuSeconds: clock.cpuSeconds,
    };
  } finally {
    exec.close();
  }
}

const EMPTY_BLOCK: ColumnBlock = { buffer: new ArrayBuffer(0), offsets: [], rows: 0 };

function splitFigure(name: SplitName, symbolDays: number, d: WindowDataset): InMemorySplit {
  return { name, symbolDays, rows: d.rows, windows: d.length, xBytes: d.X.byteLength };
}
