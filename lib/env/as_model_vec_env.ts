/**
 * A fast path of {@linkcode VecEnv} for the Avellaneda-Stoikov model market
 * with one learning market maker per environment: the same episode, action
 * map, risk cut, accounting, rewards and observations as K {@linkcode
 * MarketEnv}s over {@linkcode AsModelMarketBackend}s, written as flat loops
 * over typed arrays so that one step of K environments allocates nothing.
 * The conformance tests hold it equal, value for value, to the general
 * vectorised environment with the same seeds.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { AsModelVecEnv } from "./as_model_vec_env.ts";
 * const cfg = EnvironmentSectionSchema.parse({ market: "as_model", agents: { market_takers: 0 } });
 * const vec = new AsModelVecEnv(cfg, 8);
 * const obs = vec.reset(1);
 * assert.equal(obs.length, 8 * 10);
 * const r = vec.step(new Float32Array(8 * 4));
 * assert.equal(r.rewards.length, 8);
 * ```
 * @module
 */

import type { EnvironmentSection } from "../config/schemas/environment.ts";
import { AsModelMarket, asModelParamsFromConfig, asModelSteps } from "../sim/as_model/mod.ts";
import { MakerActionMap, type MakerQuote } from "./action_mapping.ts";
import { AGENT_STATE_NAMES } from "./observation.ts";
import type { VecStep } from "./vec_env.ts";
import type { AgentView } from "./policy.ts";
import { snapToTick } from "./market_env.ts";

/** K environments of one AS-model market maker each, stepped together. */
export class AsModelVecEnv {
  readonly K: number;
  readonly A = 1;
  readonly agents: readonly string[] = ["mm_0"];
  readonly obsSize = AGENT_STATE_NAMES.length;
  readonly actSize = 4;
  readonly steps: number;
  /** Decision interval (ns): one model step. */
  readonly decisionNs: number;
  readonly makerMap: MakerActionMap;
  readonly #cfg: EnvironmentSection;
  readonly #tick: number;
  readonly #markets: AsModelMarket[];
  readonly #seeds: Float64Array;
  readonly #quote: MakerQuote = { bidOffsetTicks: 0, askOffsetTicks: 0, bidSize: 0, askSize: 0 };
  // Per environment: live quotes (price in ticks, remaining size; NaN price = none).
  readonly #bidPx: Float64Array;
  readonly #bidQty: Float64Array;
  readonly #askPx: Float64Array;
  readonly #askQty: Float64Array;
  // Accounting (dollars = price units), as lib/env/account.ts.
  readonly #inv: Float64Array;
  readonly #cash: Float64Array;
  readonly #fees: Float64Array;
  readonly #basis: Float64Array;
  readonly #pnlPrev: Float64Array;
  readonly #peak: Float64Array;
  readonly #filled: Float64Array;
  readonly #viewMid: Float64Array;
  readonly #lastMid: Float64Array;
  readonly #step: Int32Array;
  readonly #act = new Float32Array(4);
  readonly #bidOff = new Float64Array(1);
  readonly #askOff = new Float64Array(1);
  readonly #out: VecStep;
  readonly #maxOff: number;
  // Config scalars read on every step.
  readonly #maxInventory: number;
  readonly #maxNotional: number;

