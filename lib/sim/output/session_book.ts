/**
 * The book of a simulated session, rebuilt by replaying its event stream
 * through the matching engine ({@linkcode replayLobster} without an orderbook
 * file): the top levels after every event. Both writers (LOBSTER orderbook
 * files and Parquet snapshots) start from it.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EventKind, EventStreamBuilder } from "../market_data/mod.ts";
 * import { replaySessionBook } from "./session_book.ts";
 * const b = new EventStreamBuilder();
 * b.push(34_200e9, EventKind.Add, 1, 10, 5000, 1);
 * b.push(34_201e9, EventKind.Add, 2, 7, 5002, -1);
 * const session = {
 *   symbol: "SIM", date: "2024-01-02", tickSize: 100, sessionStartNs: 34_200e9,
 *   sessionEndNs: 57_600e9, events: b.finish(), messagesProcessed: 2,
 * };
 * const { snapshots } = replaySessionBook(session, 5);
 * assert(snapshots.count === 2 && snapshots.bidPrice[5] === 5000 && snapshots.askQty[5] === 7);
 * ```
 * @module
 */

import type { LobsterMessages } from "../../data/lobster/mod.ts";
import { EventKind } from "../market_data/mod.ts";
import { replayLobster, type ReplayResult } from "../replay/mod.ts";
import type { SimulatedSession } from "../session.ts";

/**
 * The session's events as a parsed LOBSTER message file: raw prices are
 * `priceTicks × tickSize` (dollars × 10,000), except halts (type 7), whose
 * price is LOBSTER's code −1, 0 or 1 as recorded. Throws `RangeError` when a
 * raw price is not an integer (LOBSTER prices are).
 */
export function sessionToLobsterMessages(session: SimulatedSession): LobsterMessages {
  const ev = session.events;
  const tick = session.tickSize;
  const price = new Float64Array(ev.count);
  for (let i = 0; i < ev.count; i++) {
    const raw = ev.kind[i] === EventKind.Halt ? ev.priceTicks[i] : ev.priceTicks[i] * tick;
    if (!Number.isSafeInteger(raw)) {
      throw new RangeError(
        `${session.symbol} ${session.date}: event ${i}: expected an integer LOBSTER price, found ${raw} (${
          ev.priceTicks[i]
        } ticks × ${tick})`,
      );
    }
    price[i] = raw;
  }
  return {
    file: `${session.symbol} ${session.date} (simulated)`,
    count: ev.count,
    timeNs: ev.tsNs,
    type: ev.kind,
    orderId: ev.orderId,
    size: ev.qty,
    price,
    direction: ev.side,
  };
}

/**
 * Replays the session from an empty book and returns the replay's result:
 * `snapshots` holds the top `levels` per side after every event (prices in
 * ticks, NaN for an empty level), `report.unknownOrderRefs` counts events that
 * named an order the stream never added (0 for a well-formed session).
 */
export function replaySessionBook(session: SimulatedSession, levels: number): ReplayResult {
  if (!(Number.isInteger(levels) && levels >= 1)) {
    throw new RangeError(`levels: expected an integer ≥ 1, found ${levels}`);
  }
  return replayLobster(sessionToLobsterMessages(session), null, {
    snapshotLevels: levels,
    tickSize: session.tickSize,
  });
}
