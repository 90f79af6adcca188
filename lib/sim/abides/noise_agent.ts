/**
 * Noise trader (after ABIDES's NoiseAgent): wakes at random times in the
 * session, looks at the best quotes and sends a marketable limit order of
 * random side and size at the opposite best quote — uninformed flow that
 * consumes liquidity.
 * @module
 */

import type { Kernel } from "../kernel/kernel.ts";
import { TradingAgent } from "./trading_agent.ts";

/** Parameters of {@linkcode NoiseAgent}. */
export interface NoiseAgentParams {
  /** Wake-ups per session, at random times drawn from the intraday profile. */
  wakeups: number;
  /**
   * Strength a ∈ [0, 1] of the U-shaped intraday profile of arrival times:
   * density f(u) = 1 + a·(12(u − ½)² − 1) over the session fraction u (0 = flat;
   * busier open and close, as in real markets, for a > 0).
   */
  intradayU: number;
  /** Order size range (lots). */
  minSize: number;
  maxSize: number;
}

/** Uninformed trader taking liquidity at random times. */
export class NoiseAgent extends TradingAgent {
  constructor(name: string, readonly params: NoiseAgentParams) {
    super(name, "noise");
  }

  override start(k: Kernel): void {
    const span = k.endNs - k.startNs;
    for (let i = 0; i < this.params.wakeups; i++) {
      k.wakeAt(this.id, k.startNs + Math.floor(this.rng.nextFloat53() * span));
    }
  }

  override wakeup(k: Kernel): void {
    k.requestMarketData(this.id, this.symbol);
  }

  override onMarketData(k: Kernel, bid: number, _bq: number, ask: number): void {
    const buy = this.rng.nextFloat() < 0.5;
    const price = buy ? ask : bid;
    if (Number.isNaN(price)) return; // that side of the book is empty: nothing to trade against
    this.placeLimit(
      k,
      buy ? 1 : -1,
      price,
      this.drawSize(this.params.minSize, this.params.maxSize),
      1,
    );
  }
}
