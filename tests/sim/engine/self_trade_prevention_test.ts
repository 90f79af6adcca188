/** Self-trade prevention in each mode, with GTC and FOK takers. */
import { strict as assert } from "node:assert";
import {
  BUY,
  OrderBook,
  RejectReason,
  SelfTradePrevention,
  SELL,
  TimeInForce,
} from "../../../lib/sim/engine/mod.ts";

/** Asks at 100: order 1 of owner 1 (first), then order 2 of owner 2. */
function ownFirst(stp: SelfTradePrevention): OrderBook {
  const book = new OrderBook({ selfTradePrevention: stp });
  book.submitLimit(1, 1, SELL, 100, 5, 1);
  book.submitLimit(2, 2, SELL, 100, 5, 2);
  return book;
}

/** Asks at 100: order 2 of owner 2 (first), then order 1 of owner 1. */
function ownBehind(stp: SelfTradePrevention): OrderBook {
  const book = new OrderBook({ selfTradePrevention: stp });
  book.submitLimit(2, 2, SELL, 100, 5, 1);
  book.submitLimit(1, 1, SELL, 100, 5, 2);
  return book;
}

const asks = (book: OrderBook) =>
  book.levelOrders(SELL, 100).map((o) => [o.orderId, o.qty] as [number, number]);

function conserved(book: OrderBook): void {
  const c = book.counters;
  assert.equal(
    c.submittedQty,
    book.sideQty(BUY) + book.sideQty(SELL) + c.filledQty + c.cancelledQty,
  );
}

Deno.test("STP None: an owner trades with itself", () => {
  const book = ownFirst(SelfTradePrevention.None);
  assert.equal(book.submitLimit(9, 1, BUY, 100, 3, 10), true);
  const f = book.fills.get(0);
  assert.equal(f.makerOrderId, 1);
  assert.equal(f.makerOwner, 1);
  assert.equal(f.takerOwner, 1);
  assert.equal(f.qty, 3);
  assert.equal(book.result.makerCancelledQty, 0);
  assert.deepEqual(asks(book), [[1, 2], [2, 5]]);
  conserved(book);
});

Deno.test("STP CancelTaker: the incoming remainder is cancelled, the own maker stays", () => {
  const book = ownFirst(SelfTradePrevention.CancelTaker);
  assert.equal(book.submitLimit(9, 1, BUY, 100, 7, 10), true);
  assert.equal(book.fills.count, 0);
  assert.equal(book.result.cancelledQty, 7);
  assert.equal(book.result.restingQty, 0);
  assert.equal(book.result.makerCancelledQty, 0);
  assert.deepEqual(asks(book), [[1, 5], [2, 5]]);
  assert.deepEqual(book.levels(BUY), []); // the stopped taker does not rest
  conserved(book);

  // Own order behind another owner's: trade with the other, then stop.
  const b2 = ownBehind(SelfTradePrevention.CancelTaker);
  assert.equal(b2.submitLimit(9, 1, BUY, 100, 7, 10), true);
  assert.deepEqual(b2.fills.toRecords().map((x) => [x.makerOrderId, x.qty]), [[2, 5]]);
  assert.equal(b2.result.filledQty, 5);
  assert.equal(b2.result.cancelledQty, 2);
  assert.deepEqual(asks(b2), [[1, 5]]);
  assert.deepEqual(b2.levels(BUY), []);
  conserved(b2);
});

Deno.test("STP CancelMaker: the own maker is removed and matching goes on", () => {
  const book = ownFirst(SelfTradePrevention.CancelMaker);
  assert.equal(book.submitLimit(9, 1, BUY, 100, 7, 10), true);
  assert.equal(book.result.makerCancelledQty, 5);
  assert.equal(book.result.filledQty, 5);
  assert.equal(book.result.restingQty, 2);
  assert.deepEqual(book.fills.toRecords().map((x) => [x.makerOrderId, x.takerOrderId, x.qty]), [[
    2,
    9,
    5,
  ]]);
  assert.equal(book.hasOrder(1), false);
  assert.deepEqual(asks(book), []);
  assert.deepEqual(book.levels(BUY), [{
    priceTicks: 100,
    qty: 2,
    orders: [{ orderId: 9, owner: 1, qty: 2, tsNs: 10 }],
  }]);
  assert.deepEqual(book.counters, { submittedQty: 17, filledQty: 10, cancelledQty: 5, fills: 1 });
  conserved(book);
});

