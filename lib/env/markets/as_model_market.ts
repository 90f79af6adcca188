/**
 * The Avellaneda-Stoikov (2008) model market behind the environment, for
 * validating market makers against known results: the mid moves ±σ√dt each
 * step; a resting bid (ask) at distance δ from the mid fills one unit within a
 * step with probability min(1, A·e^{−kδ}·dt). One environment step is one dt.
 * There is no book: quotes do not interact, latency does not apply (a quote
 * sent during a step is live for that step), and market orders fill at the
 * mid. Prices in ticks of `tick` price units; the mid is generally between
 * ticks, so fill prices may be fractional ticks.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AsModelMarketBackend } from "./as_model_market.ts";
 * import { asModelParams } from "../../sim/as_model/mod.ts";
 * const m = new AsModelMarketBackend(asModelParams(), 0.01, 100_000_000);
 * m.reset({ seed: 1, date: "2024-01-02", startNs: 0, endNs: 200 * 100_000_000 }, 1);
 * assert.equal(m.midTicks(), 10_000);
 * m.submitLimit(0, 1, 9_900, 1, 0);   // a bid 1.00 below the mid
 * m.advanceTo(100_000_000);
 * assert.equal(m.nowNs, 100_000_000);
 * ```
 * @module
 */

import { AsModelMarket, type AsModelParams } from "../../sim/as_model/mod.ts";
import type { Side } from "../../sim/engine/types.ts";
import type { AgentFill, AgentOrderState, EpisodeSpec, Market, MutableGridRow } from "../market.ts";

interface Quote extends AgentOrderState {
  id: number;
  agent: number;
}

/** The model market as an environment backend (one trajectory per episode). */
export class AsModelMarketBackend implements Market {
  readonly name = "as-model";
  /** Price units ("dollars") per tick. */
  readonly tickSize: number;
  readonly params: AsModelParams;
  readonly stepNs: number;
  #model: AsModelMarket;
  #now = 0;
  #end = 0;
  #nextId = 1;
  #live: Map<number, Quote>[] = [];
  #fills: AgentFill[][] = [];
  #pendingMarket: { agent: number; side: Side; qty: number; id: number }[] = [];
  readonly #bid = new Float64Array(1);
  readonly #ask = new Float64Array(1);
  #lastRowMid = NaN;

  /** @param stepNs the environment's decision interval: one model step */
  constructor(params: AsModelParams, tick: number, stepNs: number) {
    this.params = params;
    this.tickSize = tick;
    this.stepNs = stepNs;
    this.#model = new AsModelMarket(params, 1, 0);
  }

  get nowNs(): number {
    return this.#now;
  }

  get exhausted(): boolean {
    return this.#model.done;
  }

  /** The underlying model (its own cash and inventory count the market maker's quotes). */
  get model(): AsModelMarket {
    return this.#model;
  }

  reset(episode: EpisodeSpec, agents: number): void {
    this.#model.reset(episode.seed);
    this.#now = episode.startNs;
    this.#end = episode.endNs;
    this.#live = Array.from({ length: agents }, () => new Map());
    this.#fills = Array.from({ length: agents }, () => []);
    this.#pendingMarket = [];
    this.#lastRowMid = NaN;
  }

  submitLimit(
    agent: number,
    side: Side,
    priceTicks: number,
    qty: number,
    _arriveNs: number,
  ): number {
    const id = this.#nextId++;
    this.#live[agent].set(id, { id, agent, side, priceTicks, qty, queueAhead: 0 });
    return id;
  }

  submitMarket(agent: number, side: Side, qty: number, _arriveNs: number): number {
    const id = this.#nextId++;
    this.#pendingMarket.push({ agent, side, qty, id });
    return id;
  }

  cancel(agent: number, orderId: number, _arriveNs: number): void {
    this.#live[agent].delete(orderId);
  }

  advanceTo(tNs: number): void {
    while (this.#now + this.stepNs <= tNs && !this.#model.done) this.#step();
    if (tNs > this.#now) this.#now = Math.min(tNs, Math.max(this.#now, this.#end));
  }

  /** One model step: market orders at the mid, then the best bid and best ask quote face the fill draws. */
  #step(): void {
    const m = this.#model;
    const s = m.mid[0];
    const tick = this.tickSize;
    const t = this.#now + this.stepNs;
    for (const o of this.#pendingMarket) {
      this.#fills[o.agent].push({
        orderId: o.id,
        side: o.side,
        priceTicks: s / tick,
        qty: o.qty,
        tsNs: t,
        maker: false,
      });
    }
    this.#pendingMarket.length = 0;
    // The model has one bid and one ask per trajectory: the closest quote on each side faces the draw.
    let bestBid: Quote | undefined, bestAsk: Quote | undefined;
    for (const book of this.#live) {
      for (const q of book.values()) {
        if (q.side === 1 && (bestBid === undefined || q.priceTicks > bestBid.priceTicks)) {
          bestBid = q;
        }
        if (q.side === -1 && (bestAsk === undefined || q.priceTicks < bestAsk.priceTicks)) {
          bestAsk = q;
        }
      }
    }
    this.#bid[0] = bestBid === undefined ? NaN : s - bestBid.priceTicks * tick;
    this.#ask[0] = bestAsk === undefined ? NaN : bestAsk.priceTicks * tick - s;
    m.step(this.#bid, this.#ask);
    if (m.bidFilled[0] === 1 && bestBid !== undefined) this.#fill(bestBid, t);
    if (m.askFilled[0] === 1 && bestAsk !== undefined) this.#fill(bestAsk, t);
    this.#now = t;
  }

  #fill(q: Quote, t: number): void {
    this.#fills[q.agent].push({
      orderId: q.id,
      side: q.side,
      priceTicks: q.priceTicks,
      qty: 1,
      tsNs: t,
      maker: true,
    });
    q.qty -= 1;
    if (q.qty <= 0) this.#live[q.agent].delete(q.id);
  }

  drainFills(agent: number, out: AgentFill[]): void {
    const f = this.#fills[agent];
    for (const x of f) out.push(x);
    f.length = 0;
  }

  liveOrders(agent: number): ReadonlyMap<number, AgentOrderState> {
    return this.#live[agent];
  }

  gridRow(asOfNs: number, out: MutableGridRow): void {
    const mid = this.#model.mid[0];
    out.date = "";
    out.timeNs = asOfNs;
    out.tickSize = this.tickSize;
    out.bestBid = mid;
    out.bestAsk = mid;
    out.bidQty.fill(NaN);
    out.askQty.fill(NaN);
    out.tradeCount = 0;
    out.cancelCount = 0;
    out.midHigh = Math.max(mid, Number.isNaN(this.#lastRowMid) ? mid : this.#lastRowMid);
    out.midLow = Math.min(mid, Number.isNaN(this.#lastRowMid) ? mid : this.#lastRowMid);
    out.ofiEvents = 0;
    this.#lastRowMid = mid;
  }

  midTicks(): number {
    return this.#model.mid[0] / this.tickSize;
  }

  bestBidTicks(): number {
    return this.midTicks();
  }

  bestAskTicks(): number {
    return this.midTicks();
  }
}
