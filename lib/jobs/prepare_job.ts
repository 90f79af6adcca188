/**
 * The job behind `deno task prepare` (the original design's
 * `prepare_data.sh`): ingest → features → dataset in one go, skipping each
 * stage whose config section and input files are unchanged since its last
 * successful run (see `./stage_stamp.ts` for the fingerprint and why it uses
 * sizes and modification times).
 *
 * | stage | config section | inputs | outputs (stamp folder) |
 * | --- | --- | --- | --- |
 * | ingest | `ingest:` of the data config | the files of `ingest.sources` | `ingest.interim_dir` |
 * | features | `features:` of the features config | `<features.input>/<symbol>/<date>.parquet` | `features.output` |
 * | dataset | `dataset:` of the data config | `<dataset.features_dir>/<symbol>/<date>.parquet` | `<dataset.out>/<dataset.name>` |
 *
 * A stage runs when it has no stamp, its fingerprint differs, one of its
 * recorded outputs is missing, `force` is set, or an earlier stage ran in
 * this call; it then removes its stamp, runs, and writes a new stamp
 * (atomically) once it has succeeded. Without a `dataset:` section the job
 * stops after features, with a note. The stages must chain:
 * `features.input` is `ingest.interim_dir` and `dataset.features_dir` is
 * `features.output` (else a {@linkcode ConfigError}).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { DataConfigSchema } from "../config/schemas/data.ts";
 * import { FeaturesConfigSchema } from "../config/schemas/features.ts";
 * import { checkChain } from "./prepare_job.ts";
 * const data = DataConfigSchema.parse({ ingest: { interim_dir: "a" } });
 * assert.throws(() => checkChain({ data, features: FeaturesConfigSchema.parse({}).features }), {
 *   message: "features.input: expected the interim store ingest writes (ingest.interim_dir: a), found data/interim",
 * });
 * ```
 * @module
 */

import { join, normalize } from "node:path";
import { ConfigError } from "../core/errors.ts";
import type { Progress } from "../core/progress.ts";
import type { DataConfig } from "../config/schemas/data.ts";
import type { DatasetSection } from "../config/schemas/dataset.ts";
import type { FeaturesSection } from "../config/schemas/features.ts";
import {
  type IngestSummary,
  inputPaths,
  loadIngest,
  resolveSources,
  type ValidationReport,
  writeIngest,
} from "../data/ingest/mod.ts";
import { listInterimFiles, loadFeatureInputs, runFeaturesJob } from "../features/job.ts";
import type { FeaturesSummary } from "../features/job.ts";
import { type DatasetSummary, runDatasetJob } from "../dataset/build_job.ts";
import { listFeatureFiles } from "../dataset/feature_files.ts";
import {
  configSha256,
  type FileState,
  fileStates,
  missingPaths,
  readStamp,
  removeStamp,
  stageFingerprint,
  staleReason,
  STAMP_FORMAT,
  stampPath,
  writeStamp,
} from "./stage_stamp.ts";

/** The stages, in order. */
export const PREPARE_STAGES = ["ingest", "features", "dataset"] as const;

/** A stage name. */
export type PrepareStage = typeof PREPARE_STAGES[number];

/** The configs of the three stages. */
export interface PrepareConfig {
  /** `configs/data.yaml`: its `ingest:` and (optional) `dataset:` sections are used. */
  data: DataConfig;
  /** The `features:` section of `configs/features.yaml`. */
  features: FeaturesSection;
}

/** Options of {@linkcode runPrepare}. */
export interface PrepareOptions {
  /** Run every stage, whatever the stamps say. */
  force?: boolean;
  /** Diagnostic lines (the feature plan's notes). */
  log?: (line: string) => void;
  /** Makes a progress bar (e.g. the command context's `progress`). */
  progress?: (total: number, label: string) => Progress;
  /** Called as soon as each stage has run or been skipped. */
  onStage?: (result: StageResult, seconds: number | null) => void;
  /** Clock for the stamps' `finished_at` (tests); default `new Date()`. */
  now?: () => Date;
}

