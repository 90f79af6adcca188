/** Each background agent type in isolation, against a book held by a scripted liquidity provider. */

import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { Agent, ExchangeAgent, Kernel } from "../../../lib/sim/kernel/mod.ts";
import { ConstantLatency } from "../../../lib/sim/latency/mod.ts";
import {
  MarketMakerAgent,
  MeanRevertingFundamental,
  MomentumAgent,
  NoiseAgent,
  ValueAgent,
} from "../../../lib/sim/abides/mod.ts";

const S = 0, E = 3_600e9; // a one-hour session

/** Keeps a fixed book: `depth` lots at bid and ask, re-posted every second around a mid path. */
class Quoter extends Agent {
  #ids: number[] = [];
  constructor(
    readonly mid: (tNs: number) => number,
    readonly depth = 1_000,
    readonly halfSpread = 1,
  ) {
    super("quoter", "test");
  }
  override start(k: Kernel): void {
    k.wakeAt(this.id, S);
  }
  override wakeup(k: Kernel): void {
    for (const id of this.#ids) k.sendCancel(this.id, 0, id);
    const m = Math.round(this.mid(k.now));
    const b = k.nextOrderId(), a = k.nextOrderId();
    k.sendLimit(this.id, 0, b, 1, m - this.halfSpread, this.depth);
    k.sendLimit(this.id, 0, a, -1, m + this.halfSpread, this.depth);
    this.#ids = [b, a];
    k.wakeAt(this.id, k.now + 1e9);
  }
}

function market(mid: (t: number) => number = () => 10_000) {
  const k = new Kernel({ seed: 5, startNs: S, endNs: E, latency: new ConstantLatency(1_000) });
  const ex = k.addAgent(new ExchangeAgent(["X"]));
  k.addAgent(new Quoter(mid));
  return { k, ex };
}

Deno.test("noise agent: one marketable order of random side at the opposite best, sized in range", () => {
  const { k, ex } = market();
  const agents = Array.from(
    { length: 40 },
    (_, i) =>
      k.addAgent(
        new NoiseAgent(`noise/${i}`, { wakeups: 1, intradayU: 0.5, minSize: 3, maxSize: 7 }),
      ),
  );
  k.run();
  let buys = 0;
  for (const a of agents) {
    assert.ok(Math.abs(a.inventory) >= 3 && Math.abs(a.inventory) <= 7, `inventory ${a.inventory}`);
    // Traded at the touch: bid 9999 or ask 10001.
    assert.equal(a.cash, a.inventory > 0 ? -a.inventory * 10_001 : -a.inventory * 9_999);
    assert.equal(a.openOrders.size, 0, "marketable orders never rest");
    if (a.inventory > 0) buys++;
  }
  assert.ok(buys > 5 && buys < 35, `buys ${buys} of 40`);
  assert.equal(ex.volume[0], agents.reduce((s, a) => s + Math.abs(a.inventory), 0));
});

Deno.test("value agent: buys when its view of the fundamental is above the mid, sells when below", () => {
  for (const [mean, expectSign] of [[10_200, 1], [9_800, -1]] as const) {
    const { k } = market();
    const f = new MeanRevertingFundamental(
      {
        meanTicks: mean,
        kappaPerS: 1e-3,
        sigmaTicksPerSqrtS: 0,
        shockRatePerS: 0,
        shockSdTicks: 0,
      },
      S,
      Rng.fromSeed(1),
    );
    const v = k.addAgent(
      new ValueAgent("value/0", {
        arrivalRatePerS: 1 / 30,
        obsNoiseSdTicks: 1,
        percentAggressive: 1,
        depthSpread: 2,
        intradayU: 0,
        minSize: 10,
        maxSize: 10,
      }, f),
    );
    k.run();
    assert.ok(
      Math.sign(v.inventory) === expectSign,
      `fundamental ${mean}: inventory ${v.inventory}`,
    );
    assert.ok(Math.abs(v.inventory) >= 10 * 60, "about 120 arrivals in an hour, each trading 10");
  }
});

Deno.test("momentum agent: follows a rising market, fades a falling one", () => {
  for (const [slope, expectSign] of [[+1, 1], [-1, -1]] as const) {
    const { k } = market((t) => 10_000 + slope * (t / 1e9) * 0.05);
    const a = k.addAgent(
      new MomentumAgent("momentum/0", {
        wakeIntervalS: 10,
        shortWindow: 5,
        longWindow: 20,
        minSize: 2,
        maxSize: 2,
      }),
    );
    k.run();
    assert.equal(Math.sign(a.inventory), expectSign);
    // 360 looks, trading from the 20th on.
    assert.ok(Math.abs(a.inventory) > 2 * 300, `inventory ${a.inventory}`);
  }
});

Deno.test("market maker: quotes a ladder around the mid, skewed against inventory", () => {
  const k = new Kernel({ seed: 5, startNs: S, endNs: 10e9, latency: new ConstantLatency(1_000) });
  const ex = k.addAgent(new ExchangeAgent(["X"]));
  k.addAgent(new Quoter(() => 10_000, 5, 3)); // bid 9,997, ask 10,003
  const params = {
    wakeIntervalS: 1,
    levels: 3,
    levelSpacingTicks: 2,
    pov: 0,
    minOrderSize: 10,
    skewBeta: 0.5,
    spreadAlpha: 1,
    minHalfSpreadTicks: 1,
    backstopQty: 100,
    openingPriceTicks: 10_000,
  };
  const mm = k.addAgent(new MarketMakerAgent("mm/0", params));
  mm.inventory = 4; // long: the centre moves down by 0.5 × 4 = 2 ticks
  k.run();
  const bids = ex.books[0].levels(1).flatMap((l) =>
    l.orders.filter((o) => o.owner === mm.id).map((o) => [l.priceTicks, o.qty])
  );
  const asks = ex.books[0].levels(-1).flatMap((l) =>
    l.orders.filter((o) => o.owner === mm.id).map((o) => [l.priceTicks, o.qty])
  );
  // Spread EMA = 6 → half-width 3; centre 9,998 → best bid 9,995, best ask 10,001; spacing 2; backstop on the last level.
  assert.deepEqual(bids, [[9_995, 10], [9_993, 10], [9_991, 110]]);
  assert.deepEqual(asks, [[10_001, 10], [10_003, 10], [10_005, 110]]);
  assert.equal(mm.openOrders.size, 6, "old quotes are cancelled at every wake-up");
});

Deno.test("fundamental: mean reverts with the exact OU moments", () => {
  const p = {
    meanTicks: 100,
    kappaPerS: 0.01,
    sigmaTicksPerSqrtS: 2,
    shockRatePerS: 0,
    shockSdTicks: 0,
  };
  const n = 4_000, dt = 100; // seconds
  let sum = 0, sumSq = 0;
  for (let i = 0; i < n; i++) {
    const f = new MeanRevertingFundamental({ ...p }, 0, Rng.fromSeed(i));
    // Start away from the mean: the first query at t=0 returns r̄, so shift via a long first step.
    const v = f.valueAt(dt * 1e9);
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n, variance = sumSq / n - mean * mean;
  const expectedVar = (p.sigmaTicksPerSqrtS ** 2 * (1 - Math.exp(-2 * p.kappaPerS * dt))) /
    (2 * p.kappaPerS);
  assert.ok(Math.abs(mean - 100) < 5 * Math.sqrt(expectedVar / n), `mean ${mean}`);
  assert.ok(Math.abs(variance / expectedVar - 1) < 0.1, `variance ${variance} vs ${expectedVar}`);
});
