/**
 * Buy-and-hold: buy a fixed size at the start of the episode (market orders,
 * as many steps as the order-size and risk limits need), then hold until the
 * end — the passive benchmark of trading-strategy studies (the position's
 * PnL is the size times the episode's mid change, less costs).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TakerActionMap } from "../env/action_mapping.ts";
 * import { BuyAndHold } from "./buy_and_hold.ts";
 * const map = new TakerActionMap({ maxOrderSize: 100 });
 * const p = new BuyAndHold(map, { size: 30 });
 * const out = new Float32Array(2);
 * p.act(new Float32Array(0), { inventory: 0 } as never, out);
 * assert.deepEqual(map.decode(out), { signedSize: 30, aggressive: true });
 * p.act(new Float32Array(0), { inventory: 30 } as never, out);
 * assert.equal(map.decode(out).signedSize, 0);
 * ```
 * @module
 */

import type { TakerActionMap, TakerOrder } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { ParentProgress, writeOrder } from "./_taker.ts";

/** Options of {@linkcode BuyAndHold}. */
export interface BuyAndHoldOptions {
  /** Lots to buy at the start (default 10). */
  size: number;
}

/** Buys `size` lots at the start, then holds. */
export class BuyAndHold implements Policy {
  readonly name = "buy-and-hold";
  readonly actionDim = 2;
  readonly options: Readonly<BuyAndHoldOptions>;
  readonly #map: TakerActionMap;
  readonly #progress = new ParentProgress();
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };

  constructor(map: TakerActionMap, options: Partial<BuyAndHoldOptions> = {}) {
    const o = { size: 10, ...options };
    if (!(Number.isSafeInteger(o.size) && o.size >= 1)) {
      throw new RangeError(`${this.name}: expected a size ≥ 1 lot, found ${o.size}`);
    }
    this.options = Object.freeze(o);
    this.#map = map;
  }

  reset(_seed: number): void {
    this.#progress.reset();
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    const left = this.options.size - this.#progress.executed(view, 1);
    writeOrder(this.#map, Math.max(0, left), true, this.#order, out);
  }
}