/** What happened to one stage. */
export interface StageResult {
  stage: PrepareStage;
  /** ran; skipped (unchanged); absent (no `dataset:` section: not run). */
  status: "ran" | "skipped" | "absent";
  /** Why it ran ("config changed", "inputs changed: …", "forced (--force)", …), or why it was skipped. */
  reason: string;
  /** Its fingerprint (null when absent). */
  fingerprint: string | null;
  /** The stamp file (null when absent). */
  stamp: string | null;
  /** Skipped: when the run it relies on finished (ISO 8601); ran: when it finished. */
  finished_at: string | null;
  /** Input files fingerprinted. */
  inputs: number;
  /** Outputs recorded. */
  outputs: number;
}

/** The job's summary (the run folder's `summary.json`): deterministic apart from the times. */
export interface PrepareSummary {
  stages: StageResult[];
  /** Notes (a stage left out, and why). */
  notes: string[];
  /** The summaries of the stages that ran, as their own commands return them. */
  ingest: IngestSummary | null;
  features: FeaturesSummary | null;
  dataset: DatasetSummary | null;
}

/** What {@linkcode runPrepare} answers. */
export interface PrepareResult {
  summary: PrepareSummary;
  /** The validation report, when ingest ran. */
  validation: ValidationReport | null;
  /** Wall-clock seconds of each stage that ran. */
  timings: Partial<Record<PrepareStage, number>>;
}

/** Whether two configured paths name the same folder (after normalising). */
function samePath(a: string, b: string): boolean {
  const n = (p: string) => normalize(p).replace(/\/+$/, "");
  return n(a) === n(b);
}

/** Throws a {@linkcode ConfigError} when the stages do not read what the stage before wrote. */
export function checkChain(cfg: PrepareConfig): void {
  const { ingest, dataset } = cfg.data;
  const f = cfg.features;
  if (!samePath(f.input, ingest.interim_dir)) {
    throw new ConfigError({
      keyPath: "features.input",
      expected: `the interim store ingest writes (ingest.interim_dir: ${ingest.interim_dir})`,
      found: f.input,
    });
  }
  if (dataset !== undefined && !samePath(dataset.features_dir, f.output)) {
    throw new ConfigError({
      keyPath: "dataset.features_dir",
      expected: `the feature store the features stage writes (features.output: ${f.output})`,
      found: dataset.features_dir,
    });
  }
}

/** One stage as the runner sees it. */
interface StageSpec<S> {
  stage: PrepareStage;
  /** The config section fingerprinted. */
  config: unknown;
  /** Folder of the stamp (the stage's output folder). */
  dir: string;
  /** Every file the stage will read. */
  inputs(): Promise<string[]>;
  /** Runs the stage; answers its summary and the outputs to record. */
  run(): Promise<{ summary: S; outputs: string[] }>;
}

/** The dataset's output files: dataset.json, scaler.json, each split's files, the exports. */
function datasetOutputs(s: DatasetSummary): string[] {
  const files = [join(s.path, "dataset.json"), join(s.path, "scaler.json")];
  for (const split of s.splits) {
    for (const name of ["X.f32", "starts.i32", "y.f32", "ts.i64", "meta.json"]) {
      files.push(join(s.path, split.name, name));
    }
  }
  return [...files, ...s.exports];
}

