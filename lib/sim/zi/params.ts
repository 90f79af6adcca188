/**
 * Parameters of the zero-intelligence order flow of Cont, Stoikov and Talreja
 * (2010, "A stochastic model for order book dynamics", Operations Research
 * 58(3), 549–563), with the paper's estimates as defaults.
 *
 * Rates are per second and per side; all orders have unit size. Distances
 * are in ticks from the opposite best quote (a bid at distance i rests i ticks
 * below the best ask).
 *
 * Default values (the paper's Table 2 and §2.2, estimated on a Tokyo Stock
 * Exchange stock over 5 book levels; cross-checked against two independent
 * public implementations that quote the same numbers):
 * - λ(i), i = 1…5: 1.85, 1.51, 1.09, 0.88, 0.77; beyond the table the
 *   paper's power-law fit λ(i) = k / i^α with k = 1.92, α = 0.52.
 * - θ(i), i = 1…5: 0.71, 0.81, 0.68, 0.56, 0.47; beyond the table the last
 *   value (θ(5) = 0.47). The paper estimates θ on 5 levels only; this flat
 *   extension is our choice, and the table can be lengthened in the config.
 * - μ = 0.94.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ziParams } from "./params.ts";
 * const p = ziParams({ levels: 7 });
 * assert(p.lambda[0] === 1.85 && p.lambda.length === 7);
 * assert(Math.abs(p.lambda[5] - 1.92 / Math.pow(6, 0.52)) < 1e-12); // power law beyond 5
 * assert(p.theta[6] === 0.47 && p.mu === 0.94);
 * ```
 * @module
 */

import { ConfigError } from "../../core/errors.ts";

/** The estimates of Cont, Stoikov and Talreja (2010), Table 2 and §2.2. */
export const CST_2010 = {
  /** Limit order arrival rates at distance 1…5 ticks, per side, orders per second. */
  lambda: [1.85, 1.51, 1.09, 0.88, 0.77] as readonly number[],
  /** Power-law fit λ(i) = k / i^α: k, orders per second. */
  lambdaPowerK: 1.92,
  /** Power-law fit λ(i) = k / i^α: α. */
  lambdaPowerAlpha: 0.52,
  /** Cancellation rate of one resting order at distance 1…5 ticks, per second. */
  theta: [0.71, 0.81, 0.68, 0.56, 0.47] as readonly number[],
  /** Market order arrival rate per side, orders per second. */
  mu: 0.94,
} as const;

/** What {@linkcode ziParams} accepts; every field has a default. */
export interface ZiParamsInput {
  /** Levels L per side: limit orders arrive at distance 1…L (default 10). */
  levels?: number;
  /** λ(i) for i = 1, 2, …; beyond the table the power law (default: {@linkcode CST_2010}). */
  lambda?: readonly number[];
  /** k of the power law λ(i) = k / i^α used beyond the λ table (default 1.92). */
  lambdaPowerK?: number;
  /** α of the power law (default 0.52). */
  lambdaPowerAlpha?: number;
  /** θ(i) for i = 1, 2, …; beyond the table its last value (default: {@linkcode CST_2010}). */
  theta?: readonly number[];
  /** Market order rate per side (default 0.94). */
  mu?: number;
  /** Orders per level per side in the initial book (default 5). */
  initialDepth?: number;
  /**
   * Where an emptied side is re-seeded: one order this many ticks from the
   * opposite best quote (1…L; default L, the edge of the modelled window).
   */
  reseedDistance?: number;
  /** Shares per unit order in emitted events (default 100). */
  lotSize?: number;
}

/** Resolved, validated parameters (arrays have exactly `levels` entries). */
export interface ZiParams {
  /** Levels L per side. */
  readonly levels: number;
  /** λ(i) at index i − 1, orders per second per side. */
  readonly lambda: readonly number[];
  /** θ(i) at index i − 1, per resting order per second. */
  readonly theta: readonly number[];
  /** Market order rate per side, orders per second. */
  readonly mu: number;
  /** Orders per level per side in the initial book. */
  readonly initialDepth: number;
  /** Distance (ticks from the opposite best quote) of the order that re-seeds an emptied side. */
  readonly reseedDistance: number;
  /** Shares per unit order in emitted events. */
  readonly lotSize: number;
}

