/**
 * Automatic data preparation before training (the original design's
 * behaviour): when the data a training config names does not exist yet,
 * `deno task train` builds it through the pipeline first and says so.
 *
 * - `environment.market: replay` and the replay message file is missing:
 *   when it lies under the data config's `simulate.out` (data/sim by
 *   default), the simulate job (`deno task simulate`, configs/data.yaml)
 *   creates it; its symbol, date, session hours and book levels come from the
 *   LOBSTER file name (`SYMBOL_DATE_START_END_message_LEVELS.csv` in
 *   `<out>/<SYMBOL>/<DATE>/`). A missing file anywhere else is an error.
 * - `environment.scaler` is set and missing: the prepare job (ingest →
 *   features → dataset) builds it, simulating first into every `sim` ingest
 *   source that has no data yet (the synthetic fallback).
 *
 * Each step is logged, e.g. `no data at data/sim/SIM/2024-01-02/…: simulating
 * 1 day with the abides model → data/sim … done in 12.3 s`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterMessageName } from "./train_data.ts";
 * const p = parseLobsterMessageName("SIM_2024-01-02_34200000_57600000_message_10.csv");
 * assert.deepEqual(p, {
 *   symbol: "SIM", date: "2024-01-02", sessionStart: "09:30:00", sessionEnd: "16:00:00", levels: 10,
 * });
 * assert.equal(parseLobsterMessageName("notes.csv"), null);
 * ```
 * @module
 */

import { basename, isAbsolute, relative, resolve } from "node:path";
import { UsageError } from "../core/errors.ts";
import { createRunDir } from "../core/run_dir.ts";
import { loadConfig } from "../config/load.ts";
import { type DataConfig, DataConfigSchema } from "../config/schemas/data.ts";
import { FeaturesConfigSchema } from "../config/schemas/features.ts";
import type { EnvironmentSection } from "../config/schemas/environment.ts";
import { runSimulateJob } from "./simulate_job.ts";
import { marketSimulators } from "./market_simulators.ts";
import { tradingDays } from "./trading_days.ts";
import { pathExists } from "../core/path_exists.ts";

/** Options of {@linkcode ensureTrainingData}. */
export interface TrainDataOptions {
  /** Diagnostic lines (one per step). */
  log?: (line: string) => void;
  /** Data config (simulate, ingest, dataset sections); default configs/data.yaml. */
  dataConfig?: string;
  /** Features config of the prepare job; default configs/features.yaml. */
  featuresConfig?: string;
  /** Replaces the prepare step (tests); the default runs the prepare job as described above. */
  prepare?: (env: EnvironmentSection, log: (line: string) => void) => Promise<void>;
}

/** One thing built. */
export interface DataStep {
  /** simulate (a day of market data) or prepare (ingest → features → dataset). */
  step: "simulate" | "prepare";
  /** The missing path that caused it. */
  missing: string;
  /** Where it wrote. */
  out: string;
  /** Wall-clock seconds. */
  seconds: number;
}

/** What a LOBSTER message file name says about its session. */
export interface LobsterMessageName {
  symbol: string;
  date: string;
  /** HH:MM:SS. */
  sessionStart: string;
  sessionEnd: string;
  levels: number;
}

