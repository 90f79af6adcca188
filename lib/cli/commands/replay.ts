/**
 * `deno task replay`: replays a LOBSTER message file through the matching
 * engine, checks every row against its orderbook file and writes the event
 * stream and snapshots into a run folder.
 * @module
 */

import { formatRate } from "../../core/format.ts";
import { ReplayConfigSchema } from "../../config/schemas/replay.ts";
import { loadReplayInputs, type ReplaySummary, runReplayJob } from "../../jobs/replay_job.ts";
import type { Command, CommandContext } from "../command.ts";
import { configFlags, loadCommandConfig, openRun } from "./_config_run.ts";

/** Prints the human summary of a replay. */
export function printReplaySummary(
  ctx: CommandContext,
  s: ReplaySummary,
  seconds: number | undefined,
): void {
  const r = s.report;
  ctx.print(`replayed ${r.messages.toLocaleString("en-US")} messages of ${r.messageFile}`);
  const types = Object.entries(r.eventsByType).map(([t, n]) => `type ${t}: ${n}`).join(", ");
  ctx.print(`  events        ${types}`);
  ctx.print(
    `  trades        ${r.trades.visible} visible (${r.trades.visibleVolume} shares), ${r.trades.hidden} hidden (${r.trades.hiddenVolume} shares)`,
  );
  if (r.orderbookFile === null) ctx.print("  check         no orderbook file: rows not checked");
  else {
    ctx.print(
      `  check         ${r.mismatches.total} mismatches in ${r.mismatches.rows} rows against ${r.orderbookFile}`,
    );
    ctx.print(
      `  reconciled    ${r.reconciliations.total} levels taken from the file as they came into view`,
    );
  }
  for (const ex of r.mismatches.examples.slice(0, 5)) {
    ctx.print(`    line ${ex.line}: ${ex.kind}: ${ex.detail}`);
  }
  const fmt = (lv: [number, number][]) => lv.map(([p, q]) => `${q}@${p}`).join("  ") || "(empty)";
  ctx.print(`  final bids    ${fmt(s.finalBook.bids)}`);
  ctx.print(`  final asks    ${fmt(s.finalBook.asks)}`);
  if (seconds !== undefined && seconds > 0) {
    ctx.print(
      `  replay time   ${(seconds * 1000).toFixed(1)} ms (${
        formatRate(r.messages / seconds)
      } messages, cold start)`,
    );
  }
}

/** The `replay` command. */
export const replayCommand: Command = {
  name: "replay",
  summary: "Replay LOBSTER files through the matching engine and check every row",
  description:
    "Rebuilds the book from a LOBSTER message file, compares its top levels with the orderbook file after every message, and writes events.csv, snapshots.csv and summary.json into a run folder.",
  flags: [
    ...configFlags("configs/replay.yaml"),
    {
      name: "messages",
      type: "string",
      description: "LOBSTER message file (sets replay.message_file)",
      valueName: "file",
    },
  ],
  async run(ctx) {
    const loaded = await loadCommandConfig(ctx, ReplayConfigSchema, {
      "replay.message_file": ctx.flags.messages,
    });
    const inputs = await loadReplayInputs(loaded.config);
    const run = await openRun(ctx, "replay", loaded, null, inputs.files);
    const summary = await runReplayJob(loaded.config, inputs, run);
    await run.finish(summary);
    printReplaySummary(ctx, summary, run.manifest.timings.replay);
    ctx.print(`run folder: ${run.path}`);
    return { ...summary, runFolder: run.path };
  },
};
