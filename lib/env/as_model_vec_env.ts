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

/**
 * Math.round(x), value for value (−0 included), without its data-dependent
 * branch: floor(x + 0.5) is Math.round(x) wherever x + 0.5 is exact and the
 * result is not zero, which the guard checks (0.5 − 2⁻⁵⁴, exact halves,
 * |x| ≥ 2⁵², zeros and NaN go to Math.round; none of them on the hot path).
 */
function roundHalfUp(x: number): number {
  const r = Math.floor(x + 0.5);
  return r !== 0 && x - r > -0.5 && r < 4503599627370496 && r > -4503599627370496
    ? r
    : Math.round(x);
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
  /** Scratch: this step's quote distances from the model mids (NaN = none), price units. */
  readonly #bidOff: Float64Array;
  readonly #askOff: Float64Array;
  /** Observation 3 (time left) after step n, for n = 0 … steps: clipped and rounded once. */
  readonly #obsTime: Float32Array;
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
    this.#bidOff = f();
    this.#askOff = f();
    this.#obsTime = new Float32Array(this.steps + 1);
    for (let n = 0; n <= this.steps; n++) {
      this.#obsTime[n] = clip(Math.max(0, (this.steps - n) / this.steps));
    }
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
    // Every field the loops read is hoisted into a local once per call; the
    // fill booking (lib/env/account.ts), the liquidation and the observation
    // (#writeObs) are written out in the loop with the same operations in the
    // same order (value for value).
    const out = this.#out;
    const tick = this.#tick;
    const perTick = 1 / tick;
    const m = this.#market;
    const modelMid = m.mid;
    const viewMid = this.#viewMid;
    const lastMid = this.#lastMid;
    const invArr = this.#inv;
    const bidPx = this.#bidPx, bidQty = this.#bidQty, askPx = this.#askPx, askQty = this.#askQty;
    const cashArr = this.#cash, feesArr = this.#fees, basisArr = this.#basis;
    const pnlPrev = this.#pnlPrev, peak = this.#peak, filledArr = this.#filled;
    const stepArr = this.#step, steps = this.steps;
    const obsTime = this.#obsTime;
    const obsSize = this.obsSize;
    const maxOff = this.#maxOff;
    // The action map (MakerActionMap.decode, operation for operation).
    const offsetsMode = this.#offsetsMode;
    const min = this.#minOffset, span = this.#spanOffset, maxOffset = this.#maxOffset;
    const maxSize = this.#maxSize;
    // The risk cut (MarketEnv's requote), fees, rewards.
    const maxInv = this.#maxInventory, maxNotional = this.#maxNotional;
    const makerBps = this.#makerBps;
    const lossLimit = this.#lossLimit;
    const liquidationBps = this.#liquidationBps;
    const quadratic = this.#quadratic, invPenalty = this.#invPenalty;
    const riskPenalty = this.#riskPenalty, scale = this.#rewardScale, team = this.#teamWeight;
    const rewards = out.rewards, terminations = out.terminations, truncations = out.truncations;
    const ended = out.episodeEnded;
    const obs = out.observations;
    const bidOffArr = this.#bidOff, askOffArr = this.#askOff;
    const bidFilled = m.bidFilled, askFilled = m.askFilled;
    // 1. Quotes from the actions, around the mid each agent sees; the offsets
    // from the model mids that face the fill draws go to bidOffArr / askOffArr.
    for (let k = 0; k < K; k++) {
      const j = k * 4;
      const a0 = clipUnit(actions[j]), a1 = clipUnit(actions[j + 1]);
      let bidOffTicks: number, askOffTicks: number;
      if (offsetsMode) {
        bidOffTicks = roundHalfUp(min + ((a0 + 1) / 2) * span);
        askOffTicks = roundHalfUp(min + ((a1 + 1) / 2) * span);
      } else {
        const skew = a0 * maxOffset;
        const half = min + ((a1 + 1) / 2) * span;
        bidOffTicks = roundHalfUp(half - skew);
        askOffTicks = roundHalfUp(half + skew);
      }
      const bidSize = roundHalfUp(((clipUnit(actions[j + 2]) + 1) / 2) * maxSize);
      const askSize = roundHalfUp(((clipUnit(actions[j + 3]) + 1) / 2) * maxSize);
      const mid = viewMid[k];
      const inv = invArr[k];
      const s0 = modelMid[k];
      // Bid: cut to the inventory and notional limits; withdrawn when nothing is left.
      // Its distance from the model mid is what faces the fill draw (NaN = no quote).
      const bp = roundHalfUp(mid - bidOffTicks);
      let px = bp * tick;
      let byNotional = px > 0 ? Math.max(0, Math.floor(maxNotional / px) - inv) : bidSize;
      const bq = Math.min(bidSize, Math.max(0, maxInv - inv), byNotional);
      if (bq <= 0 || bp <= 0) {
        bidPx[k] = NaN;
        bidQty[k] = 0;
        bidOffArr[k] = NaN;
      } else {
        bidPx[k] = bp;
        bidQty[k] = bq;
        bidOffArr[k] = s0 - px;
      }
      // Ask.
      const ap = roundHalfUp(mid + askOffTicks);
      px = ap * tick;
      byNotional = px > 0 ? Math.max(0, Math.floor(maxNotional / px) + inv) : askSize;
      const aq = Math.min(askSize, Math.max(0, maxInv + inv), byNotional);
      if (aq <= 0 || ap <= 0) {
        askPx[k] = NaN;
        askQty[k] = 0;
        askOffArr[k] = NaN;
      } else {
        askPx[k] = ap;
        askQty[k] = aq;
        askOffArr[k] = px - s0;
      }
    }
    // 2. One model step of every trajectory (k = environment k): the quotes
    // face the fill draws at the current mids. The trajectories are
    // independent, so each trajectory moves as it would alone.
    m.advance(bidOffArr, askOffArr);
    for (let k = 0; k < K; k++) {
      const last = ++stepArr[k] >= steps;
      const s = modelMid[k];
      const st = s * perTick;
      const sr = roundHalfUp(st);
      viewMid[k] = Math.abs(st - sr) < 1e-6 ? sr : st; // snapToTick
      const markMid = s / tick;
      lastMid[k] = markMid;
      // 3. Fills (one unit each; a withdrawn side never fills) and accounting
      // (lib/env/account.ts `fill`).
      const fills = bidFilled[k] | (askFilled[k] << 1);
      let inv = invArr[k];
      let cash = cashArr[k], basis = basisArr[k];
      let fees = 0;
      let filled = 0;
      let bidPrice = bidPx[k], bidLeft = bidQty[k];
      let askPrice = askPx[k], askLeft = askQty[k];
      if (fills !== 0) {
        let feesK = feesArr[k];
        const feesBefore = feesK;
        if ((fills & 1) !== 0) {
          const notional = bidPrice * tick;
          const fee = (notional * makerBps) / 1e4;
          cash -= notional + fee;
          feesK += fee;
          const after = inv + 1;
          if (inv >= 0) basis += notional;
          else if (1 <= -inv) basis *= after / inv;
          else basis = after * bidPrice * tick;
          inv = after;
          filled += 1;
          if (--bidLeft <= 0) bidPrice = NaN;
        }
        if ((fills & 2) !== 0) {
          const notional = askPrice * tick;
          const fee = (notional * makerBps) / 1e4;
          cash -= -notional + fee;
          feesK += fee;
          const after = inv - 1;
          if (inv <= 0) basis += -notional;
          else if (1 <= inv) basis *= after / inv;
          else basis = after * askPrice * tick;
          inv = after;
          filled -= 1;
          if (--askLeft <= 0) askPrice = NaN;
        }
        feesArr[k] = feesK;
        fees = feesK - feesBefore;
      }
      filledArr[k] = filled;
      let pnl = cash + inv * markMid * tick;
      let liquidation = 0;
      const terminated = pnl < -lossLimit;
      if (terminated || last) {
        bidPrice = NaN;
        askPrice = NaN;
        // lib/env/account.ts `liquidate`.
        if (inv !== 0) {
          const mark = markMid * tick;
          const price = mark * (1 - Math.sign(inv) * liquidationBps / 1e4);
          liquidation = Math.abs(inv) * mark * liquidationBps / 1e4;
          cash += inv * price;
          inv = 0;
          basis = 0;
        }
        pnl = cash + inv * markMid * tick;
      }
      cashArr[k] = cash;
      basisArr[k] = basis;
      invArr[k] = inv;
      bidPx[k] = bidPrice;
      bidQty[k] = bidLeft;
      askPx[k] = askPrice;
      askQty[k] = askLeft;
      // 4. Reward terms (as MarketEnv), observation, auto-reset.
      const pnlChange = pnl - pnlPrev[k] + fees + liquidation;
      const pk = Math.max(peak[k], pnl);
      peak[k] = pk;
      const invPen = quadratic ? invPenalty * inv * inv : invPenalty * Math.abs(inv);
      const riskPen = riskPenalty * (pk - pnl);
      const own = (pnlChange - fees - liquidation - invPen - riskPen) / scale;
      pnlPrev[k] = pnl;
      rewards[k] = (1 - team) * own + team * own;
      terminations[k] = terminated && !last ? 1 : 0;
      truncations[k] = last ? 1 : 0;
      // The 10 agent-state values (#writeObs).
      {
        const o = k * obsSize;
        const om = markMid === markMid ? markMid : 0;
        const value = inv * om * tick;
        const notionalScale = Math.max(1e-9, maxInv * om * tick);
        const opnl = cash + value;
        obs[o] = clip(inv / maxInv);
        obs[o + 1] = clip(cash / notionalScale);
        obs[o + 2] = clip((value - basis) / notionalScale);
        obs[o + 3] = obsTime[stepArr[k]];
        obs[o + 4] = bidPrice === bidPrice ? clip((om - bidPrice) / maxOff) : 0;
        obs[o + 5] = askPrice === askPrice ? clip((askPrice - om) / maxOff) : 0;
        obs[o + 6] = 0;
        obs[o + 7] = 0;
        obs[o + 8] = clip(filled / maxSize);
        obs[o + 9] = clip(
          Math.max(Math.abs(inv) / maxInv, Math.max(0, -opnl) / lossLimit),
        );
      }
      if (terminated || last) {
        ended[k] = 1;
        const fin = out.finalObservations;
        for (let o = k * obsSize, e = o + obsSize; o < e; o++) fin[o] = obs[o];
        this.#seeds[k] += K;
        this.#resetEnv(k);
      } else {
        ended[k] = 0;
      }
    }
    return out;
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
