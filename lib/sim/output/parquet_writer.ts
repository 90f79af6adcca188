/**
 * Writes a simulated session's `snapshots.parquet` and `trades.parquet`
 * (columns in {@linkcode snapshotsFrame} and {@linkcode tradesFrame}),
 * zstd-compressed, each atomically. Same session, same bytes. Polars is loaded
 * on the first call (permissions: `--allow-ffi --allow-sys`), so importing this
 * module costs nothing.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { EventKind, EventStreamBuilder } from "../market_data/mod.ts";
 * import { writeSessionParquet } from "./parquet_writer.ts";
 * const b = new EventStreamBuilder();
 * b.push(34_200e9, EventKind.Add, 1, 10, 5000, 1);
 * const session = {
 *   symbol: "SIM", date: "2024-01-02", tickSize: 100, sessionStartNs: 34_200e9,
 *   sessionEndNs: 34_201e9, events: b.finish(), messagesProcessed: 1,
 * };
 * const dir = await Deno.makeTempDir();
 * const out = await writeSessionParquet(session, dir, { levels: 2, decisionMs: 500 });
 * assert(out.snapshotRows === 3 && out.tradeRows === 0);
 * const df = pl.readParquet(out.snapshotsFile);
 * assert(df.getColumn("best_bid").toArray()[2] === 50 && df.getColumn("ask_qty_1").toArray()[0] === null);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import { writeFileAtomic } from "../../core/atomic_write.ts";
import type { BookSnapshots } from "../market_data/mod.ts";
import type { SimulatedSession } from "../session.ts";
import { replaySessionBook } from "./session_book.ts";

/** Options of {@linkcode writeSessionParquet}. */
export interface SessionParquetOptions {
  /** Levels per side in `snapshots.parquet` (default 10). */
  levels?: number;
  /** Sampling interval of `snapshots.parquet` in milliseconds (default 100). */
  decisionMs?: number;
  /** The book after every event with ≥ `levels` levels; computed when absent. */
  snapshots?: BookSnapshots;
}

/** What {@linkcode writeSessionParquet} wrote. */
export interface SessionParquetFiles {
  snapshotsFile: string;
  tradesFile: string;
  snapshotRows: number;
  tradeRows: number;
}

/** Writes `snapshots.parquet` and `trades.parquet` of `session` into `dir`. */
export async function writeSessionParquet(
  session: SimulatedSession,
  dir: string,
  options: SessionParquetOptions = {},
): Promise<SessionParquetFiles> {
  const levels = options.levels ?? 10;
  const decisionMs = options.decisionMs ?? 100;
  if (!(decisionMs > 0 && Number.isSafeInteger(Math.round(decisionMs * 1e6)))) {
    throw new RangeError(`decisionMs: expected a positive number, found ${decisionMs}`);
  }
  const snaps = options.snapshots ?? replaySessionBook(session, levels).snapshots;
  // Loaded here, not at the top: polars needs --allow-ffi and --allow-sys, which
  // commands that never write Parquet should not have to grant.
  const { snapshotsFrame, tradesFrame } = await import("./parquet_frames.ts");
  const snapshots = snapshotsFrame(session, snaps, levels, decisionMs);
  const trades = tradesFrame(session);
  const snapshotsFile = join(dir, "snapshots.parquet");
  const tradesFile = join(dir, "trades.parquet");
  await writeFileAtomic(snapshotsFile, snapshots.writeParquet({ compression: "zstd" }));
  await writeFileAtomic(tradesFile, trades.writeParquet({ compression: "zstd" }));
  return { snapshotsFile, tradesFile, snapshotRows: snapshots.height, tradeRows: trades.height };
}
