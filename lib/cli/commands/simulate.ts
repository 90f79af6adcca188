/**
 * `deno task simulate`: generates simulated market data (LOBSTER files and
 * Parquet) with the model the config names, into `simulate.out` (which is
 * also the run folder: config.yaml, manifest.json, summary.json).
 * @module
 */

import { createRunDir } from "../../core/run_dir.ts";
import { formatTable } from "../../core/format.ts";
import { DataConfigSchema } from "../../config/schemas/data.ts";
import { runSimulateJob, type SimulateSummary } from "../../jobs/simulate_job.ts";
import { getSimulator } from "../../jobs/simulators.ts";
import { marketSimulators } from "../../jobs/market_simulators.ts";
import type { Command, CommandContext } from "../command.ts";
import { configFlags, loadCommandConfig } from "./_config_run.ts";

/** `--symbols A,B` as a list (undefined when the flag is absent). */
function symbolList(value: unknown): string[] | undefined {
  if (typeof value !== "string") return undefined;
  return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** Prints one line per session and the totals. */
export function printSimulateSummary(ctx: CommandContext, s: SimulateSummary): void {
  ctx.print(
    formatTable(s.sessions.map((x) => ({
      symbol: x.symbol,
      date: x.date,
      seed: x.seed,
      events: x.events,
      trades: x.trades,
      volume: x.tradedVolume,
      messages: x.messagesProcessed,
    }))),
  );
  const t = s.totals;
  ctx.print(
    `${t.sessions} sessions (model ${s.model}, seed ${s.seed}): ${t.events} events, ${t.trades} trades, ${t.messagesProcessed} messages processed`,
  );
  const broken = s.sessions.filter((x) => x.unknownOrderRefs > 0);
  for (const x of broken) {
    ctx.log(
      `warning: ${x.symbol} ${x.date}: ${x.unknownOrderRefs} events name orders never added`,
    );
  }
}

/** The `simulate` command. */
export const simulateCommand: Command = {
  name: "simulate",
  summary: "Simulate trading days (LOBSTER files and Parquet) with the abides or zi model",
  description:
    "Runs the configured market simulator for each trading day and symbol and writes <out>/<symbol>/<date>/: LOBSTER message and orderbook files (every event) and snapshots.parquet / trades.parquet. The output folder is also the run folder (config.yaml, manifest.json, summary.json). The same seed gives byte-identical files.",
  flags: [
    ...configFlags("configs/data.yaml").filter((f) => f.name !== "out"),
    {
      name: "out",
      type: "string",
      description: "Output folder (sets simulate.out)",
      valueName: "dir",
    },
    { name: "seed", type: "integer", description: "Master seed (sets simulate.seed)" },
    {
      name: "model",
      type: "string",
      description: "Simulator: abides or zi (sets simulate.model)",
      valueName: "name",
    },
    { name: "days", type: "integer", description: "Trading days (sets simulate.days)" },
    {
      name: "symbols",
      type: "string",
      description: "Comma-separated tickers (sets simulate.symbols)",
      valueName: "A,B",
    },
  ],
  async run(ctx) {
    const loaded = await loadCommandConfig(ctx, DataConfigSchema, {
      "simulate.out": ctx.flags.out,
      "simulate.seed": ctx.flags.seed,
      "simulate.model": ctx.flags.model,
      "simulate.days": ctx.flags.days,
      "simulate.symbols": symbolList(ctx.flags.symbols),
    });
    const cfg = loaded.config.simulate;
    const simulators = marketSimulators(loaded.config);
    getSimulator(cfg.model, simulators); // an unknown model stops here, before the folder is touched
    const run = await createRunDir({
      command: "simulate",
      out: cfg.out,
      config: loaded.config,
      configHash: loaded.hash,
      configYaml: loaded.yaml,
      seed: cfg.seed,
      argv: ctx.argv,
    });
    const summary = await runSimulateJob(cfg, run, { simulators, progress: ctx.progress });
    await run.finish(summary);
    printSimulateSummary(ctx, summary);
    ctx.print(`output folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
