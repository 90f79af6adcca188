/**
 * Mean reversion (a Bollinger-band fade): with m the moving average and sd
 * the standard deviation of the last `window` mids, and the band
 * b = max(bandSd · sd, minBandTicks), go short P lots when mid > m + b and
 * long P lots when mid < m − b; close the position once the mid is back at
 * the average (mid ≥ m for a long, mid ≤ m for a short). The classical
 * counterpart of momentum (Poterba & Summers, "Mean reversion in stock
 * prices", JFE 22(1), 1988; Bollinger, "Bollinger on Bollinger Bands",
 * 2001). Flat until the window is filled. Each step trades the difference
 * between the target and the inventory.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TakerActionMap } from "../env/action_mapping.ts";
 * import { MeanReversion } from "./mean_reversion.ts";
 * const mr = new MeanReversion(new TakerActionMap({ maxOrderSize: 100 }), { window: 4, bandSd: 1, position: 3 });
 * const out = new Float32Array(2);
 * for (const mid of [100, 100, 100, 110]) mr.act(new Float32Array(0), { midTicks: mid, inventory: 0 } as never, out);
 * assert.equal(mr.target, -3); // far above its average: fade it
 * ```
 * @module
 */

import type { TakerActionMap, TakerOrder } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { writeTowardTarget } from "./_taker.ts";
import { RollingWindow } from "./_window.ts";
import { checkPosition, checkSteps } from "./momentum.ts";

/** Options of {@linkcode MeanReversion}. */
export interface MeanReversionOptions {
  /** Mids in the moving average and standard deviation (default 20). */
  window: number;
  /** Band half-width in standard deviations (default 1). */
  bandSd: number;
  /** Smallest band half-width, ticks (default 1). */
  minBandTicks: number;
  /** Position taken against a deviation, lots (default 10). */
  position: number;
  /** Market orders (default) or passive limits at the own best quote. */
  aggressive: boolean;
}

/** Defaults of {@linkcode MeanReversionOptions}. */
export const MEAN_REVERSION_DEFAULTS: Readonly<MeanReversionOptions> = Object.freeze({
  window: 20,
  bandSd: 1,
  minBandTicks: 1,
  position: 10,
  aggressive: true,
});

/** Fades deviations from a moving average beyond a band. */
export class MeanReversion implements Policy {
  readonly name = "mean-reversion";
  readonly actionDim = 2;
  readonly options: Readonly<MeanReversionOptions>;
  /** Position the policy wants now (lots). */
  target = 0;
  readonly #map: TakerActionMap;
  readonly #mids: RollingWindow;
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };

  constructor(map: TakerActionMap, options: Partial<MeanReversionOptions> = {}) {
    const o = { ...MEAN_REVERSION_DEFAULTS, ...options };
    checkSteps(this.name, "window", o.window);
    checkPosition(this.name, o.position);
    if (!(o.bandSd >= 0) || !(o.minBandTicks >= 0)) {
      throw new RangeError(
        `${this.name}: expected bandSd ≥ 0 and minBandTicks ≥ 0, found ${o.bandSd}, ${o.minBandTicks}`,
      );
    }
    this.options = Object.freeze(o);
    this.#map = map;
    this.#mids = new RollingWindow(o.window);
  }

  reset(_seed: number): void {
    this.#mids.reset();
    this.target = 0;
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    const o = this.options;
    const mid = view.midTicks;
    if (!Number.isNaN(mid)) this.#mids.push(mid);
    if (this.#mids.full && !Number.isNaN(mid)) {
      const dev = mid - this.#mids.mean();
      const band = Math.max(o.bandSd * this.#mids.std(), o.minBandTicks);
      if (dev > band) this.target = -o.position;
      else if (dev < -band) this.target = o.position;
      else if ((this.target > 0 && dev >= 0) || (this.target < 0 && dev <= 0)) this.target = 0;
    }
    writeTowardTarget(this.#map, view, this.target, o.aggressive, this.#order, out);
  }
}
