/**
 * The job behind `deno task features`: read every interim file
 * (`<input>/<symbol>/<date>.parquet`), plan the features once for the whole
 * run (so every output file has the same columns), compute them file by file
 * and write `<output>/<symbol>/<date>.parquet` (snappy-compressed, atomically) plus
 * `<output>/features.json`, the feature metadata: each feature's definition,
 * the features left out and why, where `ofi` came from, the parameters.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { listInterimFiles } from "./job.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.mkdir(`${dir}/AMZN`);
 * await Deno.writeFile(`${dir}/AMZN/2012-06-21.parquet`, new Uint8Array());
 * const files = await listInterimFiles(dir, []);
 * assert.deepEqual(files.map((f) => `${f.symbol} ${f.date}`), ["AMZN 2012-06-21"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { writeJsonAtomic } from "../core/atomic_write.ts";
import { InputError } from "../core/errors.ts";
import type { Progress } from "../core/progress.ts";
import { clockSeconds, type FeaturesSection } from "../config/schemas/features.ts";
import {
  checkColumns,
  computeFeatures,
  type FeaturePlan,
  inspectSource,
  type OfiSource,
  planFeatures,
  type SourceDay,
  type UnavailableFeature,
} from "./pipeline.ts";
import type { FeatureParams, FeatureSpec } from "./types.ts";

/** One interim file. */
export interface InterimFile {
  symbol: string;
  date: string;
  path: string;
}

const DATE_FILE = /^(\d{4}-\d{2}-\d{2})\.parquet$/;

