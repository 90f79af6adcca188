import { strict as assert } from "node:assert";
import { asModelParams, asOptimalQuotes, asOptimalSpread } from "../../../lib/sim/as_model/mod.ts";

const P = asModelParams(); // σ = 2, T = 1, k = 1.5
const close = (a: number, b: number, what: string) =>
  assert(Math.abs(a - b) < 1e-12, `${what}: ${a}, expected ${b}`);

Deno.test("optimal_quotes: hand-computed case (γ = 0.1, q = 3, t = 0.5)", () => {
  // spread = γσ²(T−t) + (2/γ)ln(1+γ/k) = 0.1·4·0.5 + 20·ln(16/15)
  const spread = 0.2 + 20 * 0.06453852113757116;
  close(asOptimalSpread(0.5, P, 0.1), spread, "spread");
  // r = s − qγσ²(T−t) = 100 − 3·0.1·4·0.5 = 99.4; bid = r − spread/2; ask = r + spread/2
  const q = asOptimalQuotes(100, 3, 0.5, P, 0.1);
  close(q.bidOffset, 100 - (99.4 - spread / 2), "bid offset");
  close(q.askOffset, 99.4 + spread / 2 - 100, "ask offset");
});

Deno.test("optimal_quotes: the paper's Table 1 constant spread term is 1.29 for γ = 0.1", () => {
  close(Math.round(asOptimalSpread(P.T, P, 0.1) * 100) / 100, 1.29, "spread at T");
});

Deno.test("optimal_quotes: symmetric in inventory, shifted against it", () => {
  const flat = asOptimalQuotes(100, 0, 0.2, P, 0.5);
  close(flat.bidOffset, flat.askOffset, "flat book quotes symmetrically");
  const long = asOptimalQuotes(100, 4, 0.2, P, 0.5);
  const short = asOptimalQuotes(100, -4, 0.2, P, 0.5);
  close(long.bidOffset, short.askOffset, "mirror image");
  assert(
    long.bidOffset > flat.bidOffset && long.askOffset < flat.askOffset,
    "long: buy less, sell more",
  );
  // A large inventory puts the ask through the mid: the offset goes negative.
  assert(asOptimalQuotes(100, 20, 0, P, 0.1).askOffset < 0);
  // The mid level itself does not matter.
  const shifted = asOptimalQuotes(250, 4, 0.2, P, 0.5);
  close(shifted.bidOffset, long.bidOffset, "translation invariance");
});

Deno.test("optimal_quotes: rejects a non-positive risk aversion", () => {
  assert.throws(() => asOptimalQuotes(100, 0, 0, P, 0), /gamma > 0, found 0/);
  assert.throws(() => asOptimalSpread(0, P, NaN), /found NaN/);
});
