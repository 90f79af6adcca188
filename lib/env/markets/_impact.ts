/**
 * Market impact of an agent's aggressive order in the replay market, added to
 * the order's average price (buys pay more, sells receive less); the replayed
 * book itself does not move.
 *
 * - linear: Δp = η·q ticks (q lots filled).
 * - sqrt: Δp = η·σ·√(q/V) ticks, the square-root law (Almgren, Thum, Hauptmann
 *   and Li 2005, "Direct estimation of equity market impact"; Tóth et al. 2011,
 *   "Anomalous price impact and the critical nature of liquidity in financial
 *   markets", Phys. Rev. X 1, 021006), with σ and V measured over the same
 *   window: σ² the realised variance of the mid on a one-second grid and V the
 *   executed volume, both from the file's start to the order's arrival. Under
 *   diffusive prices σ/√V does not depend on the window's length, so this
 *   equals the usual daily σ and daily volume form. Before any volume or any
 *   one-second mid change has been seen there is nothing to estimate from,
 *   and Δp = 0.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { impactTicks } from "./_impact.ts";
 * assert.equal(impactTicks("linear", 0.01, 200, NaN, NaN), 2);
 * assert.equal(impactTicks("sqrt", 1, 100, 20, 10_000), 2);   // 20·√(100/10,000)
 * assert.equal(impactTicks("sqrt", 1, 100, 20, 0), 0);        // no volume seen yet
 * ```
 * @module
 */

/** Impact models by config name. */
export type ImpactModelName = "none" | "linear" | "sqrt";

/** Δp in ticks (≥ 0) for `q` lots under `model` with coefficient `eta`. */
export function impactTicks(
  model: ImpactModelName,
  eta: number,
  q: number,
  sigmaTicks: number,
  volume: number,
): number {
  if (model === "linear") return eta * q;
  if (model === "sqrt") {
    if (!(volume > 0 && sigmaTicks > 0)) return 0;
    return eta * sigmaTicks * Math.sqrt(q / volume);
  }
  return 0;
}
