/**
 * The whole data pipeline in memory, symbol-day by symbol-day, with no
 * Parquet between the stages: each source file is read, validated,
 * consolidated and sampled onto the decision grid (ingest), its features
 * computed (features), its valid rows, window starts and targets taken
 * (windows), and, once the dev days have been read, the scaler fitted on
 * them and every split's rows scaled into its float32 matrix (scale). The
 * stages are the library's own functions (`readSourceFile`,
 * `validateTable`, `consolidateSymbolDay`, `sampleDecisionGrid`,
 * `computeFeatures`, `planSource`, `validColumns`, `fitScalerFromSources`,
 * `fillRows`); only one symbol-day's frames are alive at a time, apart from
 * the dev days' float64 feature values, kept for the fit as the file-based
 * dataset job keeps them.
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
 * });
 * assert.deepEqual(r.splits.map((s) => s.name), ["dev", "val"]);
 * assert.equal(r.gridRows, 2 * 1201); // 09:30:00.0 … 09:32:00.0 every 100 ms, two days
 * assert.equal(r.datasets.val?.F, 3);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import type pl from "nodejs-polars";
import process from "node:process";
import type { DatasetSection } from "../config/schemas/dataset.ts";
import type { FeaturesSection } from "../config/schemas/features.ts";
import type { IngestSection, IngestSource } from "../config/schemas/ingest.ts";
import { parseClockNs } from "../config/schemas/data.ts";
import {
  consolidateSymbolDay,
  groupBySymbolDay,
  readSourceFile,
  sampleDecisionGrid,
  sampleOptions,
  type SourceFile,
  validateTable,
  ValidationReportBuilder,
} from "../data/ingest/mod.ts";
import { featureParams } from "../features/job.ts";
import {
  computeFeatures,
  type FeaturePlan,
  inspectSource,
  planFeatures,
} from "../features/pipeline.ts";
import {
  allocateDataset,
  assembleDataset,
  fillRows,
  planSource,
  type SourcePlan,
} from "../dataset/build.ts";
import { compareGroupKeys, type GroupKey, validColumns } from "../dataset/frames.ts";
import { fitScalerFromSources, type FitSource } from "../dataset/scaler.ts";
import { scalerTables } from "../dataset/scaler_apply.ts";
import { type SplitName, splitOfDate } from "../dataset/splits.ts";
import type { WindowDataset } from "../dataset/windows.ts";
import { NativeMemoryBudget } from "../core/native_memory.ts";

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
  /** Called after every step (e.g. a memory sampler). */
  onStep?: () => void;
  /**
   * Compute a symbol-day's features in the background while the main thread
   * works on its neighbours (default true). Stage times then overlap: the
   * features stage counts only the time spent waiting for polars.
   */
  overlap?: boolean;
  /**
   * Dropped polars frames are freed (a garbage collection) whenever this many
   * bytes of them have piled up (default 512 MiB; see `lib/core/native_memory.ts`). Each
   * collection costs tens of milliseconds; a symbol-day of 234,001 grid rows leaves about
   * 170 MB of such frames.
   */
  nativeMemoryLimitBytes?: number;
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
  features: string[];
  /** Requested features the data did not allow. */
  unavailable: string[];
  splits: InMemorySplit[];
  datasets: Partial<Record<SplitName, WindowDataset>>;
  /** Wall-clock seconds per stage, and in all (from the first read to the last fill). */
  seconds: Record<PipelineStage | "total", number>;
  /** CPU seconds of the process (all threads) per stage, and in all. */
  cpuSeconds: Record<PipelineStage | "total", number>;
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

/** Wall and CPU seconds per stage. */
class StageClock {
  readonly seconds = { ingest: 0, features: 0, windows: 0, scale: 0, total: 0 };
  readonly cpuSeconds = { ingest: 0, features: 0, windows: 0, scale: 0, total: 0 };
  timeSync<T>(stage: PipelineStage, fn: () => T): T {
    const c0 = cpuNow(), t0 = performance.now();
    try {
      return fn();
    } finally {
      this.seconds[stage] += (performance.now() - t0) / 1000;
      this.cpuSeconds[stage] += cpuNow() - c0;
    }
  }
  async time<T>(stage: PipelineStage, fn: () => T | Promise<T>): Promise<T> {
    const c0 = cpuNow(), t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.seconds[stage] += (performance.now() - t0) / 1000;
      this.cpuSeconds[stage] += cpuNow() - c0;
    }
  }
}

/** The valid rows' feature values of one symbol-day, and its plan. */
interface DaySource {
  plan: SourcePlan;
  columns: Float64Array[];
}

