/**
 * The ZI session: its canonical events replay through `replayLobster` with no
 * unknown order, no mismatch, and a rebuilt book equal (prices, queues, ids
 * in time priority) to the ZI book at the end; executions take the oldest
 * order; the model path is the core's book 0 for the same seed; determinism.
 */

import { strict as assert } from "node:assert";
import { UsageError } from "../../../lib/core/errors.ts";
import type { LobsterMessages } from "../../../lib/data/lobster/mod.ts";
import { BUY, SELL } from "../../../lib/sim/engine/mod.ts";
import { EventKind, type EventStream } from "../../../lib/sim/market_data/mod.ts";
import { replayLobster } from "../../../lib/sim/replay/mod.ts";
import {
  simulateZiSession,
  ZiBooks,
  type ZiBookState,
  type ZiParams,
  ziParams,
  type ZiSession,
} from "../../../lib/sim/zi/mod.ts";

const START_NS = 34_200_000_000_000; // 09:30
const HALF_HOUR_NS = 1_800_000_000_000;

function session(seed: number, params: ZiParams = ziParams(), spanNs = HALF_HOUR_NS): ZiSession {
  return simulateZiSession({
    symbol: "SIM0",
    date: "2024-01-02",
    seed,
    params,
    sessionStartNs: START_NS,
    sessionEndNs: START_NS + spanNs,
    tickSize: 100,
    startPriceTicks: 10_000,
  });
}

function toLobster(ev: EventStream, tickSize: number): LobsterMessages {
  const price = new Float64Array(ev.count);
  for (let i = 0; i < ev.count; i++) price[i] = ev.priceTicks[i] * tickSize;
  return {
    file: "zi-session",
    count: ev.count,
    timeNs: ev.tsNs,
    type: ev.kind,
    orderId: ev.orderId,
    size: ev.qty,
    price,
    direction: ev.side,
  };
}

function checkReplay(s: ZiSession): void {
  const out = replayLobster(toLobster(s.events, s.tickSize), null, { tickSize: s.tickSize });
  const r = out.report;
  assert.equal(r.unknownOrderRefs, 0);
  assert.equal(r.mismatches.total, 0, JSON.stringify(r.mismatches.examples.slice(0, 3)));
  assert.equal(r.reconciliations.total, 0);
  const lot = s.zi.params.lotSize;
  const view = (side: typeof BUY | typeof SELL) =>
    out.book.levels(side).map((l) => {
      assert(l.orders.every((o) => o.qty === lot));
      return { priceTicks: l.priceTicks, orderIds: l.orders.map((o) => o.orderId) };
    });
  const final: ZiBookState = s.zi.final;
  assert.deepEqual(view(BUY), final.bids);
  assert.deepEqual(view(SELL), final.asks);
  assert.equal(out.book.bestBid(), final.bestBid);
  assert.equal(out.book.bestAsk(), final.bestAsk);
  assert.equal(r.trades.visible, s.zi.counters.marketBuy + s.zi.counters.marketSell);
}

Deno.test("ZI session: events replay through replayLobster to the same book (default parameters)", () => {
  const s = session(1);
  assert(s.events.count > 50_000, `only ${s.events.count} events in half an hour`);
  checkReplay(s);
});

Deno.test("ZI session: replay also agrees in a thin market with re-seeds and drops", () => {
  const thin = ziParams({
    levels: 3,
    lambda: [0.2, 0.2, 0.2],
    theta: [1.5],
    mu: 2,
    initialDepth: 1,
    reseedDistance: 2,
    lotSize: 10,
  });
  const s = session(2, thin);
  assert(s.zi.counters.reseeds > 1000 && s.zi.counters.dropped > 20);
  checkReplay(s);
});

