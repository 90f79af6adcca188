/** The book's tick window: growth for far prices, the price band, and window placement. */
import { strict as assert } from "node:assert";
import { BUY, OrderBook, RejectReason, SELL, TimeInForce } from "../../../lib/sim/engine/mod.ts";

Deno.test("prices 100, 100,000 and 5,000,000 (and negative) in one book still match correctly", () => {
  const book = new OrderBook({ maxLevels: 1 << 23 });
  assert.ok(book.submitLimit(1, 1, BUY, 100, 5, 1));
  assert.ok(book.submitLimit(2, 2, SELL, 5_000_000, 5, 2));
  assert.ok(book.submitLimit(3, 3, SELL, 100_000, 5, 3));
  assert.ok(book.submitLimit(4, 4, BUY, 99, 1, 4));
  assert.ok(book.submitLimit(5, 5, BUY, -5_000, 2, 5));
  assert.deepEqual(book.levels(BUY).map((l) => [l.priceTicks, l.qty]), [[100, 5], [99, 1], [
    -5_000,
    2,
  ]]);
  assert.deepEqual(book.levels(SELL).map((l) => [l.priceTicks, l.qty]), [[100_000, 5], [
    5_000_000,
    5,
  ]]);
  assert.equal(book.bestAsk(), 100_000);
  assert.equal(book.levelQty(SELL, 5_000_000), 5);

  assert.ok(book.submitLimit(6, 6, BUY, 5_000_000, 7, 6));
  assert.deepEqual(book.fills.toRecords().map((f) => [f.makerOrderId, f.priceTicks, f.qty]), [
    [3, 100_000, 5],
    [2, 5_000_000, 2],
  ]);
  assert.equal(book.bestAsk(), 5_000_000);
  assert.equal(book.bestAskQty(), 3);

  assert.ok(book.submitMarket(7, 7, SELL, 7, 7));
  assert.deepEqual(
    book.fills.toRecords().slice(2).map((f) => [f.makerOrderId, f.priceTicks, f.qty]),
    [
      [1, 100, 5],
      [4, 99, 1],
      [5, -5_000, 1],
    ],
  );
  assert.deepEqual(book.levels(BUY), [{
    priceTicks: -5_000,
    qty: 1,
    orders: [{ orderId: 5, owner: 5, qty: 1, tsNs: 5 }],
  }]);
  const c = book.counters;
  assert.equal(
    c.submittedQty,
    book.sideQty(BUY) + book.sideQty(SELL) + c.filledQty + c.cancelledQty,
  );
});

Deno.test("a price farther than maxLevels from live orders is refused with PriceOutOfBand", () => {
  const book = new OrderBook({ initialLevels: 1024, maxLevels: 4096 });
  assert.ok(book.restLimit(1, 1, BUY, 0, 5, 1));
  assert.ok(book.restLimit(2, 1, SELL, 3_000, 5, 2)); // grows the window to 4,096 levels
  const before = [book.levels(BUY), book.levels(SELL), { ...book.counters }];
  assert.equal(book.restLimit(3, 1, SELL, 10_000, 5, 3), false);
  assert.equal(book.result.rejectReason, RejectReason.PriceOutOfBand);
  assert.equal(book.submitLimit(3, 1, SELL, 10_000, 5, 3), false);
  assert.equal(book.result.rejectReason, RejectReason.PriceOutOfBand);
  assert.equal(book.submitLimit(3, 1, BUY, -10_000, 5, 3), false);
  assert.equal(book.result.rejectReason, RejectReason.PriceOutOfBand);
  assert.deepEqual([book.levels(BUY), book.levels(SELL), { ...book.counters }], before);
  assert.equal(book.hasOrder(3), false);
  // An IOC never rests, so its far limit needs no window: it trades.
  assert.ok(book.submitLimit(4, 2, SELL, -10_000, 2, 4, TimeInForce.IOC));
  assert.equal(book.result.filledQty, 2);
  assert.equal(book.fills.get(0).priceTicks, 0);
  // Once the book is empty the window moves anywhere.
  book.cancel(1);
  book.cancel(2);
  assert.ok(book.restLimit(5, 1, SELL, 10_000, 5, 5));
  assert.equal(book.bestAsk(), 10_000);
  assert.ok(book.restLimit(6, 1, BUY, 9_000, 5, 6));
  assert.deepEqual(book.levels(BUY).map((l) => l.priceTicks), [9_000]);
});

