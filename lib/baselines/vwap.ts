/**
 * VWAP execution of a parent order: the size is spread over the horizon in
 * proportion to the market volume expected in each interval, from an
 * intraday volume curve (lib/baselines/volume_curve.ts: estimated on the dev
 * split's `trade_volume` by time-of-day bucket, or a stated U-shaped
 * default), so the average price tracks the market's volume-weighted average
 * (Berkowitz, Logue & Noser, 1988; Konishi, 2002, "Optimal slice of a VWAP
 * trade"). With the episode window [t₀, t₀ + H·Δ], the target after step i
 * is ⌊N · share(t₀ + (i + 1)·Δ)⌋ lots, where share(t) is the curve's share of
 * the window's volume before t; it reaches exactly N at the last step. As in
 * TWAP, each step trades target minus executed (catching up unfilled
 * slices). Where the curve has no volume in the window (e.g. the
 * Avellaneda-Stoikov market, whose clock starts at midnight) the schedule is
 * linear in time, i.e. TWAP.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TakerActionMap } from "../env/action_mapping.ts";
 * import { VolumeCurve } from "./volume_curve.ts";
 * import { Vwap } from "./vwap.ts";
 * const curve = new VolumeCurve(0, 4, [3, 1, 1, 3], "test"); // heavy ends
 * const vwap = new Vwap(new TakerActionMap({ maxOrderSize: 100 }), { size: 80, curve });
 * const view = (i: number) => ({ nowNs: i, episodeStartNs: 0, episodeEndNs: 4, decisionNs: 1, inventory: 0 }) as never;
 * assert.deepEqual([0, 1, 2, 3].map((i) => vwap.targetAfter(view(i))), [30, 40, 50, 80]);
 * ```
 * @module
 */

import type { TakerActionMap, TakerOrder } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { stepIndex } from "./_clock.ts";
import {
  checkParentOrder,
  horizonSteps,
  type ParentOrder,
  ParentProgress,
  writeOrder,
} from "./_taker.ts";
import { PARENT_ORDER_DEFAULTS } from "./twap.ts";
import { uShapedVolumeCurve, type VolumeCurve } from "./volume_curve.ts";

/** Options of {@linkcode Vwap}: the parent order and the volume curve. */
export interface VwapOptions extends ParentOrder {
  /** Intraday volume curve (default: the U-shaped default). */
  curve: VolumeCurve;
}

/** Executes a parent order along an intraday volume curve. */
export class Vwap implements Policy {
  readonly name = "vwap";
  readonly actionDim = 2;
  readonly options: Readonly<VwapOptions>;
  readonly #map: TakerActionMap;
  readonly #progress = new ParentProgress();
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };

  constructor(map: TakerActionMap, options: Partial<VwapOptions> = {}) {
    const o = {
      ...PARENT_ORDER_DEFAULTS,
      curve: options.curve ?? uShapedVolumeCurve(),
      ...options,
    };
    checkParentOrder(o, this.name);
    this.options = Object.freeze(o);
    this.#map = map;
  }

  reset(_seed: number): void {
    this.#progress.reset();
  }

  /** Cumulative lots the schedule wants executed once the current step is done. */
  targetAfter(view: AgentView): number {
    const o = this.options;
    const H = horizonSteps(view, o.horizonSeconds);
    const i = stepIndex(view);
    if (i + 1 >= H) return o.size;
    const from = view.episodeStartNs;
    const share = o.curve.shareBetween(
      from,
      from + H * view.decisionNs,
      from + (i + 1) * view.decisionNs,
    );
    return Math.min(o.size, Math.floor(o.size * share + 1e-9));
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    const o = this.options;
    const lots = Math.max(0, this.targetAfter(view) - this.#progress.executed(view, o.side));
    writeOrder(this.#map, o.side * lots, o.aggressive, this.#order, out);
  }
}
