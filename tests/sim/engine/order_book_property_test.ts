/**
 * Property tests of the order book on random request streams, checked after
 * every request against invariants and against the naive reference model in
 * ./reference_book.ts (fills, answers, counters and the resting book order by
 * order). Seeds are fixed so a failure reproduces; fast-check prints the
 * shrunk counterexample.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  BUY,
  type FillRecord,
  type LevelView,
  OrderBook,
  type OrderBookOptions,
  SelfTradePrevention,
  SELL,
  type Side,
  TimeInForce,
} from "../../../lib/sim/engine/mod.ts";
import { ReferenceBook, type RefResult } from "./reference_book.ts";

// ------------------------------------------------------------ abstract commands
// Commands name prices by their distance from the run's centre on the passive
// side (price = centre − side·off, so off < 0 is aggressive) and orders by a
// pick; `resolve` turns them into concrete requests against the ids seen so far.

type Cmd =
  | {
    t: "limit";
    reuse: Pick | null;
    owner: number;
    side: Side;
    off: number;
    qty: number;
    tif: TimeInForce;
    postOnly: boolean;
  }
  | { t: "market"; owner: number; side: Side; qty: number }
  | { t: "cancel"; pick: Pick }
  | { t: "reduce"; pick: Pick; by: number }
  | { t: "modify"; pick: Pick; off: number | null; qty: number };

/** Concrete requests, replayable into any book. */
type Op =
  | {
    t: "limit";
    id: number;
    owner: number;
    side: Side;
    price: number;
    qty: number;
    ts: number;
    tif: TimeInForce;
    postOnly: boolean;
  }
  | { t: "market"; id: number; owner: number; side: Side; qty: number; ts: number }
  | { t: "cancel"; id: number }
  | { t: "reduce"; id: number; by: number }
  | { t: "modify"; id: number; price: number; qty: number; ts: number };

const owner = fc.constantFrom(-1, 0, 1, 2);
const side = fc.constantFrom<Side>(BUY, SELL);
/** Picks an order: usually a live one, sometimes any id seen so far (often dead: unknown-order paths). */
const pick = fc.record({ live: fc.nat({ max: 6 }).map((n) => n > 0), n: fc.nat({ max: 1_000 }) });
type Pick = { live: boolean; n: number };
/** Mostly valid sizes, now and then an invalid 0. */
const qtyArb = (max: number) =>
  fc.oneof(
    { weight: 30, arbitrary: fc.integer({ min: 1, max }) },
    { weight: 1, arbitrary: fc.constant(0) },
  );

function cmdArb(offsets: fc.Arbitrary<number>): fc.Arbitrary<Cmd> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record({
        t: fc.constant("limit" as const),
        // Now and then an id seen before: duplicate-id rejects when it is live.
        reuse: fc.oneof(
          { weight: 15, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: pick },
        ),
        owner,
        side,
        off: offsets,
        qty: qtyArb(10),
        tif: fc.oneof(
          { weight: 6, arbitrary: fc.constant<TimeInForce>(TimeInForce.GTC) },
          { weight: 1, arbitrary: fc.constant<TimeInForce>(TimeInForce.IOC) },
          { weight: 1, arbitrary: fc.constant<TimeInForce>(TimeInForce.FOK) },
        ),
        postOnly: fc.nat({ max: 3 }).map((n) => n === 0),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant("market" as const),
        owner,
        side,
        qty: fc.integer({ min: 1, max: 15 }),
      }),
    },
    { weight: 1, arbitrary: fc.record({ t: fc.constant("cancel" as const), pick }) },
    {
      weight: 1,
      arbitrary: fc.record({
        t: fc.constant("reduce" as const),
        pick,
        by: qtyArb(12),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        t: fc.constant("modify" as const),
        pick,
        off: fc.option(offsets, { freq: 3 }),
        qty: qtyArb(12),
      }),
    },
  );
}

