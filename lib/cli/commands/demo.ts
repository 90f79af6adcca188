/**
 * `deno task demo`: the main job on built-in defaults, nothing to download.
 * Runs the `demo` study (lib/jobs/study/presets.ts) in `outputs/demo/`:
 * simulates three short weekdays with the agent-based model, runs ingest →
 * features → dataset, trains MAPPO and MADDPG (the quick preset's settings)
 * on the replay market over the train day with the dataset's scaler,
 * evaluates both and the market-making baselines on the test day, writes
 * the comparison table and the report, and prints one line per step with
 * its duration and where the report is. A second run skips what is finished.
 * The replay of the bundled LOBSTER sample is `deno task replay`.
 * @module
 */

import type { Command } from "../command.ts";
import { runStudyCommand } from "./experiments.ts";

/** The demo's study folder. */
export const DEMO_DIR = "outputs/demo";

/** The `demo` command. */
export const demoCommand: Command = {
  name: "demo",
  summary:
    "Run the whole pipeline on built-in defaults: simulate, prepare, train, evaluate, compare, report",
  description:
    "The demo study (deno task experiments --preset demo --seeds 1 --out outputs/demo): three simulated half-hour days (train, validation, test) → ingest → features → dataset → MAPPO and MADDPG trained on the replay market over the train day (quick preset, 40 iterations) → evaluation with the baselines on the test day → comparison → report (outputs/demo/report/index.html). Finished steps are skipped on a second run.",
  flags: [
    {
      name: "set",
      type: "string[]",
      description: "Override a training config value: --set training.updates=10",
      valueName: "key=value",
    },
    {
      name: "out",
      type: "string",
      description: "Study folder",
      default: DEMO_DIR,
      valueName: "dir",
    },
    { name: "no-figures", type: "boolean", description: "Skip the report's SVG/PNG export" },
  ],
  run(ctx) {
    return runStudyCommand(ctx, {
      preset: "demo",
      seeds: [1],
      dir: ctx.flags.out as string,
      set: ctx.flags.set as string[],
      exportFigures: !(ctx.flags["no-figures"] as boolean),
      argv: ctx.argv,
    });
  },
};
