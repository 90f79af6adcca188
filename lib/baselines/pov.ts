/**
 * POV (percentage-of-volume) execution of a parent order: each step trades a
 * fixed participation rate ρ of the market volume seen during the last
 * interval (`view.marketVolume`), until the parent size is done — the
 * participation strategy of the execution literature (e.g. Kissell & Glantz,
 * "Optimal Trading Strategies", 2003, ch. 8; Cartea, Jaimungal & Penalva,
 * "Algorithmic and High-Frequency Trading", 2015, ch. 9). Fractions of a lot
 * are carried to the next step, so over the episode the traded size is
 * ρ × the volume seen, to within one lot (or the parent size, or the
 * horizon, whichever ends first).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TakerActionMap } from "../env/action_mapping.ts";
 * import { Pov } from "./pov.ts";
 * const map = new TakerActionMap({ maxOrderSize: 100 });
 * const pov = new Pov(map, { rate: 0.1, size: 1_000 });
 * const view = { nowNs: 0, episodeStartNs: 0, episodeEndNs: 100, decisionNs: 1, inventory: 0, marketVolume: 250 };
 * assert.equal(pov.sliceNow(view as never), 25); // ρ × volume
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

/** Options of {@linkcode Pov}: the parent order and the participation rate. */
export interface PovOptions extends ParentOrder {
  /** Participation rate ρ in (0, 1] of the last interval's market volume (default 0.1). */
  rate: number;
}

/** Trades ρ × the last interval's market volume per step until the parent order is done. */
export class Pov implements Policy {
  readonly name = "pov";
  readonly actionDim = 2;
  readonly options: Readonly<PovOptions>;
  readonly #map: TakerActionMap;
  readonly #progress = new ParentProgress();
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };
  #carry = 0;

  constructor(map: TakerActionMap, options: Partial<PovOptions> = {}) {
    const o = { ...PARENT_ORDER_DEFAULTS, rate: 0.1, ...options };
    checkParentOrder(o, this.name);
    if (!(o.rate > 0 && o.rate <= 1)) {
      throw new RangeError(`${this.name}: expected a rate in (0, 1], found ${o.rate}`);
    }
    this.options = Object.freeze(o);
    this.#map = map;
  }

  reset(_seed: number): void {
    this.#progress.reset();
    this.#carry = 0;
  }

  /** Lots to trade now (unsigned): ρ × last interval's volume plus the carried fraction. */
  sliceNow(view: AgentView): number {
    const o = this.options;
    const left = o.size - this.#progress.executed(view, o.side);
    if (stepIndex(view) >= horizonSteps(view, o.horizonSeconds) || left <= 0) return 0;
    const volume = view.marketVolume > 0 ? view.marketVolume : 0;
    const want = o.rate * volume + this.#carry;
    const lots = Math.floor(want + 1e-9);
    this.#carry = want - lots;
    return Math.min(lots, left);
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
