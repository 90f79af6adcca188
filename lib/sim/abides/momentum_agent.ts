/**
 * Momentum trader (after ABIDES's MomentumAgent): wakes at a fixed interval
 * (with a random phase), records the mid, and once it has `longWindow` mids
 * buys at the ask when the short moving average is above the long one (sells
 * at the bid when below).
 * @module
 */

import type { Kernel } from "../kernel/kernel.ts";
import { TradingAgent } from "./trading_agent.ts";

/** Parameters of {@linkcode MomentumAgent}. */
export interface MomentumAgentParams {
  /** Seconds between wake-ups. */
  wakeIntervalS: number;
  /** Moving-average windows (observations). */
  shortWindow: number;
  longWindow: number;
  minSize: number;
  maxSize: number;
}

/** Trend follower on a moving-average crossover. */
export class MomentumAgent extends TradingAgent {
  readonly #mids: Float64Array;
  #n = 0;

  constructor(name: string, readonly params: MomentumAgentParams) {
    super(name, "momentum");
    if (!(params.shortWindow >= 1 && params.longWindow > params.shortWindow)) {
      throw new RangeError(
        `MomentumAgent: expected 1 ≤ shortWindow < longWindow, found ${params.shortWindow}, ${params.longWindow}`,
      );
    }
    this.#mids = new Float64Array(params.longWindow);
  }

  override start(k: Kernel): void {
    k.wakeAt(
      this.id,
      k.startNs + Math.floor(this.rng.nextFloat53() * this.params.wakeIntervalS * 1e9),
    );
  }

  override wakeup(k: Kernel): void {
    k.requestMarketData(this.id, this.symbol);
    k.wakeAt(this.id, k.now + Math.round(this.params.wakeIntervalS * 1e9));
  }

  override onMarketData(k: Kernel, bid: number, _bq: number, ask: number): void {
    if (Number.isNaN(bid) || Number.isNaN(ask)) return;
    const L = this.params.longWindow;
    this.#mids[this.#n % L] = (bid + ask) / 2;
    this.#n++;
    if (this.#n < L) return;
    let longSum = 0, shortSum = 0;
    for (let i = 0; i < L; i++) {
      const v = this.#mids[(this.#n - 1 - i) % L];
      longSum += v;
      if (i < this.params.shortWindow) shortSum += v;
    }
    const shortMa = shortSum / this.params.shortWindow, longMa = longSum / L;
    const size = this.drawSize(this.params.minSize, this.params.maxSize);
    if (shortMa > longMa) this.placeLimit(k, 1, ask, size, 1);
    else if (shortMa < longMa) this.placeLimit(k, -1, bid, size, 1);
  }
}
