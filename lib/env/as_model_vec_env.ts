/**
 * A fast path of {@linkcode VecEnv} for the Avellaneda-Stoikov model market
 * with one learning market maker per environment: the same episode, action
 * map, risk cut, accounting, rewards and observations as K {@linkcode
 * MarketEnv}s over {@linkcode AsModelMarketBackend}s, written as flat loops
 * over typed arrays so that one step of K environments allocates nothing.
 * The K environments are the K trajectories of one {@linkcode AsModelMarket}
 * (structure of arrays), each with its own seed and its own step count; one
 * loop over the environments decodes each action, moves that trajectory one
 * model step, and books its fills, reward and observation.
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
import { clipUnit, MakerActionMap } from "./action_mapping.ts";
import { AGENT_STATE_NAMES } from "./observation.ts";
import type { VecStep } from "./vec_env.ts";
import type { AgentView } from "./policy.ts";
import { snapToTick } from "./market_env.ts";

/** Clips an observation value to [−10, 10]; NaN → 0 (lib/env/observation.ts). */
function clip(x: number): number {
  return x === x ? (x > 10 ? 10 : x < -10 ? -10 : x) : 0;
}

/** Per-environment arrays a batched policy reads (see {@linkcode AsModelVecEnv.arrays}). */
export interface AsModelVecArrays {
  /** The mid each environment's agent sees, ticks. */
  readonly viewMidTicks: Float64Array;
  /** The agent's inventory, lots. */
  readonly inventory: Float64Array;
  /** Steps taken in the environment's current episode. */
  readonly step: Int32Array;
}

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
  /** One model market, trajectory k = environment k. */
  readonly #market: AsModelMarket;
  readonly #seeds: Float64Array;
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
  readonly #arrays: AsModelVecArrays;
  readonly #out: VecStep;
  readonly #maxOff: number;
  // The action map's bounds (lib/env/action_mapping.ts, MakerActionMap.decode).
  readonly #offsetsMode: boolean;
  readonly #minOffset: number;
  readonly #spanOffset: number;
  readonly #maxOffset: number;
  readonly #maxSize: number;
  // Config scalars read on every step.
  readonly #maxInventory: number;
  readonly #maxNotional: number;
  readonly #lossLimit: number;
  readonly #liquidationBps: number;
  readonly #makerBps: number;
  readonly #quadratic: boolean;
  readonly #invPenalty: number;
  readonly #riskPenalty: number;
  readonly #rewardScale: number;
  readonly #teamWeight: number;

  constructor(cfg: EnvironmentSection, K: number) {
    if (
      cfg.market !== "as_model" || cfg.agents.market_makers !== 1 || cfg.agents.market_takers !== 0
    ) {
      throw new RangeError(
        `AsModelVecEnv: expected market as_model with 1 market maker and 0 takers, found ${cfg.market} with ${cfg.agents.market_makers} and ${cfg.agents.market_takers}`,
      );
    }
    if (!Number.isSafeInteger(K) || K < 1) {
      throw new RangeError(`AsModelVecEnv: expected K to be an integer ≥ 1, found ${K}`);
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
    const mp = this.makerMap.params;
    this.#offsetsMode = mp.mode === "offsets";
    this.#minOffset = mp.minOffsetTicks;
    this.#spanOffset = mp.maxOffsetTicks - mp.minOffsetTicks;
    this.#maxOffset = mp.maxOffsetTicks;
    this.#maxSize = mp.maxQuoteSize;
    this.#maxOff = Math.max(1, mp.maxOffsetTicks);
    this.#maxInventory = cfg.risk.max_inventory;
    this.#maxNotional = cfg.risk.max_notional;
    this.#lossLimit = cfg.risk.loss_limit;
    this.#liquidationBps = cfg.risk.liquidation_cost_bps;
    this.#makerBps = cfg.fees.maker_bps;
    this.#quadratic = cfg.rewards.inventory_penalty_kind === "quadratic";
    this.#invPenalty = cfg.rewards.inventory_penalty;
    this.#riskPenalty = cfg.rewards.risk_penalty;
    this.#rewardScale = cfg.rewards.scale;
    this.#teamWeight = cfg.rewards.team_weight;
    this.#market = new AsModelMarket(params, K, 0);
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
    this.#arrays = Object.freeze({
      viewMidTicks: this.#viewMid,
      inventory: this.#inv,
      step: this.#step,
    });
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
   * the mid each agent sees (ticks), its inventory, and the step index. The
   * same object every time.
   */
  get arrays(): AsModelVecArrays {
    return this.#arrays;
  }

  /** Dollars (price units) per tick. */
  get tickSize(): number {
    return this.#tick;
  }

  /**
   * The model market behind every environment (trajectory k is environment
   * k; for baselines that read its parameters). Read it, never step it.
   */
  get model(): AsModelMarket {
    return this.#market;
  }

  /** Resets every environment; environment k gets seed `seed + k`. */
  reset(seed: number): Float32Array {
    for (let k = 0; k < this.K; k++) {
      this.#seeds[k] = seed + k;
      this.#resetEnv(k);
    }
    return this.#out.observations;
  }

  /** Environment k from its seed: the market's trajectory k replays a one-trajectory market reset with it. */
  #resetEnv(k: number): void {
    const m = this.#market;
    m.resetTrajectory(k, this.#seeds[k]);
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
    this.#viewMid[k] = snapToTick(m.mid[k] * (1 / this.#tick));
    this.#lastMid[k] = m.mid[k] / this.#tick;
    this.#writeObs(k, this.#out.observations);
  }

  /** One step of every environment with actions `[K, 4]`. */
  step(actions: Float32Array): VecStep {
    const K = this.K;
    if (actions.length < K * 4) {
      throw new RangeError(
        `AsModelVecEnv.step: expected ${K * 4} action values ([K, 4]), found ${actions.length}`,
      );
    }
    const out = this.#out;
    const tick = this.#tick;
    const perTick = 1 / tick;
    const m = this.#market;
    const modelMid = m.mid;
    const viewMid = this.#viewMid;
    const invArr = this.#inv;
    const bidPx = this.#bidPx, bidQty = this.#bidQty, askPx = this.#askPx, askQty = this.#askQty;
    const cash = this.#cash, feesArr = this.#fees, pnlPrev = this.#pnlPrev, peak = this.#peak;
    const stepArr = this.#step, steps = this.steps;
    // The action map (MakerActionMap.decode, operation for operation).
    const offsetsMode = this.#offsetsMode;
    const min = this.#minOffset, span = this.#spanOffset, maxOffset = this.#maxOffset;
    const maxSize = this.#maxSize;
    // The risk cut (MarketEnv's requote), fees, rewards.
    const maxInv = this.#maxInventory, maxNotional = this.#maxNotional;
    const makerBps = this.#makerBps;
    const lossLimit = this.#lossLimit;
    const quadratic = this.#quadratic, invPenalty = this.#invPenalty;
    const riskPenalty = this.#riskPenalty, scale = this.#rewardScale, team = this.#teamWeight;
    const rewards = out.rewards, terminations = out.terminations, truncations = out.truncations;
    const ended = out.episodeEnded;
    for (let k = 0; k < K; k++) {
      // 1. Quotes from the action, around the mid the agent sees.
      const j = k * 4;
      const a0 = clipUnit(actions[j]), a1 = clipUnit(actions[j + 1]);
      let bidOffTicks: number, askOffTicks: number;
      if (offsetsMode) {
        bidOffTicks = Math.round(min + ((a0 + 1) / 2) * span);
        askOffTicks = Math.round(min + ((a1 + 1) / 2) * span);
      } else {
        const skew = a0 * maxOffset;
        const half = min + ((a1 + 1) / 2) * span;
        bidOffTicks = Math.round(half - skew);
        askOffTicks = Math.round(half + skew);
      }
      const bidSize = Math.round(((clipUnit(actions[j + 2]) + 1) / 2) * maxSize);
      const askSize = Math.round(((clipUnit(actions[j + 3]) + 1) / 2) * maxSize);
      const mid = viewMid[k];
      const inv = invArr[k];
      const s0 = modelMid[k];
      // Bid: cut to the inventory and notional limits; withdrawn when nothing is left.
      // Its distance from the model mid is what faces the fill draw (NaN = no quote).
      let price = Math.round(mid - bidOffTicks);
      let px = price * tick;
      let byNotional = px > 0 ? Math.max(0, Math.floor(maxNotional / px) - inv) : bidSize;
      let want = Math.min(bidSize, Math.max(0, maxInv - inv), byNotional);
      let bidOff = NaN;
      if (want <= 0 || price <= 0) {
        bidPx[k] = NaN;
        bidQty[k] = 0;
      } else {
        bidPx[k] = price;
        bidQty[k] = want;
        bidOff = s0 - price * tick;
      }
      // Ask.
      price = Math.round(mid + askOffTicks);
      px = price * tick;
      byNotional = px > 0 ? Math.max(0, Math.floor(maxNotional / px) + inv) : askSize;
      want = Math.min(askSize, Math.max(0, maxInv + inv), byNotional);
      let askOff = NaN;
      if (want <= 0 || price <= 0) {
        askPx[k] = NaN;
        askQty[k] = 0;
      } else {
        askPx[k] = price;
        askQty[k] = want;
        askOff = price * tick - s0;
      }
      // 2. One model step of trajectory k: the quotes face the fill draws at the current mid.
      const fills = m.advanceTrajectory(k, bidOff, askOff);
      const last = ++stepArr[k] >= steps;
      const s = modelMid[k];
      viewMid[k] = snapToTick(s * perTick);
      const markMid = s / tick;
      this.#lastMid[k] = markMid;
      // 3. Fills (one unit each; a withdrawn side never fills) and accounting.
      const feesBefore = feesArr[k];
      let filled = 0;
      if (fills !== 0) {
        if ((fills & 1) !== 0) {
          this.#book(k, 1, bidPx[k], makerBps);
          filled += 1;
          if (--bidQty[k] <= 0) bidPx[k] = NaN;
        }
        if ((fills & 2) !== 0) {
          this.#book(k, -1, askPx[k], makerBps);
          filled -= 1;
          if (--askQty[k] <= 0) askPx[k] = NaN;
        }
      }
      this.#filled[k] = filled;
      const fees = feesArr[k] - feesBefore;
      let pnl = cash[k] + invArr[k] * markMid * tick;
      let liquidation = 0;
      const terminated = pnl < -lossLimit;
      if (terminated || last) {
        bidPx[k] = NaN;
        askPx[k] = NaN;
        liquidation = this.#liquidate(k, markMid, this.#liquidationBps);
        pnl = cash[k] + invArr[k] * markMid * tick;
      }
      // 4. Reward terms (as MarketEnv), observation, auto-reset.
      const pnlChange = pnl - pnlPrev[k] + fees + liquidation;
      peak[k] = Math.max(peak[k], pnl);
      const qi = invArr[k];
      const invPen = quadratic ? invPenalty * qi * qi : invPenalty * Math.abs(qi);
      const riskPen = riskPenalty * (peak[k] - pnl);
      const own = (pnlChange - fees - liquidation - invPen - riskPen) / scale;
      pnlPrev[k] = pnl;
      rewards[k] = (1 - team) * own + team * own;
      terminations[k] = terminated && !last ? 1 : 0;
      truncations[k] = last ? 1 : 0;
      this.#writeObs(k, out.observations);
      if (terminated || last) {
        ended[k] = 1;
        const obs = out.observations, fin = out.finalObservations;
        for (let o = k * this.obsSize, e = o + this.obsSize; o < e; o++) fin[o] = obs[o];
        this.#seeds[k] += K;
        this.#resetEnv(k);
      } else {
        ended[k] = 0;
      }
    }
    return out;
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
    const o = k * this.obsSize;
    const maxInv = this.#maxInventory;
    const mid = Number.isNaN(this.#lastMid[k]) ? 0 : this.#lastMid[k];
    const tick = this.#tick;
    const notionalScale = Math.max(1e-9, maxInv * mid * tick);
    const inv = this.#inv[k];
    const cash = this.#cash[k];
    const pnl = cash + inv * mid * tick;
    const bidPx = this.#bidPx[k], askPx = this.#askPx[k];
    into[o] = clip(inv / maxInv);
    into[o + 1] = clip(cash / notionalScale);
    into[o + 2] = clip((inv * mid * tick - this.#basis[k]) / notionalScale);
    into[o + 3] = clip(Math.max(0, (this.steps - this.#step[k]) / this.steps));
    into[o + 4] = Number.isNaN(bidPx) ? 0 : clip((mid - bidPx) / this.#maxOff);
    into[o + 5] = Number.isNaN(askPx) ? 0 : clip((askPx - mid) / this.#maxOff);
    into[o + 6] = 0;
    into[o + 7] = 0;
    into[o + 8] = clip(this.#filled[k] / this.#maxSize);
    into[o + 9] = clip(Math.max(Math.abs(inv) / maxInv, Math.max(0, -pnl) / this.#lossLimit));
  }
}
