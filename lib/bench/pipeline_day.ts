/**
 * One source file through the typed-array path of the in-memory pipeline:
 * read (polars) → validate, consolidate and sample onto the decision grid
 * (`cleanSnapshotDays` for a clean snapshot file; otherwise the general
 * `validateTable` → `consolidateSymbolDay` → `sampleGridDay`) → features
 * (`computeFeatureColumns`, the typed-array twins of the polars
 * expressions) → validity, windows and targets (`planDay`). What comes out
 * is each symbol-day's {@linkcode SourcePlan} and its valid rows' feature
 * values in one shared buffer, so that a worker can hand them to the main
 * thread and to the other workers without copying.
 *
 * The same {@linkcode DayProcessor} runs inline (the stage-by-stage figures)
 * and inside `./pipeline_worker.ts` (the parallel end-to-end figure).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { join } from "node:path";
 * import { IngestSectionSchema, IngestSourceSchema } from "../config/schemas/ingest.ts";
 * import { FeaturesSectionSchema } from "../config/schemas/features.ts";
 * import { DatasetSectionSchema } from "../config/schemas/dataset.ts";
 * import { sourceFiles } from "../data/ingest/sources.ts";
 * import { syntheticSnapshots } from "./snapshot_source.ts";
 * import { DayProcessor } from "./pipeline_day.ts";
 * const dir = await Deno.makeTempDir();
 * syntheticSnapshots({ symbol: "A", date: "2024-01-02", sessionS: 120, seed: 1 })
 *   .writeParquet(join(dir, "A.parquet"));
 * const source = IngestSourceSchema.parse({ kind: "parquet", path: dir });
 * const p = new DayProcessor({
 *   source,
 *   ingest: IngestSectionSchema.parse({ session_end: "09:32:00", levels: 5 }),
 *   features: FeaturesSectionSchema.parse({ list: ["spread", "log_return_1"] }),
 *   dataset: DatasetSectionSchema.parse({
 *     splits: { dev: { start: "2024-01-02", end: "2024-01-02" } },
 *   }),
 * });
 * const [file] = await sourceFiles(source);
 * const out = await p.processFile(file, "dev");
 * assert.equal(out.days.length, 1);
 * assert.equal(out.days[0].plan.rowsIn, 1201); // 09:30:00.0 … 09:32:00.0 every 100 ms
 * assert.deepEqual(out.days[0].features, ["spread", "log_return_1"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import type { DatasetSection } from "../config/schemas/dataset.ts";
import type { FeaturesSection } from "../config/schemas/features.ts";
import type { IngestSection, IngestSource } from "../config/schemas/ingest.ts";
import { parseClockNs } from "../config/schemas/data.ts";
import { NativeMemoryBudget } from "../core/native_memory.ts";
import {
  cleanSnapshotDays,
  consolidateSymbolDay,
  groupBySymbolDay,
  readSourceFile,
  sampleGridDay,
  sampleOptions,
  type SourceFile,
  validateTable,
  ValidationReportBuilder,
} from "../data/ingest/mod.ts";
import type { GridDay } from "../data/interim/grid_day.ts";
import type { SourcePlan } from "../dataset/build.ts";
import type { FitSource, FitSpec } from "../dataset/scaler.ts";
import { planDay } from "../dataset/day_plan.ts";
import { type SplitName, splitOfDate } from "../dataset/splits.ts";
import type { BaseSeries } from "../features/base_series.ts";
import { computeFeatureColumns } from "../features/columnar.ts";
import { gridDaySourceInfo } from "../features/grid_day_info.ts";
import { featureParams } from "../features/job.ts";
import { type FeaturePlan, planFeatures } from "../features/pipeline.ts";

/** What a processor needs: the sections of the configs (structured-cloneable, for workers). */
export interface PipelineSetup {
  /** The source the files come from. */
  source: IngestSource;
  /** Grid and validation settings. */
  ingest: IngestSection;
  /** Feature list and parameters. */
  features: FeaturesSection;
  /** Splits, T and horizon. */
  dataset: DatasetSection;
}

/**
 * Valid-row feature values of a symbol-day: feature f's values are
 * `new Float64Array(buffer, offsets[f] * 8, rows)`. The buffer is shared
 * (a `SharedArrayBuffer`) when the processor runs in a worker.
 */
export interface ColumnBlock {
  buffer: ArrayBufferLike;
  offsets: number[];
  rows: number;
}

/** One symbol-day out of the processor. */
export interface ProcessedDay {
  symbol: string;
  date: string;
  /** Feature names (the plan's, in order). */
  features: string[];
  /** Requested features the data did not allow. */
  unavailable: string[];
  plan: SourcePlan;
  values: ColumnBlock;
}

/** Milliseconds (wall, of the processor's thread) per stage. */
export interface StageMs {
  ingest: number;
  features: number;
  windows: number;
}

/** One file out of the processor. */
export interface ProcessedFile {
  /** Book rows read. */
  rowsIn: number;
  /** Decision-grid rows of its symbol-days. */
  gridRows: number;
  days: ProcessedDay[];
  /** Whether the clean-snapshot fast path took it. */
  fast: boolean;
  ms: StageMs;
}

/** The Float64Array views of a {@linkcode ColumnBlock}. */
export function blockColumns(block: ColumnBlock): Float64Array[] {
  return block.offsets.map((o) => new Float64Array(block.buffer, o * 8, block.rows));
}

/** The scaler fit's view of dev days' values (blocks in `spec.features` order). */
export function fitSources(
  spec: FitSpec,
  sources: readonly { block: ColumnBlock; groups: number }[],
): FitSource[] {
  const column = new Map(spec.features.map((f, i) => [f, i]));
  return sources.map(({ block, groups }) => {
    const cols = blockColumns(block);
    return { rows: block.rows, groups, column: (name: string) => cols[column.get(name)!] };
  });
}

