/** Limit orders: resting, matching across levels, price-time priority, validation. */
import { strict as assert } from "node:assert";
import { BUY, OrderBook, RejectReason, SELL } from "../../../lib/sim/engine/mod.ts";

Deno.test("a limit order that does not cross rests with its id, owner, size and time", () => {
  const book = new OrderBook();
  assert.equal(book.submitLimit(1, 7, BUY, 100, 5, 10), true);
  const r = book.result;
  assert.equal(r.accepted, true);
  assert.equal(r.rejectReason, RejectReason.None);
  assert.equal(r.restingQty, 5);
  assert.equal(r.filledQty, 0);
  assert.equal(r.cancelledQty, 0);
  assert.equal(r.fillCount, 0);
  assert.deepEqual(book.levels(BUY), [
    { priceTicks: 100, qty: 5, orders: [{ orderId: 1, owner: 7, qty: 5, tsNs: 10 }] },
  ]);
  assert.deepEqual(book.levels(SELL), []);
  assert.equal(book.bestBid(), 100);
  assert.equal(book.bestBidQty(), 5);
  assert.ok(Number.isNaN(book.bestAsk()));
  assert.equal(book.orderCount, 1);
  assert.equal(book.hasOrder(1), true);
  assert.equal(book.orderQty(1), 5);
  assert.equal(book.orderPrice(1), 100);
  assert.equal(book.orderSide(1), BUY);
  assert.equal(book.orderOwner(1), 7);
  assert.equal(book.fills.count, 0);
  assert.deepEqual(book.counters, { submittedQty: 5, filledQty: 0, cancelledQty: 0, fills: 0 });

  // A sell above the bid does not cross: it rests on the other side.
  assert.equal(book.submitLimit(2, 8, SELL, 101, 3, 11), true);
  assert.equal(book.bestAsk(), 101);
  assert.equal(book.bestAskQty(), 3);
  assert.equal(book.fills.count, 0);
});

Deno.test("a buy sweeps several ask levels: each fill's maker, taker, price, size, side and time", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, SELL, 101, 3, 1);
  book.submitLimit(2, 2, SELL, 101, 4, 2);
  book.submitLimit(3, 3, SELL, 102, 5, 3);
  book.submitLimit(4, 4, SELL, 104, 2, 4);

  assert.equal(book.submitLimit(10, 9, BUY, 102, 10, 100), true);
  const r = book.result;
  assert.equal(r.filledQty, 10);
  assert.equal(r.fillCount, 3);
  assert.equal(r.restingQty, 0);
  assert.equal(r.cancelledQty, 0);
  const fill = (maker: number, makerOwner: number, price: number, qty: number) => ({
    tsNs: 100,
    symbol: 0,
    makerOrderId: maker,
    takerOrderId: 10,
    makerOwner,
    takerOwner: 9,
    priceTicks: price,
    qty,
    aggressorSide: BUY,
  });
  assert.deepEqual(book.fills.toRecords(), [
    fill(1, 1, 101, 3),
    fill(2, 2, 101, 4),
    fill(3, 3, 102, 3),
  ]);
  assert.deepEqual(book.levels(SELL), [
    { priceTicks: 102, qty: 2, orders: [{ orderId: 3, owner: 3, qty: 2, tsNs: 3 }] },
    { priceTicks: 104, qty: 2, orders: [{ orderId: 4, owner: 4, qty: 2, tsNs: 4 }] },
  ]);
  assert.deepEqual(book.levels(BUY), []);
  assert.equal(book.hasOrder(1), false);
  assert.equal(book.hasOrder(2), false);
  // submitted 3+4+5+2+10 = 24 = resting 4 + filled 2·10.
  assert.deepEqual(book.counters, { submittedQty: 24, filledQty: 20, cancelledQty: 0, fills: 3 });

  // The next buy takes the rest of 102 and its remainder rests at its limit.
  assert.equal(book.submitLimit(11, 9, BUY, 103, 5, 200), true);
  assert.equal(book.result.filledQty, 2);
  assert.equal(book.result.restingQty, 3);
  assert.deepEqual(book.fills.get(3), { ...fill(3, 3, 102, 2), tsNs: 200, takerOrderId: 11 });
  assert.equal(book.bestBid(), 103);
  assert.equal(book.bestBidQty(), 3);
  assert.equal(book.bestAsk(), 104);
});

