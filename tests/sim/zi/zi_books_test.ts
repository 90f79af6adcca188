/**
 * The vectorised ZI core: invariants after every event (never crossed, no
 * negative queue, nothing inside the spread, rate sums consistent), an
 * independent price-keyed reference model fed the core's own event trace
 * (quotes, queues, drops and re-seeds must agree after every event), and
 * determinism (same seed, book b independent of B, runs split anywhere).
 */

import { strict as assert } from "node:assert";
import { UsageError } from "../../../lib/core/errors.ts";
import { ZiBooks, ZiCounter, ZiEvent, type ZiParams, ziParams } from "../../../lib/sim/zi/mod.ts";

function checkInvariants(z: ZiBooks, b: number): void {
  const L = z.levels;
  const p = z.params;
  const bb = z.bestBid(b), ba = z.bestAsk(b);
  const s = ba - bb;
  assert(s >= 1 && s <= L, `book ${b}: spread ${s} outside 1…${L}`);
  let rate = 2 * p.lambda.reduce((a, x) => a + x, 0) + 2 * p.mu;
  for (let k = 0; k < L; k++) {
    const qb = z.queue(b, 1, k + 1), qa = z.queue(b, -1, k + 1);
    assert(qb >= 0 && qa >= 0, `book ${b}: negative queue at distance ${k + 1}`);
    if (k < s - 1) assert(qb === 0 && qa === 0, `book ${b}: orders inside the spread`);
    rate += p.theta[k] * (qb + qa);
  }
  assert(z.queue(b, 1, s) > 0 && z.queue(b, -1, s) > 0, `book ${b}: empty best level`);
  assert(
    Math.abs(z.totalRate(b) - rate) <= 1e-9 * rate,
    `book ${b}: rate ${z.totalRate(b)} ≠ ${rate}`,
  );
}

Deno.test("ZiBooks: invariants hold after every event (default parameters)", () => {
  const z = new ZiBooks({ books: 3, seed: 5 });
  for (let b = 0; b < 3; b++) checkInvariants(z, b);
  for (let e = 0; e < 20_000; e++) {
    z.run(1);
    for (let b = 0; b < 3; b++) checkInvariants(z, b);
  }
  for (let b = 0; b < 3; b++) {
    const c = z.counters(b);
    assert.equal(c.events, 20_000);
    assert.equal(
      c.limitBuy + c.limitSell + c.marketBuy + c.marketSell + c.cancelBid + c.cancelAsk,
      20_000,
    );
  }
});

/** A thin market: sides empty often, so re-seeds and drops are exercised. */
const THIN: ZiParams = ziParams({
  levels: 3,
  lambda: [0.2, 0.2, 0.2],
  theta: [1.5],
  mu: 2,
  initialDepth: 1,
  reseedDistance: 2,
});

Deno.test("ZiBooks: invariants hold in a thin market that empties its sides", () => {
  const z = new ZiBooks({ books: 2, seed: 9, params: THIN });
  for (let e = 0; e < 20_000; e++) {
    z.run(1);
    checkInvariants(z, 0);
    checkInvariants(z, 1);
  }
  assert(z.counter(0, ZiCounter.Reseeds) > 100, "expected many re-seeds");
  assert(z.counter(0, ZiCounter.Dropped) > 100, "expected many dropped orders");
});

/**
 * Reference model keyed by absolute price: applies each traced event by the
 * model's rules and derives quotes, re-seeds and drops on its own.
 */
class ReferenceBook {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  bb: number;
  ba: number;
  dropped = 0;
  reseeds = 0;
  constructor(readonly p: ZiParams, start: number) {
    this.bb = start;
    this.ba = start + 1;
    for (let k = 0; k < p.levels; k++) {
      this.bids.set(start - k, p.initialDepth);
      this.asks.set(start + 1 + k, p.initialDepth);
    }
  }
  #bump(m: Map<number, number>, price: number, by: number): void {
    const q = (m.get(price) ?? 0) + by;
    assert(q >= 0, `reference: queue at ${price} would go negative`);
    if (q === 0) m.delete(price);
    else m.set(price, q);
  }
  apply(kind: number, level: number): void {
    const { bb, ba } = this;
    switch (kind) {
      case ZiEvent.LimitBuy:
        this.#bump(this.bids, ba - level - 1, 1);
        break;
      case ZiEvent.LimitSell:
        this.#bump(this.asks, bb + level + 1, 1);
        break;
      case ZiEvent.MarketBuy:
        this.#bump(this.asks, ba, -1);
        break;
      case ZiEvent.MarketSell:
        this.#bump(this.bids, bb, -1);
        break;
      case ZiEvent.CancelBid:
        this.#bump(this.bids, ba - level - 1, -1);
        break;
      case ZiEvent.CancelAsk:
        this.#bump(this.asks, bb + level + 1, -1);
        break;
    }
    const L = this.p.levels, D = this.p.reseedDistance;
    let nb = this.bids.size > 0 ? Math.max(...this.bids.keys()) : NaN;
    let na = this.asks.size > 0 ? Math.min(...this.asks.keys()) : NaN;
    if (Number.isNaN(na)) {
      na = nb + D;
      this.asks.set(na, 1);
      this.reseeds++;
    } else if (Number.isNaN(nb)) {
      nb = na - D;
      this.bids.set(nb, 1);
      this.reseeds++;
    }
    for (const [p, q] of [...this.bids]) {
      if (p < na - L) (this.dropped += q, this.bids.delete(p));
    }
    for (const [p, q] of [...this.asks]) {
      if (p > nb + L) (this.dropped += q, this.asks.delete(p));
    }
    this.bb = nb;
    this.ba = na;
  }
}

