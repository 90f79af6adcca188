/** Read-only queries: best prices, depth, level sizes, queue positions. */
import { strict as assert } from "node:assert";
import { BUY, OrderBook, SELL } from "../../../lib/sim/engine/mod.ts";

function sample(): OrderBook {
  const book = new OrderBook();
  book.submitLimit(1, 1, BUY, 100, 5, 1);
  book.submitLimit(2, 1, BUY, 99, 1, 2);
  book.submitLimit(3, 2, BUY, 99, 2, 3);
  book.submitLimit(4, 2, BUY, 97, 2, 4);
  book.submitLimit(5, 3, SELL, 101, 1, 5);
  book.submitLimit(6, 3, SELL, 103, 4, 6);
  return book;
}

Deno.test("bestBid/bestAsk are NaN on an empty side and follow the book", () => {
  const book = new OrderBook();
  assert.ok(Number.isNaN(book.bestBid()));
  assert.ok(Number.isNaN(book.bestAsk()));
  assert.equal(book.bestBidQty(), 0);
  assert.equal(book.bestAskQty(), 0);
  book.submitLimit(1, 1, BUY, 100, 5, 1);
  book.submitLimit(2, 1, BUY, 98, 5, 2);
  assert.equal(book.bestBid(), 100);
  book.cancel(1);
  assert.equal(book.bestBid(), 98);
  book.cancel(2);
  assert.ok(Number.isNaN(book.bestBid()));
  assert.equal(book.bestBidQty(), 0);
  assert.ok(Number.isNaN(book.orderPrice(2)));
  assert.ok(Number.isNaN(book.orderOwner(2)));
  assert.equal(book.orderSide(2), 0);
  assert.equal(book.orderQty(2), 0);
});

Deno.test("depth writes the top N levels best first and answers how many exist", () => {
  const book = sample();
  const p: number[] = [];
  const q: number[] = [];
  assert.equal(book.depth(BUY, 2, p, q), 2);
  assert.deepEqual(p, [100, 99]);
  assert.deepEqual(q, [5, 3]);
  const p2 = new Float64Array(5);
  const q2 = new Float64Array(5);
  assert.equal(book.depth(BUY, 5, p2, q2), 3);
  assert.deepEqual([...p2], [100, 99, 97, 0, 0]);
  assert.deepEqual([...q2], [5, 3, 2, 0, 0]);
  const pa = new Int32Array(4).fill(-7);
  const qa = new Int32Array(4).fill(-7);
  assert.equal(book.depth(SELL, 4, pa, qa), 2);
  assert.deepEqual([...pa], [101, 103, -7, -7]);
  assert.deepEqual([...qa], [1, 4, -7, -7]);
  assert.equal(book.depth(SELL, 0, pa, qa), 0);
  // Empty side: nothing written.
  const empty = new OrderBook();
  const pe = [-1];
  const qe = [-1];
  assert.equal(empty.depth(BUY, 3, pe, qe), 0);
  assert.equal(empty.depth(SELL, 3, pe, qe), 0);
  assert.deepEqual([pe, qe], [[-1], [-1]]);
});

Deno.test("levelQty, sideQty, levels and levelOrders agree", () => {
  const book = sample();
  assert.equal(book.levelQty(BUY, 99), 3);
  assert.equal(book.levelQty(BUY, 98), 0);
  assert.equal(book.levelQty(SELL, 99), 0); // other side
  assert.equal(book.levelQty(SELL, 103), 4);
  assert.equal(book.levelQty(BUY, 10_000_000), 0); // far outside the window
  assert.equal(new OrderBook().levelQty(BUY, 100), 0);
  assert.equal(book.sideQty(BUY), 10);
  assert.equal(book.sideQty(SELL), 5);
  assert.deepEqual(book.levels(BUY, 2).map((l) => l.priceTicks), [100, 99]);
  assert.deepEqual(book.levels(SELL).map((l) => [l.priceTicks, l.qty]), [[101, 1], [103, 4]]);
  assert.deepEqual(book.levelOrders(BUY, 99), [
    { orderId: 2, owner: 1, qty: 1, tsNs: 2 },
    { orderId: 3, owner: 2, qty: 2, tsNs: 3 },
  ]);
  assert.deepEqual(book.levelOrders(BUY, 98), []);
  assert.deepEqual(new OrderBook().levelOrders(SELL, 5), []);
});

Deno.test("queuePosition is the size queued ahead at the same price, −1 when not live", () => {
  const book = sample();
  assert.equal(book.queuePosition(1), 0);
  assert.equal(book.queuePosition(2), 0);
  assert.equal(book.queuePosition(3), 1);
  book.submitLimit(7, 4, BUY, 99, 9, 7);
  assert.equal(book.queuePosition(7), 3);
  // Fills at the front move it up.
  book.submitLimit(8, 5, SELL, 99, 6, 8); // 5 at 100, then 1 from order 2
  assert.equal(book.queuePosition(3), 0);
  assert.equal(book.queuePosition(7), 2);
  book.cancel(3);
  assert.equal(book.queuePosition(7), 0);
  assert.equal(book.queuePosition(3), -1);
  assert.equal(book.queuePosition(12345), -1);
});
