/**
 * The engine's book-change recorder speaks LOBSTER: replaying what it recorded
 * rebuilds the same book, and each request maps to the expected event types.
 */

import { strict as assert } from "node:assert";
import { BUY, OrderBook, SELL, TimeInForce } from "../../../lib/sim/engine/mod.ts";
import { EventKind, EventStreamBuilder } from "../../../lib/sim/market_data/mod.ts";
import { generateOrderStream, StreamOp } from "../../../lib/bench/order_stream.ts";
import type { LobsterMessages } from "../../../lib/data/lobster/mod.ts";
import { replayLobster } from "../../../lib/sim/replay/mod.ts";

Deno.test("events: each request records LOBSTER-style book changes", () => {
  const rec = new EventStreamBuilder();
  const book = new OrderBook({ events: rec });
  book.submitLimit(1, 0, SELL, 101, 5, 10); // add
  book.submitLimit(2, 0, SELL, 102, 5, 11); // add
  book.submitLimit(3, 1, BUY, 102, 7, 12); // trade 5 @101 (id 1), trade 2 @102 (id 2)
  book.reduce(2, 1, 13); // reduce 1
  book.modify(2, 103, 2, 14); // delete 2 then add 2 @103
  book.submitLimit(4, 1, BUY, 100, 3, 15, TimeInForce.IOC); // nothing rests, nothing recorded
  book.cancel(2, 16); // delete
  const ev = rec.finish();
  const rows = Array.from({ length: ev.count }, (_, i) => [
    ev.kind[i],
    ev.orderId[i],
    ev.qty[i],
    ev.priceTicks[i],
    ev.side[i],
    ev.tsNs[i],
  ]);
  assert.deepEqual(rows, [
    [EventKind.Add, 1, 5, 101, -1, 10],
    [EventKind.Add, 2, 5, 102, -1, 11],
    [EventKind.Trade, 1, 5, 101, -1, 12],
    [EventKind.Trade, 2, 2, 102, -1, 12],
    [EventKind.Reduce, 2, 1, 102, -1, 13],
    [EventKind.Delete, 2, 2, 102, -1, 14],
    [EventKind.Add, 2, 2, 103, -1, 14],
    [EventKind.Delete, 2, 2, 103, -1, 16],
  ]);
});

Deno.test("events: replaying the recorded stream rebuilds the same book", () => {
  const rec = new EventStreamBuilder();
  const book = new OrderBook({ events: rec });
  const s = generateOrderStream({ count: 20_000, seed: 5, midTicks: 10_000 });
  for (let i = 0; i < s.count; i++) {
    const side = s.side[i] as 1 | -1;
    const ts = 34_200e9 + i * 1000;
    if (s.op[i] === StreamOp.Limit) {
      book.submitLimit(s.orderId[i], s.owner[i], side, s.priceTicks[i], s.qty[i], ts);
    } else if (s.op[i] === StreamOp.Cancel) book.cancel(s.orderId[i], ts);
    else if (s.op[i] === StreamOp.Market) {
      book.submitMarket(s.orderId[i], s.owner[i], side, s.qty[i], ts);
    } else if (book.hasOrder(s.orderId[i])) {
      book.modify(s.orderId[i], s.priceTicks[i], s.qty[i], ts);
    }
  }
  const ev = rec.finish();
  const messages: LobsterMessages = {
    file: "recorded.csv",
    count: ev.count,
    timeNs: ev.tsNs,
    type: ev.kind,
    orderId: ev.orderId,
    size: ev.qty,
    price: ev.priceTicks.map((p) => p * 100),
    direction: ev.side,
  };
  const out = replayLobster(messages, null, { snapshotLevels: 10 });
  assert.equal(out.report.unknownOrderRefs, 0);
  assert.deepEqual(
    out.book.levels(BUY),
    book.levels(BUY).map((l) => ({
      ...l,
      orders: l.orders.map((o) => ({ ...o, owner: -1 })),
    })),
  );
  assert.deepEqual(
    out.book.levels(SELL).map((l) => [l.priceTicks, l.qty]),
    book.levels(SELL).map((l) => [l.priceTicks, l.qty]),
  );
});
