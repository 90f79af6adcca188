/**
 * Parameters of the Avellaneda–Stoikov (2008) model market, "High-frequency
 * trading in a limit order book", Quantitative Finance 8(3), section 4: a
 * ±σ√dt random-walk mid price and Poisson fills with intensity
 * λ(δ) = A·exp(−k·δ) at distance δ from the mid.
 *
 * Names follow the paper's symbols (`T`, `sigma`, `A`, `k`); defaults are the
 * paper's simulation values (s = 100, T = 1, σ = 2, dt = 0.005, A = 140,
 * k = 1.5, q = 0), so a run has T/dt = 200 steps.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { asModelParams, asModelSteps } from "./params.ts";
 * const p = asModelParams({ sigma: 1 });
 * assert(p.sigma === 1 && p.A === 140 && asModelSteps(p) === 200);
 * assert.throws(() => asModelParams({ dt: 0.3 }), /T\/dt/); // 1/0.3 steps is not whole
 * ```
 * @module
 */

import type { AsModelSection } from "../../config/schemas/as_model.ts";

/** The model's parameters (units: price units for prices, time units for times). */
export interface AsModelParams {
  /** Initial mid price s₀, price units. */
  s0: number;
  /** Horizon T, time units; the run has T/dt steps. */
  T: number;
  /** Volatility σ, price units per √time; the mid moves ±σ√dt per step. */
  sigma: number;
  /** Time step dt, time units; T/dt must be a whole number. */
  dt: number;
  /** Intensity scale A of λ(δ) = A·exp(−kδ): fills per time unit at δ = 0. */
  A: number;
  /** Intensity decay k of λ(δ) = A·exp(−kδ), per price unit. */
  k: number;
  /** Initial inventory q₀, units (a whole number). */
  q0: number;
}

/** The paper's section 4 values. */
export const AS_MODEL_DEFAULTS: Readonly<AsModelParams> = Object.freeze({
  s0: 100,
  T: 1,
  sigma: 2,
  dt: 0.005,
  A: 140,
  k: 1.5,
  q0: 0,
});

function fail(key: string, expected: string, found: number): never {
  throw new RangeError(`AsModelParams.${key}: expected ${expected}, found ${found}`);
}

/**
 * Number of steps T/dt. Throws a `RangeError` unless T/dt is a whole number
 * (to a relative 1e-9, so that 1/0.005 counts as 200).
 */
export function asModelSteps(params: Readonly<AsModelParams>): number {
  const steps = Math.round(params.T / params.dt);
  if (!(steps >= 1) || Math.abs(steps * params.dt - params.T) > 1e-9 * params.T) {
    throw new RangeError(
      `AsModelParams: expected T/dt to be a whole number ≥ 1, found T/dt = ${
        params.T / params.dt
      } (T = ${params.T}, dt = ${params.dt})`,
    );
  }
  return steps;
}

/**
 * Complete, validated parameters: the paper's defaults overridden by
 * `overrides`. Throws a `RangeError` naming the key, what was expected and
 * what was found.
 */
export function asModelParams(overrides: Partial<AsModelParams> = {}): AsModelParams {
  const p: AsModelParams = { ...AS_MODEL_DEFAULTS, ...overrides };
  const finite = (key: keyof AsModelParams): void => {
    if (!Number.isFinite(p[key])) fail(key, "a finite number", p[key]);
  };
  finite("s0");
  for (const key of ["T", "sigma", "dt", "A", "k"] as const) {
    finite(key);
    if (!(p[key] > 0)) fail(key, "a number > 0", p[key]);
  }
  if (!Number.isSafeInteger(p.q0)) fail("q0", "a whole number", p.q0);
  if (p.dt > p.T) fail("dt", `a step ≤ T = ${p.T}`, p.dt);
  asModelSteps(p);
  return p;
}

/** Parameters from the `as_model` section of `configs/as_model.yaml` (validated). */
export function asModelParamsFromConfig(section: Readonly<AsModelSection>): AsModelParams {
  return asModelParams({
    s0: section.s0,
    T: section.horizon_T,
    sigma: section.sigma,
    dt: section.dt,
    A: section.A,
    k: section.k,
    q0: section.q0,
  });
}
