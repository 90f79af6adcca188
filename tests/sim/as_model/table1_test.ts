/**
 * Reproduces the qualitative result of Avellaneda & Stoikov (2008), "High-
 * frequency trading in a limit order book", section 4, Table 1 (γ = 0.1,
 * s = 100, T = 1, σ = 2, dt = 0.005, q = 0, A = 140, k = 1.5, 1000 simulations):
 *
 * | strategy  | profit | std(profit) | final q | std(final q) |
 * | --------- | ------ | ----------- | ------- | ------------ |
 * | inventory | 62.94  | 5.89        | 0.10    | 2.80         |
 * | symmetric | 67.21  | 13.43       | −0.018  | 8.66         |
 *
 * The symmetric strategy quotes the inventory strategy's total spread
 * γσ²(T − t) + (2/γ)ln(1 + γ/k), centred on the mid. Both run on the same seed
 * (so on the same mid paths). Tolerances (from the brief): means within ±3,
 * standard deviations within ±30%; the standard error of a 1000-path mean is
 * 0.2 (inventory) and 0.4 (symmetric), so ±3 leaves room for differences in
 * the paper's unpublished simulation details, not for a wrong model.
 */

import { strict as assert } from "node:assert";
import {
  AsModelMarket,
  asModelParams,
  asOptimalQuotes,
  asOptimalSpread,
} from "../../../lib/sim/as_model/mod.ts";
import { meanVar } from "./_helpers.ts";

const GAMMA = 0.1;
const P = asModelParams();

type Strategy = (market: AsModelMarket, bid: Float64Array, ask: Float64Array) => void;

const inventoryStrategy: Strategy = (market, bid, ask) => {
  for (let i = 0; i < market.trajectories; i++) {
    const q = asOptimalQuotes(market.mid[i], market.inventory[i], market.time, P, GAMMA);
    bid[i] = q.bidOffset;
    ask[i] = q.askOffset;
  }
};

const symmetricStrategy: Strategy = (market, bid, ask) => {
  const half = asOptimalSpread(market.time, P, GAMMA) / 2;
  bid.fill(half);
  ask.fill(half);
};

function simulate(strategy: Strategy, n: number, seed: number) {
  const market = new AsModelMarket(P, n, seed);
  const bid = new Float64Array(n), ask = new Float64Array(n);
  while (!market.done) {
    strategy(market, bid, ask);
    market.step(bid, ask);
  }
  const profit = meanVar(market.wealthInto());
  const q = meanVar(market.inventory);
  return {
    profit: profit.mean,
    profitStd: Math.sqrt(profit.variance),
    q: q.mean,
    qStd: Math.sqrt(q.variance),
  };
}

function near(found: number, expected: number, tol: number, what: string): void {
  assert(Math.abs(found - expected) <= tol, `${what}: ${found}, paper ${expected} ± ${tol}`);
}

Deno.test("as_model: Table 1 (γ = 0.1): the inventory strategy has lower risk than the symmetric one", () => {
  const inv = simulate(inventoryStrategy, 1000, 1);
  const sym = simulate(symmetricStrategy, 1000, 1);

  // The qualitative result: less dispersion of profit and of final inventory,
  // for a somewhat lower mean profit.
  assert(inv.profitStd < sym.profitStd, `std(profit) ${inv.profitStd} vs ${sym.profitStd}`);
  assert(inv.qStd < sym.qStd, `std(final q) ${inv.qStd} vs ${sym.qStd}`);
  assert(inv.profit < sym.profit, `mean profit ${inv.profit} vs ${sym.profit}`);

  // The paper's figures, loosely.
  near(inv.profit, 62.94, 3, "inventory mean profit");
  near(inv.profitStd, 5.89, 0.3 * 5.89, "inventory std(profit)");
  near(inv.qStd, 2.80, 0.3 * 2.80, "inventory std(final q)");
  near(sym.profit, 67.21, 3, "symmetric mean profit");
  near(sym.profitStd, 13.43, 0.3 * 13.43, "symmetric std(profit)");
  near(sym.qStd, 8.66, 0.3 * 8.66, "symmetric std(final q)");
  // Final inventories centre on 0 (paper: 0.10 and −0.018): within 5 standard errors.
  near(inv.q, 0, 5 * inv.qStd / Math.sqrt(1000), "inventory mean final q");
  near(sym.q, 0, 5 * sym.qStd / Math.sqrt(1000), "symmetric mean final q");
});
