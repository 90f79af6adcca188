/**
 * `deno task compare`: the comparison table of evaluation runs (each metric's
 * mean with a BCa 95% interval, the paired difference against the reference
 * with its interval, Holm–Bonferroni-adjusted paired permutation p-values) as
 * Parquet, CSV and LaTeX (lib/jobs/compare_job.ts).
 *
 *     deno task compare --runs outputs/evaluate/<a> outputs/evaluate/<b> --reference avellaneda-stoikov
 * @module
 */

import { stringify } from "yaml";
import { UsageError } from "../../core/errors.ts";
import { hashConfig } from "../../core/hash.ts";
import { createRunDir } from "../../core/run_dir.ts";
import { runCompareJob } from "../../jobs/compare_job.ts";
import type { Command } from "../command.ts";

/** The `compare` command. */
export const compareCommand: Command = {
  name: "compare",
  summary: "Compare evaluation runs: means with CIs, paired differences, Holm-adjusted p-values",
  description:
    "Reads the evaluation runs' episodes.parquet (all strategies must share the env seeds), and writes comparison.parquet, comparison.csv and comparison.tex (booktabs; * p<0.05, ** p<0.01 after Holm–Bonferroni). The reference defaults to the first run's learned strategy.",
  flags: [
    {
      name: "runs",
      type: "string[]",
      description: "Evaluation run folders (deno task evaluate)",
      valueName: "dir",
    },
    {
      name: "reference",
      type: "string",
      description: "Reference strategy name",
      valueName: "name",
    },
    { name: "resamples", type: "integer", description: "Bootstrap resamples", default: 2000 },
    {
      name: "seed",
      type: "integer",
      description: "Seed of the bootstrap and permutations",
      default: 0,
    },
    {
      name: "out",
      type: "string",
      description: "Run folder (default: outputs/compare/<time>-<hash>)",
      valueName: "dir",
    },
  ],
  positionals: [{
    name: "more",
    description: "more evaluation run folders (after --runs)",
    optional: true,
    variadic: true,
  }],
  async run(ctx) {
    const runs = [...(ctx.flags.runs as string[]), ...ctx.positionals];
    if (runs.length === 0) {
      throw new UsageError("--runs: expected evaluation run folders, found none");
    }
    const opts = {
      runs,
      reference: ctx.flags.reference as string | undefined,
      resamples: ctx.flags.resamples as number,
      seed: ctx.flags.seed as number,
    };
    const run = await createRunDir({
      command: "compare",
      out: ctx.flags.out as string | undefined,
      config: opts,
      configHash: await hashConfig(opts),
      configYaml: stringify(opts),
      seed: opts.seed,
      argv: ctx.argv,
    });
    const summary = await runCompareJob(runs, {
      ...(opts.reference === undefined ? {} : { reference: opts.reference }),
      resamples: opts.resamples,
      seed: opts.seed,
    }, run);
    await run.finish(summary);
    ctx.print(`reference: ${summary.reference}; strategies: ${summary.strategies.join(", ")}`);
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
