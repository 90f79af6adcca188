/**
 * `deno task features`: computes the configured features from the interim
 * store into the feature store (`data/features/<symbol>/<date>.parquet` and
 * `features.json`), and records the run in a run folder. `--list` prints the
 * feature table (every registered feature and its definition) instead.
 * Polars is loaded only when the command runs, so `--help` needs no FFI.
 * @module
 */

import { formatRate } from "../../core/format.ts";
import { FeaturesConfigSchema } from "../../config/schemas/features.ts";
import type { Command } from "../command.ts";
import { configFlags, loadCommandConfig, openRun } from "./_config_run.ts";

/** The `features` command. */
export const featuresCommand: Command = {
  name: "features",
  summary: "Compute the feature files from the interim store (polars, per symbol-day)",
  description:
    "Reads <input>/<symbol>/<date>.parquet, computes the configured features per symbol and day (no window crosses a symbol or day boundary; an incomplete window is null) and writes <output>/<symbol>/<date>.parquet (ts, symbol, date, mid, then one Float64 column per feature) and <output>/features.json (definitions, features left out and why, the source of ofi). --list prints the feature table.",
  flags: [
    ...configFlags("configs/features.yaml"),
    { name: "list", type: "boolean", description: "Print the feature table (Markdown) and exit" },
  ],
  async run(ctx) {
    if (ctx.flags.list === true) {
      const { featureTableMarkdown, FEATURE_REGISTRY } = await import("../../features/registry.ts");
      ctx.print(featureTableMarkdown().trimEnd());
      return { features: FEATURE_REGISTRY.map((f) => f.name) };
    }
    const loaded = await loadCommandConfig(ctx, FeaturesConfigSchema);
    const c = loaded.config.features;
    const { loadFeatureInputs, runFeaturesJob } = await import("../../features/job.ts");
    const inputs = await loadFeatureInputs(c);
    const run = await openRun(ctx, "features", loaded, null, inputs.files.map((f) => f.path));
    const summary = await run.time("features", () =>
      runFeaturesJob(c, inputs, {
        log: (line) => ctx.log(line),
        progress: ctx.progress(inputs.files.length, "features"),
      }));
    await run.finish(summary);
    const seconds = run.manifest.timings.features;
    ctx.print(
      `${summary.files.length} symbol-days, ${
        summary.rows.toLocaleString("en-US")
      } rows, ${summary.features.length} features → ${c.output}`,
    );
    if (summary.unavailable.length > 0) {
      ctx.print(`left out: ${summary.unavailable.map((u) => u.name).join(", ")} (see notes)`);
    }
    if (seconds !== undefined && seconds > 0) {
      ctx.print(
        `  time          ${seconds.toFixed(2)} s (${formatRate(summary.rows / seconds)} rows)`,
      );
    }
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
