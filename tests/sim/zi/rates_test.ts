/**
 * Statistical check of the ZI core against its own parameters: from a long
 * run, the rate of limit arrivals at each distance ≈ λ(i), of market orders
 * ≈ μ per side, and cancellations per order-second ≈ θ(i). Tolerances are 5
 * standard errors computed from the counts (Poisson counts; for θ, the
 * cancellation count minus θ·∫Q dt is a martingale with variance θ·∫Q dt).
 */

import { strict as assert } from "node:assert";
import { ZiBooks, ZiCounter, type ZiParams, ziParams } from "../../../lib/sim/zi/mod.ts";

const Z = 5;

function checkRates(params: ZiParams, books: number, seconds: number, seed: number): void {
  const z = new ZiBooks({ books, seed, params, stats: true });
  z.runUntil(seconds);
  const L = params.levels;
  const st = z.stats!;
  const exposure = books * seconds; // book-seconds per side
  for (let k = 0; k < L; k++) {
    for (const side of [0, 1]) {
      let arrivals = 0, cancels = 0, occupancy = 0;
      for (let b = 0; b < books; b++) {
        const i = (b * 2 + side) * L + k;
        arrivals += st.arrivals[i];
        cancels += st.cancels[i];
        occupancy += st.occupancy[i];
      }
      const what = `${side === 0 ? "bid" : "ask"} distance ${k + 1}`;
      const expArr = params.lambda[k] * exposure;
      assert(
        Math.abs(arrivals - expArr) <= Z * Math.sqrt(expArr),
        `${what}: ${arrivals} arrivals, expected ${expArr.toFixed(0)} ± ${Z}·${
          Math.sqrt(expArr).toFixed(0)
        }`,
      );
      const expCan = params.theta[k] * occupancy;
      assert(expCan > 1000, `${what}: too little resting time to test θ (${occupancy})`);
      assert(
        Math.abs(cancels - expCan) <= Z * Math.sqrt(expCan),
        `${what}: ${cancels} cancels over ${occupancy.toFixed(0)} order-seconds, θ̂ = ${
          (cancels / occupancy).toFixed(4)
        }, θ = ${params.theta[k]}`,
      );
    }
  }
  for (const c of [ZiCounter.MarketBuy, ZiCounter.MarketSell]) {
    let n = 0;
    for (let b = 0; b < books; b++) n += z.counter(b, c);
    const exp = params.mu * exposure;
    assert(
      Math.abs(n - exp) <= Z * Math.sqrt(exp),
      `market orders (counter ${c}): ${n}, expected ${exp.toFixed(0)}`,
    );
  }
  // The stats agree with the counters.
  let limitBuys = 0;
  for (let b = 0; b < books; b++) limitBuys += z.counter(b, ZiCounter.LimitBuy);
  let arrBid = 0;
  for (let b = 0; b < books; b++) {
    for (let k = 0; k < L; k++) arrBid += st.arrivals[b * 2 * L + k];
  }
  assert.equal(arrBid, limitBuys);
}

Deno.test("ZI rates: λ(i), μ and θ(i) recovered within 5 standard errors (paper's estimates)", () => {
  checkRates(ziParams(), 4, 20_000, 101);
});

Deno.test("ZI rates: recovered for other parameters too (6 levels, steep λ, fast θ, busy μ)", () => {
  const params = ziParams({
    levels: 6,
    lambda: [3, 1, 0.5, 0.4, 0.3, 0.2],
    theta: [2, 1.2, 0.9, 0.6, 0.4, 0.3],
    mu: 1.5,
  });
  checkRates(params, 3, 20_000, 202);
});
