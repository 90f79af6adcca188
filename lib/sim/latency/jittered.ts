/**
 * Random latency: a base delay plus log-normal jitter, clipped. Network
 * delays are right-skewed with a hard floor; a log-normal with a clip at a
 * maximum reproduces that shape (e.g. Moallemi and Yuan 2017 model latency as
 * a random delay; the log-normal is a common fit to measured round trips).
 *
 * delay = clip(base + exp(μ + σ·Z), min, max), Z ~ N(0, 1), with μ = ln(median jitter).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { JitteredLatency, RequestKind } from "./mod.ts";
 * const lat = new JitteredLatency({ baseNs: 50_000, medianJitterNs: 10_000, sigma: 0.5, maxNs: 500_000 }, Rng.fromSeed(1));
 * const d = lat.delayNs(0, 1, RequestKind.Place);
 * assert(d >= 50_000 && d <= 500_000 && Number.isInteger(d));
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";
import type { LatencyModel, RequestKind } from "./latency_model.ts";

/** Parameters of {@linkcode JitteredLatency}. */
export interface JitteredLatencyParams {
  /** Fixed part (propagation), ns. */
  baseNs: number;
  /** Median of the random part, ns. */
  medianJitterNs: number;
  /** Log-scale standard deviation of the random part. */
  sigma: number;
  /** Smallest total delay, ns (default baseNs). */
  minNs?: number;
  /** Largest total delay, ns (default 100 × (base + median jitter)). */
  maxNs?: number;
}

/** Base delay plus clipped log-normal jitter, drawn from its own stream. */
export class JitteredLatency implements LatencyModel {
  readonly #base: number;
  readonly #mu: number;
  readonly #sigma: number;
  readonly #min: number;
  readonly #max: number;
  readonly #rng: Rng;

  constructor(p: JitteredLatencyParams, rng: Rng) {
    if (!(p.baseNs >= 0 && p.medianJitterNs > 0 && p.sigma >= 0)) {
      throw new RangeError(
        `JitteredLatency: expected baseNs ≥ 0, medianJitterNs > 0, sigma ≥ 0, found ${
          JSON.stringify(p)
        }`,
      );
    }
    this.#base = p.baseNs;
    this.#mu = Math.log(p.medianJitterNs);
    this.#sigma = p.sigma;
    this.#min = p.minNs ?? p.baseNs;
    this.#max = p.maxNs ?? 100 * (p.baseNs + p.medianJitterNs);
    this.#rng = rng;
  }

  delayNs(_from: number, _to: number, _kind: RequestKind): number {
    const d = Math.round(this.#base + this.#rng.logNormal(this.#mu, this.#sigma));
    return d < this.#min ? this.#min : d > this.#max ? this.#max : d;
  }
}
