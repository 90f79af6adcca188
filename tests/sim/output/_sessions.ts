/**
 * Sessions for the writer and job tests: a small hand-built one, and one made
 * by the real matching engine (an `OrderBook` recording its book changes)
 * driven by the benchmark's generated order stream.
 */

import { OrderBook, type Side } from "../../../lib/sim/engine/mod.ts";
import { EventKind, EventStreamBuilder } from "../../../lib/sim/market_data/mod.ts";
import { generateOrderStream, StreamOp } from "../../../lib/bench/order_stream.ts";
import type { SimulatedSession } from "../../../lib/sim/session.ts";

/** 09:30:00 in ns after midnight. */
export const OPEN_NS = 34_200_000_000_000;
const MS = 1_000_000;

/**
 * Five events in the first half second after the open (tick 100, levels in ticks):
 * +50 ms bid 10 @ 5000 (id 1); +120 ms ask 7 @ 5002 (id 2); +250 ms 3 of id 2
 * trade (buyer-initiated); +300 ms bid 4 @ 5001 (id 3); +400 ms id 1 deleted.
 */
export function handBuiltSession(): SimulatedSession {
  const b = new EventStreamBuilder();
  b.push(OPEN_NS + 50 * MS, EventKind.Add, 1, 10, 5000, 1);
  b.push(OPEN_NS + 120 * MS, EventKind.Add, 2, 7, 5002, -1);
  b.push(OPEN_NS + 250 * MS, EventKind.Trade, 2, 3, 5002, -1);
  b.push(OPEN_NS + 300 * MS, EventKind.Add, 3, 4, 5001, 1);
  b.push(OPEN_NS + 400 * MS, EventKind.Delete, 1, 10, 5000, 1);
  return {
    symbol: "HAND",
    date: "2024-01-02",
    tickSize: 100,
    sessionStartNs: OPEN_NS,
    sessionEndNs: OPEN_NS + 500 * MS,
    events: b.finish(),
    messagesProcessed: 5,
  };
}

/** Options of {@linkcode engineSession}. */
export interface EngineSessionOptions {
  symbol: string;
  date: string;
  seed: number;
  /** Generated requests (limit, cancel, market, modify). */
  requests: number;
  sessionStartNs: number;
  sessionEndNs: number;
  tickSize?: number;
  onProgress?: (fraction: number) => void;
}

/**
 * Drives the matching engine with `generateOrderStream` and records what the
 * book did; request i arrives at an integer time spread evenly over the session.
 */
export function engineSession(o: EngineSessionOptions): SimulatedSession {
  const rec = new EventStreamBuilder();
  const book = new OrderBook({ events: rec });
  const s = generateOrderStream({ count: o.requests, seed: o.seed, midTicks: 10_000 });
  const span = o.sessionEndNs - o.sessionStartNs;
  for (let i = 0; i < s.count; i++) {
    const side = s.side[i] as Side;
    const ts = o.sessionStartNs + Math.floor(((i + 1) * span) / (s.count + 1));
    const id = s.orderId[i];
    switch (s.op[i]) {
      case StreamOp.Limit:
        book.submitLimit(id, s.owner[i], side, s.priceTicks[i], s.qty[i], ts);
        break;
      case StreamOp.Cancel:
        book.cancel(id, ts);
        break;
      case StreamOp.Market:
        book.submitMarket(id, s.owner[i], side, s.qty[i], ts);
        break;
      default:
        if (book.hasOrder(id)) book.modify(id, s.priceTicks[i], s.qty[i], ts);
    }
    if (o.onProgress !== undefined && (i & 1023) === 0) o.onProgress(i / s.count);
  }
  return {
    symbol: o.symbol,
    date: o.date,
    tickSize: o.tickSize ?? 100,
    sessionStartNs: o.sessionStartNs,
    sessionEndNs: o.sessionEndNs,
    events: rec.finish(),
    messagesProcessed: s.count,
  };
}
