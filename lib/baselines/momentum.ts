/**
 * Momentum (time-series trend following): hold +P lots while the mid has
 * risen over the last `lookback` steps and −P lots while it has fallen — the
 * sign of the mid change over the lookback (Moskowitz, Ooi & Pedersen, "Time
 * series momentum", JFE 104(2), 2012, at decision frequency). A change within
 * ±`thresholdTicks` keeps the current target (so an unchanged mid does not
 * churn the position); before the lookback is filled the target is flat.
 * Each step trades the difference between the target and the inventory.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TakerActionMap } from "../env/action_mapping.ts";
 * import { Momentum } from "./momentum.ts";
 * const map = new TakerActionMap({ maxOrderSize: 100 });
 * const m = new Momentum(map, { lookback: 2, position: 5 });
 * const out = new Float32Array(2);
 * for (const mid of [100, 101, 103]) m.act(new Float32Array(0), { midTicks: mid, inventory: 0 } as never, out);
 * assert.equal(m.target, 5);
 * assert.equal(map.decode(out).signedSize, 5);
 * ```
 * @module
 */

import type { TakerActionMap, TakerOrder } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { writeTowardTarget } from "./_taker.ts";
import { RollingWindow } from "./_window.ts";

/** Options of {@linkcode Momentum}. */
export interface MomentumOptions {
  /** Steps between the two mids compared (default 10). */
  lookback: number;
  /** Position held in the trend's direction, lots (default 10). */
  position: number;
  /** Smallest mid change (ticks) that sets a direction (default 0: any change). */
  thresholdTicks: number;
  /** Market orders (default) or passive limits at the own best quote. */
  aggressive: boolean;
}

/** Defaults of {@linkcode MomentumOptions}. */
export const MOMENTUM_DEFAULTS: Readonly<MomentumOptions> = Object.freeze({
  lookback: 10,
  position: 10,
  thresholdTicks: 0,
  aggressive: true,
});

/** Checks a target-position size. */
export function checkPosition(who: string, position: number): void {
  if (!(Number.isSafeInteger(position) && position >= 1)) {
    throw new RangeError(`${who}: expected a position ≥ 1 lot, found ${position}`);
  }
}

/** Checks a window length in steps. */
export function checkSteps(who: string, key: string, n: number): void {
  if (!(Number.isSafeInteger(n) && n >= 1)) {
    throw new RangeError(`${who}: expected ${key} ≥ 1 step, found ${n}`);
  }
}

/** Trades in the direction of the mid change over a lookback. */
export class Momentum implements Policy {
  readonly name = "momentum";
  readonly actionDim = 2;
  readonly options: Readonly<MomentumOptions>;
  /** Position the policy wants now (lots). */
  target = 0;
  readonly #map: TakerActionMap;
  readonly #mids: RollingWindow;
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };

  constructor(map: TakerActionMap, options: Partial<MomentumOptions> = {}) {
    const o = { ...MOMENTUM_DEFAULTS, ...options };
    checkSteps(this.name, "lookback", o.lookback);
    checkPosition(this.name, o.position);
    if (!(o.thresholdTicks >= 0)) {
      throw new RangeError(`${this.name}: expected thresholdTicks ≥ 0, found ${o.thresholdTicks}`);
    }
    this.options = Object.freeze(o);
    this.#map = map;
    this.#mids = new RollingWindow(o.lookback + 1);
  }

  reset(_seed: number): void {
    this.#mids.reset();
    this.target = 0;
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    const o = this.options;
    if (!Number.isNaN(view.midTicks)) this.#mids.push(view.midTicks);
    if (this.#mids.full) {
      const change = this.#mids.at(0) - this.#mids.at(o.lookback);
      if (change > o.thresholdTicks) this.target = o.position;
      else if (change < -o.thresholdTicks) this.target = -o.position;
    }
    writeTowardTarget(this.#map, view, this.target, o.aggressive, this.#order, out);
  }
}