Deno.test("ZI session: well-formed canonical stream", () => {
  const s = session(3);
  const ev = s.events;
  const lot = s.zi.params.lotSize;
  const seen = new Set<number>();
  const queues = new Map<string, number[]>(); // "side:price" → ids, oldest first
  let lastId = 0;
  for (let i = 0; i < ev.count; i++) {
    const t = ev.tsNs[i];
    assert(Number.isInteger(t) && t >= START_NS && t < START_NS + HALF_HOUR_NS);
    if (i > 0) assert(t >= ev.tsNs[i - 1], `event ${i}: time goes back`);
    assert.equal(ev.qty[i], lot);
    assert(ev.side[i] === 1 || ev.side[i] === -1);
    const key = `${ev.side[i]}:${ev.priceTicks[i]}`;
    const id = ev.orderId[i];
    switch (ev.kind[i]) {
      case EventKind.Add: {
        assert(!seen.has(id) && id > lastId, `event ${i}: id ${id} reused or out of order`);
        seen.add(id);
        lastId = id;
        const q = queues.get(key);
        if (q === undefined) queues.set(key, [id]);
        else q.push(id);
        break;
      }
      case EventKind.Trade: {
        const q = queues.get(key)!;
        assert.equal(q[0], id, `event ${i}: a trade must take the oldest order at its price`);
        q.shift();
        break;
      }
      case EventKind.Delete: {
        const q = queues.get(key)!;
        const at = q.indexOf(id);
        assert(at >= 0, `event ${i}: delete of an order not resting at ${key}`);
        q.splice(at, 1);
        break;
      }
      default:
        assert.fail(`event ${i}: unexpected kind ${ev.kind[i]}`);
    }
  }
  assert.equal(s.messagesProcessed, s.zi.counters.events);
});

Deno.test("ZI session: the model path is book 0 of ZiBooks with the same seed", () => {
  const seed = 4;
  const s = session(seed);
  const core = new ZiBooks({ books: 1, seed, startPriceTicks: 10_000 });
  core.runUntil((HALF_HOUR_NS - 1) / 1e9);
  assert.deepEqual(s.zi.counters, core.counters(0));
  assert.equal(s.zi.final.bestBid, core.bestBid(0));
  assert.equal(s.zi.final.bestAsk, core.bestAsk(0));
  const L = core.levels;
  for (let k = 1; k <= L; k++) {
    const bid = s.zi.final.bids.find((l) => l.priceTicks === core.bestAsk(0) - k);
    const ask = s.zi.final.asks.find((l) => l.priceTicks === core.bestBid(0) + k);
    assert.equal(bid?.orderIds.length ?? 0, core.queue(0, 1, k));
    assert.equal(ask?.orderIds.length ?? 0, core.queue(0, -1, k));
  }
});

Deno.test("ZI session: same seed, identical stream; another seed, another stream", () => {
  const a = session(5, ziParams(), 60e9);
  const b = session(5, ziParams(), 60e9);
  const c = session(6, ziParams(), 60e9);
  assert.deepEqual(a.events, b.events);
  assert.notDeepEqual(a.events.kind, c.events.kind);
  assert.equal(a.symbol, "SIM0");
  assert.equal(a.date, "2024-01-02");
});

Deno.test("ZI session: progress is reported, never decreasing, ending at 1", () => {
  const seen: number[] = [];
  simulateZiSession({
    symbol: "S",
    date: "2024-01-02",
    seed: 7,
    sessionStartNs: START_NS,
    sessionEndNs: START_NS + 2 * HALF_HOUR_NS, // > 2^16 events: several chunks
    tickSize: 100,
    startPriceTicks: 10_000,
    onProgress: (f) => seen.push(f),
  });
  assert(seen.length >= 2, `only ${seen.length} progress calls`);
  for (let i = 1; i < seen.length; i++) assert(seen[i] >= seen[i - 1]);
  assert(seen[0] > 0 && seen[0] < 1);
  assert.equal(seen[seen.length - 1], 1);
});

Deno.test("ZI session: bad options are usage errors", () => {
  const base = {
    symbol: "S",
    date: "2024-01-02",
    seed: 1,
    sessionStartNs: 10,
    sessionEndNs: 20,
    tickSize: 100,
    startPriceTicks: 10_000,
  };
  assert.throws(() => simulateZiSession({ ...base, sessionEndNs: 10 }), UsageError);
  assert.throws(() => simulateZiSession({ ...base, tickSize: 0 }), UsageError);
  assert.throws(() => simulateZiSession({ ...base, startPriceTicks: 5 }), UsageError);
});
