/** IOC, FOK, post-only and market orders. */
import { strict as assert } from "node:assert";
import { BUY, OrderBook, RejectReason, SELL, TimeInForce } from "../../../lib/sim/engine/mod.ts";

function snapshot(book: OrderBook) {
  return {
    bids: book.levels(BUY),
    asks: book.levels(SELL),
    counters: { ...book.counters },
    fills: book.fills.count,
  };
}

Deno.test("IOC fills what it can and cancels the remainder", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, SELL, 101, 3, 1);
  book.submitLimit(2, 2, SELL, 102, 2, 2);
  assert.equal(book.submitLimit(5, 5, BUY, 101, 5, 10, TimeInForce.IOC), true);
  const r = book.result;
  assert.equal(r.filledQty, 3);
  assert.equal(r.cancelledQty, 2);
  assert.equal(r.restingQty, 0);
  assert.equal(r.fillCount, 1);
  assert.deepEqual(book.fills.get(0), {
    tsNs: 10,
    symbol: 0,
    makerOrderId: 1,
    takerOrderId: 5,
    makerOwner: 1,
    takerOwner: 5,
    priceTicks: 101,
    qty: 3,
    aggressorSide: BUY,
  });
  assert.deepEqual(book.levels(BUY), []);
  assert.equal(book.hasOrder(5), false);
  assert.deepEqual(book.levels(SELL).map((l) => [l.priceTicks, l.qty]), [[102, 2]]);
  assert.deepEqual(book.counters, { submittedQty: 10, filledQty: 6, cancelledQty: 2, fills: 1 });

  // An IOC that does not cross is accepted and cancelled whole.
  assert.equal(book.submitLimit(6, 5, BUY, 100, 4, 11, TimeInForce.IOC), true);
  assert.equal(book.result.cancelledQty, 4);
  assert.equal(book.result.filledQty, 0);
  assert.deepEqual(book.levels(BUY), []);
});

Deno.test("FOK that cannot fill whole leaves the book exactly as it was", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, SELL, 101, 3, 1);
  book.submitLimit(2, 2, SELL, 102, 2, 2);
  book.submitLimit(3, 3, SELL, 103, 10, 3);
  book.submitLimit(4, 4, BUY, 99, 1, 4);
  const before = snapshot(book);
  // 3 + 2 = 5 lots at or below 102: six cannot be filled.
  assert.equal(book.submitLimit(9, 9, BUY, 102, 6, 10, TimeInForce.FOK), false);
  assert.equal(book.result.rejectReason, RejectReason.FokCannotFill);
  assert.equal(book.result.filledQty, 0);
  assert.equal(book.result.fillCount, 0);
  assert.deepEqual(snapshot(book), before);
  assert.equal(book.hasOrder(9), false);
  // On an empty opposite side as well.
  assert.equal(book.submitLimit(10, 9, SELL, 1, 2, 11, TimeInForce.FOK), false);
  assert.equal(book.result.rejectReason, RejectReason.FokCannotFill);
  book.cancel(4);
  assert.equal(book.submitLimit(10, 9, SELL, 1, 1, 11, TimeInForce.FOK), false);
  assert.equal(book.result.rejectReason, RejectReason.FokCannotFill);
});

Deno.test("FOK that can fill whole trades across levels", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, SELL, 101, 3, 1);
  book.submitLimit(2, 2, SELL, 102, 2, 2);
  book.submitLimit(3, 3, SELL, 103, 10, 3);
  assert.equal(book.submitLimit(9, 9, BUY, 102, 5, 10, TimeInForce.FOK), true);
  assert.equal(book.result.filledQty, 5);
  assert.equal(book.result.cancelledQty, 0);
  assert.equal(book.result.restingQty, 0);
  assert.deepEqual(book.fills.toRecords().map((f) => [f.makerOrderId, f.priceTicks, f.qty]), [
    [1, 101, 3],
    [2, 102, 2],
  ]);
  assert.deepEqual(book.levels(SELL).map((l) => [l.priceTicks, l.qty]), [[103, 10]]);
  assert.deepEqual(book.levels(BUY), []);
});

