/** restLimit and executeResting: applying recorded exchange events without matching. */
import { strict as assert } from "node:assert";
import { BUY, OrderBook, RejectReason, SELL } from "../../../lib/sim/engine/mod.ts";

function conserved(book: OrderBook): void {
  const c = book.counters;
  assert.equal(
    c.submittedQty,
    book.sideQty(BUY) + book.sideQty(SELL) + c.filledQty + c.cancelledQty,
  );
}

Deno.test("restLimit queues at the back without matching, even across the spread", () => {
  const book = new OrderBook();
  assert.equal(book.restLimit(1, 1, BUY, 100, 5, 1), true);
  assert.equal(book.result.restingQty, 5);
  assert.equal(book.restLimit(2, 2, BUY, 100, 3, 2), true);
  // Recorded data may carry a momentarily crossed book: restLimit does not trade.
  assert.equal(book.restLimit(3, 3, SELL, 99, 4, 3), true);
  assert.equal(book.fills.count, 0);
  assert.deepEqual(book.levelOrders(BUY, 100).map((o) => o.orderId), [1, 2]);
  assert.equal(book.bestAsk(), 99);
  // Same validation as submitLimit.
  assert.equal(book.restLimit(1, 1, BUY, 100, 5, 4), false);
  assert.equal(book.result.rejectReason, RejectReason.DuplicateOrderId);
  assert.equal(book.restLimit(4, 1, BUY, 100, 0, 4), false);
  assert.equal(book.result.rejectReason, RejectReason.InvalidQty);
  assert.equal(book.restLimit(4, 1, BUY, 100.25, 1, 4), false);
  assert.equal(book.result.rejectReason, RejectReason.InvalidPrice);
  assert.deepEqual(book.counters, { submittedQty: 12, filledQty: 0, cancelledQty: 0, fills: 0 });
});

Deno.test("executeResting fills a resting order against an outside aggressor", () => {
  const book = new OrderBook();
  book.restLimit(1, 11, BUY, 100, 5, 1);
  book.restLimit(2, 12, BUY, 100, 2, 2);
  book.restLimit(3, 13, SELL, 101, 4, 3);

  assert.equal(book.executeResting(1, 3, 50, 77, 5), 3);
  assert.equal(book.result.filledQty, 3);
  assert.equal(book.result.restingQty, 2);
  assert.equal(book.result.fillCount, 1);
  assert.deepEqual(book.fills.get(0), {
    tsNs: 50,
    symbol: 0,
    makerOrderId: 1,
    takerOrderId: 77,
    makerOwner: 11,
    takerOwner: 5,
    priceTicks: 100,
    qty: 3,
    aggressorSide: SELL, // a resting bid is hit by a seller
  });
  assert.equal(book.queuePosition(2), 2); // order 1 keeps its place
  assert.equal(book.levelQty(BUY, 100), 4);

  // More than is left: executes the remainder and removes the order; defaults for the taker.
  assert.equal(book.executeResting(3, 10, 60), 4);
  assert.equal(book.result.restingQty, 0);
  assert.deepEqual(book.fills.get(1), {
    tsNs: 60,
    symbol: 0,
    makerOrderId: 3,
    takerOrderId: 0,
    makerOwner: 13,
    takerOwner: -1,
    priceTicks: 101,
    qty: 4,
    aggressorSide: BUY,
  });
  assert.equal(book.hasOrder(3), false);
  assert.ok(Number.isNaN(book.bestAsk()));
  // Only the book side of each fill is counted: the aggressor was never submitted here.
  assert.deepEqual(book.counters, { submittedQty: 11, filledQty: 7, cancelledQty: 0, fills: 2 });
  conserved(book);
});

Deno.test("executeResting refuses unknown orders and invalid sizes without writing a fill", () => {
  const book = new OrderBook();
  book.restLimit(1, 1, BUY, 100, 5, 1);
  assert.equal(book.executeResting(9, 1, 2), 0);
  assert.equal(book.result.rejectReason, RejectReason.UnknownOrder);
  // A fractional size used to leave a fractional level total and a truncated order (regression).
  for (const qty of [0, -1, 1.5, NaN]) {
    assert.equal(book.executeResting(1, qty, 2), 0, `qty ${qty}`);
    assert.equal(book.result.rejectReason, RejectReason.InvalidQty);
  }
  assert.equal(book.fills.count, 0);
  assert.equal(book.orderQty(1), 5);
  assert.equal(book.levelQty(BUY, 100), 5);
  conserved(book);
});
