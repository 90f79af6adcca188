/**
 * Schema of `configs/as_model.yaml`: the Avellaneda–Stoikov (2008) model
 * market (`lib/sim/as_model/`). Defaults are the paper's section 4 values.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AsModelConfigSchema } from "./as_model.ts";
 * const cfg = AsModelConfigSchema.parse({ as_model: { sigma: 1 } });
 * assert(cfg.as_model.sigma === 1 && cfg.as_model.dt === 0.005 && cfg.as_model.trajectories === 1000);
 * assert.throws(() => AsModelConfigSchema.parse({ as_model: { dt: 0.3 } })); // T/dt not whole
 * assert.throws(() => AsModelConfigSchema.parse({ as_model: { Sigma: 1 } })); // unknown key
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, posInt, section } from "../schema_helpers.ts";

/** The `as_model` section. */
export const AsModelSectionSchema = section({
  s0: num({ gt: 0 }).default(100).describe("initial mid price s0, price units"),
  horizon_T: num({ gt: 0 }).default(1).describe(
    "horizon T, time units; a run has horizon_T/dt steps",
  ),
  sigma: num({ gt: 0 }).default(2).describe(
    "volatility σ, price units per √(time unit); the mid moves ±σ·√dt each step",
  ),
  dt: num({ gt: 0 }).default(0.005).describe(
    "time step dt, time units; horizon_T/dt must be a whole number",
  ),
  A: num({ gt: 0 }).default(140).describe(
    "fill intensity scale A in λ(δ) = A·exp(−k·δ): fills per time unit for a quote at the mid",
  ),
  k: num({ gt: 0 }).default(1.5).describe(
    "fill intensity decay k in λ(δ) = A·exp(−k·δ), per price unit of quote distance δ",
  ),
  q0: int().default(0).describe("initial inventory q0, units (negative = short)"),
  trajectories: posInt().default(1000).describe(
    "independent trajectories simulated side by side",
  ),
}).superRefine((v, ctx) => {
  const ratio = v.horizon_T / v.dt;
  const steps = Math.round(ratio);
  if (!(steps >= 1) || Math.abs(steps * v.dt - v.horizon_T) > 1e-9 * v.horizon_T) {
    ctx.addIssue({
      code: "custom",
      path: ["dt"],
      message: `a step that divides horizon_T = ${v.horizon_T} into a whole number of steps ` +
        `(horizon_T/dt is ${ratio})`,
    });
  }
});

/** The whole file. */
export const AsModelConfigSchema = section({
  as_model: AsModelSectionSchema.prefault({}).describe(
    "Avellaneda–Stoikov (2008) model market: random-walk mid, fills with intensity A·exp(−k·δ)",
  ),
});

/** Typed `as_model` section. */
export type AsModelSection = z.infer<typeof AsModelSectionSchema>;
/** Typed `configs/as_model.yaml`. */
export type AsModelConfig = z.infer<typeof AsModelConfigSchema>;
