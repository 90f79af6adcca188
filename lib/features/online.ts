/**
 * The online feature calculator: takes one grid row at a time (the interim
 * columns of one symbol, see {@linkcode GridRow}) and emits the feature
 * vector with the same definitions as the polars pipeline — each feature's
 * online form sits beside its expression in its family file. Values are
 * computed in float64 ({@linkcode OnlineFeatures.values}) and handed out as
 * float32 ({@linkcode OnlineFeatures.update}); NaN where the polars output
 * is null (incomplete window, undefined value). A new `date` restarts every
 * window, as a day boundary does in the pipeline. One instance per symbol.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { OnlineFeatures } from "./online.ts";
 * const f = new OnlineFeatures({ features: ["mid_price", "log_return_1"], params: { decisionMs: 100 } });
 * const row = (timeNs: number, bid: number) => ({
 *   date: "2024-01-02", timeNs, tickSize: 0.01, bestBid: bid, bestAsk: bid + 0.02,
 *   bidQty: [100], askQty: [200], tradeCount: 0, cancelCount: 0,
 *   midHigh: bid + 0.01, midLow: bid + 0.01, ofiEvents: 0,
 * });
 * f.update(row(34_200e9, 10));
 * assert(Number.isNaN(f.values[1])); // no earlier mid yet
 * f.update(row(34_200.1e9, 10.01));
 * assert.equal(f.values[0], 10.02);
 * assert(Math.abs(f.values[1] - Math.log(10.02 / 10.01)) < 1e-15);
 * ```
 * @module
 */

import { OnlineRow } from "./online_row.ts";
import type { GridRow } from "./online_row.ts";
import type { FeaturePlan } from "./pipeline.ts";
import { DEFAULT_FEATURES } from "./names.ts";
import { resolveFeature } from "./registry.ts";
import {
  DEFAULT_FEATURE_PARAMS,
  type FeatureDef,
  type FeatureParams,
  type OnlineFeature,
} from "./types.ts";

export type { GridRow } from "./online_row.ts";

/** Options of {@linkcode OnlineFeatures}. */
export interface OnlineFeatureOptions {
  /** Feature names, in vector order (default: the 28 of the default set). */
  features?: readonly string[];
  /** Parameters; `decisionMs` (the grid step) is needed by the intensities. */
  params?: Partial<FeatureParams>;
  /** `ofi` from the rows' `ofiEvents` (default) or from consecutive rows' best quotes. */
  ofiSource?: "events" | "snapshots";
}

/** Rows of history the features need (largest window or lag, plus one). */
function historyRows(features: readonly FeatureDef[], p: FeatureParams): number {
  let n = Math.max(p.fastWindow, p.rsiPeriod);
  for (const f of features) n = Math.max(n, f.window ?? 0);
  return n + 1;
}

/** Incremental calculator of a feature vector, one grid row at a time. */
export class OnlineFeatures {
  /** Feature names, in vector order. */
  readonly names: readonly string[];
  /** The parameters in use. */
  readonly params: FeatureParams;
  /** The last row's features in float64 (NaN = null); overwritten by each update. */
  readonly values: Float64Array;
  /** The last row's features in float32; the array `update` returns. */
  readonly vector: Float32Array;
  readonly #row: OnlineRow;
  readonly #features: OnlineFeature[];
  #date: string | undefined;

  constructor(options: OnlineFeatureOptions = {}) {
    const names = options.features ?? DEFAULT_FEATURES;
    const defs = names.map((name) => {
      const f = resolveFeature(name);
      if (f === undefined) {
        throw new RangeError(`OnlineFeatures: expected a known feature name, found "${name}"`);
      }
      return f;
    });
    const p: FeatureParams = { ...DEFAULT_FEATURE_PARAMS, ...options.params };
    const needsStep = defs.some((f) => f.needs === "events");
    if (needsStep && !(p.decisionMs !== undefined && p.decisionMs > 0)) {
      throw new RangeError(
        `OnlineFeatures: the intensities need params.decisionMs (the grid step, ms > 0), found ${p.decisionMs}`,
      );
    }
    this.names = [...names];
    this.params = p;
    this.#row = new OnlineRow(
      historyRows(defs, p),
      p.depthLevels,
      p.tickSize,
      options.ofiSource ?? "events",
      p.decisionMs === undefined ? NaN : 1e9 / (p.decisionMs * 1e6),
    );
    this.#features = defs.map((f) => f.online(p));
    this.values = new Float64Array(defs.length).fill(NaN);
    this.vector = new Float32Array(defs.length).fill(NaN);
  }

  /**
   * The calculator for a pipeline plan (its features and parameters), so the
   * online vector has exactly the dataset's layout.
   */
  static fromPlan(
    plan: FeaturePlan,
    decisionMs: number,
    ofiSource: "events" | "snapshots" = "events",
  ): OnlineFeatures {
    return new OnlineFeatures({
      features: plan.features.map((f) => f.name),
      params: { ...plan.params, decisionMs },
      ofiSource,
    });
  }

  /** Rows taken since the last (re)start of the symbol-day. */
  get rows(): number {
    return this.#row.rows;
  }

  /** Takes the next grid row and returns the feature vector (float32, reused). */
  update(row: GridRow): Float32Array {
    if (row.date !== this.#date) {
      if (this.#date !== undefined) this.reset();
      this.#date = row.date;
    }
    this.#row.push(row);
    for (let j = 0; j < this.#features.length; j++) {
      const v = this.#features[j].update(this.#row);
      this.values[j] = v;
      this.vector[j] = v;
    }
    return this.vector;
  }

  /** Forgets all history (as at a symbol or day boundary). */
  reset(): void {
    this.#row.reset();
    for (const f of this.#features) f.reset();
    this.values.fill(NaN);
    this.vector.fill(NaN);
    this.#date = undefined;
  }
}
