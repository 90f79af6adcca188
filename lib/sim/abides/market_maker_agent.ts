/**
 * Adaptive market maker (after ABIDES's AdaptiveMarketMakerAgent, Vyetrenko
 * et al. 2020): at every wake-up it cancels its quotes and posts a ladder of
 * `levels` orders on each side around the mid. The ladder's half-width adapts
 * to an exponential moving average of the observed spread (never narrower
 * than `minHalfSpreadTicks`); its centre is
 * skewed against inventory (centre = mid − skewBeta·inventory, in ticks); the
 * size per level follows the volume traded since the last wake-up
 * (participation `pov`), never below `minOrderSize`; the outermost level
 * carries an extra `backstopQty`.
 * @module
 */

import type { Kernel } from "../kernel/kernel.ts";
import { TradingAgent } from "./trading_agent.ts";

/** Parameters of {@linkcode MarketMakerAgent}. */
export interface MarketMakerParams {
  /** Seconds between wake-ups. */
  wakeIntervalS: number;
  /** Quote levels per side. */
  levels: number;
  /** Ticks between ladder levels. */
  levelSpacingTicks: number;
  /** Participation of recent volume quoted per side. */
  pov: number;
  minOrderSize: number;
  /** Inventory skew (ticks of centre shift per lot held). */
  skewBeta: number;
  /** Weight of the newest spread in the spread EMA (0 … 1). */
  spreadAlpha: number;
  /** Narrowest half-width of the ladder's inside quotes (ticks). */
  minHalfSpreadTicks: number;
  /** Extra size at the outermost level (lots). */
  backstopQty: number;
  /** Price (ticks) used while the book has no quotes. */
  openingPriceTicks: number;
}

/** Ladder-quoting market maker with inventory skew. */
export class MarketMakerAgent extends TradingAgent {
  #spreadEma = NaN;
  #lastVolume = 0;

  constructor(name: string, readonly params: MarketMakerParams) {
    super(name, "market_maker");
  }

  override start(k: Kernel): void {
    k.wakeAt(
      this.id,
      k.startNs + Math.floor(this.rng.nextFloat53() * this.params.wakeIntervalS * 1e9),
    );
  }

  override wakeup(k: Kernel): void {
    this.cancelAll(k);
    k.requestMarketData(this.id, this.symbol);
    k.wakeAt(this.id, k.now + Math.round(this.params.wakeIntervalS * 1e9));
  }

  override onMarketData(
    k: Kernel,
    bid: number,
    _bq: number,
    ask: number,
    _aq: number,
    last: number,
    volume: number,
  ): void {
    const p = this.params;
    let mid: number;
    if (!Number.isNaN(bid) && !Number.isNaN(ask)) {
      mid = (bid + ask) / 2;
      const spread = ask - bid;
      this.#spreadEma = Number.isNaN(this.#spreadEma)
        ? spread
        : p.spreadAlpha * spread + (1 - p.spreadAlpha) * this.#spreadEma;
    } else if (!Number.isNaN(bid)) mid = bid + 1;
    else if (!Number.isNaN(ask)) mid = ask - 1;
    else mid = Number.isNaN(last) ? p.openingPriceTicks : last;
    // Volume traded in the market since the last quote update.
    const recent = volume - this.#lastVolume;
    this.#lastVolume = volume;
    const size = Math.max(p.minOrderSize, Math.round((p.pov * recent) / p.levels));
    const half = Math.max(
      p.minHalfSpreadTicks,
      Math.round((Number.isNaN(this.#spreadEma) ? 2 : this.#spreadEma) / 2),
    );
    const centre = mid - p.skewBeta * this.inventory;
    const bestBid = Math.floor(centre - half + 0.5);
    const bestAsk = Math.max(bestBid + 1, Math.ceil(centre + half - 0.5));
    for (let i = 0; i < p.levels; i++) {
      const q = i === p.levels - 1 ? size + p.backstopQty : size;
      this.placeLimit(k, 1, bestBid - i * p.levelSpacingTicks, q);
      this.placeLimit(k, -1, bestAsk + i * p.levelSpacingTicks, q);
    }
  }
}
