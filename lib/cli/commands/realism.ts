/**
 * `deno task realism`: stylized facts of simulated sessions against real
 * LOBSTER data, printed as a table and written as realism.json and a
 * self-contained realism.html into a run folder under outputs/realism/.
 * @module
 */

import { formatTable } from "../../core/format.ts";
import { RealismConfigSchema } from "../../config/schemas/realism.ts";
import { loadRealismInputs, runRealismJob } from "../../jobs/realism_job.ts";
import type { Command } from "../command.ts";
import { configFlags, loadCommandConfig, openRun } from "./_config_run.ts";

/** A repeatable flag's values, or undefined when it was not given (the config decides). */
function listOrUndefined(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 ? value as string[] : undefined;
}

/** The `realism` command. */
export const realismCommand: Command = {
  name: "realism",
  summary: "Compare stylized facts of simulated and real LOBSTER sessions (table, JSON, HTML)",
  description:
    "Replays every LOBSTER pair found under the sim and real paths, computes 1-minute return distributions and their excess kurtosis, ACF of returns and absolute returns, spread and depth at the best quotes, the volume-volatility correlation and the intraday pattern, prints the facts side by side and writes realism.json and realism.html (plotly inlined, opens offline) into the run folder.",
  flags: [
    ...configFlags("configs/realism.yaml"),
    {
      name: "sim",
      type: "string[]",
      description: "Simulated sessions: folder or message file (sets realism.sim)",
      valueName: "path",
    },
    {
      name: "real",
      type: "string[]",
      description: "Real LOBSTER data: folder or message file (sets realism.real)",
      valueName: "path",
    },
  ],
  async run(ctx) {
    const loaded = await loadCommandConfig(ctx, RealismConfigSchema, {
      "realism.sim": listOrUndefined(ctx.flags.sim),
      "realism.real": listOrUndefined(ctx.flags.real),
    });
    const inputs = await loadRealismInputs(loaded.config, ctx.progress);
    const run = await openRun(ctx, "realism", loaded, null, inputs.files);
    const summary = await run.time("facts", () => runRealismJob(loaded.config, inputs, run));
    await run.finish(summary);
    for (const note of summary.notes) ctx.log(`note: ${note}`);
    const count = (g: string) => summary.sessions.filter((s) => s.group === g).length;
    ctx.print(`${count("sim")} simulated and ${count("real")} real sessions`);
    ctx.print(formatTable(summary.comparison.map((r) => ({ ...r }))));
    ctx.print(`run folder: ${run.path} (realism.html, realism.json)`);
    return { ...summary, runFolder: run.path };
  },
};
