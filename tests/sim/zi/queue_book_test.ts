/**
 * Order identities of one ZI book: executions take the oldest order, a
 * cancellation removes a uniformly random order of its level, re-seeds and
 * drops emit Add and Delete. Driven by hand-built traces.
 */

import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { EventKind, EventStreamBuilder } from "../../../lib/sim/market_data/mod.ts";
import { ZiEvent, ziParams, ZiQueueBook, type ZiTrace } from "../../../lib/sim/zi/mod.ts";

function oneEvent(
  kind: number,
  level: number,
  bestBid: number,
  bestAsk: number,
  reseed = 0,
): ZiTrace {
  return {
    count: 1,
    timeSec: Float64Array.of(0),
    kind: Uint8Array.of(kind),
    level: Int32Array.of(level),
    reseed: Uint8Array.of(reseed),
    bestBid: Int32Array.of(bestBid),
    bestAsk: Int32Array.of(bestAsk),
  };
}

Deno.test("ZiQueueBook: initial book and lot-sized adds at the right prices", () => {
  const out = new EventStreamBuilder();
  const book = new ZiQueueBook(
    ziParams({ levels: 2, initialDepth: 2, lotSize: 7 }),
    100,
    Rng.fromSeed(1),
    out,
  );
  book.seed(5);
  assert.deepEqual(book.state().bids, [
    { priceTicks: 100, orderIds: [1, 2] },
    { priceTicks: 99, orderIds: [5, 6] },
  ]);
  assert.deepEqual(book.state().asks, [
    { priceTicks: 101, orderIds: [3, 4] },
    { priceTicks: 102, orderIds: [7, 8] },
  ]);
  book.apply(oneEvent(ZiEvent.LimitSell, 1, 100, 101), 0, 9); // 2 ticks above the bid
  const ev = out.finish();
  assert.equal(ev.count, 9);
  assert.deepEqual(
    [ev.kind[8], ev.orderId[8], ev.qty[8], ev.priceTicks[8], ev.side[8], ev.tsNs[8]],
    [EventKind.Add, 9, 7, 102, -1, 9],
  );
  assert(ev.qty.every((q) => q === 7) && ev.tsNs.subarray(0, 8).every((t) => t === 5));
});

Deno.test("ZiQueueBook: market orders trade the oldest order of the opposite best", () => {
  const out = new EventStreamBuilder();
  const book = new ZiQueueBook(ziParams({ levels: 1, initialDepth: 3 }), 50, Rng.fromSeed(2), out);
  book.seed(0);
  for (let round = 0; round < 50; round++) {
    const oldest = book.levelIds(1, 50)[0];
    book.apply(oneEvent(ZiEvent.MarketSell, -1, 50, 51), 0, round);
    const ev = out.finish();
    const i = ev.count - 1;
    assert.deepEqual([ev.kind[i], ev.orderId[i], ev.side[i], ev.priceTicks[i]], [
      EventKind.Trade,
      oldest,
      1,
      50,
    ]);
    book.apply(oneEvent(ZiEvent.LimitBuy, 0, 50, 51), 0, round); // refill at the back
    assert.equal(book.levelIds(1, 50).length, 3);
  }
});

Deno.test("ZiQueueBook: a cancellation removes each queue position with equal probability", () => {
  const out = new EventStreamBuilder();
  const n = 4;
  const book = new ZiQueueBook(ziParams({ levels: 1, initialDepth: n }), 50, Rng.fromSeed(3), out);
  book.seed(0);
  const hits = new Array(n).fill(0);
  const rounds = 20_000;
  const before: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    before.push(book.levelIds(-1, 51));
    book.apply(oneEvent(ZiEvent.CancelAsk, 0, 50, 51), 0, r);
    book.apply(oneEvent(ZiEvent.LimitSell, 0, 50, 51), 0, r);
  }
  const ev = out.finish();
  let r = 0;
  for (let i = 2 * n; i < ev.count; i++) {
    if (ev.kind[i] !== EventKind.Delete) continue;
    const at = before[r++].indexOf(ev.orderId[i]);
    assert(at >= 0, "a cancellation must remove an order of its level");
    hits[at]++;
  }
  assert.equal(r, rounds);
  const p = 1 / n, sd = Math.sqrt(rounds * p * (1 - p));
  for (let k = 0; k < n; k++) {
    assert(Math.abs(hits[k] - rounds * p) <= 5 * sd, `position ${k}: ${hits[k]} of ${rounds}`);
  }
});

Deno.test("ZiQueueBook: re-seed adds one order; a quote moving away drops far orders", () => {
  const out = new EventStreamBuilder();
  // Levels 2, one order each: bids 100, 99; asks 101, 102.
  const book = new ZiQueueBook(
    ziParams({ levels: 2, initialDepth: 1, reseedDistance: 2 }),
    100,
    Rng.fromSeed(4),
    out,
  );
  book.seed(0);
  // Market buy takes 101; the best ask becomes 102: the bid at 99 is now 3 ticks away → dropped.
  book.apply(oneEvent(ZiEvent.MarketBuy, -1, 100, 102), 0, 1);
  assert.equal(book.dropped, 1);
  assert.deepEqual(book.state().bids, [{ priceTicks: 100, orderIds: [1] }]);
  // Market buy takes 102: the ask side is empty and is re-seeded 2 ticks above the bid.
  book.apply(oneEvent(ZiEvent.MarketBuy, -1, 100, 102, 1), 0, 2);
  assert.equal(book.reseeds, 1);
  assert.deepEqual(book.state().asks, [{ priceTicks: 102, orderIds: [5] }]);
  const ev = out.finish();
  const tail = [...ev.kind.subarray(4)];
  assert.deepEqual(tail, [EventKind.Trade, EventKind.Delete, EventKind.Trade, EventKind.Add]);
  assert.deepEqual([...ev.orderId.subarray(4)], [2, 3, 4, 5]);
});
