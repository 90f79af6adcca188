/**
 * The consolidated ("interim") data layout that ingestion writes and the
 * feature pipeline reads: one Parquet file per symbol and date,
 * `data/interim/<symbol>/<date>.parquet`, one row per decision-grid time.
 *
 * | column | type | meaning |
 * | --- | --- | --- |
 * | `ts` | Datetime(ns) | grid time t (exchange local time, no zone); the row describes the interval (t − Δ, t] |
 * | `symbol` | Utf8 | ticker |
 * | `date` | Utf8 | session date, YYYY-MM-DD |
 * | `tick_size` | Float64 | price increment, dollars |
 * | `best_bid`, `best_ask` | Float64 | best quotes at t (the last book state at or before t), dollars |
 * | `bid_price_k`, `bid_qty_k`, `ask_price_k`, `ask_qty_k` | Float64 | level k = 1…L at t; null where the level is empty |
 * | `trade_count` | Int64 | executions in the interval; null when the source has no event data |
 * | `trade_volume` | Float64 | shares executed in the interval; null without event data |
 * | `cancel_count` | Int64 | cancels and partial cancels in the interval; null without event data |
 * | `mid_high`, `mid_low` | Float64 | highest and lowest mid in the interval, counting the state at its start |
 * | `ofi_events` | Float64 | order-flow imbalance (Cont, Kukanov and Stoikov 2014) summed over the book events of the interval; null without event data |
 * @module
 */

/** Names of the fixed interim columns (the level columns follow `bid_price_k` etc.). */
export const INTERIM_FIXED_COLUMNS = [
  "ts",
  "symbol",
  "date",
  "tick_size",
  "best_bid",
  "best_ask",
  "trade_count",
  "trade_volume",
  "cancel_count",
  "mid_high",
  "mid_low",
  "ofi_events",
] as const;

/** The four level columns of level `k` (1-based). */
export function levelColumns(k: number): [string, string, string, string] {
  return [`bid_price_${k}`, `bid_qty_${k}`, `ask_price_${k}`, `ask_qty_${k}`];
}

/** Path of a symbol-day in the interim store. */
export function interimPath(root: string, symbol: string, date: string): string {
  return `${root}/${symbol}/${date}.parquet`;
}