/** Runs the pipeline (see the module doc). */
export async function runPrepare(
  cfg: PrepareConfig,
  options: PrepareOptions = {},
): Promise<PrepareResult> {
  checkChain(cfg);
  const now = options.now ?? (() => new Date());
  const stages: StageResult[] = [];
  const timings: PrepareResult["timings"] = {};
  const notes: string[] = [];
  let upstreamRan: PrepareStage | null = null;

  const step = async <S>(spec: StageSpec<S>): Promise<S | null> => {
    const inputs: FileState[] = await fileStates(await spec.inputs());
    const fingerprint = await stageFingerprint(spec.stage, spec.config, inputs);
    const configHash = await configSha256(spec.config);
    const stamp = stampPath(spec.dir, spec.stage);
    const previous = await readStamp(stamp);
    let reason = options.force === true
      ? "forced (--force)"
      : upstreamRan !== null
      ? `${upstreamRan} ran, so every later stage runs`
      : staleReason(previous, { fingerprint, configHash, inputs });
    if (reason === null && previous !== null) {
      const missing = await missingPaths(previous.outputs);
      if (missing.length > 0) {
        reason = `outputs missing: ${missing[0]}${
          missing.length > 1 ? ` and ${missing.length - 1} more` : ""
        }`;
      }
    }
    if (reason === null && previous !== null) {
      const result: StageResult = {
        stage: spec.stage,
        status: "skipped",
        reason: `inputs and config unchanged since ${previous.finished_at}`,
        fingerprint,
        stamp,
        finished_at: previous.finished_at,
        inputs: inputs.length,
        outputs: previous.outputs.length,
      };
      stages.push(result);
      options.onStage?.(result, null);
      return null;
    }
    await removeStamp(stamp); // an interrupted run must not look done
    const t0 = performance.now();
    const { summary, outputs } = await spec.run();
    const seconds = (performance.now() - t0) / 1000;
    const finishedAt = now().toISOString();
    await writeStamp(stamp, {
      format: STAMP_FORMAT,
      stage: spec.stage,
      fingerprint,
      config_sha256: configHash,
      inputs,
      outputs,
      finished_at: finishedAt,
    });
    const result: StageResult = {
      stage: spec.stage,
      status: "ran",
      reason: reason ?? "no earlier successful run",
      fingerprint,
      stamp,
      finished_at: finishedAt,
      inputs: inputs.length,
      outputs: outputs.length,
    };
    stages.push(result);
    timings[spec.stage] = seconds;
    upstreamRan = spec.stage;
    options.onStage?.(result, seconds);
    return summary;
  };

  const ingestCfg = cfg.data.ingest;
  let validation: ValidationReport | null = null;
  const ingest = await step<IngestSummary>({
    stage: "ingest",
    config: ingestCfg,
    dir: ingestCfg.interim_dir,
    inputs: async () => (await resolveSources(ingestCfg)).flatMap((s) => inputPaths(s.files)),
    run: async () => {
      const sources = await resolveSources(ingestCfg);
      const loaded = await loadIngest(ingestCfg, { progress: options.progress }, sources);
      const summary = await writeIngest(ingestCfg, loaded, { progress: options.progress });
      validation = loaded.report;
      return { summary, outputs: summary.outputs.map((o) => o.file) };
    },
  });

  const f = cfg.features;
  const features = await step<FeaturesSummary>({
    stage: "features",
    config: f,
    dir: f.output,
    inputs: async () => (await listInterimFiles(f.input, f.symbols)).map((x) => x.path),
    run: async () => {
      const inputs = await loadFeatureInputs(f);
      const bar = options.progress?.(inputs.files.length, "features");
      const summary = await runFeaturesJob(f, inputs, { log: options.log, progress: bar });
      return {
        summary,
        outputs: [...summary.files.map((x) => x.path), join(f.output, "features.json")],
      };
    },
  });

  let dataset: DatasetSummary | null = null;
  const d: DatasetSection | undefined = cfg.data.dataset;
  if (d === undefined) {
    notes.push(
      "dataset: the data config has no dataset: section, so prepare stopped after features (add one, with splits.dev, to build the [N, T, F] windows)",
    );
    const result: StageResult = {
      stage: "dataset",
      status: "absent",
      reason: "no dataset: section in the data config",
      fingerprint: null,
      stamp: null,
      finished_at: null,
      inputs: 0,
      outputs: 0,
    };
    stages.push(result);
    options.onStage?.(result, null);
  } else {
    dataset = await step<DatasetSummary>({
      stage: "dataset",
      config: d,
      dir: join(d.out, d.name),
      inputs: async () => (await listFeatureFiles(d.features_dir, d.symbols)).map((x) => x.path),
      run: async () => {
        const files = (await listFeatureFiles(d.features_dir, d.symbols)).length;
        const bar = options.progress?.(files, "dataset");
        const summary = await runDatasetJob(d, {
          onProgress: (_label, done) => bar?.update(done),
        });
        bar?.done();
        return { summary, outputs: datasetOutputs(summary) };
      },
    });
  }
  return {
    summary: { stages, notes, ingest, features, dataset },
    validation,
    timings,
  };
}
