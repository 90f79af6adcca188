/**
 * The two data steps of a replay study: simulate its days into
 * `<data>/sim` and run ingest → features → dataset on them (the prepare
 * job, which skips unchanged stages). Needs polars (--allow-ffi, --allow-sys).
 * @module
 */

import { createRunDir } from "../../core/run_dir.ts";
import { marketSimulators } from "../market_simulators.ts";
import { type PrepareResult, runPrepare, type StageResult } from "../prepare_job.ts";
import { runSimulateJob, type SimulateSummary } from "../simulate_job.ts";
import type { StudyData } from "./data_plan.ts";

/** Simulates the study's days into `<data>/sim` (a simulate run folder). */
export async function simulateStudyData(
  d: StudyData,
  argv: string[] = [],
): Promise<SimulateSummary> {
  const cfg = d.data.config;
  const run = await createRunDir({
    command: "simulate",
    out: cfg.simulate.out,
    config: cfg,
    configHash: d.data.hash,
    configYaml: d.data.yaml,
    seed: cfg.simulate.seed,
    argv,
  });
  const summary = await runSimulateJob(cfg.simulate, run, { simulators: marketSimulators(cfg) });
  await run.finish(summary);
  return summary;
}

/** Runs ingest → features → dataset on the simulated days (unchanged stages are skipped). */
export function prepareStudyData(
  d: StudyData,
  options: { log?: (line: string) => void; onStage?: (r: StageResult, s: number | null) => void } =
    {},
): Promise<PrepareResult> {
  return runPrepare(
    { data: d.data.config, features: d.features.config.features },
    { log: options.log, onStage: options.onStage },
  );
}
