/**
 * A technical rule: a moving-average crossover filtered by the RSI. The
 * target is +P lots while the fast moving average of the mid is above the
 * slow one and −P lots while it is below (the crossover rules of Brock,
 * Lakonishok & LeBaron, "Simple technical trading rules and the stochastic
 * properties of stock returns", JF 47(5), 1992), and Wilder's RSI (1978;
 * see `_rsi.ts`) vetoes trades into exhaustion: buy orders are sent only
 * while RSI < overbought, sell orders only while RSI > oversold (a blocked
 * order is simply not sent that step). Flat until both the slow average
 * and the RSI are warmed up.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TakerActionMap } from "../env/action_mapping.ts";
 * import { Technical } from "./technical.ts";
 * const map = new TakerActionMap({ maxOrderSize: 100 });
 * const t = new Technical(map, { fast: 2, slow: 4, rsiPeriod: 3 });
 * const out = new Float32Array(2);
 * for (const mid of [100, 101, 102, 103, 104]) t.act(new Float32Array(0), { midTicks: mid, inventory: 0 } as never, out);
 * assert.equal(t.target, 10);       // fast above slow: long …
 * assert.equal(t.rsi, 100);         // … but only gains: overbought,
 * assert.equal(map.decode(out).signedSize, 0); // so the buy is blocked
 * ```
 * @module
 */

import type { TakerActionMap, TakerOrder } from "../env/action_mapping.ts";
import type { AgentView, Policy } from "../env/policy.ts";
import { Rsi } from "./_rsi.ts";
import { writeOrder } from "./_taker.ts";
import { RollingWindow } from "./_window.ts";
import { checkPosition, checkSteps } from "./momentum.ts";

/** Options of {@linkcode Technical}. */
export interface TechnicalOptions {
  /** Steps in the fast moving average (default 5). */
  fast: number;
  /** Steps in the slow moving average (default 20). */
  slow: number;
  /** RSI period, price changes (default 14). */
  rsiPeriod: number;
  /** Buys only while RSI < this (default 70). */
  overbought: number;
  /** Sells only while RSI > this (default 30). */
  oversold: number;
  /** Position held in the crossover's direction, lots (default 10). */
  position: number;
  /** Market orders (default) or passive limits at the own best quote. */
  aggressive: boolean;
}

/** Defaults of {@linkcode TechnicalOptions}. */
export const TECHNICAL_DEFAULTS: Readonly<TechnicalOptions> = Object.freeze({
  fast: 5,
  slow: 20,
  rsiPeriod: 14,
  overbought: 70,
  oversold: 30,
  position: 10,
  aggressive: true,
});

/** Moving-average crossover with an RSI filter. */
export class Technical implements Policy {
  readonly name = "technical";
  readonly actionDim = 2;
  readonly options: Readonly<TechnicalOptions>;
  /** Position the crossover wants (lots), the RSI now, and whether the last order was vetoed. */
  target = 0;
  rsi = NaN;
  blocked = false;
  readonly #map: TakerActionMap;
  readonly #mids: RollingWindow;
  readonly #rsi: Rsi;
  readonly #order: TakerOrder = { signedSize: 0, aggressive: true };

  constructor(map: TakerActionMap, options: Partial<TechnicalOptions> = {}) {
    const o = { ...TECHNICAL_DEFAULTS, ...options };
    checkSteps(this.name, "fast", o.fast);
    checkSteps(this.name, "slow", o.slow);
    checkSteps(this.name, "rsiPeriod", o.rsiPeriod);
    if (!(o.fast < o.slow)) {
      throw new RangeError(`${this.name}: expected fast < slow, found ${o.fast} and ${o.slow}`);
    }
    if (!(o.oversold >= 0 && o.oversold < o.overbought && o.overbought <= 100)) {
      throw new RangeError(
        `${this.name}: expected 0 ≤ oversold < overbought ≤ 100, found ${o.oversold} and ${o.overbought}`,
      );
    }
    checkPosition(this.name, o.position);
    this.options = Object.freeze(o);
    this.#map = map;
    this.#mids = new RollingWindow(o.slow);
    this.#rsi = new Rsi(o.rsiPeriod);
  }

  reset(_seed: number): void {
    this.#mids.reset();
    this.#rsi.reset();
    this.target = 0;
    this.rsi = NaN;
    this.blocked = false;
  }

  act(_obs: Float32Array, view: AgentView, out: Float32Array): void {
    const o = this.options;
    const mid = view.midTicks;
    if (!Number.isNaN(mid)) this.#mids.push(mid);
    this.rsi = this.#rsi.update(mid);
    if (this.#mids.full && !Number.isNaN(this.rsi)) {
      const fast = this.#mids.mean(o.fast), slow = this.#mids.mean();
      if (fast > slow) this.target = o.position;
      else if (fast < slow) this.target = -o.position;
    }
    let lots = this.target - view.inventory;
    this.blocked = (lots > 0 && !(this.rsi < o.overbought)) ||
      (lots < 0 && !(this.rsi > o.oversold));
    if (this.blocked) lots = 0;
    writeOrder(this.#map, lots, o.aggressive, this.#order, out);
  }
}
