/**
 * Microstructure features: the order-flow imbalance of Cont, Kukanov and
 * Stoikov (2014), its rolling sum, and trade and cancel intensities.
 *
 * OFI source. A symbol-day whose interim `ofi_events` column holds any value
 * takes `ofi` from it (events summed by ingestion); a symbol-day without
 * event data computes the same formula between consecutive grid rows
 * instead. The run's feature metadata (`features.json`) records which source
 * each symbol-day used. The intensities need event counts: where the source
 * has none they are reported unavailable and left out, never filled with 0.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ORDER_FLOW_FEATURES } from "./order_flow.ts";
 * const needsEvents = ORDER_FLOW_FEATURES.filter((f) => f.needs === "events").map((f) => f.name);
 * assert.deepEqual(needsEvents, ["trade_intensity", "cancel_intensity"]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { BASE, f64 } from "./base.ts";
import type { BaseSeries } from "./base_series.ts";
import { rollingSum } from "./kernels.ts";
import { DEFAULT_FEATURE_PARAMS, type FeatureDef, pointwise } from "./types.ts";

/** The CKS event term, as the definitions write it. */
const CKS_E =
  "e = 1{b_t ≥ b_{t−1}}·qb_t − 1{b_t ≤ b_{t−1}}·qb_{t−1} − 1{a_t ≤ a_{t−1}}·qa_t + 1{a_t ≥ a_{t−1}}·qa_{t−1}";

/** out = counts × the base's per-second factor (NaN without counts). */
function perSecond(counts: Float64Array | null, s: BaseSeries, out: Float64Array): void {
  if (counts === null) {
    out.fill(NaN);
    return;
  }
  const f = s.perSecond;
  for (let i = 0; i < out.length; i++) out[i] = counts[i] * f;
}

/** `ofi` = Σ of the CKS term e over the interval's book events (or between grid rows). */
export const ofi: FeatureDef = {
  name: "ofi",
  family: "order_flow",
  definition:
    `order-flow imbalance (Cont, Kukanov and Stoikov 2014): Σ over the interval's book events of ${CKS_E} (interim ofi_events); without event data, e between consecutive grid rows (features.json says which)`,
  expr: () => pl.col(BASE.ofi),
  online: pointwise((r) => r.ofi.at(0)),
  batch: (_p, s, out) => out.set(s.ofi.subarray(0, out.length)),
};

/** `ofi_rolling` = Σ `ofi` over the last w rows, w = the fast window. */
export const ofiRolling: FeatureDef = {
  name: "ofi_rolling",
  family: "order_flow",
  definition: "Σ ofi over the last w rows, w = features.windows.fast",
  window: DEFAULT_FEATURE_PARAMS.fastWindow,
  expr: (p) => pl.col(BASE.ofi).rollingSum(p.fastWindow),
  online: (p) => ({ update: (r) => r.ofi.sum(p.fastWindow), reset: () => {} }),
  batch: (p, s, out) => rollingSum(s.ofi, p.fastWindow, 1, out),
};

/** `trade_intensity` = trades per second in the interval. */
export const tradeIntensity: FeatureDef = {
  name: "trade_intensity",
  family: "order_flow",
  definition:
    "trade_count/Δ, executions per second; Δ the grid step (features.decision_ms, else inferred per symbol-day)",
  needs: "events",
  inputs: ["trade_count"],
  expr: () => f64("trade_count").mul(pl.col(BASE.perSecond)),
  online: pointwise((r) => r.tradeCount * r.perSecond),
  batch: (_p, s, out) => perSecond(s.tradeCount, s, out),
};

/** `cancel_intensity` = cancels per second in the interval. */
export const cancelIntensity: FeatureDef = {
  name: "cancel_intensity",
  family: "order_flow",
  definition: "cancel_count/Δ, cancels and partial cancels per second",
  needs: "events",
  inputs: ["cancel_count"],
  expr: () => f64("cancel_count").mul(pl.col(BASE.perSecond)),
  online: pointwise((r) => r.cancelCount * r.perSecond),
  batch: (_p, s, out) => perSecond(s.cancelCount, s, out),
};

/** The order-flow family, in table order. */
export const ORDER_FLOW_FEATURES: readonly FeatureDef[] = [
  ofi,
  ofiRolling,
  tradeIntensity,
  cancelIntensity,
];
