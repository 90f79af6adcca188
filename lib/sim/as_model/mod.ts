/**
 * The Avellaneda–Stoikov (2008) model market ("High-frequency trading in a
 * limit order book", Quantitative Finance 8(3):217–224), vectorised over many
 * independent trajectories.
 *
 * - {@linkcode AsModelMarket}: the market (random-walk mid, fills with
 *   probability min(1, A·exp(−kδ)·dt)), struct-of-arrays state.
 * - {@linkcode asModelParams}, {@linkcode AS_MODEL_DEFAULTS}: parameters
 *   (the paper's section 4 values by default).
 * - {@linkcode asOptimalQuotes}, {@linkcode asOptimalSpread}: the paper's
 *   closed-form inventory strategy.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AsModelMarket, asModelParams, asOptimalQuotes } from "./mod.ts";
 * const params = asModelParams();
 * const n = 50;
 * const market = new AsModelMarket(params, n, 1);
 * const bid = new Float64Array(n);
 * const ask = new Float64Array(n);
 * while (!market.done) {
 *   for (let i = 0; i < n; i++) {
 *     const q = asOptimalQuotes(market.mid[i], market.inventory[i], market.time, params, 0.1);
 *     bid[i] = q.bidOffset;
 *     ask[i] = q.askOffset;
 *   }
 *   market.step(bid, ask);
 * }
 * let mean = 0;
 * for (let i = 0; i < n; i++) mean += market.wealth(i) / n;
 * assert(mean > 40 && mean < 90); // the paper's Table 1: ≈ 63
 * ```
 * @module
 */

export {
  AS_MODEL_DEFAULTS,
  type AsModelParams,
  asModelParams,
  asModelParamsFromConfig,
  asModelSteps,
} from "./params.ts";
export { AsModelMarket, asModelStreamName } from "./as_market.ts";
export { asOptimalQuotes, asOptimalSpread, type AsQuotes } from "./optimal_quotes.ts";
