/**
 * Several order books side by side, one per symbol, sharing one fill log.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BUY, Exchange, SELL } from "./mod.ts";
 * const ex = new Exchange({ symbols: ["AAPL", "AMZN"] });
 * ex.book("AMZN").submitLimit(1, 7, SELL, 22_395, 100, 0);
 * ex.book("AMZN").submitMarket(2, 8, BUY, 40, 1);
 * assert(ex.fills.count === 1 && ex.fills.symbol[0] === 1);
 * ```
 * @module
 */

import { type EventStream, EventStreamBuilder } from "../market_data/event_stream.ts";
import { FillLog } from "./fill_log.ts";
import { OrderBook, type OrderBookOptions } from "./order_book.ts";

/** Options of {@linkcode Exchange}. */
export interface ExchangeOptions extends Omit<OrderBookOptions, "symbol" | "fills" | "events"> {
  /** Symbol names; their positions are the symbol indices stamped on fills. */
  symbols: readonly string[];
  /** Record every book's changes in LOBSTER's terms, one stream per symbol (default false). */
  recordEvents?: boolean;
}

/** A set of order books keyed by symbol. */
export class Exchange {
  /** Fills of every book, in the order they happened. */
  readonly fills: FillLog = new FillLog();
  /** Symbol names by index. */
  readonly symbols: readonly string[];
  /** The books, by symbol index. */
  readonly books: readonly OrderBook[];
  readonly #recorders: (EventStreamBuilder | null)[];
  readonly #index = new Map<string, number>();

  constructor(options: ExchangeOptions) {
    if (options.symbols.length === 0) {
      throw new RangeError("Exchange: expected at least one symbol, found none");
    }
    this.symbols = [...options.symbols];
    this.#recorders = this.symbols.map(
      () => (options.recordEvents ? new EventStreamBuilder(1 << 14) : null),
    );
    this.books = this.symbols.map((name, i) => {
      if (this.#index.has(name)) throw new RangeError(`Exchange: symbol ${name} listed twice`);
      this.#index.set(name, i);
      return new OrderBook({
        ...options,
        symbol: i,
        fills: this.fills,
        events: this.#recorders[i] ?? undefined,
      });
    });
  }

  /** The book of a symbol, by name or index. */
  book(symbol: string | number): OrderBook {
    const i = typeof symbol === "number" ? symbol : this.#index.get(symbol);
    const book = i === undefined ? undefined : this.books[i];
    if (book === undefined) {
      throw new RangeError(
        `Exchange: unknown symbol ${symbol} (known: ${this.symbols.join(", ")})`,
      );
    }
    return book;
  }

  /** The recorded book changes of a symbol so far (null when recording is off). */
  events(symbol: number): EventStream | null {
    return this.#recorders[symbol]?.finish() ?? null;
  }

  /** Index of a symbol name. */
  symbolIndex(name: string): number {
    const i = this.#index.get(name);
    if (i === undefined) {
      throw new RangeError(`Exchange: unknown symbol ${name} (known: ${this.symbols.join(", ")})`);
    }
    return i;
  }
}
