/**
 * Separate latency models for placing, modifying and cancelling orders (and
 * everything else): exchanges and gateways often treat these differently, and
 * cancel latency decides whether a market maker escapes adverse selection.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ConstantLatency, PerRequestLatency, RequestKind } from "./mod.ts";
 * const lat = new PerRequestLatency({
 *   place: new ConstantLatency(100_000),
 *   cancel: new ConstantLatency(40_000),
 *   modify: new ConstantLatency(60_000),
 *   other: new ConstantLatency(100_000),
 * });
 * assert.equal(lat.delayNs(0, 1, RequestKind.Cancel), 40_000);
 * ```
 * @module
 */

import { type LatencyModel, RequestKind } from "./latency_model.ts";

/** One model per request kind. */
export class PerRequestLatency implements LatencyModel {
  readonly #models: LatencyModel[];

  constructor(
    models: {
      place: LatencyModel;
      modify: LatencyModel;
      cancel: LatencyModel;
      other: LatencyModel;
    },
  ) {
    this.#models = [];
    this.#models[RequestKind.Place] = models.place;
    this.#models[RequestKind.Modify] = models.modify;
    this.#models[RequestKind.Cancel] = models.cancel;
    this.#models[RequestKind.Other] = models.other;
  }

  delayNs(from: number, to: number, kind: RequestKind): number {
    return this.#models[kind].delayNs(from, to, kind);
  }
}
