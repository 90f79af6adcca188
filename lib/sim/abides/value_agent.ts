/**
 * Value trader (after ABIDES's ValueAgent): arrives as a Poisson process,
 * observes the fundamental with Gaussian noise, updates a Kalman-filter belief
 * under the mean-reverting prior, projects it to the session close, and buys
 * when the projection is above the mid (sells when below): at the opposite
 * touch with probability `percentAggressive` (trading at once), otherwise
 * patiently at its own side's touch or up to `depthSpread` spreads behind it
 * (ABIDES prices patient orders inside the spread; behind the touch keeps the
 * spread set by the market makers, as in the real data we compare with).
 * Cancels its resting orders at every arrival.
 *
 * Belief update over Δ seconds (OU prior with mean r̄, speed κ, diffusion σ):
 *   prior mean m' = r̄ + (m − r̄)e^{−κΔ},  prior var v' = v·e^{−2κΔ} + σ²(1 − e^{−2κΔ})/(2κ),
 *   posterior m = (σₙ²·m' + v'·obs)/(σₙ² + v'),  v = σₙ²v'/(σₙ² + v');
 * projection to the close T: r_T = r̄ + (m − r̄)e^{−κ(T−t)}.
 * @module
 */

import type { Kernel } from "../kernel/kernel.ts";
import type { MeanRevertingFundamental } from "./fundamental.ts";
import { TradingAgent } from "./trading_agent.ts";

/** Parameters of {@linkcode ValueAgent}. */
export interface ValueAgentParams {
  /** Arrival rate (per second). */
  arrivalRatePerS: number;
  /** Standard deviation of one observation of the fundamental (ticks). */
  obsNoiseSdTicks: number;
  /** Probability of pricing at the touch (crossing the spread). */
  percentAggressive: number;
  /** Non-aggressive orders go up to this many spreads behind the touch. */
  depthSpread: number;
  /** Strength a of the U-shaped intraday profile of arrivals (see NoiseAgent). */
  intradayU: number;
  minSize: number;
  maxSize: number;
}

/** Informed trader with a noisy view of the fundamental. */
export class ValueAgent extends TradingAgent {
  #mean: number;
  #var = 0;
  #lastT: number;

  constructor(
    name: string,
    readonly params: ValueAgentParams,
    readonly fundamental: MeanRevertingFundamental,
  ) {
    super(name, "value");
    this.#mean = fundamental.params.meanTicks;
    this.#lastT = 0;
  }

  override start(k: Kernel): void {
    this.#lastT = k.startNs;
    k.wakeAt(this.id, this.#nextArrivalNs(k, k.startNs));
  }

  /**
   * Next arrival after `fromNs` of a Poisson process with rate λ·f(u), f the
   * U-shaped intraday profile, by thinning (Lewis and Shedler 1979) a process
   * of rate λ·(1 + 2a).
   */
  #nextArrivalNs(k: Kernel, fromNs: number): number {
    const a = this.params.intradayU;
    const peak = this.params.arrivalRatePerS * (1 + 2 * a);
    const span = k.endNs - k.startNs;
    let t = fromNs;
    for (;;) {
      t += Math.max(1, Math.round(this.rng.exponential(peak) * 1e9));
      if (t > k.endNs) return t;
      const u = (t - k.startNs) / span;
      if (this.rng.nextFloat53() * (1 + 2 * a) <= 1 + a * (12 * (u - 0.5) ** 2 - 1)) return t;
    }
  }

  override wakeup(k: Kernel): void {
    this.cancelAll(k);
    k.requestMarketData(this.id, this.symbol);
    k.wakeAt(this.id, this.#nextArrivalNs(k, k.now));
  }

  /** Kalman update of the belief, then the projection to the close. */
  #estimateAtClose(k: Kernel): number {
    const f = this.fundamental.params;
    const obs = this.fundamental.valueAt(k.now) + this.params.obsNoiseSdTicks * this.rng.normal();
    const dt = (k.now - this.#lastT) / 1e9;
    this.#lastT = k.now;
    const kappa = f.kappaPerS;
    const decay = Math.exp(-kappa * dt);
    const priorMean = f.meanTicks + (this.#mean - f.meanTicks) * decay;
    const diffusion = kappa > 0
      ? (f.sigmaTicksPerSqrtS ** 2 * (1 - decay * decay)) / (2 * kappa)
      : f.sigmaTicksPerSqrtS ** 2 * dt;
    const priorVar = this.#var * decay * decay + diffusion +
      f.shockRatePerS * dt * f.shockSdTicks ** 2;
    const noiseVar = this.params.obsNoiseSdTicks ** 2;
    this.#mean = (noiseVar * priorMean + priorVar * obs) / (noiseVar + priorVar);
    this.#var = (noiseVar * priorVar) / (noiseVar + priorVar);
    const toClose = (k.endNs - k.now) / 1e9;
    return f.meanTicks + (this.#mean - f.meanTicks) * Math.exp(-kappa * toClose);
  }

  override onMarketData(k: Kernel, bid: number, _bq: number, ask: number): void {
    const rT = this.#estimateAtClose(k);
    const size = this.drawSize(this.params.minSize, this.params.maxSize);
    if (Number.isNaN(bid) || Number.isNaN(ask)) {
      // One side empty: quote at the belief.
      const buy = this.rng.nextFloat() < 0.5;
      this.placeLimit(k, buy ? 1 : -1, Math.round(rT), size);
      return;
    }
    const spread = Math.max(1, ask - bid);
    const adjust = this.rng.nextFloat() < this.params.percentAggressive
      ? 0
      : this.rng.nextInt(Math.max(1, Math.floor(this.params.depthSpread * spread)));
    const mid = (bid + ask) / 2;
    // Aggressive: at the opposite touch (trades at once). Patient: at or behind the own touch.
    const aggressive = adjust === 0;
    if (rT < mid) this.placeLimit(k, -1, aggressive ? bid : ask + adjust - 1, size);
    else this.placeLimit(k, 1, aggressive ? ask : bid - adjust + 1, size);
  }
}
