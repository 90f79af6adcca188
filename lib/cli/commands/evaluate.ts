/**
 * `deno task evaluate`: evaluates a training run's policies (best model,
 * else final) and the requested baselines on the same episodes and seeds
 * (common random numbers) and writes a run folder with per-episode metrics
 * (Parquet and CSV) and a JSON summary (lib/jobs/evaluate_job.ts).
 *
 *     deno task evaluate --run outputs/train/<run> --episodes 20 --seeds 1..20 --split test \
 *       --baselines avellaneda-stoikov fixed-spread
 *
 * `--split test` on a replay run needs `--test-file <message file>`; on abm
 * and as_model it draws env seeds 3·2^30 + seed, disjoint from training's.
 * @module
 */

import { stringify } from "yaml";
import { formatTable } from "../../core/format.ts";
import { UsageError } from "../../core/errors.ts";
import { hashConfig } from "../../core/hash.ts";
import { createRunDir } from "../../core/run_dir.ts";
import { parseSeedRange } from "../args.ts";
import {
  type EvaluateOptions,
  runEvaluateJob,
  type Split,
  SPLITS,
} from "../../jobs/evaluate_job.ts";
import type { Command } from "../command.ts";

/** The `evaluate` command. */
export const evaluateCommand: Command = {
  name: "evaluate",
  summary: "Evaluate a trained run and baselines on the same episodes (paired)",
  description:
    "Loads the run's policies (models/best, else models/final), rebuilds its environment for the split (test: the replay test day given by --test-file, or for abm/as_model env seeds 3·2^30 + seed, disjoint from training and validation), runs the learned agents and each baseline (which replaces the agents of the roles it plays) on the same env seeds, and writes episodes.parquet, episodes.csv and summary.json.",
  flags: [
    {
      name: "run",
      type: "string",
      description: "Training run folder (deno task train)",
      valueName: "dir",
    },
    {
      name: "episodes",
      type: "integer",
      description: "Episodes (the first N of --seeds; default: all of them)",
    },
    { name: "seeds", type: "string", description: "Seeds, e.g. 1..20 or 1,3,7", default: "1..10" },
    { name: "split", type: "string", description: "train, validation or test", default: "test" },
    {
      name: "baselines",
      type: "string[]",
      description: "Baseline strategies to evaluate on the same episodes",
      valueName: "name",
    },
    {
      name: "test-file",
      type: "string",
      description: "LOBSTER message file of the test day (replay runs)",
      valueName: "file",
    },
    {
      name: "out",
      type: "string",
      description: "Run folder (default: outputs/evaluate/<time>-<hash>)",
      valueName: "dir",
    },
  ],
  positionals: [{
    name: "more",
    description: "more baseline names (after --baselines)",
    optional: true,
    variadic: true,
  }],
  async run(ctx) {
    const trainRun = ctx.flags.run;
    if (typeof trainRun !== "string") {
      throw new UsageError("--run: expected a training run folder, found none");
    }
    const split = ctx.flags.split as string;
    if (!(SPLITS as readonly string[]).includes(split)) {
      throw new UsageError(`--split: expected ${SPLITS.join(", ")}, found "${split}"`);
    }
    let seeds = parseSeedRange(ctx.flags.seeds as string);
    const n = ctx.flags.episodes as number | undefined;
    if (n !== undefined) {
      if (n < 1 || n > seeds.length) {
        throw new UsageError(
          `--episodes: expected 1…${seeds.length} (the number of --seeds), found ${n}`,
        );
      }
      seeds = seeds.slice(0, n);
    }
    // Positional leftovers after --baselines a b … are more baseline names.
    const baselines = [
      ...(ctx.flags.baselines as string[]).flatMap((b) => b.split(",")),
      ...ctx.positionals,
    ]
      .filter((b) => b !== "");
    const opts: EvaluateOptions = {
      trainRun,
      seeds,
      split: split as Split,
      baselines,
      ...(typeof ctx.flags["test-file"] === "string" ? { testFile: ctx.flags["test-file"] } : {}),
    };
    const run = await createRunDir({
      command: "evaluate",
      out: ctx.flags.out as string | undefined,
      config: opts,
      configHash: await hashConfig(opts),
      configYaml: stringify(opts),
      seed: seeds[0],
      argv: ctx.argv,
    });
    const summary = await runEvaluateJob(opts, run);
    await run.finish(summary);
    const f = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : String(x));
    ctx.print(formatTable(
      Object.entries(summary.strategies).map(([name, s]) => ({
        strategy: name,
        samples: s.samples,
        "mean PnL": f(s.metrics.terminal_pnl.mean),
        "std PnL": f(s.metrics.terminal_pnl.std),
        "mean Sharpe": f(s.metrics.sharpe.mean),
        "mean |q|": f(s.metrics.mean_abs_inventory.mean),
        "mean fills": f(s.metrics.fills.mean),
      })),
    ));
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
