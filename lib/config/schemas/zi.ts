/**
 * Schema of the `zi` section (mounted under `zi:` in `configs/data.yaml`): the
 * zero-intelligence order flow of Cont, Stoikov and Talreja (2010), whose
 * estimates are the defaults. `ziParamsFromSection` (lib/sim/zi/params.ts)
 * turns the parsed section into model parameters.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ZiSectionSchema } from "./zi.ts";
 * const zi = ZiSectionSchema.parse({ levels: 8 });
 * assert(zi.mu === 0.94 && zi.lambda[0] === 1.85 && zi.lot_size === 100);
 * assert.throws(() => ZiSectionSchema.parse({ levels: 4, reseed_distance: 5 }));
 * assert.throws(() => ZiSectionSchema.parse({ lamda: [1] })); // unknown key
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, posInt, section } from "../schema_helpers.ts";

/** The `zi` section. */
export const ZiSectionSchema = section({
  levels: int({ min: 1, max: 1000 }).default(10).describe(
    "price levels L per side: limit orders arrive 1…L ticks from the opposite best quote; " +
      "an order pushed further away (that quote moved) leaves the book",
  ),
  lambda: z.array(num({ min: 0 })).min(1).default([1.85, 1.51, 1.09, 0.88, 0.77]).describe(
    "limit order arrival rate λ(i) per side at distance i = 1, 2, … ticks from the opposite " +
      "best quote, orders per second; levels beyond the list use the power law " +
      "(default: Cont, Stoikov & Talreja 2010, Table 2)",
  ),
  lambda_power_k: num({ min: 0 }).default(1.92).describe(
    "k of the power law λ(i) = k / i^α for levels beyond the lambda list, orders per second",
  ),
  lambda_power_alpha: num().default(0.52).describe(
    "α of the power law λ(i) = k / i^α for levels beyond the lambda list",
  ),
  theta: z.array(num({ gt: 0 })).min(1).default([0.71, 0.81, 0.68, 0.56, 0.47]).describe(
    "cancellation rate θ(i) of each resting order at distance i = 1, 2, … ticks from the " +
      "opposite best quote, per second; levels beyond the list use its last value " +
      "(default: Cont, Stoikov & Talreja 2010, Table 2)",
  ),
  mu: num({ min: 0 }).default(0.94).describe(
    "market order arrival rate per side (buys and sells each), orders per second",
  ),
  initial_depth: int({ min: 1, max: 1_000_000 }).default(5).describe(
    "orders per level per side in the initial book (L levels each side, spread one tick)",
  ),
  reseed_distance: int({ min: 1, max: 1000 }).optional().describe(
    "when a side empties, one order is placed this many ticks from the opposite best quote " +
      "(1…levels; default: levels, the edge of the modelled window)",
  ),
  lot_size: posInt().default(100).describe("shares per unit order in the emitted events"),
  start_price_ticks: int({ min: 1001, max: 2 ** 30 }).default(10_000).describe(
    "initial best bid, ticks (the best ask starts one tick above)",
  ),
}).refine(
  (s) => s.reseed_distance === undefined || s.reseed_distance <= s.levels,
  { message: "reseed_distance must not exceed levels", path: ["reseed_distance"] },
);

/** Typed `zi` section. */
export type ZiSection = z.infer<typeof ZiSectionSchema>;