  constructor(cfg: EnvironmentSection, K: number) {
    if (
      cfg.market !== "as_model" || cfg.agents.market_makers !== 1 || cfg.agents.market_takers !== 0
    ) {
      throw new RangeError(
        `AsModelVecEnv: expected market as_model with 1 market maker and 0 takers, found ${cfg.market} with ${cfg.agents.market_makers} and ${cfg.agents.market_takers}`,
      );
    }
    this.#cfg = cfg;
    this.K = K;
    const a = cfg.as_model;
    const params = asModelParamsFromConfig(a.model);
    this.steps = asModelSteps(params);
    this.decisionNs = cfg.decision_ms * 1e6;
    this.#tick = a.tick;
    this.makerMap = new MakerActionMap({
      mode: cfg.agents.maker_action,
      minOffsetTicks: Math.round(a.min_offset / a.tick),
      maxOffsetTicks: Math.round(a.max_offset / a.tick),
      maxQuoteSize: cfg.agents.max_quote_size,
    });
    this.#maxOff = Math.max(1, this.makerMap.params.maxOffsetTicks);
    this.#maxInventory = cfg.risk.max_inventory;
    this.#maxNotional = cfg.risk.max_notional;
    this.#markets = Array.from({ length: K }, () => new AsModelMarket(params, 1, 0));
    const f = () => new Float64Array(K);
    this.#seeds = f();
    this.#bidPx = f();
    this.#bidQty = f();
    this.#askPx = f();
    this.#askQty = f();
    this.#inv = f();
    this.#cash = f();
    this.#fees = f();
    this.#basis = f();
    this.#pnlPrev = f();
    this.#peak = f();
    this.#filled = f();
    this.#viewMid = f();
    this.#lastMid = f();
    this.#step = new Int32Array(K);
    this.#out = {
      observations: new Float32Array(K * this.obsSize),
      rewards: new Float32Array(K),
      terminations: new Uint8Array(K),
      truncations: new Uint8Array(K),
      episodeEnded: new Uint8Array(K),
      finalObservations: new Float32Array(K * this.obsSize),
    };
  }

  /** What a baseline policy may know about environment k's market maker now (as MarketEnv.view). */
  view(k: number, out?: AgentView): AgentView {
    const v = out ?? ({} as AgentView);
    const stepNs = this.#cfg.decision_ms * 1e6;
    v.agent = "mm_0";
    v.role = "market_maker";
    v.nowNs = this.#step[k] * stepNs;
    v.episodeStartNs = 0;
    v.episodeEndNs = this.steps * stepNs;
    v.timeLeft = Math.max(
      0,
      (this.steps * stepNs - this.#step[k] * stepNs) / (this.steps * stepNs),
    );
    v.bidTicks = this.#viewMid[k];
    v.askTicks = this.#viewMid[k];
    v.midTicks = this.#viewMid[k];
    v.tickSize = this.#tick;
    v.inventory = this.#inv[k];
    v.cash = this.#cash[k];
    v.marketVolume = 0;
    v.cumulativeMarketVolume = 0;
    v.decisionNs = stepNs;
    v.maxInventory = this.#cfg.risk.max_inventory;
    return v;
  }

  /**
   * Live per-environment arrays for batched policies (read them, never write):
   * the mid each agent sees (ticks), its inventory, and the step index.
   */
  get arrays(): {
    readonly viewMidTicks: Float64Array;
    readonly inventory: Float64Array;
    readonly step: Int32Array;
  } {
    return { viewMidTicks: this.#viewMid, inventory: this.#inv, step: this.#step };
  }

  /** Dollars (price units) per tick. */
  get tickSize(): number {
    return this.#tick;
  }

  /** The model market of environment k (for baselines that read its parameters). */
  market(k: number): AsModelMarket {
    return this.#markets[k];
  }

  /** Resets every environment; environment k gets seed `seed + k`. */
  reset(seed: number): Float32Array {
    for (let k = 0; k < this.K; k++) {
      this.#seeds[k] = seed + k;
      this.#resetEnv(k);
    }
    return this.#out.observations;
  }

  #resetEnv(k: number): void {
    const m = this.#markets[k];
    m.reset(this.#seeds[k]);
    this.#bidPx[k] = NaN;
    this.#askPx[k] = NaN;
    this.#bidQty[k] = 0;
    this.#askQty[k] = 0;
    this.#inv[k] = 0;
    this.#cash[k] = 0;
    this.#fees[k] = 0;
    this.#basis[k] = 0;
    this.#pnlPrev[k] = 0;
    this.#peak[k] = 0;
    this.#filled[k] = 0;
    this.#step[k] = 0;
    this.#viewMid[k] = snapToTick(m.mid[0] * (1 / this.#tick));
    this.#lastMid[k] = m.mid[0] / this.#tick;
    this.#writeObs(k, this.#out.observations);
  }

  /** One step of every environment with actions `[K, 4]`. */
  step(actions: Float32Array): VecStep {
    const out = this.#out;
    const cfg = this.#cfg;
    const risk = cfg.risk;
    const r = cfg.rewards;
    const tick = this.#tick;
    const makerBps = cfg.fees.maker_bps;
    out.episodeEnded.fill(0);
    for (let k = 0; k < this.K; k++) {
      const m = this.#markets[k];
      // 1. Quotes from the action, around the mid the agent sees.
      const mid = this.#viewMid[k];
      const a = this.#act;
      a[0] = actions[k * 4];
      a[1] = actions[k * 4 + 1];
      a[2] = actions[k * 4 + 2];
      a[3] = actions[k * 4 + 3];
      const q = this.makerMap.decode(a, this.#quote);
      const inv = this.#inv[k];
      this.#requote(k, 1, Math.round(mid - q.bidOffsetTicks), q.bidSize, inv);
      this.#requote(k, -1, Math.round(mid + q.askOffsetTicks), q.askSize, inv);
      // 2. One model step: the quotes face the fill draws at the current mid.
      const s = m.mid[0];
      this.#bidOff[0] = Number.isNaN(this.#bidPx[k]) ? NaN : s - this.#bidPx[k] * tick;
      this.#askOff[0] = Number.isNaN(this.#askPx[k]) ? NaN : this.#askPx[k] * tick - s;
      m.step(this.#bidOff, this.#askOff);
      this.#step[k]++;
      const last = this.#step[k] >= this.steps;
      this.#viewMid[k] = snapToTick(m.mid[0] * (1 / tick));
      const markMid = m.mid[0] / tick;
      this.#lastMid[k] = markMid;
      // 3. Fills (one unit each) and accounting.
      const feesBefore = this.#fees[k];
      let filled = 0;
      if (m.bidFilled[0] === 1 && !Number.isNaN(this.#bidPx[k])) {
        this.#book(k, 1, this.#bidPx[k], makerBps);
        filled += 1;
        if (--this.#bidQty[k] <= 0) this.#bidPx[k] = NaN;
      }
      if (m.askFilled[0] === 1 && !Number.isNaN(this.#askPx[k])) {
        this.#book(k, -1, this.#askPx[k], makerBps);
        filled -= 1;
        if (--this.#askQty[k] <= 0) this.#askPx[k] = NaN;
      }
      this.#filled[k] = filled;
      const fees = this.#fees[k] - feesBefore;
      let pnl = this.#cash[k] + this.#inv[k] * markMid * tick;
      let liquidation = 0;
      const terminated = pnl < -risk.loss_limit;
      if (terminated || last) {
        this.#bidPx[k] = NaN;
        this.#askPx[k] = NaN;
        liquidation = this.#liquidate(k, markMid, risk.liquidation_cost_bps);
        pnl = this.#cash[k] + this.#inv[k] * markMid * tick;
      }
      const pnlChange = pnl - this.#pnlPrev[k] + fees + liquidation;
      this.#peak[k] = Math.max(this.#peak[k], pnl);
      const qi = this.#inv[k];
      const invPen = r.inventory_penalty_kind === "quadratic"
        ? r.inventory_penalty * qi * qi
        : r.inventory_penalty * Math.abs(qi);
      const riskPen = r.risk_penalty * (this.#peak[k] - pnl);
      const own = (pnlChange - fees - liquidation - invPen - riskPen) / r.scale;
      this.#pnlPrev[k] = pnl;
      out.rewards[k] = (1 - r.team_weight) * own + r.team_weight * own;
      out.terminations[k] = terminated && !last ? 1 : 0;
      out.truncations[k] = last ? 1 : 0;
      this.#writeObs(k, out.observations);
      if (terminated || last) {
        out.episodeEnded[k] = 1;
        out.finalObservations.set(
          out.observations.subarray(k * this.obsSize, (k + 1) * this.obsSize),
          k * this.obsSize,
        );
        this.#seeds[k] += this.K;
        this.#resetEnv(k);
      }
    }
    return out;
  }

  /** Keeps, replaces or withdraws one side's quote (as MarketEnv's requote, with its risk cut). */
  #requote(k: number, side: number, price: number, size: number, inv: number): void {
    const byInv = Math.max(0, this.#maxInventory - side * inv);
    const px = price * this.#tick;
    const byNotional = px > 0 ? Math.max(0, Math.floor(this.#maxNotional / px) - side * inv) : size;
    const want = Math.min(size, byInv, byNotional);
    const pxArr = side === 1 ? this.#bidPx : this.#askPx;
    const qtyArr = side === 1 ? this.#bidQty : this.#askQty;
    if (!Number.isNaN(pxArr[k]) && pxArr[k] === price && qtyArr[k] === want) return;
    if (want <= 0 || price <= 0) {
      pxArr[k] = NaN;
      qtyArr[k] = 0;
      return;
    }
    pxArr[k] = price;
    qtyArr[k] = want;
  }

  /** Books a maker fill of one unit (lib/env/account.ts `fill`). */
  #book(k: number, side: number, priceTicks: number, makerBps: number): void {
    const notional = priceTicks * this.#tick;
    const fee = (notional * makerBps) / 1e4;
    this.#cash[k] -= side * notional + fee;
    this.#fees[k] += fee;
    const before = this.#inv[k];
    const after = before + side;
    if (before === 0 || Math.sign(before) === side) this.#basis[k] += side * notional;
    else if (1 <= Math.abs(before)) this.#basis[k] *= after / before;
    else this.#basis[k] = after * priceTicks * this.#tick;
    this.#inv[k] = after;
  }

  /** lib/env/account.ts `liquidate`. */
  #liquidate(k: number, midTicks: number, costBps: number): number {
    const inv = this.#inv[k];
    if (inv === 0) return 0;
    const mid = midTicks * this.#tick;
    const price = mid * (1 - Math.sign(inv) * costBps / 1e4);
    const cost = Math.abs(inv) * mid * costBps / 1e4;
    this.#cash[k] += inv * price;
    this.#inv[k] = 0;
    this.#basis[k] = 0;
    return cost;
  }

  /** The 10 agent-state values (lib/env/observation.ts), as MarketEnv computes them. */
  #writeObs(k: number, into: Float32Array): void {
    const clip = (x: number) => (x === x ? (x > 10 ? 10 : x < -10 ? -10 : x) : 0);
    const o = k * this.obsSize;
    const cfg = this.#cfg;
    const maxInv = cfg.risk.max_inventory;
    const mid = Number.isNaN(this.#lastMid[k]) ? 0 : this.#lastMid[k];
    const tick = this.#tick;
    const notionalScale = Math.max(1e-9, maxInv * mid * tick);
    const inv = this.#inv[k];
    const cash = this.#cash[k];
    const pnl = cash + inv * mid * tick;
    into[o] = clip(inv / maxInv);
    into[o + 1] = clip(cash / notionalScale);
    into[o + 2] = clip((inv * mid * tick - this.#basis[k]) / notionalScale);
    into[o + 3] = clip(Math.max(0, (this.steps - this.#step[k]) / this.steps));
    into[o + 4] = Number.isNaN(this.#bidPx[k]) ? 0 : clip((mid - this.#bidPx[k]) / this.#maxOff);
    into[o + 5] = Number.isNaN(this.#askPx[k]) ? 0 : clip((this.#askPx[k] - mid) / this.#maxOff);
    into[o + 6] = 0;
    into[o + 7] = 0;
    into[o + 8] = clip(this.#filled[k] / cfg.agents.max_quote_size);
    into[o + 9] = clip(Math.max(Math.abs(inv) / maxInv, Math.max(0, -pnl) / cfg.risk.loss_limit));
  }
}
