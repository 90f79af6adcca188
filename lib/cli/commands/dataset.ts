/**
 * `deno task dataset`: scales the feature files (scaler fitted on the dev
 * split only), cuts them into `[N, T, F]` windows per split and writes
 * `<out>/<name>/` (X.f32, starts.i32, y.f32, ts.i64, meta.json per split,
 * scaler.json, dataset.json); `--export npz` also writes one NumPy `.npz`
 * per split. A run folder records the config, inputs and timings.
 * @module
 */

import { formatBytes, formatRate, formatTable } from "../../core/format.ts";
import { DataConfigSchema } from "../../config/schemas/data.ts";
import { DatasetSectionSchema } from "../../config/schemas/dataset.ts";
import type { Command, CommandContext } from "../command.ts";
import type { DatasetSummary } from "../../dataset/build_job.ts";
import { configFlags, loadCommandConfig, openRun } from "./_config_run.ts";

/** `configs/data.yaml` with its `dataset:` section required. */
export const DatasetCommandConfigSchema = DataConfigSchema.extend({
  dataset: DatasetSectionSchema.describe(
    "scaled [N, T, F] windows per date split: deno task dataset",
  ),
});

/** Prints one line per split and where the dataset went. */
export function printDatasetSummary(
  ctx: CommandContext,
  s: DatasetSummary,
  seconds?: number,
): void {
  ctx.print(
    formatTable(s.splits.map((x) => ({
      split: x.name,
      dates: `${x.range.start} … ${x.range.end}`,
      files: x.files,
      rows: x.rows_in,
      valid: x.valid_rows,
      stored: x.rows_stored,
      windows: x.windows,
      "X.f32": formatBytes(x.x_bytes),
    }))),
  );
  const sc = s.scaler;
  ctx.print(
    `scaler ${sc.method}${sc.clip === null ? "" : `, clip ±${sc.clip}`}${
      sc.regime_column === null ? "" : `, per ${sc.regime_column}`
    }: fitted on ${sc.fit_rows.toLocaleString("en-US")} dev rows (data sha256 ${
      sc.data_sha256.slice(0, 12)
    }…)`,
  );
  ctx.print(
    `windows [N, ${s.T}, ${s.features.length}], target ln(mid[t+${s.target_horizon}]/mid[t])`,
  );
  if (s.files_outside_splits > 0) {
    ctx.print(`${s.files_outside_splits} feature files lie outside every split and were not read`);
  }
  for (const path of s.exports) ctx.print(`exported ${path}`);
  if (seconds !== undefined && seconds > 0) {
    const rows = s.splits.reduce((a, x) => a + x.rows_in, 0);
    ctx.print(`time ${seconds.toFixed(2)} s (${formatRate(rows / seconds)} rows)`);
  }
  ctx.print(`dataset: ${s.path}`);
}

/** The `dataset` command. */
export const datasetCommand: Command = {
  name: "dataset",
  summary: "Scale the features (fitted on dev only) and cut [N, T, F] windows per date split",
  description:
    "Reads <dataset.features_dir>/<symbol>/<date>.parquet, fits the scaler on the dev split's rows, and writes <dataset.out>/<dataset.name>/: scaler.json, dataset.json and per split X.f32 (scaled rows, float32), starts.i32 (window starts), y.f32 (next-h log returns), ts.i64 and meta.json. --export npz adds one NumPy .npz per split. A split with fewer than dataset.min_samples windows stops the run before anything is written.",
  flags: [
    ...configFlags("configs/data.yaml"),
    {
      name: "export",
      type: "string",
      description: "Also export for Python: npz (sets dataset.export)",
      valueName: "format",
    },
    {
      name: "name",
      type: "string",
      description: "Dataset name, the folder under dataset.out (sets dataset.name)",
      valueName: "name",
    },
  ],
  async run(ctx) {
    const loaded = await loadCommandConfig(ctx, DatasetCommandConfigSchema, {
      "dataset.export": ctx.flags.export,
      "dataset.name": ctx.flags.name,
    });
    const cfg = loaded.config.dataset;
    const { runDatasetJob } = await import("../../dataset/build_job.ts");
    const { listFeatureFiles } = await import("../../dataset/feature_files.ts");
    const { splitOfDate } = await import("../../dataset/splits.ts");
    const inputs = (await listFeatureFiles(cfg.features_dir, cfg.symbols))
      .filter((f) => splitOfDate(cfg.splits, f.date) !== null).map((f) => f.path);
    const run = await openRun(ctx, "dataset", loaded, null, inputs);
    const bar = ctx.progress(inputs.length, "dataset");
    const summary = await run.time("dataset", () =>
      runDatasetJob(cfg, {
        onProgress: (_label, done) => bar.update(done),
        recordTiming: (label, seconds) => run.recordTiming(`dataset.${label}`, seconds),
      }));
    bar.done();
    await run.finish(summary);
    printDatasetSummary(ctx, summary, run.manifest.timings.dataset);
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