for (const [name, params] of [["default", ziParams()], ["thin", THIN]] as const) {
  Deno.test(`ZiBooks: agrees with a price-keyed reference model after every event (${name})`, () => {
    const start = 5_000;
    const z = new ZiBooks({ books: 1, seed: 21, params, startPriceTicks: start, trace: true });
    const ref = new ReferenceBook(params, start);
    const L = params.levels;
    for (let chunk = 0; chunk < 40; chunk++) {
      z.run(500);
      const tr = z.trace!;
      assert.equal(tr.count, 500);
      for (let i = 0; i < tr.count; i++) {
        const reseedsBefore = ref.reseeds;
        ref.apply(tr.kind[i], tr.level[i]);
        assert.equal(
          tr.reseed[i],
          ref.reseeds - reseedsBefore,
          `event ${chunk * 500 + i}: re-seed`,
        );
        assert.equal(tr.bestBid[i], ref.bb, `event ${chunk * 500 + i}: best bid`);
        assert.equal(tr.bestAsk[i], ref.ba, `event ${chunk * 500 + i}: best ask`);
      }
      // Full state at the end of each chunk.
      for (let k = 0; k < L; k++) {
        assert.equal(z.queue(0, 1, k + 1), ref.bids.get(ref.ba - k - 1) ?? 0);
        assert.equal(z.queue(0, -1, k + 1), ref.asks.get(ref.bb + k + 1) ?? 0);
      }
      assert.equal(z.counter(0, ZiCounter.Dropped), ref.dropped);
      assert.equal(z.counter(0, ZiCounter.Reseeds), ref.reseeds);
    }
    const times = z.trace!.timeSec;
    for (let i = 1; i < z.trace!.count; i++) assert(times[i] > times[i - 1]);
  });
}

function snapshot(z: ZiBooks, b: number) {
  const L = z.levels;
  return {
    bid: [...z.bidQ.subarray(b * L, (b + 1) * L)],
    ask: [...z.askQ.subarray(b * L, (b + 1) * L)],
    bb: z.bestBid(b),
    ba: z.bestAsk(b),
    t: z.time(b),
    counters: z.counters(b),
  };
}

Deno.test("ZiBooks: same seed, same paths; another seed, another path", () => {
  const a = new ZiBooks({ books: 4, seed: 3 });
  const b = new ZiBooks({ books: 4, seed: 3 });
  const c = new ZiBooks({ books: 4, seed: 4 });
  a.run(5_000);
  b.run(5_000);
  c.run(5_000);
  for (let k = 0; k < 4; k++) assert.deepEqual(snapshot(a, k), snapshot(b, k));
  assert.notDeepEqual(snapshot(a, 0), snapshot(c, 0));
  assert.notDeepEqual(snapshot(a, 0), snapshot(a, 1), "books of one run must differ");
});

Deno.test("ZiBooks: book b is the same for B = 8 and for B = 1 at offset b", () => {
  const many = new ZiBooks({ books: 8, seed: 17, stats: true });
  many.run(4_000);
  for (let b = 0; b < 8; b++) {
    const one = new ZiBooks({ books: 1, seed: 17, bookOffset: b, stats: true });
    one.run(4_000);
    assert.deepEqual(snapshot(one, 0), snapshot(many, b), `book ${b}`);
    const L = one.levels;
    assert.deepEqual(
      [...one.stats!.occupancy],
      [...many.stats!.occupancy.subarray(b * 2 * L, (b + 1) * 2 * L)],
    );
  }
});

Deno.test("ZiBooks: splitting a run (by events or by time) does not change the path", () => {
  const whole = new ZiBooks({ books: 2, seed: 8 });
  whole.run(5_000);
  const split = new ZiBooks({ books: 2, seed: 8 });
  split.run(1_234);
  split.run(3_766);
  for (let b = 0; b < 2; b++) assert.deepEqual(snapshot(split, b), snapshot(whole, b));

  const byTime = new ZiBooks({ books: 2, seed: 8 });
  const n = byTime.runUntil(100);
  const steps = new ZiBooks({ books: 2, seed: 8 });
  let m = 0;
  for (let t = 10; t <= 100; t += 10) m += steps.runUntil(t);
  assert.equal(m, n);
  for (let b = 0; b < 2; b++) {
    assert.deepEqual(snapshot(steps, b), snapshot(byTime, b));
    assert(byTime.time(b) <= 100 && byTime.time(b) > 90);
  }
});

Deno.test("ZiBooks: bad options are usage errors", () => {
  assert.throws(() => new ZiBooks({ books: 0, seed: 1 }), UsageError);
  assert.throws(() => new ZiBooks({ books: 2, seed: 1, trace: true }), UsageError);
  assert.throws(() => new ZiBooks({ books: 1, seed: 1, startPriceTicks: 0 }), UsageError);
  const traced = new ZiBooks({ books: 1, seed: 1, trace: true });
  assert.throws(() => traced.runUntil(10), UsageError);
});