/** Runs the pipeline (see the module doc). */
export async function runInMemoryPipeline(
  options: InMemoryPipelineOptions,
): Promise<InMemoryPipelineResult> {
  const { ingest: cfg, dataset: ds } = options;
  const source = options.source;
  const step = options.onStep ?? (() => {});
  const clock = new StageClock();
  const c0 = cpuNow(), t0 = performance.now();
  const report = new ValidationReportBuilder({
    strict: cfg.strict,
    maxExamples: cfg.max_examples,
    maxGapS: cfg.max_gap_s,
  });
  const session = {
    startNs: parseClockNs(cfg.session_start),
    endNs: parseClockNs(cfg.session_end),
  };
  const grid = sampleOptions(cfg);
  const rowsPerDay =
    Math.floor((grid.sessionEndNs - grid.sessionStartNs) / (cfg.decision_ms * 1e6)) +
    1;
  let plan: FeaturePlan | null = null;
  let features: string[] = [];
  let rowsIn = 0, gridRows = 0, symbolDays = 0;
  const seen = new Set<string>();
  const budget = new NativeMemoryBudget(options.nativeMemoryLimitBytes ?? 512 * 2 ** 20);
  const overlap = options.overlap ?? true;

  /** Ingest of one file: its validated, consolidated symbol-days. */
  const ingestFile = (f: SourceFile, split: SplitName) =>
    clock.time("ingest", async () => {
      const table = await readSourceFile(f, source, 0, cfg);
      rowsIn += table.frame.height;
      budget.add(table.frame.height * table.frame.width * 8);
      const parts = validateTable(table, { strict: cfg.strict, report });
      const days = groupBySymbolDay(parts).map((g) =>
        consolidateSymbolDay(g, { strict: cfg.strict, report, maxGapS: cfg.max_gap_s, session })
      ).filter((d) => d !== null);
      for (const day of days) {
        const key = `${day.symbol} ${day.date}`;
        if (seen.has(key)) throw new Error(`in-memory pipeline: ${key} comes from two files`);
        seen.add(key);
        if (splitOfDate(ds.splits, day.date) !== split) {
          throw new Error(`in-memory pipeline: ${f.file} holds ${key}, outside split ${split}`);
        }
      }
      return days;
    });

  /** The lazy feature query of an interim frame (plans the features on the first). */
  const featureQuery = (interim: pl.DataFrame, day: { symbol: string; date: string }) => {
    plan ??= planFeatures(inspectSource(interim), {
      features: options.features.list,
      params: featureParams(options.features),
    });
    features = plan.features.map((f) => f.name);
    return computeFeatures(interim, plan, { singleDay: true, sorted: true, day });
  };

  /**
   * The feature frames of the files' symbol-days, in order. With `overlap`,
   * a symbol-day's features are computed by polars in the background
   * (`collect()`) while the caller works on the previous one and the next
   * one is ingested.
   */
  async function* featureDays(
    files: readonly SourceFile[],
    split: SplitName,
  ): AsyncGenerator<{ frame: pl.DataFrame; file: string }> {
    let pending: { frame: Promise<pl.DataFrame>; interim: pl.DataFrame; file: string } | null =
      null;
    const finish = async (p: NonNullable<typeof pending>) => {
      const frame = await clock.time("features", () => p.frame);
      step();
      return { frame, file: p.file, bytes: (p.interim.height * p.interim.width) * 8 };
    };
    for (const f of files) {
      const days = await ingestFile(f, split);
      step();
      for (const day of days) {
        const interim = await clock.time("ingest", () => sampleDecisionGrid(day, grid));
        step();
        gridRows += interim.height;
        symbolDays++;
        const query = await clock.time("features", () => featureQuery(interim, day));
        const next = {
          // With overlap: started now, on polars' threads; awaited (and timed) in finish().
          frame: overlap ? query.collect() : clock.time("features", () => query.collectSync()),
          interim,
          file: f.file,
        };
        next.frame.catch(() => {}); // awaited in finish(); never an unhandled rejection meanwhile
        if (pending !== null) {
          const done = await finish(pending);
          yield done;
          await budget.note(done.bytes + done.frame.height * done.frame.width * 8);
        }
        pending = next;
        if (!overlap) {
          const done = await finish(pending);
          pending = null;
          yield done;
          await budget.note(done.bytes + done.frame.height * done.frame.width * 8);
        }
      }
    }
    if (pending !== null) {
      const done = await finish(pending);
      yield done;
      await budget.note(done.bytes + done.frame.height * done.frame.width * 8);
    }
  }

  const windowsOf = (frame: pl.DataFrame, label: string): Promise<DaySource> =>
    clock.time("windows", () => {
      const { plan: p, valid } = planSource(frame, {
        features,
        T: ds.history_T,
        horizon: ds.target_horizon,
        label,
      });
      return { plan: p, columns: validColumns(frame, features, valid) };
    });

  /**
   * The source with its columns moved into one Float64Array: one large
   * allocation per symbol-day goes back to the system when dropped, where one
   * per feature stays in the allocator's heap (as the dataset job does).
   */
  const packed = (src: DaySource): DaySource =>
    clock.timeSync("windows", () => {
      const n = src.plan.rowsValid;
      const all = new Float64Array(n * src.columns.length);
      src.columns.forEach((c, f) => all.set(c, f * n));
      return {
        plan: src.plan,
        columns: src.columns.map((_, f) => all.subarray(f * n, (f + 1) * n)),
      };
    });

  // Dev: keep the valid rows' values, fit, fill.
  const devSources: DaySource[] = [];
  for await (const { frame, file } of featureDays(options.files.dev ?? [], "dev")) {
    devSources.push(packed(await windowsOf(frame, file)));
    step();
  }
  if (devSources.length === 0) throw new Error("in-memory pipeline: no dev symbol-days");
  const splits: InMemorySplit[] = [];
  const datasets: InMemoryPipelineResult["datasets"] = {};
  /** The scaler fitted on the dev sources (its own scope: the fit's views of the columns end with it). */
  const fitDev = () => {
    const id = (k: GroupKey) => `${k.symbol}\u001f${k.regime}`;
    const merged = new Map<string, GroupKey>();
    for (const s of devSources) for (const k of s.plan.groupKeys) merged.set(id(k), k);
    const keys = [...merged.values()].sort(compareGroupKeys);
    const index = new Map(keys.map((k, i) => [id(k), i]));
    const column = new Map(features.map((f, i) => [f, i]));
    const fit: FitSource[] = devSources.map(({ plan: p, columns }) => {
      const local = p.groupKeys.map((k) => index.get(id(k))!);
      const groups = typeof p.validGroups === "number"
        ? (local.length === 0 ? 0 : local[p.validGroups])
        : p.validGroups.map((g) => local[g]);
      return { rows: p.rowsValid, groups, column: (name) => columns[column.get(name)!] };
    });
    const dates = devSources.flatMap((s) => s.plan.coverage.map((c) => c.date)).sort();
    return fitScalerFromSources(fit, {
      features,
      keys,
      method: ds.scaler.method,
      clip: ds.scaler.clip,
      split: "dev",
      range: ds.splits.dev,
      dates: { first: dates[0], last: dates.at(-1)! },
    });
  };
  const tables = await clock.time("scale", async () => {
    const t = scalerTables(await fitDev());
    const { dataset, offsets } = allocateDataset(
      devSources.map((s) => s.plan),
      features,
      ds.history_T,
    );
    for (let k = 0; k < devSources.length; k++) {
      const s = devSources[k];
      fillRows(dataset.X, offsets[k], s.plan, s.columns, t);
      s.columns = []; // dropped as soon as written, freed by the next collection
      await budget.note(s.plan.rowsValid * features.length * 8);
    }
    datasets.dev = dataset;
    splits.push({
      name: "dev",
      symbolDays: devSources.length,
      rows: dataset.rows,
      windows: dataset.length,
      xBytes: dataset.X.byteLength,
    });
    return t;
  });
  devSources.length = 0;
  step();

  // Val, test: each symbol-day scaled into the split's matrix as soon as it is read.
  for (const name of ["val", "test"] as const) {
    const files = options.files[name];
    if (files === undefined || files.length === 0) continue;
    // A full grid per file (pages past the rows written are never touched); grown if short.
    let X = new Float32Array(files.length * rowsPerDay * features.length);
    const plans: SourcePlan[] = [];
    const offsets: number[] = [];
    let rows = 0;
    for await (const { frame, file } of featureDays(files, name)) {
      {
        const s = await windowsOf(frame, file);
        await clock.time("scale", () => {
          const need = (rows + s.plan.storedValid.length) * features.length;
          if (need > X.length) {
            const grown = new Float32Array(Math.max(need, 2 * X.length));
            grown.set(X.subarray(0, rows * features.length));
            X = grown;
          }
          fillRows(X, rows, s.plan, s.columns, tables);
        });
        offsets.push(rows);
        rows += s.plan.storedValid.length;
        plans.push({ ...s.plan, storedValid: new Int32Array(0), validGroups: 0 });
        step();
      }
    }
    const dataset = assembleDataset(
      X.subarray(0, rows * features.length),
      plans,
      offsets,
      features,
      ds.history_T,
    );
    datasets[name] = dataset;
    splits.push({
      name,
      symbolDays: plans.length,
      rows,
      windows: dataset.length,
      xBytes: rows * features.length * 4,
    });
  }
  clock.seconds.total = (performance.now() - t0) / 1000;
  clock.cpuSeconds.total = cpuNow() - c0;
  return {
    rowsIn,
    gridRows,
    symbolDays,
    features,
    unavailable: (plan as FeaturePlan | null)?.unavailable.map((u) => u.name) ?? [],
    splits,
    datasets,
    seconds: clock.seconds,
    cpuSeconds: clock.cpuSeconds,
  };
}
