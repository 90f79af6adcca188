/**
 * Benchmark of the feature stage (not a test: nothing here asserts a time).
 * On generated interim data (`synthetic.ts`, 5 book levels, event data) it
 * measures: the default 28 features computed in memory over many symbol-days;
 * the rolling features alone on the first `rollingRows` rows; the whole
 * stage through files (read interim Parquet, compute, write feature Parquet
 * and features.json, as `deno task features` does); and the online
 * calculator, one row at a time.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { benchFeatureStage } from "./bench.ts";
 * const r = await benchFeatureStage({ rows: 3000, rowsPerDay: 1000, rollingRows: 2000 });
 * assert.equal(r.rows, 3000);
 * assert(r.inMemory.rowsPerSecond > 0 && r.files.rowsPerSecond > 0 && r.online.rowsPerSecond > 0);
 * ```
 * @module
 */

import { join } from "node:path";
import process from "node:process";
import pl from "nodejs-polars";
import { MemorySampler } from "../bench/memory.ts";
import { FeaturesConfigSchema } from "../config/schemas/features.ts";
import { loadFeatureInputs, runFeaturesJob } from "./job.ts";
import { DEFAULT_FEATURES } from "./names.ts";
import { OnlineFeatures } from "./online.ts";
import type { GridRow } from "./online_row.ts";
import { computeFeatures, inspectSource, planFeatures } from "./pipeline.ts";
import { syntheticInterim } from "./synthetic.ts";