/**
 * Turns abstract commands into concrete requests (ids picked among those seen,
 * live or dead), running them on a scratch book so that a modify can keep an
 * order's current price.
 */
function resolve(cmds: Cmd[], centre: number, options: OrderBookOptions): Op[] {
  const scratch = new OrderBook(options);
  const seen: number[] = [];
  let nextId = 0;
  const ops: Op[] = [];
  const pickId = (p: Pick) => {
    if (p.live && scratch.orderCount > 0) {
      const live = [BUY, SELL].flatMap((s) =>
        scratch.levels(s).flatMap((lv) => lv.orders.map((o) => o.orderId))
      );
      return live[p.n % live.length];
    }
    return seen.length === 0 ? 999_999 : seen[p.n % seen.length];
  };
  cmds.forEach((c, k) => {
    const ts = 1_000 + 10 * k;
    switch (c.t) {
      case "limit": {
        const id = c.reuse !== null && seen.length > 0 ? pickId(c.reuse) : nextId++;
        seen.push(id);
        ops.push({ ...c, t: "limit", id, price: centre - c.side * c.off, ts });
        break;
      }
      case "market": {
        const id = nextId++;
        seen.push(id);
        ops.push({ ...c, id, ts });
        break;
      }
      case "cancel":
        ops.push({ t: "cancel", id: pickId(c.pick) });
        break;
      case "reduce":
        ops.push({ t: "reduce", id: pickId(c.pick), by: c.by });
        break;
      case "modify": {
        const id = pickId(c.pick);
        // off === null: keep the current price (exercises the in-place path).
        const current = scratch.orderPrice(id);
        const s = scratch.orderSide(id) || BUY;
        const price = c.off === null && !Number.isNaN(current)
          ? current
          : centre - s * (c.off ?? 0);
        ops.push({ t: "modify", id, price, qty: c.qty, ts });
        break;
      }
    }
    applyBook(scratch, ops[ops.length - 1]);
  });
  return ops;
}

// -------------------------------------------------------------------- running

interface Step {
  value: boolean | number;
  result: RefResult;
}

function applyBook(b: OrderBook, op: Op): Step {
  let value: boolean | number;
  switch (op.t) {
    case "limit":
      value = b.submitLimit(op.id, op.owner, op.side, op.price, op.qty, op.ts, op.tif, op.postOnly);
      break;
    case "market":
      value = b.submitMarket(op.id, op.owner, op.side, op.qty, op.ts);
      break;
    case "cancel":
      value = b.cancel(op.id);
      break;
    case "reduce":
      value = b.reduce(op.id, op.by);
      break;
    case "modify":
      value = b.modify(op.id, op.price, op.qty, op.ts);
      break;
  }
  const r = b.result;
  return {
    value,
    result: {
      accepted: r.accepted,
      rejectReason: r.rejectReason,
      filledQty: r.filledQty,
      restingQty: r.restingQty,
      cancelledQty: r.cancelledQty,
      makerCancelledQty: r.makerCancelledQty,
      fillCount: r.fillCount,
    },
  };
}

function applyRef(m: ReferenceBook, op: Op): Step {
  switch (op.t) {
    case "limit": {
      const result = m.submitLimit(
        op.id,
        op.owner,
        op.side,
        op.price,
        op.qty,
        op.ts,
        op.tif,
        op.postOnly,
      );
      return { value: result.accepted, result };
    }
    case "market": {
      const result = m.submitMarket(op.id, op.owner, op.side, op.qty, op.ts);
      return { value: result.accepted, result };
    }
    case "cancel":
      return m.cancel(op.id);
    case "reduce":
      return m.reduce(op.id, op.by);
    case "modify": {
      const result = m.modify(op.id, op.price, op.qty, op.ts);
      return { value: result.accepted, result };
    }
  }
}

