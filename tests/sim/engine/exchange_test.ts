/** Exchange: separate books per symbol sharing one fill log. */
import { strict as assert } from "node:assert";
import { BUY, Exchange, SelfTradePrevention, SELL } from "../../../lib/sim/engine/mod.ts";

Deno.test("books are separate and fills carry the symbol index", () => {
  const ex = new Exchange({ symbols: ["AAPL", "AMZN", "MSFT"] });
  assert.deepEqual(ex.symbols, ["AAPL", "AMZN", "MSFT"]);
  assert.equal(ex.symbolIndex("AMZN"), 1);
  assert.equal(ex.book("AMZN"), ex.book(1));
  assert.notEqual(ex.book("AAPL"), ex.book("AMZN"));
  assert.equal(ex.book(2).symbol, 2);

  // The same id and price in two books do not interact.
  ex.book("AAPL").submitLimit(1, 1, SELL, 100, 5, 1);
  ex.book("AMZN").submitLimit(1, 1, BUY, 100, 5, 2);
  assert.equal(ex.fills.count, 0);
  assert.equal(ex.book("AAPL").bestAsk(), 100);
  assert.ok(Number.isNaN(ex.book("AAPL").bestBid()));
  assert.equal(ex.book("AMZN").bestBid(), 100);
  assert.equal(ex.book("MSFT").orderCount, 0);

  ex.book("AMZN").submitLimit(2, 2, SELL, 100, 2, 3);
  ex.book("AAPL").submitLimit(2, 2, BUY, 100, 3, 4);
  assert.deepEqual(
    ex.fills.toRecords().map((f) => [f.symbol, f.makerOrderId, f.takerOrderId, f.qty]),
    [
      [1, 1, 2, 2],
      [0, 1, 2, 3],
    ],
  );
  assert.equal(ex.book("AMZN").fills, ex.fills);
  assert.equal(ex.book("AMZN").orderQty(1), 3);
  assert.equal(ex.book("AAPL").orderQty(1), 2);
  // Counters stay per book.
  assert.equal(ex.book("AMZN").counters.fills, 1);
  assert.equal(ex.book("AAPL").counters.fills, 1);
});

Deno.test("options reach every book; bad symbol lists and names throw", () => {
  const ex = new Exchange({
    symbols: ["A", "B"],
    selfTradePrevention: SelfTradePrevention.CancelBoth,
  });
  assert.equal(ex.book("A").selfTradePrevention, SelfTradePrevention.CancelBoth);
  assert.equal(ex.book("B").selfTradePrevention, SelfTradePrevention.CancelBoth);
  assert.throws(() => ex.book("C"), RangeError);
  assert.throws(() => ex.book(2), RangeError);
  assert.throws(() => ex.symbolIndex("C"), RangeError);
  assert.throws(() => new Exchange({ symbols: [] }), RangeError);
  assert.throws(() => new Exchange({ symbols: ["A", "A"] }), RangeError);
});