/** Processes source files one at a time (see the module doc). */
export class DayProcessor {
  readonly #setup: PipelineSetup;
  readonly #report: ValidationReportBuilder;
  readonly #session: { startNs: number; endNs: number };
  readonly #grid: ReturnType<typeof sampleOptions>;
  readonly #shared: boolean;
  /** Garbage per file: the polars frame, its columns copied out, the grid day. */
  readonly #budget = new NativeMemoryBudget(384 * 2 ** 20);
  #plan: FeaturePlan | null = null;
  #base: BaseSeries | null = null;

  /** `shared`: put values in SharedArrayBuffers (workers). */
  constructor(setup: PipelineSetup, options: { shared?: boolean } = {}) {
    this.#setup = setup;
    const cfg = setup.ingest;
    this.#report = new ValidationReportBuilder({
      strict: cfg.strict,
      maxExamples: cfg.max_examples,
      maxGapS: cfg.max_gap_s,
    });
    this.#session = {
      startNs: parseClockNs(cfg.session_start),
      endNs: parseClockNs(cfg.session_end),
    };
    this.#grid = sampleOptions(cfg);
    this.#shared = options.shared ?? false;
  }

  /** Reads `file` (of split `split`) and carries its symbol-days to plans and values. */
  async processFile(file: SourceFile, split: SplitName): Promise<ProcessedFile> {
    const { ingest: cfg, dataset: ds } = this.#setup;
    const ms: StageMs = { ingest: 0, features: 0, windows: 0 };
    let t0 = performance.now();
    const table = await readSourceFile(file, this.#setup.source, 0, cfg);
    const rowsIn = table.frame.height;
    this.#budget.add(3 * rowsIn * table.frame.width * 8);
    const opts = {
      strict: cfg.strict,
      report: this.#report,
      maxGapS: cfg.max_gap_s,
      session: this.#session,
    };
    let grids = cleanSnapshotDays(table, { ...opts, grid: this.#grid });
    const fast = grids !== null;
    if (grids === null) {
      const parts = validateTable(table, opts);
      grids = groupBySymbolDay(parts)
        .map((g) => consolidateSymbolDay(g, opts))
        .filter((d) => d !== null)
        .map((d) => sampleGridDay(d, this.#grid));
    }
    ms.ingest += performance.now() - t0;
    const days: ProcessedDay[] = [];
    let gridRows = 0;
    for (const g of grids) {
      if (splitOfDate(ds.splits, g.date) !== split) {
        throw new Error(
          `in-memory pipeline: ${file.file} holds ${g.symbol} ${g.date}, outside split ${split}`,
        );
      }
      gridRows += g.rows;
      t0 = performance.now();
      const plan = this.#planFor(g, file.file);
      const F = plan.features.length;
      const outs = this.#allocate(g.rows, F);
      // The base series' arrays are reused from day to day (mid is read by planDay before the next day).
      const { mid, columns, base } = computeFeatureColumns(g, plan, outs.columns, {
        reuse: this.#base ?? undefined,
      });
      this.#base = base;
      const t1 = performance.now();
      ms.features += t1 - t0;
      const planned = planDay({
        symbol: g.symbol,
        date: g.date,
        day: g.day,
        timeNs: g.timeNs,
        mid,
        columns,
      }, { T: ds.history_T, horizon: ds.target_horizon, label: file.file });
      days.push({
        symbol: g.symbol,
        date: g.date,
        features: plan.features.map((f) => f.name),
        unavailable: plan.unavailable.map((u) => u.name),
        plan: planned.plan,
        values: this.#block(planned.columns, outs.buffer),
      });
      ms.windows += performance.now() - t1;
    }
    await this.#budget.note(0);
    return { rowsIn, gridRows, days, fast, ms };
  }

  /** The feature plan: made on the first symbol-day, then checked to fit every later one. */
  #planFor(g: GridDay, file: string): FeaturePlan {
    const f = this.#setup.features;
    const plan = planFeatures(gridDaySourceInfo(g), {
      features: this.#plan === null ? f.list : this.#plan.features.map((x) => x.name),
      params: featureParams(f),
    });
    if (this.#plan === null) return this.#plan = plan;
    if (plan.unavailable.length > 0) {
      throw new Error(
        `in-memory pipeline: ${file} (${g.symbol} ${g.date}) lacks inputs of ${
          plan.unavailable.map((u) => u.name).join(", ")
        }, which the first symbol-day had`,
      );
    }
    return plan;
  }

  /** F output columns of n rows in one buffer. */
  #allocate(n: number, F: number): { buffer: ArrayBufferLike; columns: Float64Array[] } {
    const bytes = n * F * 8;
    const buffer = this.#shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    const columns = Array.from({ length: F }, (_, f) => new Float64Array(buffer, f * n * 8, n));
    return { buffer, columns };
  }

  /** The valid values as a block: views of `buffer` when they are, else one copy. */
  #block(columns: Float64Array[], buffer: ArrayBufferLike): ColumnBlock {
    const rows = columns.length === 0 ? 0 : columns[0].length;
    if (columns.every((c) => c.buffer === buffer)) {
      return { buffer, offsets: columns.map((c) => c.byteOffset / 8), rows };
    }
    const bytes = rows * columns.length * 8;
    const packed = this.#shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
    const out = new Float64Array(packed);
    columns.forEach((c, f) => out.set(c, f * rows));
    return { buffer: packed, offsets: columns.map((_, f) => f * rows), rows };
  }
}