Deno.test("price-time priority: better price first, then older first at one price", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 2, 1);
  book.submitLimit(2, 2, BUY, 101, 2, 2);
  book.submitLimit(3, 3, BUY, 100, 2, 3);
  book.submitLimit(4, 4, BUY, 101, 2, 4);
  assert.deepEqual(book.levelOrders(BUY, 100).map((o) => o.orderId), [1, 3]);
  assert.deepEqual(book.levelOrders(BUY, 101).map((o) => o.orderId), [2, 4]);

  assert.equal(book.submitLimit(9, 9, SELL, 100, 7, 50), true);
  const fills = book.fills.toRecords();
  assert.deepEqual(fills.map((f) => [f.makerOrderId, f.priceTicks, f.qty]), [
    [2, 101, 2],
    [4, 101, 2],
    [1, 100, 2],
    [3, 100, 1],
  ]);
  assert.ok(fills.every((f) => f.aggressorSide === SELL && f.takerOrderId === 9 && f.tsNs === 50));
  assert.deepEqual(book.levels(BUY), [
    { priceTicks: 100, qty: 1, orders: [{ orderId: 3, owner: 3, qty: 1, tsNs: 3 }] },
  ]);
  assert.deepEqual(book.levels(SELL), []);
});

Deno.test("cancelling a partly filled order cancels exactly its remainder", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, SELL, 100, 10, 1);
  book.submitLimit(2, 2, BUY, 100, 4, 2);
  assert.equal(book.orderQty(1), 6);
  assert.equal(book.cancel(1), 6);
  assert.equal(book.result.cancelledQty, 6);
  assert.equal(book.result.rejectReason, RejectReason.None);
  assert.equal(book.hasOrder(1), false);
  assert.equal(book.orderCount, 0);
  assert.deepEqual(book.levels(SELL), []);
  assert.ok(Number.isNaN(book.bestAsk()));
  assert.deepEqual(book.counters, { submittedQty: 14, filledQty: 8, cancelledQty: 6, fills: 1 });
  // Cancelling it again: nothing live.
  assert.equal(book.cancel(1), 0);
  assert.equal(book.result.rejectReason, RejectReason.UnknownOrder);
  assert.equal(book.counters.cancelledQty, 6);
});

Deno.test("reduce cuts an order in place and keeps its place in the queue", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 5, 1);
  book.submitLimit(2, 2, BUY, 100, 3, 2);
  book.submitLimit(3, 3, BUY, 100, 4, 3);
  assert.equal(book.queuePosition(1), 0);
  assert.equal(book.queuePosition(2), 5);
  assert.equal(book.queuePosition(3), 8);

  assert.equal(book.reduce(1, 2), 2);
  assert.equal(book.result.cancelledQty, 2);
  assert.equal(book.result.restingQty, 3);
  assert.equal(book.queuePosition(1), 0);
  assert.equal(book.queuePosition(3), 6);
  assert.equal(book.levelQty(BUY, 100), 10);
  assert.deepEqual(book.levelOrders(BUY, 100), [
    { orderId: 1, owner: 1, qty: 3, tsNs: 1 },
    { orderId: 2, owner: 2, qty: 3, tsNs: 2 },
    { orderId: 3, owner: 3, qty: 4, tsNs: 3 },
  ]);
  // Order 1 still trades first.
  book.submitLimit(9, 9, SELL, 100, 4, 10);
  assert.deepEqual(book.fills.toRecords().map((f) => [f.makerOrderId, f.qty]), [[1, 3], [2, 1]]);
  // Reducing by the whole size or more cancels the order.
  assert.equal(book.reduce(2, 5), 2);
  assert.equal(book.result.cancelledQty, 2);
  assert.equal(book.hasOrder(2), false);
  assert.equal(book.queuePosition(3), 0);
  // Invalid reductions and unknown orders change nothing.
  for (const by of [0, -1, 1.5, NaN]) {
    assert.equal(book.reduce(3, by), 0);
    assert.equal(book.result.rejectReason, RejectReason.InvalidQty);
  }
  assert.equal(book.reduce(42, 1), 0);
  assert.equal(book.result.rejectReason, RejectReason.UnknownOrder);
  assert.equal(book.orderQty(3), 4);
  const c = book.counters;
  assert.equal(
    c.submittedQty,
    book.sideQty(BUY) + book.sideQty(SELL) + c.filledQty + c.cancelledQty,
  );
});