/** The `zi` config section's values (snake_case, as parsed by `ZiSectionSchema`). */
export interface ZiSectionValues {
  /** See {@linkcode ZiParamsInput.levels}. */
  levels: number;
  /** See {@linkcode ZiParamsInput.lambda}. */
  lambda: number[];
  /** See {@linkcode ZiParamsInput.lambdaPowerK}. */
  lambda_power_k: number;
  /** See {@linkcode ZiParamsInput.lambdaPowerAlpha}. */
  lambda_power_alpha: number;
  /** See {@linkcode ZiParamsInput.theta}. */
  theta: number[];
  /** See {@linkcode ZiParamsInput.mu}. */
  mu: number;
  /** See {@linkcode ZiParamsInput.initialDepth}. */
  initial_depth: number;
  /** See {@linkcode ZiParamsInput.reseedDistance}. */
  reseed_distance?: number | undefined;
  /** See {@linkcode ZiParamsInput.lotSize}. */
  lot_size: number;
}

/** Largest number of levels per side (keeps per-event scans short). */
export const ZI_MAX_LEVELS = 1000;

function fail(key: string, expected: string, found: unknown): never {
  throw new ConfigError({ keyPath: `zi.${key}`, expected, found: String(found) });
}

function checkRate(key: string, v: number, positive: boolean): void {
  if (!(Number.isFinite(v) && (positive ? v > 0 : v >= 0))) {
    fail(key, positive ? "a finite rate > 0" : "a finite rate ≥ 0", v);
  }
}

function checkInt(key: string, v: number, min: number, max: number): void {
  if (!(Number.isInteger(v) && v >= min && v <= max)) {
    fail(key, `an integer in ${min}…${max}`, v);
  }
}

/** Resolves and validates parameters; throws `ConfigError` naming the `zi.*` key at fault. */
export function ziParams(input: ZiParamsInput = {}): ZiParams {
  const levels = input.levels ?? 10;
  checkInt("levels", levels, 1, ZI_MAX_LEVELS);
  const lamTable = input.lambda ?? CST_2010.lambda;
  const thTable = input.theta ?? CST_2010.theta;
  if (lamTable.length === 0) fail("lambda", "at least one rate", "an empty list");
  if (thTable.length === 0) fail("theta", "at least one rate", "an empty list");
  const k = input.lambdaPowerK ?? CST_2010.lambdaPowerK;
  const alpha = input.lambdaPowerAlpha ?? CST_2010.lambdaPowerAlpha;
  checkRate("lambda_power_k", k, false);
  if (!Number.isFinite(alpha)) fail("lambda_power_alpha", "a finite number", alpha);
  const lambda: number[] = [];
  const theta: number[] = [];
  for (let i = 1; i <= levels; i++) {
    const lam = i <= lamTable.length ? lamTable[i - 1] : k / Math.pow(i, alpha);
    const th = i <= thTable.length ? thTable[i - 1] : thTable[thTable.length - 1];
    checkRate(`lambda[${i - 1}]`, lam, false);
    checkRate(`theta[${Math.min(i, thTable.length) - 1}]`, th, true);
    lambda.push(lam);
    theta.push(th);
  }
  const mu = input.mu ?? CST_2010.mu;
  checkRate("mu", mu, false);
  const initialDepth = input.initialDepth ?? 5;
  checkInt("initial_depth", initialDepth, 1, 1_000_000);
  const reseedDistance = input.reseedDistance ?? levels;
  checkInt("reseed_distance", reseedDistance, 1, levels);
  const lotSize = input.lotSize ?? 100;
  checkInt("lot_size", lotSize, 1, 1_000_000);
  return { levels, lambda, theta, mu, initialDepth, reseedDistance, lotSize };
}

/** Parameters from the parsed `zi` config section. */
export function ziParamsFromSection(section: ZiSectionValues): ZiParams {
  return ziParams({
    levels: section.levels,
    lambda: section.lambda,
    lambdaPowerK: section.lambda_power_k,
    lambdaPowerAlpha: section.lambda_power_alpha,
    theta: section.theta,
    mu: section.mu,
    initialDepth: section.initial_depth,
    reseedDistance: section.reseed_distance,
    lotSize: section.lot_size,
  });
}