/** The taker's limit price of a request (±Infinity for market orders). */
function takerLimit(op: Op, sideOf: (id: number) => number): number {
  if (op.t === "limit" || op.t === "modify") return op.price;
  if (op.t === "market") return op.side === BUY ? Infinity : -Infinity;
  return sideOf(op.id) === BUY ? Infinity : -Infinity; // cancels and reduces never trade
}

function checkInvariants(b: OrderBook, bids: LevelView[], asks: LevelView[]): void {
  const bb = b.bestBid();
  const ba = b.bestAsk();
  if (!Number.isNaN(bb) && !Number.isNaN(ba)) assert.ok(bb < ba, `crossed book ${bb} >= ${ba}`);
  assert.equal(Number.isNaN(bb), bids.length === 0);
  assert.equal(Number.isNaN(ba), asks.length === 0);
  if (bids.length > 0) {
    assert.equal(bb, bids[0].priceTicks);
    assert.equal(b.bestBidQty(), bids[0].qty);
  } else assert.equal(b.bestBidQty(), 0);
  if (asks.length > 0) {
    assert.equal(ba, asks[0].priceTicks);
    assert.equal(b.bestAskQty(), asks[0].qty);
  } else assert.equal(b.bestAskQty(), 0);

  let restingFromOrders = 0;
  let orders = 0;
  for (const [s, levels] of [[BUY, bids], [SELL, asks]] as const) {
    const outP = new Float64Array(levels.length + 1).fill(-1);
    const outQ = new Float64Array(levels.length + 1).fill(-1);
    assert.equal(b.depth(s, levels.length + 1, outP, outQ), levels.length);
    for (let k = 0; k < levels.length; k++) {
      const lv = levels[k];
      assert.ok(lv.orders.length > 0, `empty level ${lv.priceTicks}`);
      if (k > 0) {
        const prev = levels[k - 1].priceTicks;
        assert.ok(s === BUY ? lv.priceTicks < prev : lv.priceTicks > prev, "levels out of order");
      }
      const sum = lv.orders.reduce((a, o) => a + o.qty, 0);
      assert.equal(lv.qty, sum, `level ${lv.priceTicks} total ${lv.qty} != sum of orders ${sum}`);
      assert.equal(b.levelQty(s, lv.priceTicks), lv.qty);
      assert.equal(outP[k], lv.priceTicks);
      assert.equal(outQ[k], lv.qty);
      let ahead = 0;
      for (const o of lv.orders) {
        assert.ok(o.qty > 0);
        assert.equal(b.queuePosition(o.orderId), ahead);
        assert.equal(b.orderQty(o.orderId), o.qty);
        assert.equal(b.orderPrice(o.orderId), lv.priceTicks);
        assert.equal(b.orderSide(o.orderId), s);
        ahead += o.qty;
      }
      restingFromOrders += sum;
      orders += lv.orders.length;
    }
  }
  assert.equal(b.orderCount, orders);
  const resting = b.sideQty(BUY) + b.sideQty(SELL);
  assert.equal(resting, restingFromOrders);
  const c = b.counters;
  assert.equal(
    c.submittedQty,
    resting + c.filledQty + c.cancelledQty,
    `conservation: submitted ${c.submittedQty} != resting ${resting} + filled ${c.filledQty} + cancelled ${c.cancelledQty}`,
  );
  assert.equal(c.fills, b.fills.count);
}

