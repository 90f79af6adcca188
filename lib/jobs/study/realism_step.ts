/**
 * The realism step of a replay study: the stylized facts of the study's
 * simulated days against real LOBSTER data (the realism job behind
 * `deno task realism`), written as a realism run folder that the report's
 * "stylized facts" section reads. The real data is what `deno task realism`
 * reads by default (`realism.real` in configs/realism.yaml, else the schema's
 * default `../shared/data/lobster`); when no usable real session (message
 * file with its orderbook file) is found there, the step is skipped with a
 * note.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { findStudyRealData, studyRealismConfig } from "./realism_step.ts";
 * const cfg = await studyRealismConfig("study/data/sim", ["tests/fixtures/lobster"]);
 * assert.deepEqual(cfg.config.realism.sim, ["study/data/sim"]);
 * assert.equal((await findStudyRealData(cfg.config)).found, 1);
 * assert.equal((await findStudyRealData({ realism: { ...cfg.config.realism, real: ["nope"] } })).found, 0);
 * ```
 * @module
 */

import { loadConfig, type LoadedConfig } from "../../config/load.ts";
import { type RealismConfig, RealismConfigSchema } from "../../config/schemas/realism.ts";
import { createRunDir } from "../../core/run_dir.ts";
import { findLobsterSources } from "../../realism/sources.ts";
import { loadRealismInputs, type RealismSummary, runRealismJob } from "../realism_job.ts";

/** The config file whose `realism.real` the study uses (as `deno task realism` does). */
export const REALISM_CONFIG_FILE = "configs/realism.yaml";

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/**
 * The realism config of a study: configs/realism.yaml (schema defaults when
 * the file is absent) with `realism.sim` = the study's simulation folder and,
 * when given, `realism.real` = `real`.
 */
export async function studyRealismConfig(
  simDir: string,
  real?: string[],
): Promise<LoadedConfig<RealismConfig>> {
  const file = await isFile(REALISM_CONFIG_FILE) ? REALISM_CONFIG_FILE : undefined;
  return await loadConfig(RealismConfigSchema, {
    ...(file === undefined ? {} : { file }),
    extra: { "realism.sim": [simDir], "realism.real": real },
  });
}

/** What {@linkcode findStudyRealData} found. */
export interface StudyRealData {
  /** Real sessions the realism job can use (message files with their orderbook files). */
  found: number;
  /** Why none was usable ("" when some were). */
  note: string;
}

/** Counts the usable real sessions under `realism.real`. */
export async function findStudyRealData(cfg: RealismConfig): Promise<StudyRealData> {
  const real = cfg.realism.real;
  const sources = await findLobsterSources(real);
  const found = sources.pairs.filter((p) => p.orderbookFile !== null).length;
  return {
    found,
    note: found > 0
      ? ""
      : `no real LOBSTER session (message file with its orderbook file) in ${real.join(", ")}${
        sources.missing.length > 0 ? ` (not found: ${sources.missing.join(", ")})` : ""
      }`,
  };
}

/** Runs the realism job into the run folder `out`; returns its summary. */
export async function runStudyRealism(
  loaded: LoadedConfig<RealismConfig>,
  out: string,
  argv: string[] = [],
): Promise<RealismSummary> {
  const inputs = await loadRealismInputs(loaded.config);
  const run = await createRunDir({
    command: "realism",
    out,
    config: loaded.config,
    configHash: loaded.hash,
    configYaml: loaded.yaml,
    seed: null,
    inputs: inputs.files,
    argv,
  });
  const summary = await runRealismJob(loaded.config, inputs, run);
  await run.finish(summary);
  return summary;
}
