/**
 * A LOBSTER message / orderbook pair as a raw **events** table: the message
 * file is replayed through the matching engine ({@linkcode replayLobster}),
 * which gives the book after every message; each row holds that book (L
 * levels, dollars; empty levels null) and the message itself. Without an
 * orderbook file the replay runs unchecked (orders resting before the file
 * starts are unknown, so the rebuilt book can be wrong: the validation then
 * reports the crossed rows it gives). Symbol and date come from the file name
 * (`lib/data/lobster/file_name.ts`); the replay's mismatch counts go into the
 * table's notes.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { readLobsterTable } from "./lobster_table.ts";
 * const t = await readLobsterTable({
 *   ticker: "AAPL", date: "2012-06-21", levels: 10,
 *   messageFile: "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_message_10.csv",
 *   orderbookFile: "tests/fixtures/lobster/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv",
 * }, { tickSize: 0.01, levels: 2, source: 0 });
 * assert(t.kind === "events" && t.levels === 2 && t.frame.height === 500);
 * assert(t.frame.getColumn("best_bid").toArray()[0] === 585.33); // 5853300 / 10,000
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { ConfigError } from "../../core/errors.ts";
import { type LobsterFilePair, readLobsterMessages, readLobsterOrderbook } from "../lobster/mod.ts";
import { EventKind } from "../../sim/market_data/mod.ts";
import { replayLobster } from "../../sim/replay/mod.ts";
import { levelColumns } from "../interim/schema.ts";
import { datetimeFromDay, dayOfDate, nanToNull } from "./_frames.ts";
import type { RawTable } from "./raw_table.ts";

/** LOBSTER price units per dollar. */
const UNITS_PER_DOLLAR = 10_000;

/** Options of {@linkcode readLobsterTable}. */
export interface LobsterTableOptions {
  /** Price increment, dollars (a whole number of LOBSTER's 1/10,000 dollar). */
  tickSize: number;
  /** Most book levels to keep (never more than the file names). */
  levels: number;
  /** Index of the config source. */
  source: number;
  /** Ticker to use instead of the file name's. */
  symbol?: string;
}

/** LOBSTER price units per tick for a tick size in dollars; throws ConfigError when not whole. */
export function lobsterTickUnits(tickSize: number, keyPath = "ingest.tick_size"): number {
  const units = Math.round(tickSize * UNITS_PER_DOLLAR);
  if (!(units >= 1 && Math.abs(units - tickSize * UNITS_PER_DOLLAR) < 1e-6)) {
    throw new ConfigError({
      keyPath,
      expected: "a tick size that is a whole number of LOBSTER price units ($0.0001)",
      found: String(tickSize),
    });
  }
  return units;
}

/** Replays a LOBSTER pair and returns it as a raw events table. */
export async function readLobsterTable(
  pair: LobsterFilePair,
  options: LobsterTableOptions,
): Promise<RawTable> {
  const tickUnits = lobsterTickUnits(options.tickSize);
  const [messages, orderbook] = await Promise.all([
    readLobsterMessages(pair.messageFile),
    pair.orderbookFile === null ? Promise.resolve(null) : readLobsterOrderbook(pair.orderbookFile),
  ]);
  const levels = Math.min(options.levels, pair.levels);
  const out = replayLobster(messages, orderbook, { tickSize: tickUnits, snapshotLevels: levels });
  const snaps = out.snapshots, ev = out.events;
  const n = snaps.count;
  const L = snaps.levels;

  const series: pl.Series[] = [
    datetimeFromDay("ts", dayOfDate(pair.date), snaps.tsNs),
  ];
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) row[i] = i + 1;
  const book: pl.Series[] = [];
  const sides = [
    ["bid", snaps.bidPrice, snaps.bidQty],
    ["ask", snaps.askPrice, snaps.askQty],
  ] as const;
  const levelSeries = new Map<string, pl.Series>();
  for (const [side, prices, qtys] of sides) {
    for (let l = 0; l < L; l++) {
      const p = new Float64Array(n), q = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const ticks = prices[i * L + l];
        // (ticks × units) is an exact integer; one division gives the nearest double.
        p[i] = (ticks * tickUnits) / UNITS_PER_DOLLAR;
        q[i] = Number.isNaN(ticks) ? NaN : qtys[i * L + l];
      }
      levelSeries.set(`${side}_price_${l + 1}`, pl.Series(`${side}_price_${l + 1}`, p));
      levelSeries.set(`${side}_qty_${l + 1}`, pl.Series(`${side}_qty_${l + 1}`, q));
    }
  }
  book.push(levelSeries.get("bid_price_1")!.alias("best_bid"));
  book.push(levelSeries.get("ask_price_1")!.alias("best_ask"));
  for (let k = 1; k <= L; k++) for (const c of levelColumns(k)) book.push(levelSeries.get(c)!);

  const eventPrice = new Float64Array(n), eventQty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eventQty[i] = ev.qty[i];
    eventPrice[i] = ev.kind[i] === EventKind.Halt
      ? ev.priceTicks[i]
      : (ev.priceTicks[i] * tickUnits) / UNITS_PER_DOLLAR;
  }
  const frame = pl.DataFrame([
    ...series,
    pl.Series("row", row),
    ...book,
    pl.Series("event_kind", ev.kind),
    pl.Series("event_qty", eventQty),
    pl.Series("event_price", eventPrice),
    pl.Series("event_side", ev.side),
    pl.Series("order_id", ev.orderId),
  ]).select(
    pl.col("ts"),
    pl.lit(options.symbol ?? pair.ticker).alias("symbol"),
    pl.col("row").cast(pl.Int64),
    ...book.map((s) => nanToNull(pl.col(s.name)).alias(s.name)),
    pl.col(["event_kind", "event_qty", "event_price", "event_side", "order_id"]),
  );
  const r = out.report;
  return {
    file: pair.messageFile,
    source: options.source,
    kind: "events",
    levels: L,
    tickSize: options.tickSize,
    frame,
    notes: {
      orderbook_file: pair.orderbookFile,
      replay_checked: pair.orderbookFile !== null,
      replay_mismatches: r.mismatches.total,
      replay_mismatch_rows: r.mismatches.rows,
      replay_reconciliations: r.reconciliations.total,
      unknown_order_refs: r.unknownOrderRefs,
      events_by_type: r.eventsByType,
    },
  };
}
