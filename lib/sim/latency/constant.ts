/**
 * The same delay for every message. The default is conservative for a
 * trading agent outside the exchange's colocation: 100 µs one way (a
 * colocated cross-connect is single-digit µs; a metro link 100s of µs).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ConstantLatency, RequestKind } from "./mod.ts";
 * assert.equal(new ConstantLatency(5_000).delayNs(0, 1, RequestKind.Place), 5_000);
 * ```
 * @module
 */

import type { LatencyModel, RequestKind } from "./latency_model.ts";

/** Default one-way latency (ns). */
export const DEFAULT_LATENCY_NS = 100_000;

/** A constant one-way delay. */
export class ConstantLatency implements LatencyModel {
  readonly #ns: number;

  constructor(ns: number = DEFAULT_LATENCY_NS) {
    if (!(Number.isInteger(ns) && ns >= 0)) {
      throw new RangeError(`ConstantLatency: expected an integer ≥ 0 ns, found ${ns}`);
    }
    this.#ns = ns;
  }

  delayNs(_from: number, _to: number, _kind: RequestKind): number {
    return this.#ns;
  }
}