Deno.test("invalid ids, sizes and prices are refused and leave the book untouched", () => {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 5, 0);
  const before = { levels: book.levels(BUY), counters: { ...book.counters } };
  const cases: [number, number, number, RejectReason][] = [
    // [id, price, qty, reason]
    [2, 100, 0, RejectReason.InvalidQty],
    [2, 100, -3, RejectReason.InvalidQty],
    [2, 100, 1.5, RejectReason.InvalidQty],
    [2, 100, NaN, RejectReason.InvalidQty],
    [2, 100, 2 ** 31, RejectReason.InvalidQty],
    [2, 100.5, 1, RejectReason.InvalidPrice],
    [2, NaN, 1, RejectReason.InvalidPrice],
    [2, Infinity, 1, RejectReason.InvalidPrice],
    [-1, 100, 1, RejectReason.InvalidOrderId],
    [1.5, 100, 1, RejectReason.InvalidOrderId],
    [2 ** 53, 100, 1, RejectReason.InvalidOrderId],
    [1, 99, 1, RejectReason.DuplicateOrderId],
  ];
  for (const [id, price, qty, reason] of cases) {
    assert.equal(book.submitLimit(id, 2, BUY, price, qty, 1), false, `${id} ${price} ${qty}`);
    assert.equal(book.result.rejectReason, reason, `${id} ${price} ${qty}`);
    assert.equal(book.result.accepted, false);
  }
  // Market orders validate id and size the same way.
  assert.equal(book.submitMarket(1, 2, SELL, 1, 1), false);
  assert.equal(book.result.rejectReason, RejectReason.DuplicateOrderId);
  assert.equal(book.submitMarket(3, 2, SELL, 0, 1), false);
  assert.equal(book.result.rejectReason, RejectReason.InvalidQty);
  assert.equal(book.submitMarket(-5, 2, SELL, 1, 1), false);
  assert.equal(book.result.rejectReason, RejectReason.InvalidOrderId);
  assert.deepEqual(book.levels(BUY), before.levels);
  assert.deepEqual(book.counters, before.counters);
  assert.equal(book.fills.count, 0);
  // Once the order is gone its id may be used again.
  book.cancel(1);
  assert.equal(book.submitLimit(1, 2, BUY, 99, 1, 2), true);
});

Deno.test("cancel of an unknown id answers 0 with UnknownOrder and touches nothing", () => {
  const book = new OrderBook();
  book.submitLimit(0, 1, BUY, 100, 5, 0);
  // −1 used to find the empty-slot marker of the id map and cancel order 0 (regression).
  for (const id of [7, -1, 1.5, NaN]) {
    assert.equal(book.cancel(id), 0, `cancel(${id})`);
    assert.equal(book.result.rejectReason, RejectReason.UnknownOrder);
    assert.equal(book.result.cancelledQty, 0);
    assert.equal(book.hasOrder(id), false);
  }
  assert.equal(book.orderQty(-1), 0);
  assert.equal(book.reduce(-1, 1), 0);
  assert.equal(book.modify(-1, 100, 1, 1), false);
  assert.equal(book.executeResting(-1, 1, 1), 0);
  assert.equal(book.orderQty(0), 5);
  assert.equal(book.orderCount, 1);
  assert.equal(book.counters.cancelledQty, 0);
});
