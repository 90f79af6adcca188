/**
 * The market data of a replay study: the configs of its simulate and prepare
 * steps (every path inside the study's `data/` folder, one date range per
 * split) and the LOBSTER message file of each simulated day. The steps
 * themselves are in ./data_steps.ts (they need polars).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { studyDataPlan } from "./data_plan.ts";
 * const p = studyDataPlan({
 *   model: "abides", startDate: "2024-01-05", days: { train: 1, validation: 1, test: 1 },
 *   sessionStart: "09:30:00", sessionEnd: "10:00:00", levels: 5, seed: 42,
 * }, "study/data", "SIM");
 * assert.deepEqual(p.dates, { train: ["2024-01-05"], validation: ["2024-01-08"], test: ["2024-01-09"] });
 * assert.equal(p.messageFiles.test[0],
 *   "study/data/sim/SIM/2024-01-09/SIM_2024-01-09_34200000_36000000_message_5.csv");
 * assert.equal(p.scaler, "study/data/datasets/study/scaler.json");
 * ```
 * @module
 */

import { join } from "node:path";
import { parseClockNs } from "../../config/clock.ts";
import { loadConfig, type LoadedConfig } from "../../config/load.ts";
import { type DataConfig, DataConfigSchema } from "../../config/schemas/data.ts";
import { type FeaturesConfig, FeaturesConfigSchema } from "../../config/schemas/features.ts";
import { tradingDays } from "../trading_days.ts";
import type { StudyDataSpec } from "./presets.ts";

/** The study's splits, in date order. */
export const DATA_SPLITS = ["train", "validation", "test"] as const;
/** One split. */
export type DataSplit = typeof DATA_SPLITS[number];

/** Where a replay study's data lives and what it contains. */
export interface StudyDataPlan {
  /** Simulated days per split. */
  dates: Record<DataSplit, string[]>;
  /** The LOBSTER message file of each day, per split. */
  messageFiles: Record<DataSplit, string[]>;
  /** The dataset's scaler (fitted on the train days). */
  scaler: string;
  /** Overrides of the data config (key paths). */
  dataExtra: Record<string, unknown>;
  /** Overrides of the features config (key paths). */
  featuresExtra: Record<string, unknown>;
}

/** Name of the dataset a study builds (under `<data>/datasets/`). */
export const STUDY_DATASET_NAME = "study";

/** The data plan of `spec` inside `dataDir` for symbol `symbol` (pure). */
export function studyDataPlan(
  spec: StudyDataSpec,
  dataDir: string,
  symbol: string,
): StudyDataPlan {
  const { train, validation, test } = spec.days;
  const all = tradingDays(spec.startDate, train + validation + test);
  const dates = {
    train: all.slice(0, train),
    validation: all.slice(train, train + validation),
    test: all.slice(train + validation),
  };
  const sim = join(dataDir, "sim");
  const startMs = parseClockNs(spec.sessionStart) / 1e6;
  const endMs = parseClockNs(spec.sessionEnd) / 1e6;
  const file = (d: string) =>
    join(sim, symbol, d, `${symbol}_${d}_${startMs}_${endMs}_message_${spec.levels}.csv`);
  const range = (ds: string[]) => ({ start: ds[0], end: ds[ds.length - 1] });
  const splits: Record<string, { start: string; end: string }> = { dev: range(dates.train) };
  if (dates.validation.length > 0) splits.val = range(dates.validation);
  if (dates.test.length > 0) splits.test = range(dates.test);
  return {
    dates,
    messageFiles: {
      train: dates.train.map(file),
      validation: dates.validation.map(file),
      test: dates.test.map(file),
    },
    scaler: join(dataDir, "datasets", STUDY_DATASET_NAME, "scaler.json"),
    dataExtra: {
      "simulate.model": spec.model,
      "simulate.start_date": spec.startDate,
      "simulate.days": all.length,
      "simulate.symbols": [symbol],
      "simulate.session_start": spec.sessionStart,
      "simulate.session_end": spec.sessionEnd,
      "simulate.levels": spec.levels,
      "simulate.seed": spec.seed,
      "simulate.out": sim,
      "simulate.write_lobster": true,
      "ingest.sources": [{ kind: "sim", path: sim }],
      "ingest.interim_dir": join(dataDir, "interim"),
      "ingest.session_start": spec.sessionStart,
      "ingest.session_end": spec.sessionEnd,
      "ingest.levels": spec.levels,
      "dataset.name": STUDY_DATASET_NAME,
      "dataset.features_dir": join(dataDir, "features"),
      "dataset.out": join(dataDir, "datasets"),
      "dataset.symbols": [],
      "dataset.splits": splits,
      ...spec.set,
    },
    featuresExtra: {
      "features.input": join(dataDir, "interim"),
      "features.output": join(dataDir, "features"),
      "features.symbols": [],
      ...spec.featuresSet,
    },
  };
}

/** The loaded configs and the plan of a replay study's data. */
export interface StudyData {
  plan: StudyDataPlan;
  data: LoadedConfig<DataConfig>;
  features: LoadedConfig<FeaturesConfig>;
}

/** Loads the data and features configs of `spec` with the study's paths. */
export async function loadStudyData(spec: StudyDataSpec, dataDir: string): Promise<StudyData> {
  const dataFile = spec.dataConfig ?? "configs/data.yaml";
  const base = await loadConfig(DataConfigSchema, { file: dataFile, extra: spec.set });
  const symbol = base.config.simulate.symbols[0];
  const plan = studyDataPlan(spec, dataDir, symbol);
  const data = await loadConfig(DataConfigSchema, { file: dataFile, extra: plan.dataExtra });
  const features = await loadConfig(FeaturesConfigSchema, {
    file: spec.featuresConfig ?? "configs/features.yaml",
    extra: plan.featuresExtra,
  });
  return { plan, data, features };
}
