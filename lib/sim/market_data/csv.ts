/**
 * CSV forms of the market data records, for inspection and for tools outside
 * the workspace. Columns are named in snake_case with units in the names.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EventKind, EventStreamBuilder, eventsToCsv } from "./mod.ts";
 * const b = new EventStreamBuilder();
 * b.push(5, EventKind.Add, 1, 10, 99, 1);
 * assert(eventsToCsv(b.finish()) === "ts_ns,kind,order_id,qty,price_ticks,side\n5,add,1,10,99,1\n");
 * ```
 * @module
 */

import type { BookSnapshots } from "./book_snapshots.ts";
import { EVENT_KIND_NAMES, type EventStream } from "./event_stream.ts";

/** The event stream as CSV text (kind by name). */
export function eventsToCsv(events: EventStream): string {
  const lines = ["ts_ns,kind,order_id,qty,price_ticks,side"];
  for (let i = 0; i < events.count; i++) {
    lines.push(
      `${events.tsNs[i]},${EVENT_KIND_NAMES[events.kind[i]]},${events.orderId[i]},${
        events.qty[i]
      },${events.priceTicks[i]},${events.side[i]}`,
    );
  }
  return lines.join("\n") + "\n";
}

/** Snapshots as CSV: `ts_ns`, then `bid_price_1, bid_qty_1, ask_price_1, ask_qty_1, …`; empty levels are blank. */
export function snapshotsToCsv(snaps: BookSnapshots): string {
  const L = snaps.levels;
  const header = ["ts_ns"];
  for (let l = 1; l <= L; l++) {
    header.push(`bid_price_${l}`, `bid_qty_${l}`, `ask_price_${l}`, `ask_qty_${l}`);
  }
  const lines = [header.join(",")];
  const cell = (v: number) => (Number.isNaN(v) ? "" : String(v));
  for (let r = 0; r < snaps.count; r++) {
    const parts = [String(snaps.tsNs[r])];
    for (let l = 0; l < L; l++) {
      const i = r * L + l;
      parts.push(
        cell(snaps.bidPrice[i]),
        String(snaps.bidQty[i]),
        cell(snaps.askPrice[i]),
        String(snaps.askQty[i]),
      );
    }
    lines.push(parts.join(","));
  }
  return lines.join("\n") + "\n";
}
