/**
 * A simulated session as a LOBSTER message / orderbook file pair, in
 * LOBSTER's own format (see /work/shared/data/README.md, or lobsterdata.com),
 * so that every reader of real data reads simulated data the same way:
 *
 * - `SYMBOL_DATE_START_END_message_N.csv`: time (seconds after midnight, nine
 *   decimals, from the integer nanoseconds), type, order id, size, price
 *   (`priceTicks × tickSize`, dollars × 10,000), direction (side of the
 *   resting order: an execution of a sell order, −1, is buyer-initiated).
 * - `SYMBOL_DATE_START_END_orderbook_N.csv`: row k is the book right after
 *   message k, N levels of ask price, ask size, bid price, bid size; an empty
 *   level holds 9999999999 (ask) or −9999999999 (bid) with size 0.
 *
 * START and END are the session bounds in milliseconds after midnight.
 *
 * **The message file holds every event of the session**, a superset of what
 * LOBSTER's level-N files keep (those drop messages that touch only levels
 * below the N-th). The orderbook file shows N levels as usual. Replaying the
 * pair through {@linkcode replayLobster} therefore reproduces every row.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EventKind, EventStreamBuilder } from "../market_data/mod.ts";
 * import { writeLobsterFiles } from "./lobster_writer.ts";
 * const b = new EventStreamBuilder();
 * b.push(34_200_000_000_001, EventKind.Add, 1, 10, 5000, 1);
 * const session = {
 *   symbol: "SIM", date: "2024-01-02", tickSize: 100, sessionStartNs: 34_200e9,
 *   sessionEndNs: 57_600e9, events: b.finish(), messagesProcessed: 1,
 * };
 * const dir = await Deno.makeTempDir();
 * const files = await writeLobsterFiles(session, dir, 2);
 * assert(files.messageFile.endsWith("SIM_2024-01-02_34200000_57600000_message_2.csv"));
 * assert((await Deno.readTextFile(files.messageFile)) === "34200.000000001,1,1,10,500000,1\n");
 * assert(
 *   (await Deno.readTextFile(files.orderbookFile)) ===
 *     "9999999999,0,500000,10,9999999999,0,-9999999999,0\n",
 * );
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import type { BookSnapshots } from "../market_data/mod.ts";
import type { SimulatedSession } from "../session.ts";
import { writeLinesAtomic } from "./_line_writer.ts";
import { formatLobsterTime } from "./lobster_time.ts";
import { replaySessionBook, sessionToLobsterMessages } from "./session_book.ts";

/** LOBSTER's placeholder price for an empty level (negated on the bid side). */
export const LOBSTER_EMPTY_PRICE = 9999999999;

/** The paths {@linkcode writeLobsterFiles} wrote. */
export interface LobsterFilePaths {
  messageFile: string;
  orderbookFile: string;
}

/** Options of {@linkcode writeLobsterFiles}. */
export interface WriteLobsterOptions {
  /**
   * The session's book after every event with at least `levels` levels (from
   * {@linkcode replaySessionBook}); computed when absent. Pass it to share one
   * replay between the LOBSTER and Parquet writers.
   */
  snapshots?: BookSnapshots;
}

/**
 * The two LOBSTER file names of a session at `levels` levels:
 * `SYMBOL_DATE_START_END_{message|orderbook}_LEVELS.csv`. START is the session
 * open rounded down to the millisecond, END the close rounded up. Throws
 * `RangeError` for a symbol that a LOBSTER name cannot hold (empty, or with
 * `_`, `/` or `\`).
 */
export function lobsterFileNames(
  session: SimulatedSession,
  levels: number,
): { message: string; orderbook: string } {
  if (!/^[^_/\\]+$/.test(session.symbol)) {
    throw new RangeError(
      `symbol: expected a ticker without "_", "/" or "\\", found ${JSON.stringify(session.symbol)}`,
    );
  }
  const startMs = Math.floor(session.sessionStartNs / 1e6);
  const endMs = Math.ceil(session.sessionEndNs / 1e6);
  const base = `${session.symbol}_${session.date}_${startMs}_${endMs}`;
  return { message: `${base}_message_${levels}.csv`, orderbook: `${base}_orderbook_${levels}.csv` };
}

/**
 * Writes the session's LOBSTER message and orderbook files into `dir`
 * (created if needed), each atomically, and returns their paths.
 */
export async function writeLobsterFiles(
  session: SimulatedSession,
  dir: string,
  levels: number,
  options: WriteLobsterOptions = {},
): Promise<LobsterFilePaths> {
  const names = lobsterFileNames(session, levels);
  const m = sessionToLobsterMessages(session);
  const snaps = options.snapshots ?? replaySessionBook(session, levels).snapshots;
  if (snaps.count !== m.count || snaps.levels < levels) {
    throw new RangeError(
      `snapshots: expected ${m.count} rows of ≥ ${levels} levels, found ${snaps.count} rows of ${snaps.levels}`,
    );
  }
  const messageFile = join(dir, names.message);
  const orderbookFile = join(dir, names.orderbook);
  await writeLinesAtomic(
    messageFile,
    m.count,
    (i) =>
      `${formatLobsterTime(m.timeNs[i])},${m.type[i]},${m.orderId[i]},${m.size[i]},${m.price[i]},${
        m.direction[i]
      }\n`,
  );
  const tick = session.tickSize;
  const L = snaps.levels;
  await writeLinesAtomic(orderbookFile, snaps.count, (k) => {
    let row = "";
    for (let l = 0; l < levels; l++) {
      const i = k * L + l;
      const ask = snaps.askPrice[i], bid = snaps.bidPrice[i];
      const askText = Number.isNaN(ask)
        ? `${LOBSTER_EMPTY_PRICE},0`
        : `${ask * tick},${snaps.askQty[i]}`;
      const bidText = Number.isNaN(bid)
        ? `-${LOBSTER_EMPTY_PRICE},0`
        : `${bid * tick},${snaps.bidQty[i]}`;
      row += l === 0 ? `${askText},${bidText}` : `,${askText},${bidText}`;
    }
    return `${row}\n`;
  });
  return { messageFile, orderbookFile };
}
