/**
 * The data-pipeline benchmark behind `deno task bench features` (not a test:
 * nothing here asserts a time): ingest → features → scale → windows on
 * generated book snapshots (default 10 million rows: 4 symbols × 11 days of
 * a random-walk book, 5 levels, one snapshot per ~100 ms on average; see
 * `./snapshot_source.ts`) and on a real LOBSTER day (the AMZN sample, run
 * first, while the process is still small), each measured two ways:
 *
 * - **in memory**: `./in_memory_pipeline.ts`, typed arrays passed from stage
 *   to stage (polars reads the files; the feature kernels are the polars
 *   expressions' tested twins), one symbol-day at a time, from reading the
 *   source files to the scaled float32 matrices; run twice: on the main
 *   thread, stage after stage (the per-stage figures), then spread over Web
 *   Workers, files and scaler fit alike (the end-to-end figure);
 * - **files**: the jobs behind `deno task ingest`, `features` and `dataset`
 *   (interim and feature Parquet written and read back, dataset files written).
 *
 * Splits by date: dev the first 7 of the 11 days, val the next 2, test the
 * last 2 (the LOBSTER day: dev only). Rows per second are counted on the rows
 * each stage reads: source rows (snapshots or LOBSTER messages) for ingest
 * and end to end, decision-grid rows for the later stages. Peak memory: the
 * resident set sampled (`Deno.memoryUsage`) after every step of every
 * symbol-day and every 5 ms while the main thread waits, over the final
 * float32 matrices' bytes; the kernel's high-water mark (`VmHWM`, Linux) is
 * reported beside it as a check where `/proc/self/status` may be read (Deno
 * allows that only with `--allow-all`; null under `deno task bench`): it
 * covers every moment since the process started, earlier runs included.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { runFeaturesBench } from "./features_bench.ts";
 * const r = await runFeaturesBench({
 *   rows: 3000, symbols: 1, days: 3, sessionS: 120, lobsterMessageFile: null,
 * });
 * const g = r.generated.inMemory;
 * assert.equal(g.gridRows, 3 * 1201); // 09:30:00.0 … 09:32:00.0 every 100 ms
 * assert.equal(g.features, 26); // the default 28 but the two event intensities
 * assert(g.endToEnd.rowsPerSecond > 0 && g.matrixBytes > 0 && g.peakOverMatrix > 0);
 * assert.deepEqual(g.splits.map((s) => s.name), ["dev", "val", "test"]);
 * assert(r.generated.files !== null && r.generated.files.endToEnd.rows === r.generated.rows);
 * ```
 * @module
 */

import { join } from "node:path";
import process from "node:process";
import { DatasetSectionSchema } from "../config/schemas/dataset.ts";
import type { DatasetSection } from "../config/schemas/dataset.ts";
import { FeaturesSectionSchema } from "../config/schemas/features.ts";
import { IngestSectionSchema, IngestSourceSchema } from "../config/schemas/ingest.ts";
import type { IngestSection, IngestSource } from "../config/schemas/ingest.ts";
import { releaseNativeMemory } from "../core/native_memory.ts";
import { runIngest, type SourceFile, sourceFiles } from "../data/ingest/mod.ts";
import { loadFeatureInputs, runFeaturesJob } from "../features/job.ts";
import { runDatasetJob } from "../dataset/build_job.ts";
import type { SplitName } from "../dataset/splits.ts";
import { tradingDays } from "../jobs/trading_days.ts";
import { MemorySampler } from "./memory.ts";
import {
  type InMemoryPipelineResult,
  PIPELINE_STAGES,
  type PipelineStage,
  runInMemoryPipeline,
} from "./in_memory_pipeline.ts";
import { syntheticSnapshots } from "./snapshot_source.ts";

