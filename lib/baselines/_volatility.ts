/**
 * Private: the online volatility estimate of the market-making baselines.
 *
 * Estimator: the zero-mean realized variance of the observed mid changes over
 * the last `window` decision steps, per unit of time,
 *   σ̂² = (1/(n·dt)) · Σᵢ (s_i − s_{i−1})²,
 * with s in price units, dt the length of one step in the strategy's time
 * units and n ≤ window the number of changes held (steps where the mid is
 * unknown are skipped). The mean change is not subtracted: at decision
 * frequency the drift is negligible next to the noise, and the estimate stays
 * unbiased for a driftless walk such as the Avellaneda-Stoikov mid. Before
 * the first change, σ̂ = 0.
 * @module
 */

import { RollingWindow } from "./_window.ts";

/** Rolling realized volatility of a mid-price series. */
export class RealizedVolatility {
  readonly #changes: RollingWindow;
  #prev = NaN;

  constructor(window: number) {
    this.#changes = new RollingWindow(window);
  }

  /** Forgets the history. */
  reset(): void {
    this.#changes.reset();
    this.#prev = NaN;
  }

  /** Adds the mid (price units) observed at this step; NaN is skipped. */
  update(mid: number): void {
    if (Number.isNaN(mid)) return;
    if (!Number.isNaN(this.#prev)) this.#changes.push(mid - this.#prev);
    this.#prev = mid;
  }

  /** Mid changes held. */
  get samples(): number {
    return this.#changes.count;
  }

  /** σ̂ per √(time unit) for steps of `dt` time units; 0 before the first change. */
  sigma(dt: number): number {
    if (this.#changes.count === 0) return 0;
    return Math.sqrt(this.#changes.meanSquare() / dt);
  }
}
