/** The synthetic order stream: reproducible, seed-sensitive, in the stated proportions. */

import { strict as assert } from "node:assert";
import { generateOrderStream, StreamOp } from "../../lib/bench/order_stream.ts";
import { OrderBook, type Side } from "../../lib/sim/engine/mod.ts";

Deno.test("order stream: same seed gives identical streams, another seed does not", () => {
  const a = generateOrderStream({ count: 20_000, seed: 3 });
  const b = generateOrderStream({ count: 20_000, seed: 3 });
  const c = generateOrderStream({ count: 20_000, seed: 4 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.priceTicks, c.priceTicks);
});

Deno.test("order stream: message mix follows the configured shares", () => {
  const s = generateOrderStream({ count: 200_000, seed: 1 });
  const counts = [0, 0, 0, 0];
  for (let i = 0; i < s.count; i++) counts[s.op[i]]++;
  const share = counts.map((c) => c / s.count);
  assert.ok(Math.abs(share[StreamOp.Limit] - 0.45) < 0.01, `limit share ${share[0]}`);
  assert.ok(Math.abs(share[StreamOp.Cancel] - 0.38) < 0.01, `cancel share ${share[1]}`);
  assert.ok(Math.abs(share[StreamOp.Market] - 0.10) < 0.01, `market share ${share[2]}`);
  assert.ok(Math.abs(share[StreamOp.Modify] - 0.07) < 0.01, `modify share ${share[3]}`);
});

Deno.test("order stream: driving a book with it is deterministic and keeps the book sane", () => {
  const s = generateOrderStream({ count: 50_000, seed: 9 });
  const run = () => {
    const book = new OrderBook();
    for (let i = 0; i < s.count; i++) {
      const side = s.side[i] as Side;
      if (s.op[i] === StreamOp.Limit) {
        book.submitLimit(s.orderId[i], s.owner[i], side, s.priceTicks[i], s.qty[i], i);
      } else if (s.op[i] === StreamOp.Cancel) book.cancel(s.orderId[i]);
      else if (s.op[i] === StreamOp.Market) {
        book.submitMarket(s.orderId[i], s.owner[i], side, s.qty[i], i);
      } else if (book.hasOrder(s.orderId[i])) {
        book.modify(s.orderId[i], s.priceTicks[i], s.qty[i], i);
      }
      assert.ok(!(book.bestBid() >= book.bestAsk()), `crossed after message ${i}`);
    }
    return book;
  };
  const a = run(), b = run();
  assert.deepEqual(a.fills.toRecords(), b.fills.toRecords());
  assert.ok(a.fills.count > 1000, "the stream trades");
  const c = a.counters;
  assert.equal(c.submittedQty, a.sideQty(1) + a.sideQty(-1) + c.filledQty + c.cancelledQty);
});
