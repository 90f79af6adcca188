/**
 * The replay job behind `deno task replay` and the demo: read a LOBSTER pair,
 * replay it through the matching engine, check every row, write the event
 * stream and snapshots, and return a JSON summary.
 * @module
 */

import { InputError } from "../core/errors.ts";
import type { RunDir } from "../core/run_dir.ts";
import {
  type LobsterMessages,
  type LobsterOrderbook,
  readLobsterMessages,
  readLobsterOrderbook,
  resolveOrderbookFile,
} from "../data/lobster/mod.ts";
import type { ReplayConfig } from "../config/schemas/replay.ts";
import { BUY, SELL } from "../sim/engine/mod.ts";
import { eventsToCsv, snapshotsToCsv } from "../sim/market_data/mod.ts";
import { replayLobster, type ReplayReport } from "../sim/replay/mod.ts";

/** The summary a replay run writes (`summary.json`; deterministic: timings live in the manifest). */
export interface ReplaySummary {
  report: ReplayReport;
  /** Top five levels of the final book, best first, in ticks. */
  finalBook: { bids: [number, number][]; asks: [number, number][] };
  files: string[];
}

/** The parsed inputs of a replay. */
export interface ReplayInputs {
  messages: LobsterMessages;
  orderbook: LobsterOrderbook | null;
  /** Paths read (for the run manifest). */
  files: string[];
  /** Time spent reading and parsing. */
  parseSeconds: number;
}

/**
 * Reads and checks the files a replay config names. Call it before opening
 * the run folder, so that bad input stops the command with nothing written.
 */
export async function loadReplayInputs(cfg: ReplayConfig): Promise<ReplayInputs> {
  const c = cfg.replay;
  const t0 = performance.now();
  const obFile = await resolveOrderbookFile(c.message_file, c.orderbook_file);
  const [messages, orderbook] = await Promise.all([
    readLobsterMessages(c.message_file),
    obFile === null ? Promise.resolve(null) : readLobsterOrderbook(obFile),
  ]);
  if (orderbook !== null && orderbook.count !== messages.count) {
    throw new InputError({
      file: orderbook.file,
      expected: `${messages.count} rows, one per line of ${messages.file}`,
      found: `${orderbook.count} rows`,
    });
  }
  return {
    messages,
    orderbook,
    files: obFile === null ? [c.message_file] : [c.message_file, obFile],
    parseSeconds: (performance.now() - t0) / 1000,
  };
}

/** Runs the replay on loaded inputs and writes its outputs into `run`. */
export async function runReplayJob(
  cfg: ReplayConfig,
  inputs: ReplayInputs,
  run: RunDir,
): Promise<ReplaySummary> {
  const c = cfg.replay;
  const { messages, orderbook } = inputs;
  run.recordTiming("parse", inputs.parseSeconds);
  const out = await run.time("replay", () =>
    replayLobster(messages, orderbook, {
      tickSize: c.tick_size,
      snapshotLevels: c.snapshot_levels,
      maxExamples: c.max_examples,
    }));
  const files: string[] = [];
  await run.time("write", async () => {
    if (c.write_events) {
      await run.writeText("events.csv", eventsToCsv(out.events));
      files.push("events.csv");
    }
    if (c.write_snapshots) {
      await run.writeText("snapshots.csv", snapshotsToCsv(out.snapshots));
      files.push("snapshots.csv");
    }
  });
  const top = (side: 1 | -1): [number, number][] => {
    const px = new Float64Array(5), qty = new Float64Array(5);
    const n = out.book.depth(side, 5, px, qty);
    return Array.from({ length: n }, (_, i) => [px[i], qty[i]] as [number, number]);
  };
  return {
    report: out.report,
    finalBook: { bids: top(BUY), asks: top(SELL) },
    files,
  };
}