function clockOf(ms: number): string | null {
  if (ms % 1000 !== 0) return null;
  const s = ms / 1000;
  const p = (x: number) => String(x).padStart(2, "0");
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}`;
}

/** Parses `SYMBOL_DATE_START_END_message_LEVELS.csv` (null when the name is not one). */
export function parseLobsterMessageName(path: string): LobsterMessageName | null {
  const m = /^([^_]+)_(\d{4}-\d{2}-\d{2})_(\d+)_(\d+)_message_(\d+)\.csv$/.exec(basename(path));
  if (m === null) return null;
  const sessionStart = clockOf(Number(m[3])), sessionEnd = clockOf(Number(m[4]));
  if (sessionStart === null || sessionEnd === null) return null;
  return { symbol: m[1], date: m[2], sessionStart, sessionEnd, levels: Number(m[5]) };
}

/** Whether `path` is a missing or empty folder (or a missing file). */
async function hasNoData(path: string): Promise<boolean> {
  try {
    const st = await Deno.stat(path);
    if (!st.isDirectory) return false;
    for await (const e of Deno.readDir(path)) if (!e.name.startsWith(".")) return false;
    return true;
  } catch {
    return true;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Runs the simulate job of `file` with `extra` overrides, logging the step. */
async function simulate(
  file: string,
  extra: Record<string, unknown>,
  missing: string,
  log: (line: string) => void,
): Promise<DataStep> {
  const loaded = await loadConfig(DataConfigSchema, { file, extra });
  const cfg = loaded.config.simulate;
  const t0 = performance.now();
  log(
    `no data at ${missing}: simulating ${plural(cfg.days, "day")} of ${
      cfg.symbols.join(", ")
    } with the ${cfg.model} model (${cfg.session_start}–${cfg.session_end}, ${file}) → ${cfg.out} …`,
  );
  const run = await createRunDir({
    command: "simulate",
    out: cfg.out,
    config: loaded.config,
    configHash: loaded.hash,
    configYaml: loaded.yaml,
    seed: cfg.seed,
    argv: [],
  });
  const summary = await runSimulateJob(cfg, run, { simulators: marketSimulators(loaded.config) });
  await run.finish(summary);
  const seconds = (performance.now() - t0) / 1000;
  log(
    `simulate: ${
      plural(summary.totals.sessions, "session")
    }, ${summary.totals.events} events → ${cfg.out} … done in ${seconds.toFixed(1)} s`,
  );
  return { step: "simulate", missing, out: cfg.out, seconds };
}

/** Simulates the missing replay message file (under `simulate.out`). */
async function simulateReplayFile(
  messageFile: string,
  dataFile: string,
  log: (line: string) => void,
): Promise<DataStep> {
  const data: DataConfig = (await loadConfig(DataConfigSchema, { file: dataFile })).config;
  const out = data.simulate.out;
  const name = parseLobsterMessageName(messageFile);
  if (!isInside(messageFile, out) || name === null) {
    throw new UsageError(
      `environment.replay.message_file: expected an existing LOBSTER message file, or one under ${out} (simulate.out of ${dataFile}) named SYMBOL_DATE_START_END_message_LEVELS.csv that deno task simulate can create; found ${messageFile}, which does not exist`,
    );
  }
  const s = data.simulate;
  const covered = tradingDays(s.start_date, s.days).includes(name.date);
  const step = await simulate(
    dataFile,
    {
      "simulate.symbols": s.symbols.includes(name.symbol) ? s.symbols : [name.symbol],
      "simulate.start_date": covered ? s.start_date : name.date,
      "simulate.days": covered ? s.days : 1,
      "simulate.session_start": name.sessionStart,
      "simulate.session_end": name.sessionEnd,
      "simulate.levels": name.levels,
      "simulate.write_lobster": true,
    },
    messageFile,
    log,
  );
  if (!(await pathExists(messageFile))) {
    throw new UsageError(
      `environment.replay.message_file: expected ${messageFile} after simulating into ${out}, found none; the file must sit in ${out}/<SYMBOL>/<DATE>/`,
    );
  }
  return step;
}

/** Runs the prepare job, simulating first into `sim` sources without data. */
async function prepareWithFallback(
  env: EnvironmentSection,
  dataFile: string,
  featuresFile: string,
  log: (line: string) => void,
  steps: DataStep[],
): Promise<void> {
  const data = (await loadConfig(DataConfigSchema, { file: dataFile })).config;
  const features = (await loadConfig(FeaturesConfigSchema, { file: featuresFile })).config;
  for (const source of data.ingest.sources) {
    if (source.kind === "sim" && await hasNoData(source.path)) {
      steps.push(await simulate(dataFile, { "simulate.out": source.path }, source.path, log));
    }
  }
  const { runPrepare } = await import("./prepare_job.ts");
  const t0 = performance.now();
  log(`prepare: ingest → features → dataset (${dataFile}, ${featuresFile}) …`);
  await runPrepare({ data, features: features.features }, {
    log,
    onStage: (r, s) =>
      log(`prepare: ${r.stage} ${r.status}${s === null ? "" : ` in ${s.toFixed(1)} s`}`),
  });
  const seconds = (performance.now() - t0) / 1000;
  const out = data.dataset === undefined ? data.ingest.interim_dir : data.dataset.out;
  log(`prepare … done in ${seconds.toFixed(1)} s`);
  steps.push({ step: "prepare", missing: env.scaler ?? "", out, seconds });
}

/**
 * Builds what `env` names but is missing (see the module docs) and returns
 * the steps taken (none when everything exists or the market is as_model).
 */
export async function ensureTrainingData(
  env: EnvironmentSection,
  options: TrainDataOptions = {},
): Promise<DataStep[]> {
  const log = options.log ?? (() => {});
  const dataFile = options.dataConfig ?? "configs/data.yaml";
  const featuresFile = options.featuresConfig ?? "configs/features.yaml";
  const steps: DataStep[] = [];
  if (env.market === "as_model") return steps;
  if (env.market === "replay" && !(await pathExists(env.replay.message_file))) {
    steps.push(await simulateReplayFile(env.replay.message_file, dataFile, log));
  }
  if (env.scaler !== null && !(await pathExists(env.scaler))) {
    log(`data: environment.scaler ${env.scaler} does not exist yet; building it first`);
    if (options.prepare !== undefined) {
      const t0 = performance.now();
      await options.prepare(env, log);
      steps.push({
        step: "prepare",
        missing: env.scaler,
        out: env.scaler,
        seconds: (performance.now() - t0) / 1000,
      });
    } else {
      await prepareWithFallback(env, dataFile, featuresFile, log, steps);
    }
    if (!(await pathExists(env.scaler))) {
      throw new UsageError(
        `environment.scaler: expected ${env.scaler} after deno task prepare, found none; point environment.scaler at the scaler.json prepare wrote (dataset.out/dataset.name/scaler.json in ${dataFile})`,
      );
    }
  }
  return steps;
}