/** Options of {@linkcode runFeaturesBench}. */
export interface FeaturesBenchOptions {
  /** Generated snapshot rows, about (default 10,000,000). */
  rows?: number;
  /** Days (default 11; at least 3, for the three splits). */
  days?: number;
  /**
   * Symbols (default: enough for a snapshot every 100 ms or more often on
   * average: 4 for 10M rows over 11 full days).
   */
  symbols?: number;
  /** Session length of the generated days, seconds (default 23,400: 09:30–16:00). */
  sessionS?: number;
  /** Book levels (default 5). */
  levels?: number;
  /** Seed (default 1). */
  seed?: number;
  /** A LOBSTER message file to run as well, or null (default: the AMZN sample, skipped when absent). */
  lobsterMessageFile?: string | null;
  /** Web Workers of the parallel in-memory run (default: the number of CPUs). */
  workers?: number;
  /** Also run the file-based jobs (default true). */
  files?: boolean;
  /** Folder for the generated and intermediate files, removed at the end (default: the system's temp folder). */
  workDir?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** A timed stage. */
export interface StageFigure {
  /** Rows the stage read. */
  rows: number;
  /** Wall-clock seconds. */
  seconds: number;
  /** CPU seconds of the process, all threads. */
  cpuSeconds: number;
  rowsPerSecond: number;
}

/** Memory figures of a run. */
export interface MemoryFigures {
  /** Resident set before the run. */
  baselineRssBytes: number;
  /** Largest resident set sampled during the run. */
  peakRssBytes: number;
  /**
   * The kernel's high-water mark of the process's resident set (Linux) at the
   * end of the run, or null: every moment since the process started, this run
   * and the ones before it included.
   */
  kernelPeakRssBytes: number | null;
  /** Bytes of the final float32 feature matrices (all splits). */
  matrixBytes: number;
  /** Sampled peak / matrix bytes. */
  peakOverMatrix: number;
  /** (sampled peak − baseline) / matrix bytes. */
  growthOverMatrix: number;
}

/** Figures of the in-memory run. */
export interface InMemoryFigures extends MemoryFigures {
  /**
   * Web Workers the files and the scaler fit were spread over (0: all on the
   * main thread, stage after stage). With workers the stage times overlap
   * (ingest, features and windows are summed over the workers' threads) and
   * only the end-to-end time is meaningful.
   */
  workers: number;
  /** Files the clean-snapshot fast path took (the rest went through the general checks). */
  fastFiles: number;
  rowsIn: number;
  gridRows: number;
  symbolDays: number;
  features: number;
  /** Requested features the data did not allow (e.g. the event intensities on snapshots). */
  unavailable: string[];
  stages: Record<PipelineStage, StageFigure>;
  /** The rest: scheduling, waiting, freeing dropped polars frames. */
  memoryRelease: StageFigure;
  /** From the first read to the last scaled row, source rows. */
  endToEnd: StageFigure;
  splits: { name: SplitName; symbolDays: number; rows: number; windows: number; xBytes: number }[];
}

/** Figures of the file-based run (the three jobs). */
export interface FileFigures {
  stages: Record<"ingest" | "features" | "dataset", StageFigure>;
  endToEnd: StageFigure;
  /** Largest resident set sampled between the jobs. */
  peakRssBytes: number;
  /** Bytes written: interim and feature Parquet, dataset folder. */
  bytesWritten: { interim: number; features: number; dataset: number };
}

/** Result of {@linkcode runFeaturesBench}. */
export interface FeaturesBenchResult {
  generated: {
    rows: number;
    symbols: number;
    days: number;
    symbolDays: number;
    levels: number;
    meanGapMs: number;
    /** Seconds to generate and write the source files (not part of any figure). */
    generateSeconds: number;
    sourceBytes: number;
    /** Stage by stage, one after the other: the per-stage figures. */
    inMemory: InMemoryFigures;
    /** The same spread over Web Workers: the end-to-end figure. */
    inMemoryParallel: InMemoryFigures;
    files: FileFigures | null;
  };
  lobster: {
    file: string;
    inMemory: InMemoryFigures;
    files: FileFigures | null;
  } | null;
  /** Skipped parts, with the reason. */
  notes: string[];
  target: { rowsPerSecond: number; peakOverMatrix: number };
}

/** The targets. */
export const FEATURES_BENCH_TARGET = { rowsPerSecond: 2_000_000, peakOverMatrix: 3 };

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

function figure(rows: number, seconds: number, cpuSeconds: number): StageFigure {
  return { rows, seconds, cpuSeconds, rowsPerSecond: seconds > 0 ? rows / seconds : 0 };
}

/** The kernel's peak resident set of this process (VmHWM), or null where unavailable. */
export function kernelPeakRss(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(Deno.readTextFileSync("/proc/self/status"));
    return m === null ? null : Number(m[1]) * 1024;
  } catch {
    return null;
  }
}

