/**
 * Return features of the mid over k rows: `log_return_k` and `return_k`, for
 * any k ≥ 1 (the registry lists k ∈ {1, 5, 10}). The first k rows of a
 * symbol-day are null (mid_{t−k} would lie in another day or symbol).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { logReturn, simpleReturn } from "./returns.ts";
 * assert.equal(logReturn(5).name, "log_return_5");
 * assert.equal(simpleReturn(1).window, 1);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { BASE } from "./base.ts";
import { lagRatio } from "./kernels.ts";
import { type FeatureDef, pointwise } from "./types.ts";

/** `log_return_k` = ln(mid_t / mid_{t−k}). */
export function logReturn(k: number): FeatureDef {
  const m = pl.col(BASE.mid);
  return {
    name: `log_return_${k}`,
    family: "returns",
    definition: `ln(mid_t / mid_{t−${k}})`,
    window: k,
    expr: () => m.div(m.shift(k)).log(),
    online: pointwise((r) => Math.log(r.mid.at(0) / r.mid.at(k))),
    // The base log return is this expression for k = 1.
    batch: (_p, s, out) =>
      k === 1 ? out.set(s.logReturn.subarray(0, out.length)) : lagRatio(s.mid, k, true, out),
  };
}

/** `return_k` = mid_t / mid_{t−k} − 1. */
export function simpleReturn(k: number): FeatureDef {
  const m = pl.col(BASE.mid);
  return {
    name: `return_${k}`,
    family: "returns",
    definition: `mid_t / mid_{t−${k}} − 1`,
    window: k,
    expr: () => m.div(m.shift(k)).sub(1),
    online: pointwise((r) => r.mid.at(0) / r.mid.at(k) - 1),
    batch: (_p, s, out) => lagRatio(s.mid, k, false, out),
  };
}

/** The return family's registered instances: k ∈ {1, 5, 10}. */
export const RETURN_FEATURES: readonly FeatureDef[] = [
  ...[1, 5, 10].map(logReturn),
  ...[1, 5, 10].map(simpleReturn),
];