/** The interim files under `input`, sorted by symbol and date; `symbols` [] = all. */
export async function listInterimFiles(
  input: string,
  symbols: readonly string[],
): Promise<InterimFile[]> {
  const dirs: string[] = [];
  try {
    if (symbols.length > 0) dirs.push(...symbols);
    else {
      for await (const e of Deno.readDir(input)) if (e.isDirectory) dirs.push(e.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
    throw new InputError({
      file: input,
      expected: "the interim store, a folder of <symbol>/<date>.parquet (deno task ingest)",
      found: "no such folder",
    });
  }
  const files: InterimFile[] = [];
  for (const symbol of dirs.sort()) {
    const dir = join(input, symbol);
    try {
      for await (const e of Deno.readDir(dir)) {
        const m = DATE_FILE.exec(e.name);
        if (e.isFile && m !== null) files.push({ symbol, date: m[1], path: join(dir, e.name) });
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) throw e;
      throw new InputError({
        file: dir,
        keyPath: "features.symbols",
        expected: `a folder of interim files for ${symbol}`,
        found: "no such folder",
      });
    }
  }
  if (files.length === 0) {
    throw new InputError({
      file: input,
      expected: "interim files <symbol>/<date>.parquet (deno task ingest)",
      found: "none",
    });
  }
  return files.sort((a, b) =>
    a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.date < b.date ? -1 : 1
  );
}

/** The feature parameters of a config section. */
export function featureParams(c: FeaturesSection): FeatureParams {
  return {
    depthLevels: c.depth_levels,
    fastWindow: c.windows.fast,
    rsiPeriod: c.windows.rsi,
    sessionOpenS: clockSeconds(c.session.open),
    sessionCloseS: clockSeconds(c.session.close),
    tickSize: c.tick_size,
    decisionMs: c.decision_ms,
  };
}

/** A feature as `features.json` describes it. */
export interface FeatureMetadata extends FeatureSpec {
  /** For `ofi`: where its values came from. */
  source?: string;
}

/** The content of `features.json` (also the run summary, with the output list). */
export interface FeaturesSummary {
  input: string;
  output: string;
  /** Columns of every output file, in order. */
  columns: string[];
  /** The computed features, with their definitions. */
  features: FeatureMetadata[];
  /** Requested features left out, and why. */
  unavailable: UnavailableFeature[];
  ofiSource: OfiSource;
  params: FeatureParams;
  notes: string[];
  /** One entry per symbol-day written. */
  files: { symbol: string; date: string; rows: number; path: string }[];
  rows: number;
}

/** What {@linkcode loadFeatureInputs} learned: the files, their days and the plan. */
export interface FeatureInputs {
  files: InterimFile[];
  /** Rows of each file, in `files` order. */
  rows: number[];
  plan: FeaturePlan;
}

/**
 * Lists and inspects the interim files and plans the features. Call it
 * before opening the run folder: bad input stops the command with nothing
 * written. Throws an {@linkcode InputError} naming the file for a missing
 * column or a file holding another symbol or date than its path says.
 */
export async function loadFeatureInputs(c: FeaturesSection): Promise<FeatureInputs> {
  const files = await listInterimFiles(c.input, c.symbols);
  const days: SourceDay[] = [];
  const rows: number[] = [];
  let levels = Infinity;
  for (const f of files) {
    const lazy = pl.scanParquet(f.path);
    checkColumns(lazy.columns, f.path);
    const info = inspectSource(lazy);
    const wrong = info.days.find((d) => d.symbol !== f.symbol || d.date !== f.date);
    if (wrong !== undefined || info.days.length === 0) {
      throw new InputError({
        file: f.path,
        expected: `rows of ${f.symbol} on ${f.date} only`,
        found: wrong === undefined ? "no rows" : `rows of ${wrong.symbol} on ${wrong.date}`,
      });
    }
    days.push(...info.days);
    rows.push(info.days[0].rows);
    levels = Math.min(levels, info.levels);
  }
  const plan = planFeatures(
    { columns: [], levels, days },
    { features: c.list, params: featureParams(c) },
  );
  return { files, rows, plan };
}

/** Callbacks of {@linkcode runFeaturesJob}. */
export interface FeaturesJobHooks {
  /** A diagnostic line (the plan's notes). */
  log?: (line: string) => void;
  /** Progress over files. */
  progress?: Progress;
}

/** The metadata entries of a plan's features. */
export function featureMetadata(plan: FeaturePlan): FeatureMetadata[] {
  return plan.features.map((f) => {
    const m: FeatureMetadata = { name: f.name, family: f.family, definition: f.definition };
    if (f.window !== undefined) m.window = f.window;
    if (f.name === "ofi_rolling") m.window = plan.params.fastWindow;
    if (f.name === "rsi") m.window = plan.params.rsiPeriod;
    if (f.needs !== undefined) m.needs = f.needs;
    if (f.name === "ofi" || f.name === "ofi_rolling") {
      const s = plan.ofiSource.summary;
      m.source = s === "events"
        ? "events (ofi_events) in every symbol-day"
        : s === "snapshots"
        ? "consecutive grid snapshots in every symbol-day (no event data)"
        : "mixed: see ofiSource.days";
    }
    return m;
  });
}

/** Symbol-days computed at the same time (polars runs each on its thread pool). */
const CONCURRENT_DAYS = 2;

let tempCounter = 0;

/**
 * Computes and writes the features of every input file; returns the summary.
 * Each file is one lazy polars query, interim Parquet in and feature Parquet
 * out (`sinkParquet` to a temporary file beside the target, then a rename:
 * atomic), run asynchronously, two symbol-days at a time.
 */
export async function runFeaturesJob(
  c: FeaturesSection,
  inputs: FeatureInputs,
  hooks: FeaturesJobHooks = {},
): Promise<FeaturesSummary> {
  const { files, plan } = inputs;
  for (const note of plan.notes) hooks.log?.(note);
  // One file is one symbol-day (checked by loadFeatureInputs).
  const query = (f: InterimFile) =>
    computeFeatures(pl.scanParquet(f.path), plan, { singleDay: true, day: f });
  const columns = files.length === 0 ? [] : query(files[0]).columns;
  const written: FeaturesSummary["files"] = new Array(files.length);
  const writeOne = async (k: number): Promise<void> => {
    const f = files[k];
    const path = join(c.output, f.symbol, `${f.date}.parquet`);
    await Deno.mkdir(join(c.output, f.symbol), { recursive: true });
    const tmp = `${path}.tmp-${Deno.pid}-${++tempCounter}`;
    try {
      await query(f).sinkParquet(tmp, { compression: "snappy" }).collect();
      await Deno.rename(tmp, path);
    } catch (err) {
      await Deno.remove(tmp).catch(() => {});
      throw err;
    }
    written[k] = { symbol: f.symbol, date: f.date, rows: inputs.rows[k], path };
    hooks.progress?.tick();
  };
  let next = 0, failed = false;
  const worker = async () => {
    try {
      while (!failed && next < files.length) await writeOne(next++);
    } catch (err) {
      failed = true; // the other worker stops after its current file
      throw err;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_DAYS, files.length) }, worker));
  hooks.progress?.done();
  const summary: FeaturesSummary = {
    input: c.input,
    output: c.output,
    columns,
    features: featureMetadata(plan),
    unavailable: plan.unavailable,
    ofiSource: plan.ofiSource,
    params: plan.params,
    notes: plan.notes,
    files: written,
    rows: written.reduce((s, f) => s + f.rows, 0),
  };
  await writeJsonAtomic(join(c.output, "features.json"), summary);
  return summary;
}