Deno.test("post-only that would cross is refused and the book is unchanged", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 5, 1);
  book.submitLimit(2, 2, SELL, 102, 5, 2);
  const before = snapshot(book);
  assert.equal(book.submitLimit(3, 3, BUY, 102, 1, 3, TimeInForce.GTC, true), false);
  assert.equal(book.result.rejectReason, RejectReason.PostOnlyWouldCross);
  assert.equal(book.submitLimit(4, 3, BUY, 105, 1, 3, TimeInForce.GTC, true), false);
  assert.equal(book.result.rejectReason, RejectReason.PostOnlyWouldCross);
  assert.equal(book.submitLimit(5, 3, SELL, 100, 1, 4, TimeInForce.GTC, true), false);
  assert.equal(book.result.rejectReason, RejectReason.PostOnlyWouldCross);
  assert.deepEqual(snapshot(book), before);
  assert.equal(book.hasOrder(3), false);
});

Deno.test("post-only that does not cross rests", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 5, 1);
  book.submitLimit(2, 2, SELL, 102, 5, 2);
  assert.equal(book.submitLimit(3, 3, BUY, 101, 4, 3, TimeInForce.GTC, true), true);
  assert.equal(book.result.restingQty, 4);
  assert.equal(book.bestBid(), 101);
  assert.equal(book.submitLimit(4, 3, SELL, 102, 1, 4, TimeInForce.GTC, true), true);
  assert.deepEqual(book.levelOrders(SELL, 102).map((o) => o.orderId), [2, 4]);
  // Now the bid is at 101: a post-only sell there would cross.
  assert.equal(book.submitLimit(5, 3, SELL, 101, 1, 5, TimeInForce.GTC, true), false);
  assert.equal(book.result.rejectReason, RejectReason.PostOnlyWouldCross);
  assert.equal(book.fills.count, 0);
});

Deno.test("market order sweeps levels and its remainder is cancelled on an emptied side", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, SELL, 101, 2, 1);
  book.submitLimit(2, 2, SELL, 103, 3, 2);
  book.submitLimit(3, 3, BUY, 99, 4, 3);
  assert.equal(book.submitMarket(9, 9, BUY, 10, 20), true);
  const r = book.result;
  assert.equal(r.filledQty, 5);
  assert.equal(r.cancelledQty, 5);
  assert.equal(r.restingQty, 0);
  assert.equal(r.fillCount, 2);
  assert.deepEqual(
    book.fills.toRecords().map((
      f,
    ) => [f.makerOrderId, f.takerOrderId, f.priceTicks, f.qty, f.aggressorSide, f.tsNs]),
    [[1, 9, 101, 2, BUY, 20], [2, 9, 103, 3, BUY, 20]],
  );
  assert.ok(Number.isNaN(book.bestAsk()));
  assert.equal(book.bestAskQty(), 0);
  assert.equal(book.bestBid(), 99);
  assert.equal(book.hasOrder(9), false);
  assert.deepEqual(book.counters, { submittedQty: 19, filledQty: 10, cancelledQty: 5, fills: 2 });

  // Market sell that fits within the bid side leaves the rest of the bid.
  assert.equal(book.submitMarket(10, 9, SELL, 3, 21), true);
  assert.equal(book.result.cancelledQty, 0);
  assert.equal(book.orderQty(3), 1);
  assert.equal(book.fills.get(2).aggressorSide, SELL);
});

Deno.test("market order on an empty side is accepted and cancelled whole", () => {
  const book = new OrderBook();
  assert.equal(book.submitMarket(1, 1, SELL, 7, 0), true);
  assert.equal(book.result.cancelledQty, 7);
  assert.equal(book.result.filledQty, 0);
  assert.equal(book.fills.count, 0);
  assert.equal(book.orderCount, 0);
  assert.deepEqual(book.counters, { submittedQty: 7, filledQty: 0, cancelledQty: 7, fills: 0 });
});
