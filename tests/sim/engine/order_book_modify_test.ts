/** Modify: in-place size reductions keep priority; size increases and price changes lose it. */
import { strict as assert } from "node:assert";
import { BUY, OrderBook, RejectReason, SELL } from "../../../lib/sim/engine/mod.ts";

function twoBids(): OrderBook {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 5, 1);
  book.submitLimit(2, 2, BUY, 100, 3, 2);
  return book;
}

Deno.test("modify down at the same price keeps priority and shrinks the queue ahead", () => {
  const book = twoBids();
  assert.equal(book.queuePosition(2), 5);
  assert.equal(book.modify(1, 100, 2, 50), true);
  assert.equal(book.result.cancelledQty, 3);
  assert.equal(book.result.restingQty, 2);
  assert.equal(book.queuePosition(2), 2);
  assert.equal(book.queuePosition(1), 0);
  assert.deepEqual(book.levelOrders(BUY, 100), [
    { orderId: 1, owner: 1, qty: 2, tsNs: 1 }, // time of priority unchanged
    { orderId: 2, owner: 2, qty: 3, tsNs: 2 },
  ]);
  assert.equal(book.levelQty(BUY, 100), 5);
  assert.deepEqual(book.counters, { submittedQty: 8, filledQty: 0, cancelledQty: 3, fills: 0 });
  // Same price and size: a no-op that is accepted.
  assert.equal(book.modify(1, 100, 2, 51), true);
  assert.equal(book.result.restingQty, 2);
  assert.equal(book.result.cancelledQty, 0);
  assert.deepEqual(book.levelOrders(BUY, 100).map((o) => [o.orderId, o.tsNs]), [[1, 1], [2, 2]]);
});

Deno.test("modify up at the same price sends the order to the back of its level", () => {
  const book = twoBids();
  assert.equal(book.modify(1, 100, 6, 60), true);
  assert.equal(book.result.restingQty, 6);
  assert.deepEqual(book.levelOrders(BUY, 100), [
    { orderId: 2, owner: 2, qty: 3, tsNs: 2 },
    { orderId: 1, owner: 1, qty: 6, tsNs: 60 },
  ]);
  assert.equal(book.queuePosition(2), 0);
  assert.equal(book.queuePosition(1), 3);
  // Old 5 cancelled, new 6 submitted.
  assert.deepEqual(book.counters, { submittedQty: 14, filledQty: 0, cancelledQty: 5, fills: 0 });
  // A sell of 4 now hits order 2 first.
  book.submitLimit(9, 9, SELL, 100, 4, 61);
  assert.deepEqual(book.fills.toRecords().map((f) => [f.makerOrderId, f.qty]), [[2, 3], [1, 1]]);
});

Deno.test("modify to another price loses priority there and can trade at once", () => {
  const book = twoBids();
  book.submitLimit(3, 3, BUY, 99, 4, 3);
  // To a price with a queue: behind it.
  assert.equal(book.modify(1, 99, 5, 70), true);
  assert.deepEqual(book.levelOrders(BUY, 99).map((o) => o.orderId), [3, 1]);
  assert.equal(book.queuePosition(1), 4);
  assert.deepEqual(book.levelOrders(BUY, 100).map((o) => o.orderId), [2]);

  // To a crossing price: trades with the ask, remainder rests at the new price.
  book.submitLimit(5, 5, SELL, 103, 4, 71);
  assert.equal(book.modify(2, 103, 6, 72), true);
  const r = book.result;
  assert.equal(r.filledQty, 4);
  assert.equal(r.restingQty, 2);
  assert.deepEqual(book.fills.toRecords(), [{
    tsNs: 72,
    symbol: 0,
    makerOrderId: 5,
    takerOrderId: 2,
    makerOwner: 5,
    takerOwner: 2,
    priceTicks: 103,
    qty: 4,
    aggressorSide: BUY,
  }]);
  assert.deepEqual(book.levels(BUY)[0], {
    priceTicks: 103,
    qty: 2,
    orders: [{ orderId: 2, owner: 2, qty: 2, tsNs: 72 }],
  });
  assert.deepEqual(book.levels(SELL), []);
  const c = book.counters;
  assert.equal(
    c.submittedQty,
    book.sideQty(BUY) + book.sideQty(SELL) + c.filledQty + c.cancelledQty,
  );
});

Deno.test("modify refuses unknown orders, bad sizes and bad prices without touching the order", () => {
  const book = twoBids();
  assert.equal(book.modify(42, 100, 1, 1), false);
  assert.equal(book.result.rejectReason, RejectReason.UnknownOrder);
  for (const qty of [0, -2, 2.5, NaN]) {
    assert.equal(book.modify(1, 100, qty, 1), false);
    assert.equal(book.result.rejectReason, RejectReason.InvalidQty);
  }
  assert.equal(book.modify(1, 100.5, 5, 1), false);
  assert.equal(book.result.rejectReason, RejectReason.InvalidPrice);
  assert.deepEqual(book.levelOrders(BUY, 100), [
    { orderId: 1, owner: 1, qty: 5, tsNs: 1 },
    { orderId: 2, owner: 2, qty: 3, tsNs: 2 },
  ]);
  assert.deepEqual(book.counters, { submittedQty: 8, filledQty: 0, cancelledQty: 0, fills: 0 });
});