/** Options of {@linkcode benchFeatureStage}. */
export interface FeatureBenchOptions {
  /** Total generated rows (default 10M). */
  rows?: number;
  /** Rows per symbol-day (default 234,001: 09:30–16:00 every 100 ms). */
  rowsPerDay?: number;
  /** Rows for the rolling-features-only measurement (default 2M). */
  rollingRows?: number;
  /** Seed of the generated data (default 1). */
  seed?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** A timed step. */
export interface Timed {
  rows: number;
  /** Wall-clock seconds. */
  seconds: number;
  rowsPerSecond: number;
  /** CPU seconds of the process (all threads, user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
}

/** Figures of {@linkcode benchFeatureStage}. */
export interface FeatureBenchResult {
  rows: number;
  symbolDays: number;
  features: number;
  /** Default features on one in-memory frame of all symbol-days (lazy plan, collected). */
  inMemory: Timed;
  /** realized_vol, hl_vol, sma (n ∈ {10, 20, 50}) and ofi_rolling on the first `rollingRows` rows. */
  rolling: Timed;
  /** `deno task features`' job: Parquet in, features computed per file, Parquet out. */
  files: Timed;
  /** The online calculator on one symbol-day, default features. */
  online: Timed;
  /** Largest resident set seen, bytes. */
  peakRssBytes: number;
}

function cpuNow(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
}

function timed<T>(rows: number, fn: () => T): [T, Timed] {
  const c0 = cpuNow(), t0 = performance.now();
  const out = fn();
  const seconds = (performance.now() - t0) / 1000;
  return [out, { rows, seconds, rowsPerSecond: rows / seconds, cpuSeconds: cpuNow() - c0 }];
}

async function timedAsync<T>(rows: number, fn: () => Promise<T>): Promise<[T, Timed]> {
  const c0 = cpuNow(), t0 = performance.now();
  const out = await fn();
  const seconds = (performance.now() - t0) / 1000;
  return [out, { rows, seconds, rowsPerSecond: rows / seconds, cpuSeconds: cpuNow() - c0 }];
}

/** The online calculator's input rows of one symbol-day of an interim frame. */
function gridRowsOf(frame: pl.DataFrame): GridRow[] {
  const ns = frame.select(
    pl.col("ts").cast(pl.Int64).modulo(pl.lit(86_400_000_000_000).cast(pl.Int64))
      .cast(pl.Float64).alias("ns"),
  ).getColumn("ns");
  const num = (s: pl.Series) =>
    Float64Array.from(s.cast(pl.Float64).toArray() as (number | null)[], (v) => v ?? NaN);
  const col = (c: string) => num(frame.getColumn(c));
  const t = num(ns), tick = col("tick_size"), bid = col("best_bid"), ask = col("best_ask");
  const trades = col("trade_count"), cancels = col("cancel_count");
  const hi = col("mid_high"), lo = col("mid_low"), ofi = col("ofi_events");
  const levels = frame.columns.filter((c) => /^bid_qty_\d+$/.test(c)).length;
  const bq = Array.from({ length: levels }, (_, k) => col(`bid_qty_${k + 1}`));
  const aq = Array.from({ length: levels }, (_, k) => col(`ask_qty_${k + 1}`));
  const date = String(frame.getColumn("date").get(0));
  return Array.from({ length: frame.height }, (_, i) => ({
    date,
    timeNs: t[i],
    tickSize: tick[i],
    bestBid: bid[i],
    bestAsk: ask[i],
    bidQty: bq.map((q) => q[i]),
    askQty: aq.map((q) => q[i]),
    tradeCount: trades[i],
    cancelCount: cancels[i],
    midHigh: hi[i],
    midLow: lo[i],
    ofiEvents: ofi[i],
  }));
}

/** Runs the benchmark (see the module doc). */
export async function benchFeatureStage(
  options: FeatureBenchOptions = {},
): Promise<FeatureBenchResult> {
  const rows = options.rows ?? 10_000_000;
  const rowsPerDay = Math.min(options.rowsPerDay ?? 234_001, rows);
  const log = options.log ?? (() => {});
  const mem = new MemorySampler();
  const symbolDays = Math.ceil(rows / rowsPerDay);
  const symbols = Array.from({ length: symbolDays }, (_, i) => `S${String(i).padStart(3, "0")}`);
  log(`generating ${rows.toLocaleString("en-US")} rows in ${symbolDays} symbol-days`);
  const all = syntheticInterim({ symbols, rowsPerDay, seed: options.seed ?? 1 }).head(rows);
  mem.sample();

  const plan = planFeatures(inspectSource(all), { features: DEFAULT_FEATURES });
  log("computing the default features in memory");
  const [out, inMemory] = timed(rows, () => computeFeatures(all, plan).collectSync());
  mem.sample();
  if (out.height !== rows) throw new Error(`bench: ${out.height} rows out, ${rows} in`);

  const rollingRows = Math.min(options.rollingRows ?? 2_000_000, rows);
  const rollingPlan = planFeatures(inspectSource(all.head(rollingRows)), {
    features: [10, 20, 50].flatMap((n) => [`realized_vol_${n}`, `hl_vol_${n}`, `sma_${n}`])
      .concat("ofi_rolling"),
  });
  log("computing the rolling features alone");
  const [, rolling] = timed(
    rollingRows,
    () => computeFeatures(all.head(rollingRows), rollingPlan, { sorted: true }).collectSync(),
  );

  const dir = await Deno.makeTempDir({ prefix: "features-bench-" });
  try {
    const input = join(dir, "interim");
    for (const [i, symbol] of symbols.entries()) {
      await Deno.mkdir(join(input, symbol), { recursive: true });
      all.slice(i * rowsPerDay, rowsPerDay).writeParquet(join(input, symbol, "2024-01-02.parquet"));
    }
    const c = FeaturesConfigSchema.parse({ features: { input, output: join(dir, "features") } })
      .features;
    log("running the job: Parquet in, Parquet out");
    const [, files] = await timedAsync(rows, async () => {
      const inputs = await loadFeatureInputs(c);
      return await runFeaturesJob(c, inputs);
    });
    mem.sample();

    const day = gridRowsOf(all.head(rowsPerDay));
    const calc = new OnlineFeatures({ params: { decisionMs: 100 } });
    log("online calculator");
    const [, online] = timed(day.length, () => {
      for (const r of day) calc.update(r);
    });
    mem.sample();
    return {
      rows,
      symbolDays,
      features: plan.features.length,
      inMemory,
      rolling,
      files,
      online,
      peakRssBytes: mem.peakRss,
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