async function folderBytes(path: string): Promise<number> {
  let total = 0;
  try {
    for await (const e of Deno.readDir(path)) {
      const p = join(path, e.name);
      if (e.isDirectory) total += await folderBytes(p);
      else if (e.isFile) total += (await Deno.stat(p)).size;
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  return total;
}

interface Setup {
  source: IngestSource;
  files: Partial<Record<SplitName, SourceFile[]>>;
  ingest: IngestSection;
  dataset: DatasetSection;
}

async function inMemoryRun(s: Setup, workers: number): Promise<InMemoryFigures> {
  await releaseNativeMemory();
  const mem = new MemorySampler();
  const baseline = Deno.memoryUsage().rss;
  const timer = setInterval(() => mem.sample(), 5); // fires while polars works in the background
  let r: InMemoryPipelineResult;
  try {
    r = await runInMemoryPipeline({
      files: s.files,
      source: s.source,
      ingest: s.ingest,
      features: FeaturesSectionSchema.parse({}),
      dataset: s.dataset,
      onStep: () => mem.sample(),
      workers,
    });
  } finally {
    clearInterval(timer);
  }
  mem.sample();
  const kernel = kernelPeakRss();
  const matrixBytes = r.splits.reduce((a, x) => a + x.xBytes, 0);
  const stages = {} as Record<PipelineStage, StageFigure>;
  let staged = 0, stagedCpu = 0;
  for (const st of PIPELINE_STAGES) {
    stages[st] = figure(st === "ingest" ? r.rowsIn : r.gridRows, r.seconds[st], r.cpuSeconds[st]);
    staged += r.seconds[st];
    stagedCpu += r.cpuSeconds[st];
  }
  return {
    workers: r.workers,
    fastFiles: r.fastFiles,
    rowsIn: r.rowsIn,
    gridRows: r.gridRows,
    symbolDays: r.symbolDays,
    features: r.features.length,
    unavailable: r.unavailable,
    stages,
    memoryRelease: figure(r.gridRows, r.seconds.total - staged, r.cpuSeconds.total - stagedCpu),
    endToEnd: figure(r.rowsIn, r.seconds.total, r.cpuSeconds.total),
    splits: r.splits,
    baselineRssBytes: baseline,
    peakRssBytes: mem.peakRss,
    kernelPeakRssBytes: kernel,
    matrixBytes,
    peakOverMatrix: mem.peakRss / matrixBytes,
    growthOverMatrix: (mem.peakRss - baseline) / matrixBytes,
  };
}

async function filesRun(s: Setup, dir: string, rowsIn: number, gridRows: number) {
  await releaseNativeMemory();
  const mem = new MemorySampler();
  const ingest = { ...s.ingest, sources: [s.source], interim_dir: join(dir, "interim") };
  const timed = async (rows: number, fn: () => Promise<unknown>) => {
    const c0 = cpuNow(), t0 = performance.now();
    await fn();
    mem.sample();
    return figure(rows, (performance.now() - t0) / 1000, cpuNow() - c0);
  };
  const ing = await timed(rowsIn, () => runIngest(ingest));
  const fcfg = FeaturesSectionSchema.parse({
    input: ingest.interim_dir,
    output: join(dir, "features"),
  });
  const feat = await timed(
    gridRows,
    async () => runFeaturesJob(fcfg, await loadFeatureInputs(fcfg)),
  );
  const dcfg = { ...s.dataset, features_dir: fcfg.output, out: join(dir, "datasets") };
  const data = await timed(gridRows, () => runDatasetJob(dcfg));
  const seconds = ing.seconds + feat.seconds + data.seconds;
  const cpu = ing.cpuSeconds + feat.cpuSeconds + data.cpuSeconds;
  const figures: FileFigures = {
    stages: { ingest: ing, features: feat, dataset: data },
    endToEnd: figure(rowsIn, seconds, cpu),
    peakRssBytes: mem.peakRss,
    bytesWritten: {
      interim: await folderBytes(ingest.interim_dir),
      features: await folderBytes(fcfg.output),
      dataset: await folderBytes(dcfg.out),
    },
  };
  await Deno.remove(ingest.interim_dir, { recursive: true });
  await Deno.remove(fcfg.output, { recursive: true });
  await Deno.remove(dcfg.out, { recursive: true });
  return figures;
}

/** Runs the benchmark (see the module doc). */
export async function runFeaturesBench(
  options: FeaturesBenchOptions = {},
): Promise<FeaturesBenchResult> {
  const log = options.log ?? (() => {});
  const rows = options.rows ?? 10_000_000;
  const days = Math.max(3, options.days ?? 11);
  const sessionS = options.sessionS ?? 23_400;
  const symbols = options.symbols ?? Math.max(1, Math.ceil(rows / (days * sessionS * 10)));
  const levels = options.levels ?? 5;
  const seed = options.seed ?? 1;
  const symbolDays = symbols * days;
  const meanGapMs = (sessionS * 1000 * symbolDays) / rows;
  const dates = tradingDays("2024-01-02", days);
  const nDev = Math.min(days - 2, Math.max(1, Math.round(days * 7 / 11)));
  const nVal = Math.max(1, Math.floor((days - nDev) / 2));
  const range = (a: number, b: number) => ({ start: dates[a], end: dates[b] });
  const notes: string[] = [];
  if (options.workDir !== undefined) await Deno.mkdir(options.workDir, { recursive: true });
  const dir = await Deno.makeTempDir({ dir: options.workDir, prefix: "features-bench-" });
  try {
    let lobster: FeaturesBenchResult["lobster"] = null;
    const lob = options.lobsterMessageFile === undefined
      ? "../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv"
      : options.lobsterMessageFile;
    if (lob !== null) {
      let present = true;
      try {
        await Deno.stat(lob);
      } catch {
        present = false;
        notes.push(`${lob} not found: the LOBSTER part was skipped`);
        log(`note: ${lob} not found; skipping the LOBSTER part`);
      }
      if (present) {
        const src = IngestSourceSchema.parse({ kind: "lobster", path: lob });
        const pair = await sourceFiles(src);
        const date = pair[0].pair!.date;
        const lsetup: Setup = {
          source: src,
          files: { dev: pair },
          ingest: IngestSectionSchema.parse({ levels: pair[0].pair!.levels, compression: "lz4" }),
          dataset: DatasetSectionSchema.parse({
            min_samples: 1,
            splits: { dev: { start: date, end: date } },
          }),
        };
        log(`LOBSTER ${lob}: in memory`);
        const lm = await inMemoryRun(lsetup, 0);
        const lf = options.files === false
          ? null
          : await filesRun(lsetup, dir, lm.rowsIn, lm.gridRows);
        lobster = { file: lob, inMemory: lm, files: lf };
      }
    }
    // Generate the source files (one per symbol-day), not timed as part of the pipeline.
    const raw = join(dir, "raw");
    await Deno.mkdir(raw);
    log(
      `generating ~${
        rows.toLocaleString("en-US")
      } snapshot rows: ${symbols} symbols × ${days} days, ${levels} levels`,
    );
    const g0 = performance.now();
    let generatedRows = 0;
    for (const date of dates) {
      for (let k = 0; k < symbols; k++) {
        const symbol = `SYN${k}`;
        const frame = syntheticSnapshots({ symbol, date, levels, sessionS, meanGapMs, seed });
        generatedRows += frame.height;
        frame.writeParquet(join(raw, `${date}_${symbol}.parquet`), { compression: "lz4" });
      }
      await releaseNativeMemory();
    }
    const generateSeconds = (performance.now() - g0) / 1000;
    const sourceBytes = await folderBytes(raw);
    const source = IngestSourceSchema.parse({ kind: "parquet", path: raw, table: "book" });
    const all = await sourceFiles(source); // date-first names: in date order
    const splitOf = (f: SourceFile): SplitName => {
      const i = dates.indexOf(f.file.slice(raw.length + 1, raw.length + 11));
      return i < nDev ? "dev" : i < nDev + nVal ? "val" : "test";
    };
    const files: Setup["files"] = { dev: [], val: [], test: [] };
    for (const f of all) files[splitOf(f)]!.push(f);
    const endS = 34_200 + sessionS;
    const clock = (s: number) =>
      [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60].map((x) => String(x).padStart(2, "0"))
        .join(":");
    const setup: Setup = {
      source,
      files,
      ingest: IngestSectionSchema.parse({
        session_end: clock(endS),
        levels,
        compression: "lz4",
      }),
      dataset: DatasetSectionSchema.parse({
        min_samples: 1,
        splits: {
          dev: range(0, nDev - 1),
          val: range(nDev, nDev + nVal - 1),
          test: range(nDev + nVal, days - 1),
        },
      }),
    };
    log("in memory: ingest → features → windows → scale, stage by stage");
    const inMemory = await inMemoryRun(setup, 0);
    const workers = options.workers ?? navigator.hardwareConcurrency ?? 2;
    log(`in memory, spread over ${workers} workers`);
    const inMemoryParallel = await inMemoryRun(setup, workers);
    let filesFigures: FileFigures | null = null;
    if (options.files !== false) {
      log("files: deno task ingest, features, dataset");
      filesFigures = await filesRun(setup, dir, inMemory.rowsIn, inMemory.gridRows);
    }
    await Deno.remove(raw, { recursive: true });

    return {
      generated: {
        rows: generatedRows,
        symbols,
        days,
        symbolDays,
        levels,
        meanGapMs,
        generateSeconds,
        sourceBytes,
        inMemory,
        inMemoryParallel,
        files: filesFigures,
      },
      lobster,
      notes,
      target: FEATURES_BENCH_TARGET,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
