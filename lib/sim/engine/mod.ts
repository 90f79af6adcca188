/**
 * The matching engine: price-time-priority limit order books on integer ticks.
 *
 * - {@linkcode OrderBook}: one symbol's book and matching.
 * - {@linkcode Exchange}: several books sharing one fill log.
 * - {@linkcode FillLog}: columnar execution reports.
 * @module
 */

export * from "./types.ts";
export { FillLog, type FillRecord } from "./fill_log.ts";
export {
  type BookCounters,
  type LevelView,
  OrderBook,
  type OrderBookOptions,
} from "./order_book.ts";
export { Exchange, type ExchangeOptions } from "./exchange.ts";
export { OrderIdMap } from "./order_id_map.ts";
