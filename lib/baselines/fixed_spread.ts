/**
 * The fixed symmetric spread market maker: a bid and an ask a fixed number of
 * ticks from the mid, of a fixed size, at every step, whatever the inventory
 * or the market — the naive benchmark of market-making studies (e.g. the
 * "symmetric strategy" that Avellaneda and Stoikov, 2008, section 4, compare
 * their inventory strategy with, here with a constant rather than their
 * optimal spread).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { MakerActionMap } from "../env/action_mapping.ts";
 * import { FixedSpread } from "./fixed_spread.ts";
 * const map = new MakerActionMap({ mode: "offsets", minOffsetTicks: 1, maxOffsetTicks: 21, maxQuoteSize: 10 });
 * const out = new Float32Array(4);
 * new FixedSpread(map, { halfSpreadTicks: 3, size: 5 }).act(new Float32Array(0), {} as never, out);
 * assert.deepEqual(map.decode(out), { bidOffsetTicks: 3, askOffsetTicks: 3, bidSize: 5, askSize: 5 });
 * ```
 * @module
 */

import type { MakerActionMap } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";

/** Options of {@linkcode FixedSpread}. */
export interface FixedSpreadOptions {
  /** Distance of each quote from the mid, ticks (default 2). */
  halfSpreadTicks: number;
  /** Quote size per side, lots (default 1). */
  size: number;
}

/** Defaults of {@linkcode FixedSpreadOptions}. */
export const FIXED_SPREAD_DEFAULTS: Readonly<FixedSpreadOptions> = Object.freeze({
  halfSpreadTicks: 2,
  size: 1,
});

/** Symmetric quotes at a fixed half-spread and size. */
export class FixedSpread implements Policy {
  readonly name = "fixed-spread";
  readonly actionDim = 4;
  readonly options: Readonly<FixedSpreadOptions>;
  readonly #action: Float32Array;

  constructor(map: MakerActionMap, options: Partial<FixedSpreadOptions> = {}) {
    const o = { ...FIXED_SPREAD_DEFAULTS, ...options };
    if (!(o.halfSpreadTicks >= 0 && o.halfSpreadTicks < Infinity)) {
      throw new RangeError(
        `${this.name}: expected halfSpreadTicks ≥ 0, found ${o.halfSpreadTicks}`,
      );
    }
    if (!(Number.isSafeInteger(o.size) && o.size >= 0)) {
      throw new RangeError(`${this.name}: expected a size ≥ 0 lots, found ${o.size}`);
    }
    this.options = Object.freeze(o);
    const h = o.halfSpreadTicks;
    this.#action = map.encode({
      bidOffsetTicks: h,
      askOffsetTicks: h,
      bidSize: o.size,
      askSize: o.size,
    });
  }

  reset(_seed: number): void {}

  act(_obs: Float32Array, _view: AgentView, out: Float32Array): void {
    out.set(this.#action);
  }
}
