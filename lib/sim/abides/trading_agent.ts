/**
 * A trading agent's bookkeeping, shared by every background agent: inventory,
 * cash, open orders, and helpers to place and cancel orders through the kernel.
 * Cash and prices in ticks, inventory in lots: marked-to-market value =
 * cash + inventory × price.
 * @module
 */

import { Agent } from "../kernel/agent.ts";
import type { Kernel } from "../kernel/kernel.ts";
import { type Message, MessageKind } from "../kernel/messages.ts";

/** An open order as the agent knows it (updated by the exchange's messages). */
export interface OpenOrder {
  side: number;
  price: number;
  qty: number;
}

/** Base class of agents that trade one symbol. */
export abstract class TradingAgent extends Agent {
  /** Inventory (lots, signed). */
  inventory = 0;
  /** Cash (ticks × lots). */
  cash = 0;
  /** Volume this agent traded (lots). */
  tradedVolume = 0;
  /** Live orders by id. */
  readonly openOrders = new Map<number, OpenOrder>();

  constructor(name: string, type: string, readonly symbol = 0) {
    super(name, type);
  }

  /** Sends a limit order and tracks it. */
  placeLimit(k: Kernel, side: number, price: number, qty: number, timeInForce = 0): number {
    const id = k.nextOrderId();
    if (timeInForce === 0) this.openOrders.set(id, { side, price, qty });
    k.sendLimit(this.id, this.symbol, id, side, price, qty, timeInForce);
    return id;
  }

  /** Sends a market order. */
  placeMarket(k: Kernel, side: number, qty: number): number {
    const id = k.nextOrderId();
    k.sendMarket(this.id, this.symbol, id, side, qty);
    return id;
  }

  /** Cancels every open order. */
  cancelAll(k: Kernel): void {
    for (const id of this.openOrders.keys()) k.sendCancel(this.id, this.symbol, id);
  }

  /** Handles executions and order status; subclasses call it first, then react to market data. */
  override receive(k: Kernel, m: Message): void {
    switch (m.kind) {
      case MessageKind.OrderExecuted: {
        this.inventory += m.side * m.qty;
        this.cash -= m.side * m.qty * m.price;
        this.tradedVolume += m.qty;
        const o = this.openOrders.get(m.orderId);
        if (o !== undefined) {
          o.qty -= m.qty;
          if (o.qty <= 0) this.openOrders.delete(m.orderId);
        }
        break;
      }
      case MessageKind.OrderCancelled: {
        const o = this.openOrders.get(m.orderId);
        if (o !== undefined) {
          o.qty = m.a0;
          if (o.qty <= 0) this.openOrders.delete(m.orderId);
        }
        break;
      }
      case MessageKind.OrderRejected:
        this.openOrders.delete(m.orderId);
        break;
      case MessageKind.MarketData:
        this.onMarketData(k, m.price, m.qty, m.a0, m.a1, m.a2, m.a3);
        break;
    }
  }

  /**
   * Called with the best quotes the agent asked for (NaN where a side is
   * empty), the last trade price and the session's traded volume so far.
   */
  onMarketData(
    _k: Kernel,
    _bid: number,
    _bidQty: number,
    _ask: number,
    _askQty: number,
    _last: number,
    _volume: number,
  ): void {}

  /** A uniform integer size in [min, max]. */
  drawSize(min: number, max: number): number {
    return min + this.rng.nextInt(max - min + 1);
  }
}
