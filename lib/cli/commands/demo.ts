/**
 * `deno task demo`: the main job on built-in defaults. For now it replays the
 * committed LOBSTER fixture (AAPL, 2012-06-21, first 500 messages, 10 levels)
 * through the matching engine and prints what it found; later stages of the
 * pipeline join it as they are built.
 * @module
 */

import { ReplayConfigSchema } from "../../config/schemas/replay.ts";
import { loadConfig } from "../../config/load.ts";
import { loadReplayInputs, runReplayJob } from "../../jobs/replay_job.ts";
import type { Command } from "../command.ts";
import { openRun } from "./_config_run.ts";
import { printReplaySummary } from "./replay.ts";

/** The committed fixture the demo replays. */
export const DEMO_MESSAGE_FILE =
  "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv";

/** The `demo` command. */
export const demoCommand: Command = {
  name: "demo",
  summary: "Run the main job on built-in defaults (replay of the bundled LOBSTER sample)",
  flags: [
    {
      name: "set",
      type: "string[]",
      description: "Override one value of the built-in config: --set replay.key=value",
      valueName: "key=value",
    },
    {
      name: "out",
      type: "string",
      description: "Run folder (default: outputs/demo/<time>-<hash>)",
      valueName: "dir",
    },
  ],
  async run(ctx) {
    const loaded = await loadConfig(ReplayConfigSchema, {
      defaults: { replay: { message_file: DEMO_MESSAGE_FILE } },
      overrides: ctx.flags.set as string[],
    });
    const inputs = await loadReplayInputs(loaded.config);
    const run = await openRun(ctx, "demo", loaded, null, inputs.files);
    const summary = await runReplayJob(loaded.config, inputs, run);
    await run.finish(summary);
    printReplaySummary(ctx, summary, run.manifest.timings.replay);
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