/** Runs `ops` on a fresh book and the reference model, checking everything after each op. */
function runAndCheck(ops: Op[], options: OrderBookOptions): Outcome {
  const stp = options.selfTradePrevention ?? SelfTradePrevention.None;
  const book = new OrderBook(options);
  const ref = new ReferenceBook(stp, options.symbol ?? 0);
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    const where = `op #${k} ${JSON.stringify(op)}`;
    // Prices and sides of live orders before the request (the makers a fill may name).
    const before = new Map<number, { price: number; side: Side }>();
    for (const s of [BUY, SELL] as const) {
      for (const lv of book.levels(s)) {
        for (const o of lv.orders) before.set(o.orderId, { price: lv.priceTicks, side: s });
      }
    }
    const limit = takerLimit(op, (id) => book.orderSide(id));
    const fillsBefore = book.fills.count;

    const got = applyBook(book, op);
    const want = applyRef(ref, op);
    assert.deepEqual(got, want, `answer differs at ${where}`);

    const newFills = book.fills.toRecords().slice(fillsBefore);
    assert.deepEqual(newFills, ref.fills.slice(fillsBefore), `fills differ at ${where}`);
    for (const f of newFills) {
      const maker = before.get(f.makerOrderId);
      assert.ok(maker !== undefined, `fill names maker ${f.makerOrderId} that was not live`);
      assert.equal(f.priceTicks, maker.price, `fill price is not the maker's price at ${where}`);
      assert.equal(f.aggressorSide, -maker.side);
      assert.ok(
        f.aggressorSide === BUY ? f.priceTicks <= limit : f.priceTicks >= limit,
        `fill at ${f.priceTicks} beyond the taker's limit ${limit} at ${where}`,
      );
      assert.ok(f.qty > 0);
    }

    const bids = book.levels(BUY);
    const asks = book.levels(SELL);
    assert.deepEqual(bids, ref.levels(BUY), `bid side differs at ${where}`);
    assert.deepEqual(asks, ref.levels(SELL), `ask side differs at ${where}`);
    assert.deepEqual(book.counters, ref.counters, `counters differ at ${where}`);
    checkInvariants(book, bids, asks);
  }
  return { fills: book.fills.toRecords(), levels: [book.levels(BUY), book.levels(SELL)] };
}

interface Outcome {
  fills: FillRecord[];
  levels: LevelView[][];
}

function replay(ops: Op[], options: OrderBookOptions): Outcome {
  const book = new OrderBook(options);
  for (const op of ops) applyBook(book, op);
  return { fills: book.fills.toRecords(), levels: [book.levels(BUY), book.levels(SELL)] };
}

const stpArb = fc.constantFrom<SelfTradePrevention>(
  SelfTradePrevention.None,
  SelfTradePrevention.CancelTaker,
  SelfTradePrevention.CancelMaker,
  SelfTradePrevention.CancelBoth,
);

function property(
  centreArb: fc.Arbitrary<number>,
  offsets: fc.Arbitrary<number>,
  maxCmds: number,
  extra: OrderBookOptions,
) {
  return fc.property(
    stpArb,
    centreArb,
    fc.array(cmdArb(offsets), { minLength: 1, maxLength: maxCmds, size: "max" }),
    (stp, centre, cmds) => {
      const options: OrderBookOptions = { ...extra, selfTradePrevention: stp };
      const ops = resolve(cmds, centre, options);
      const first = runAndCheck(ops, options);
      // Determinism: the same requests into a fresh book give the same fills and book.
      const again = replay(ops, options);
      assert.deepEqual(again.fills, first.fills, "replay gave different fills");
      assert.deepEqual(again.levels, first.levels, "replay gave a different book");
    },
  );
}

Deno.test("order book matches the reference model on random streams in a narrow band", () => {
  fc.assert(property(fc.constant(10_000), fc.integer({ min: -3, max: 5 }), 200, {}), {
    numRuns: 500,
    seed: 20_240_611,
  });
});

Deno.test("order book matches the reference model with far prices and a growing window", () => {
  // Small initial window, centres anywhere, offsets up to ±60,000 ticks: the book
  // rebases and regrows its tick window while orders are live.
  const offsets = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 5 }) },
    { weight: 1, arbitrary: fc.integer({ min: -60_000, max: 60_000 }) },
  );
  fc.assert(
    property(fc.integer({ min: -1_000_000, max: 1_000_000 }), offsets, 120, {
      initialLevels: 1024,
      expectedOrders: 16,
    }),
    { numRuns: 200, seed: 77_001 },
  );
});
