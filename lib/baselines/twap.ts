/**
 * TWAP execution of a parent order: the size is cut into equal slices, one
 * per decision step over the horizon (time-weighted average price; the
 * standard schedule-based benchmark, e.g. Kissell & Glantz, "Optimal Trading
 * Strategies", 2003, and the risk-neutral limit of Almgren & Chriss, 2001).
 * With H steps and N lots, the target after step i (0-based) is
 * ⌊N·(i + 1)/H⌋ lots executed, so slices differ by at most one lot and sum to
 * exactly N. Each step sends the difference between that target and what has
 * actually been executed (the inventory change since the episode start), so
 * an unfilled passive slice is caught up later; never more than what is left
 * of the parent order.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { twapTargets } from "./twap.ts";
 * const t = twapTargets(10, 4);          // cumulative targets after each step
 * assert.deepEqual([...t], [2, 5, 7, 10]);
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

/** Cumulative TWAP targets: lots executed after each of `steps` steps, ending at `size`. */
export function twapTargets(size: number, steps: number): Int32Array {
  const out = new Int32Array(steps);
  for (let i = 0; i < steps; i++) out[i] = Math.floor((size * (i + 1)) / steps);
  return out;
}

/** Defaults of the parent order (buy 100 lots over the episode with market orders). */
export const PARENT_ORDER_DEFAULTS: Readonly<ParentOrder> = Object.freeze({
  side: 1,
  size: 100,
  horizonSeconds: null,
  aggressive: true,
});

/** Executes a parent order in equal slices per step. */
export class Twap implements Policy {
  readonly name = "twap";
  readonly actionDim = 2;
  readonly options: Readonly<ParentOrder>;
  readonly #map: TakerActionMap;
  readonly #progress = new ParentProgress();
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };

  constructor(map: TakerActionMap, options: Partial<ParentOrder> = {}) {
    const o = { ...PARENT_ORDER_DEFAULTS, ...options };
    checkParentOrder(o, this.name);
    this.options = Object.freeze(o);
    this.#map = map;
  }

  reset(_seed: number): void {
    this.#progress.reset();
  }

  /** Lots to trade now (unsigned). */
  sliceNow(view: AgentView): number {
    const o = this.options;
    const done = this.#progress.executed(view, o.side);
    const H = horizonSteps(view, o.horizonSeconds);
    const i = stepIndex(view);
    const target = i >= H ? o.size : Math.floor((o.size * (i + 1)) / H);
    return Math.max(0, Math.min(target, o.size) - done);
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    writeOrder(
      this.#map,
      this.options.side * this.sliceNow(view),
      this.options.aggressive,
      this.#order,
      out,
    );
  }
}
