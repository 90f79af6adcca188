/**
 * Column layout of the raw tables ingestion reads before validation, and the
 * kinds of table. Every source is turned into one of three tables:
 *
 * - **events** (LOBSTER pairs, replayed): one row per message, holding the
 *   book right after it and the message itself;
 * - **snapshots** (simulator `snapshots.parquet`, user book files): one row
 *   per book snapshot, no event data;
 * - **trades** (simulator `trades.parquet`, user trade files): one row per
 *   execution.
 *
 * | column | type | tables | meaning |
 * | --- | --- | --- | --- |
 * | `ts` | Datetime(ns) | all | event or snapshot time, exchange local time, no zone |
 * | `symbol` | Utf8 | all | ticker |
 * | `row` | Int64 | all | 1-based row in the file (CSV: the line number, header = line 1; LOBSTER: the message file's line) |
 * | `best_bid`, `best_ask` | Float64 | events, snapshots | best quotes, dollars; null when a side is empty |
 * | `bid_price_k`, `bid_qty_k`, `ask_price_k`, `ask_qty_k` | Float64 | events, snapshots | level k = 1…L; null where the level is empty |
 * | `event_kind` | UInt8 | events | LOBSTER event type 1–7 (`EventKind`) |
 * | `event_qty` | Float64 | events | shares added, cancelled or executed |
 * | `event_price` | Float64 | events | dollars (halts: LOBSTER's code −1, 0 or 1) |
 * | `event_side` | Int8 | events | side of the order concerned: +1 bid, −1 ask |
 * | `order_id` | Float64 | events | LOBSTER order id (0 for hidden executions) |
 * | `price`, `qty` | Float64 | trades | execution price (dollars) and size (shares) |
 * | `aggressor_side` | Int8 | trades | +1 buyer-initiated, −1 seller-initiated; null when unknown |
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { bookColumns } from "./columns.ts";
 * assert.deepEqual(bookColumns(1), [
 *   "best_bid", "best_ask", "bid_price_1", "bid_qty_1", "ask_price_1", "ask_qty_1",
 * ]);
 * ```
 * @module
 */

import { levelColumns } from "../interim/schema.ts";

/** What the rows of a raw table are. */
export type TableKind = "events" | "snapshots" | "trades";

/** Columns every raw table has, first. */
export const KEY_COLUMNS = ["ts", "symbol", "row"] as const;

/** Event columns of an events table, after the book columns. */
export const EVENT_COLUMNS = [
  "event_kind",
  "event_qty",
  "event_price",
  "event_side",
  "order_id",
] as const;

/** Data columns of a trades table. */
export const TRADE_COLUMNS = ["price", "qty", "aggressor_side"] as const;

/** Columns a user book file must have. */
export const REQUIRED_BOOK_COLUMNS = [
  "ts",
  "symbol",
  "best_bid",
  "best_ask",
  "bid_qty_1",
  "ask_qty_1",
] as const;

/** Columns a user trades file must have. */
export const REQUIRED_TRADE_COLUMNS = ["ts", "symbol", "price", "qty"] as const;

/** `best_bid`, `best_ask`, then the four columns of each level 1…`levels`. */
export function bookColumns(levels: number): string[] {
  const out = ["best_bid", "best_ask"];
  for (let k = 1; k <= levels; k++) out.push(...levelColumns(k));
  return out;
}

/** The data columns (no `ts`, `symbol`, `row`) of a raw table of `kind` with `levels` levels. */
export function dataColumns(kind: TableKind, levels: number): string[] {
  if (kind === "trades") return [...TRADE_COLUMNS];
  const book = bookColumns(levels);
  return kind === "events" ? [...book, ...EVENT_COLUMNS] : book;
}

/** All columns of a raw table of `kind`, in order. */
export function rawColumns(kind: TableKind, levels: number): string[] {
  return [...KEY_COLUMNS, ...dataColumns(kind, levels)];
}

/** The price/size column pairs of levels `from…levels` on both sides. */
export function levelPairs(from: number, levels: number): [string, string][] {
  const out: [string, string][] = [];
  for (let k = from; k <= levels; k++) {
    const [bp, bq, ap, aq] = levelColumns(k);
    out.push([bp, bq], [ap, aq]);
  }
  return out;
}
