/**
 * The exchange as an agent: it owns one matching-engine book per symbol and
 * answers the messages agents send it — orders, cancels, modifies and
 * market-data requests — with acknowledgements, executions (to both sides of
 * every fill) and quotes, each delayed by the latency back to the agent.
 * It records every book change in LOBSTER's terms, per symbol, for output.
 * An optional {@linkcode ExchangeObserver} is called after every request it
 * handles (one null check per message when none is set).
 * @module
 */

import { Exchange } from "../engine/exchange.ts";
import type { FillLog } from "../engine/fill_log.ts";
import type { OrderBook } from "../engine/order_book.ts";
import type { SelfTradePrevention, Side, TimeInForce } from "../engine/types.ts";
import type { EventStream } from "../market_data/event_stream.ts";
import { Agent } from "./agent.ts";
import type { Kernel } from "./kernel.ts";
import { type Message, MessageKind } from "./messages.ts";

/** Options of {@linkcode ExchangeAgent}. */
export interface ExchangeAgentOptions {
  /** Record every book change per symbol (default true). */
  recordEvents?: boolean;
  /** Self-trade prevention for every book (default none). */
  selfTradePrevention?: SelfTradePrevention;
}

/**
 * Called after the exchange has handled a request `m` (the kernel's reused
 * message: read it, never keep it), with the books already updated. The
 * observer sees the book directly, without latency: a privileged view for the
 * simulation's own bookkeeping (market data for the environment), not for agents.
 */
export type ExchangeObserver = (k: Kernel, m: Message) => void;

/** The exchange: books, matching, responses. */
export class ExchangeAgent extends Agent {
  /** Marks this agent as the kernel's order destination. */
  readonly isExchange = true;
  /** The matching engine's books. */
  readonly exchange: Exchange;
  readonly symbols: readonly string[];
  readonly books: readonly OrderBook[];
  readonly fills: FillLog;
  /** Last trade price per symbol (NaN before the first trade). */
  readonly lastTradePrice: Float64Array;
  /** Traded volume per symbol. */
  readonly volume: Float64Array;
  /** Called after every handled request (see {@linkcode ExchangeObserver}); null = none. */
  observer: ExchangeObserver | null = null;

  constructor(symbols: readonly string[], options: ExchangeAgentOptions = {}) {
    super("exchange", "exchange");
    this.exchange = new Exchange({
      symbols,
      recordEvents: options.recordEvents ?? true,
      selfTradePrevention: options.selfTradePrevention,
      expectedOrders: 1 << 14,
    });
    this.symbols = this.exchange.symbols;
    this.books = this.exchange.books;
    this.fills = this.exchange.fills;
    this.lastTradePrice = new Float64Array(this.symbols.length).fill(NaN);
    this.volume = new Float64Array(this.symbols.length);
  }

  /** The recorded book changes of a symbol (null when recording is off). */
  events(symbol: number): EventStream | null {
    return this.exchange.events(symbol);
  }

  override receive(k: Kernel, m: Message): void {
    const book = this.books[m.symbol];
    if (book === undefined) {
      this.#reject(k, m, -1, m.side, m.price);
      return;
    }
    const t = k.now;
    switch (m.kind) {
      case MessageKind.LimitOrder: {
        const ok = book.submitLimit(
          m.orderId,
          m.from,
          m.side as Side,
          m.price,
          m.qty,
          t,
          m.a0 as TimeInForce,
          m.a1 === 1,
        );
        this.#answerOrder(k, m, book, ok);
        break;
      }
      case MessageKind.MarketOrder: {
        const ok = book.submitMarket(m.orderId, m.from, m.side as Side, m.qty, t);
        this.#answerOrder(k, m, book, ok);
        break;
      }
      case MessageKind.CancelOrder: {
        const side = book.orderSide(m.orderId);
        const price = book.orderPrice(m.orderId);
        const cancelled = m.qty > 0 ? book.reduce(m.orderId, m.qty, t) : book.cancel(m.orderId, t);
        if (cancelled > 0) {
          k.respond(
            this.id,
            m.from,
            MessageKind.OrderCancelled,
            m.symbol,
            m.orderId,
            side,
            price,
            cancelled,
            book.orderQty(m.orderId),
          );
        } else {
          this.#reject(k, m, book.result.rejectReason, side, price);
        }
        break;
      }
      case MessageKind.ModifyOrder: {
        const side = book.orderSide(m.orderId);
        const ok = book.modify(m.orderId, m.price, m.qty, t);
        this.#answerOrder(k, m, book, ok, side);
        break;
      }
      case MessageKind.MarketDataRequest:
        k.respond(
          this.id,
          m.from,
          MessageKind.MarketData,
          m.symbol,
          0,
          0,
          book.bestBid(),
          book.bestBidQty(),
          book.bestAsk(),
          book.bestAskQty(),
          this.lastTradePrice[m.symbol],
          this.volume[m.symbol],
        );
        break;
      default:
        this.#reject(k, m, -1, m.side, m.price);
    }
    if (this.observer !== null) this.observer(k, m);
  }

  /** Refuses request `m`: `reason` is a RejectReason code, −1 when the request is not understood. */
  #reject(k: Kernel, m: Message, reason: number, side: number, price: number): void {
    k.respond(
      this.id,
      m.from,
      MessageKind.OrderRejected,
      m.symbol,
      m.orderId,
      side,
      price,
      m.qty,
      reason,
    );
  }

  /** Sends executions for the fills of the last request, then its acknowledgement. */
  #answerOrder(k: Kernel, m: Message, book: OrderBook, ok: boolean, sideOverride = 0): void {
    const r = book.result;
    const side = sideOverride !== 0 ? sideOverride : m.side;
    if (!ok) {
      this.#reject(k, m, r.rejectReason, side, m.price);
      this.fills.clear();
      return;
    }
    const f = this.fills;
    let remaining = r.filledQty + r.restingQty;
    for (let i = 0; i < f.count; i++) {
      const q = f.qty[i];
      const px = f.priceTicks[i];
      const maker = f.makerOwner[i];
      remaining -= q;
      this.lastTradePrice[m.symbol] = px;
      this.volume[m.symbol] += q;
      if (maker >= 0) {
        k.respond(
          this.id,
          maker,
          MessageKind.OrderExecuted,
          m.symbol,
          f.makerOrderId[i],
          -f.aggressorSide[i],
          px,
          q,
          book.orderQty(f.makerOrderId[i]),
          m.from,
          0,
          k.now,
        );
      }
      k.respond(
        this.id,
        m.from,
        MessageKind.OrderExecuted,
        m.symbol,
        m.orderId,
        side,
        px,
        q,
        remaining,
        maker,
        1,
        k.now,
      );
    }
    f.clear();
    if (r.restingQty > 0) {
      k.respond(
        this.id,
        m.from,
        MessageKind.OrderAccepted,
        m.symbol,
        m.orderId,
        side,
        m.price,
        r.restingQty,
      );
    }
    const cancelled = r.cancelledQty;
    if (cancelled > 0 && m.kind !== MessageKind.ModifyOrder) {
      k.respond(
        this.id,
        m.from,
        MessageKind.OrderCancelled,
        m.symbol,
        m.orderId,
        side,
        m.price,
        cancelled,
        0,
      );
    }
  }
}