Deno.test("the first order lands inside the window for every initial width (regression)", () => {
  // Centring on cap/2 before aligning put e.g. price 1,500 at index 1,500 of a 1,024-level window.
  for (const initialLevels of [0, 1, 1024, 2048, 3072, 16384]) {
    for (let p = -3_000; p <= 3_000; p += 37) {
      const book = new OrderBook({ initialLevels });
      assert.ok(book.restLimit(1, 1, BUY, p, 5, 0));
      assert.equal(book.bestBid(), p, `initialLevels ${initialLevels}, price ${p}`);
      assert.equal(book.levelQty(BUY, p), 5);
      // And after the book empties and re-centres on a new price.
      book.cancel(1);
      assert.ok(book.restLimit(2, 1, SELL, p + 100_000, 3, 1));
      assert.equal(book.bestAsk(), p + 100_000, `re-centred, initialLevels ${initialLevels}`);
      assert.ok(book.submitLimit(3, 2, BUY, p + 100_000, 3, 2));
      assert.equal(book.fills.count, 1);
    }
  }
});

Deno.test("a maxLevels that is not a multiple of 1,024 loses no accepted level (regression)", () => {
  const book = new OrderBook({ initialLevels: 1024, maxLevels: 5_000 });
  assert.ok(book.restLimit(0, 1, BUY, 0, 1, 0));
  let accepted = 0;
  let refused = 0;
  for (let p = 1; p <= 6_000; p++) {
    if (book.restLimit(p, 1, SELL, p, 1, p)) {
      accepted++;
      assert.equal(book.levelQty(SELL, p), 1, `accepted at ${p} but not in the book`);
    } else {
      refused++;
      assert.equal(book.result.rejectReason, RejectReason.PriceOutOfBand);
    }
  }
  // The window grew past its first 1,024 levels before the band stopped it.
  assert.ok(accepted > 2_000 && refused > 0, `accepted ${accepted}, refused ${refused}`);
  assert.equal(book.sideQty(SELL), accepted);
  assert.equal(book.levels(SELL).length, accepted);
  assert.equal(book.orderCount, accepted + 1);
  // The whole side still sweeps in price order.
  assert.ok(book.submitMarket(100_000, 2, BUY, accepted, 1));
  const prices = book.fills.toRecords().map((f) => f.priceTicks);
  assert.equal(prices.length, accepted);
  assert.ok(prices.every((x, k) => k === 0 || x > prices[k - 1]));
});

Deno.test("prices must fit the int32 columns (regression)", () => {
  // 3e9 used to be accepted, stored truncated, and then corrupt the book on cancel.
  const book = new OrderBook();
  for (const price of [3_000_000_000, -3_000_000_000, 2 ** 31]) {
    assert.equal(book.restLimit(1, 1, BUY, price, 5, 0), false);
    assert.equal(book.result.rejectReason, RejectReason.PriceOutOfBand);
    assert.equal(book.submitLimit(1, 1, SELL, price, 5, 0, TimeInForce.IOC), false);
    assert.equal(book.result.rejectReason, RejectReason.PriceOutOfBand);
  }
  assert.equal(book.orderCount, 0);
  for (const price of [2 ** 31 - 1, -(2 ** 31)]) {
    const b = new OrderBook();
    assert.ok(b.restLimit(1, 1, BUY, price, 5, 0));
    assert.equal(b.bestBid(), price);
    assert.equal(b.orderPrice(1), price);
    assert.equal(b.cancel(1), 5);
    assert.ok(Number.isNaN(b.bestBid()));
    assert.equal(b.sideQty(BUY), 0);
  }
});

Deno.test("the window grows downwards too and keeps both sides intact", () => {
  const book = new OrderBook({ initialLevels: 1024 });
  book.restLimit(1, 1, SELL, 50, 2, 0);
  book.restLimit(2, 1, BUY, 40, 2, 0);
  book.restLimit(3, 1, BUY, -200_000, 2, 0);
  book.restLimit(4, 1, SELL, 300_000, 2, 0);
  assert.deepEqual(book.levels(BUY).map((l) => l.priceTicks), [40, -200_000]);
  assert.deepEqual(book.levels(SELL).map((l) => l.priceTicks), [50, 300_000]);
  book.submitMarket(5, 2, SELL, 4, 1);
  assert.deepEqual(book.fills.toRecords().map((f) => f.priceTicks), [40, -200_000]);
  assert.ok(Number.isNaN(book.bestBid()));
  assert.equal(book.bestAsk(), 50);
});
