/**
 * The fundamental value that value traders observe with noise: a mean-reverting
 * Ornstein-Uhlenbeck process with occasional jumps ("megashocks"), after
 * ABIDES's SparseMeanRevertingOracle (Byrd, Hybinette and Balch 2020).
 *
 * Between two query times Δ seconds apart the OU part is sampled exactly:
 *   r(t+Δ) = r̄ + (r(t) − r̄)·e^{−κΔ} + σ·sqrt((1 − e^{−2κΔ}) / (2κ))·Z,
 * and N ~ Poisson(λ_shock·Δ) shocks, each N(0, σ_shock²), are added. Prices in
 * ticks (floats; agents round). Queries must come in non-decreasing time.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { MeanRevertingFundamental } from "./fundamental.ts";
 * const f = new MeanRevertingFundamental({ meanTicks: 10_000, kappaPerS: 1e-3, sigmaTicksPerSqrtS: 0.5, shockRatePerS: 0, shockSdTicks: 0 }, 0, Rng.fromSeed(1));
 * const v = f.valueAt(60e9);
 * assert(Math.abs(v - 10_000) < 50);
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";

/** Parameters of {@linkcode MeanRevertingFundamental}. */
export interface FundamentalParams {
  /** Long-run mean r̄ (ticks). */
  meanTicks: number;
  /** Mean-reversion speed κ (per second). */
  kappaPerS: number;
  /** Diffusion σ (ticks per √second). */
  sigmaTicksPerSqrtS: number;
  /** Jump arrival rate λ_shock (per second). */
  shockRatePerS: number;
  /** Standard deviation of one jump (ticks). */
  shockSdTicks: number;
}

/** A lazily sampled mean-reverting fundamental. */
export class MeanRevertingFundamental {
  readonly params: FundamentalParams;
  #t: number;
  #value: number;
  readonly #rng: Rng;

  /** @param startNs time of the first value (= r̄) */
  constructor(params: FundamentalParams, startNs: number, rng: Rng) {
    this.params = params;
    this.#t = startNs;
    this.#value = params.meanTicks;
    this.#rng = rng;
  }

  /** The fundamental at time `tNs` (≥ the previous query). */
  valueAt(tNs: number): number {
    if (tNs <= this.#t) return this.#value;
    const p = this.params;
    const dt = (tNs - this.#t) / 1e9;
    const k = p.kappaPerS;
    const decay = Math.exp(-k * dt);
    const sd = k > 0
      ? p.sigmaTicksPerSqrtS * Math.sqrt((1 - decay * decay) / (2 * k))
      : p.sigmaTicksPerSqrtS * Math.sqrt(dt);
    let v = p.meanTicks + (this.#value - p.meanTicks) * decay +
      (sd > 0 ? sd * this.#rng.normal() : 0);
    if (p.shockRatePerS > 0) {
      const shocks = this.#rng.poisson(p.shockRatePerS * dt);
      for (let i = 0; i < shocks; i++) v += p.shockSdTicks * this.#rng.normal();
    }
    this.#t = tNs;
    this.#value = v;
    return v;
  }
}
