/**
 * `deno task prepare --config configs/data.yaml --features-config
 * configs/features.yaml [--force]`: ingest → features → dataset in one go
 * (the original design's `prepare_data.sh`), skipping each stage whose
 * config section and input files are unchanged since its last successful
 * run (see `lib/jobs/prepare_job.ts`). Prints one line per stage, "ran (N s)"
 * with the reason, or "skipped: inputs and config unchanged since <time>".
 * `--set` overrides go to the features config for `features.*` keys and to
 * the data config otherwise. The run folder holds both resolved configs
 * (one YAML file: their top-level sections do not overlap), the validation
 * report when ingest ran, stage timings and the summary.
 * @module
 */

import { stringify } from "yaml";
import { hashConfig } from "../../core/hash.ts";
import { createRunDir } from "../../core/run_dir.ts";
import { loadConfig } from "../../config/load.ts";
import { DataConfigSchema } from "../../config/schemas/data.ts";
import { FeaturesConfigSchema } from "../../config/schemas/features.ts";
import type { StageResult } from "../../jobs/prepare_job.ts";
import type { Command, CommandContext } from "../command.ts";
import { printIngestSummary } from "./ingest.ts";
import { printDatasetSummary } from "./dataset.ts";
import { configFlags } from "./_config_run.ts";

/** The line printed for one stage. */
export function stageLine(r: StageResult, seconds: number | null): string {
  const name = r.stage.padEnd(9);
  if (r.status === "ran") return `${name} ran (${(seconds ?? 0).toFixed(2)} s): ${r.reason}`;
  if (r.status === "skipped") return `${name} skipped: ${r.reason}`;
  return `${name} not run: ${r.reason}`;
}

/** The `prepare` command. */
export const prepareCommand: Command = {
  name: "prepare",
  summary: "Ingest, features and dataset in one go, skipping stages whose inputs are unchanged",
  description:
    "Runs deno task ingest (ingest: section of --config), features (--features-config) and dataset (dataset: section of --config) in order. A stage is skipped when its config section and input files (path, size, modification time) are the fingerprint recorded in <stage output>/.prepare-<stage>.json by its last successful run and its outputs exist; once a stage runs, every later stage runs too. --force runs them all. Without a dataset: section it stops after features.",
  flags: [
    ...configFlags("configs/data.yaml"),
    {
      name: "features-config",
      type: "string",
      description: "Features config file",
      default: "configs/features.yaml",
      valueName: "file",
    },
    { name: "force", type: "boolean", description: "Run every stage, whatever the stamps say" },
    {
      name: "strict",
      type: "boolean",
      description:
        "Ingest fails on the first problem instead of dropping rows (sets ingest.strict)",
    },
    {
      name: "export",
      type: "string",
      description: "Also export the dataset for Python: npz (sets dataset.export)",
      valueName: "format",
    },
  ],
  async run(ctx: CommandContext) {
    const sets = (ctx.flags.set as string[]) ?? [];
    const isFeatures = (s: string) => s.trimStart().startsWith("features.");
    const data = await loadConfig(DataConfigSchema, {
      file: ctx.flags.config as string,
      extra: {
        "ingest.strict": ctx.flags.strict === true ? true : undefined,
        "dataset.export": ctx.flags.export,
      },
      overrides: sets.filter((s) => !isFeatures(s)),
    });
    const features = await loadConfig(FeaturesConfigSchema, {
      file: ctx.flags["features-config"] as string,
      overrides: sets.filter(isFeatures),
    });
    const config = { ...data.config, features: features.config.features };
    const { runPrepare, checkChain } = await import("../../jobs/prepare_job.ts");
    const cfg = { data: data.config, features: features.config.features };
    checkChain(cfg); // before the run folder: a config mistake leaves nothing behind
    const run = await createRunDir({
      command: "prepare",
      out: ctx.flags.out as string | undefined,
      config,
      configHash: await hashConfig(config),
      configYaml: stringify(config),
      seed: null,
      argv: ctx.argv,
    });
    const result = await runPrepare(cfg, {
      force: ctx.flags.force === true,
      log: (line) => ctx.log(line),
      progress: (total, label) => ctx.progress(total, label),
      onStage: (r, seconds) => ctx.print(stageLine(r, seconds)),
    });
    for (const [stage, seconds] of Object.entries(result.timings)) {
      run.recordTiming(stage, seconds);
    }
    if (result.validation !== null) await run.writeJson("validation.json", result.validation);
    await run.finish(result.summary);
    const s = result.summary;
    if (s.ingest !== null && result.validation !== null) {
      // The validation counts always; the table of interim files with --verbose.
      const outputs = ctx.verbose ? s.ingest.outputs : [];
      printIngestSummary(ctx, { ...s.ingest, outputs }, result.validation);
    }
    if (s.dataset !== null) printDatasetSummary(ctx, s.dataset);
    for (const note of s.notes) ctx.print(`note: ${note}`);
    ctx.print(`run folder: ${run.path}`);
    return { ...s, runFolder: run.path };
  },
};