Deno.test("STP CancelBoth: own maker and incoming remainder both go", () => {
  const book = ownFirst(SelfTradePrevention.CancelBoth);
  assert.equal(book.submitLimit(9, 1, BUY, 100, 7, 10), true);
  assert.equal(book.fills.count, 0);
  assert.equal(book.result.makerCancelledQty, 5);
  assert.equal(book.result.cancelledQty, 7);
  assert.equal(book.hasOrder(1), false);
  assert.deepEqual(asks(book), [[2, 5]]);
  assert.deepEqual(book.levels(BUY), []);
  assert.deepEqual(book.counters, { submittedQty: 17, filledQty: 0, cancelledQty: 12, fills: 0 });
  conserved(book);
});

Deno.test("STP never fires for anonymous owners (below 0)", () => {
  const book = new OrderBook({ selfTradePrevention: SelfTradePrevention.CancelBoth });
  book.submitLimit(1, -1, SELL, 100, 5, 1);
  assert.equal(book.submitLimit(2, -1, BUY, 100, 5, 2), true);
  assert.equal(book.fills.count, 1);
  assert.equal(book.result.makerCancelledQty, 0);
});

Deno.test("STP with market orders", () => {
  const book = ownFirst(SelfTradePrevention.CancelMaker);
  assert.equal(book.submitMarket(9, 1, BUY, 20, 10), true);
  assert.equal(book.result.makerCancelledQty, 5);
  assert.equal(book.result.filledQty, 5);
  assert.equal(book.result.cancelledQty, 15);
  assert.equal(book.orderCount, 0);
  conserved(book);
});

Deno.test("STP with FOK: decided as the matching would go, and a refusal changes nothing", () => {
  // CancelTaker / CancelBoth: the own order first blocks everything behind it.
  for (const stp of [SelfTradePrevention.CancelTaker, SelfTradePrevention.CancelBoth]) {
    const book = ownFirst(stp);
    const before = book.levels(SELL);
    assert.equal(book.submitLimit(9, 1, BUY, 100, 5, 10, TimeInForce.FOK), false, `stp ${stp}`);
    assert.equal(book.result.rejectReason, RejectReason.FokCannotFill);
    assert.deepEqual(book.levels(SELL), before);
    assert.equal(book.fills.count, 0);
    assert.equal(book.counters.cancelledQty, 0);
    // Own order behind: 5 lots ahead of it are enough.
    const b2 = ownBehind(stp);
    assert.equal(b2.submitLimit(9, 1, BUY, 100, 5, 10, TimeInForce.FOK), true, `stp ${stp}`);
    assert.deepEqual(b2.fills.toRecords().map((x) => [x.makerOrderId, x.qty]), [[2, 5]]);
    assert.deepEqual(asks(b2), [[1, 5]]);
    assert.equal(b2.result.makerCancelledQty, 0);
    // ...but six are not.
    const b3 = ownBehind(stp);
    assert.equal(b3.submitLimit(9, 1, BUY, 100, 6, 10, TimeInForce.FOK), false);
    assert.deepEqual(asks(b3), [[2, 5], [1, 5]]);
  }
  // CancelMaker: own orders do not count but do not block.
  const ok = ownFirst(SelfTradePrevention.CancelMaker);
  assert.equal(ok.submitLimit(9, 1, BUY, 100, 5, 10, TimeInForce.FOK), true);
  assert.equal(ok.result.makerCancelledQty, 5);
  assert.equal(ok.result.filledQty, 5);
  assert.equal(ok.orderCount, 0);
  conserved(ok);
  const no = ownFirst(SelfTradePrevention.CancelMaker);
  assert.equal(no.submitLimit(9, 1, BUY, 100, 6, 10, TimeInForce.FOK), false);
  assert.equal(no.result.rejectReason, RejectReason.FokCannotFill);
  assert.deepEqual(asks(no), [[1, 5], [2, 5]]); // the own maker survives a refused FOK
  assert.equal(no.counters.cancelledQty, 0);
  // None: the own order counts.
  const self = ownFirst(SelfTradePrevention.None);
  assert.equal(self.submitLimit(9, 1, BUY, 100, 10, 10, TimeInForce.FOK), true);
  assert.equal(self.fills.count, 2);
  assert.equal(self.orderCount, 0);
});
