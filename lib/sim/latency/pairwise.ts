/**
 * A delay per (sender, receiver) pair, e.g. from a geographic placement of
 * agents (ABIDES's cubic-latency-by-location model is one way to fill the
 * matrix). Pairs not set use a fallback model.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ConstantLatency, PairwiseLatency, RequestKind } from "./mod.ts";
 * const lat = new PairwiseLatency(3, new ConstantLatency(1_000));
 * lat.set(2, 0, 250_000);
 * assert.equal(lat.delayNs(2, 0, RequestKind.Place), 250_000);
 * assert.equal(lat.delayNs(0, 2, RequestKind.Place), 1_000);
 * ```
 * @module
 */

import type { LatencyModel, RequestKind } from "./latency_model.ts";

/** A dense matrix of pairwise delays with a fallback. */
export class PairwiseLatency implements LatencyModel {
  readonly #n: number;
  readonly #ns: Float64Array;
  readonly #fallback: LatencyModel;

  constructor(agents: number, fallback: LatencyModel) {
    this.#n = agents;
    this.#ns = new Float64Array(agents * agents).fill(-1);
    this.#fallback = fallback;
  }

  /** Sets the delay from `from` to `to`. */
  set(from: number, to: number, ns: number): void {
    if (!(Number.isInteger(ns) && ns >= 0)) {
      throw new RangeError(`PairwiseLatency: expected an integer ≥ 0 ns, found ${ns}`);
    }
    this.#ns[from * this.#n + to] = ns;
  }

  delayNs(from: number, to: number, kind: RequestKind): number {
    const v = from < this.#n && to < this.#n ? this.#ns[from * this.#n + to] : -1;
    return v >= 0 ? v : this.#fallback.delayNs(from, to, kind);
  }
}
