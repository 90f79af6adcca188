/**
 * The multi-agent market environment, shaped like PettingZoo's Parallel API:
 * learning market makers and market takers trade together in one market
 * (any {@linkcode Market} backend), decide every `decision_ms` on their own
 * observations (decentralised execution), and expose a global `state()` for
 * centralised critics (centralised training).
 *
 * One step at decision time t:
 * 1. Each live agent's action in [−1, 1] is mapped to orders
 *    (lib/env/action_mapping.ts), cut by the risk limits, and sent: it reaches
 *    the exchange at t + order latency (cancels at t + cancel latency).
 * 2. The market runs to t + Δ.
 * 3. Fills are booked (fees paid from cash); the market data row as of
 *    t + Δ − feed latency updates the online features (the same definitions
 *    as the feature pipeline), scaled with the dev-fitted scaler.
 * 4. Rewards: change in marked-to-mid PnL, minus fees, minus the inventory
 *    penalty, minus the risk penalty, optionally blended with the team mean;
 *    every term is reported in `infos`.
 * An agent whose PnL falls below −loss_limit is terminated (orders cancelled,
 * inventory liquidated); at the episode end every agent is truncated and its
 * inventory liquidated at mid ∓ liquidation_cost_bps. Terminated and
 * truncated are kept apart. The env owns its random streams (one per episode
 * seed).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { createEnv } from "./make_env.ts";
 * const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model", agents: { market_takers: 0 } }));
 * const { observations } = env.reset({ seed: 1 });
 * assert.deepEqual(env.possibleAgents, ["mm_0"]);
 * assert.equal(observations.mm_0.length, env.observationSpace("mm_0").size);
 * const r = env.step({ mm_0: new Float32Array([0, 0, 1, 1]) });
 * assert(Number.isFinite(r.rewards.mm_0) && r.truncations.mm_0 === false);
 * ```
 * @module
 */

import type { EnvironmentSection } from "../config/schemas/environment.ts";
import { OnlineFeatures } from "../features/online.ts";
import type { Side } from "../sim/engine/types.ts";
import { Account } from "./account.ts";
import {
  MakerActionMap,
  type MakerQuote,
  TakerActionMap,
  type TakerOrder,
} from "./action_mapping.ts";
import { type DataSpan, drawEpisodeStart } from "./episode_start.ts";
import { type AgentFill, type Market, type MutableGridRow, newGridRow } from "./market.ts";
import { AGENT_STATE_NAMES, ObservationLayout } from "./observation.ts";
import type { AgentView } from "./policy.ts";
import { Box } from "./spaces.ts";

/** A learning agent's role. */
export type Role = "market_maker" | "market_taker";

/** Per-step information about one agent (every reward term separately). */
export interface AgentInfo {
  role: Role;
  /** Change in marked-to-mid PnL before fees (dollars). */
  pnlChange: number;
  /** Fees paid this step (dollars; negative = rebates). */
  fees: number;
  inventoryPenalty: number;
  riskPenalty: number;
  /** Own reward before the team blend, and the blend's team part. */
  ownReward: number;
  teamReward: number;
  /** Liquidation cost charged this step (dollars), and the inventory it closed (lots, signed). */
  liquidationCost: number;
  liquidatedQty: number;
  /** Running totals. */
  pnl: number;
  inventory: number;
  cash: number;
  totalFees: number;
  /** Lots filled this step (signed) and fills this step. */
  filledQty: number;
  fillCount: number;
  /** Orders cut by risk limits this step (size lots removed), and requests dropped by the rate limit. */
  riskCutQty: number;
  droppedRequests: number;
  /** Mid (ticks) used for marking. */
  midTicks: number;
}

/** What `reset` returns. */
export interface ResetResult {
  observations: Record<string, Float32Array>;
  infos: Record<string, AgentInfo>;
}

/** What `step` returns. */
export interface StepResult extends ResetResult {
  rewards: Record<string, number>;
  terminations: Record<string, boolean>;
  truncations: Record<string, boolean>;
}

/** Feature scaling fitted on the dev split: x' = clip((x − center) / scale). */
export interface FeatureScaling {
  center: Float64Array;
  scale: Float64Array;
}

/** Options of {@linkcode MarketEnv}. */
export interface MarketEnvOptions {
  /** Market features per observation row (empty for a market without a book). */
  features: readonly string[];
  /** Dev-fitted scaling for those features, or null for none. */
  scaling: FeatureScaling | null;
  /** Episode window (ns after midnight) and the number of steps. */
  episodeStartNs: number;
  steps: number;
  /**
   * Seeded start jitter (ns, default 0): each reset starts the episode on the
   * decision grid in [episodeStartNs, episodeStartNs + this], drawn from the
   * reset seed (lib/env/episode_start.ts).
   */
  startJitterNs?: number;
  /** The data the jittered episodes must fit in (replay), if bounded. */
  dataSpan?: DataSpan;
  /** Date of agent-based episodes. */
  date: string;
  /** Action bounds, in ticks (the as_model market converts its price units). */
  minOffsetTicks: number;
  maxOffsetTicks: number;
}

interface AgentSlot {
  name: string;
  role: Role;
  index: number;
  account: Account;
  alive: boolean;
  bidId: number;
  askId: number;
  takerId: number;
  quote: MakerQuote;
  order: TakerOrder;
  fills: AgentFill[];
  filledQty: number;
  pnlPrev: number;
  peakPnl: number;
  obs: Float32Array;
  info: AgentInfo;
}

const WARM_ROWS = 64;

/** The parallel multi-agent environment over one market. */
export class MarketEnv {
  readonly possibleAgents: readonly string[];
  agents: string[] = [];
  readonly layout: ObservationLayout;
  readonly market: Market;
  readonly cfg: EnvironmentSection;
  readonly makerMap: MakerActionMap;
  readonly takerMap: TakerActionMap;
  readonly decisionNs: number;
  readonly steps: number;
  readonly #opts: MarketEnvOptions;
  readonly #slots: AgentSlot[];
  readonly #byName = new Map<string, AgentSlot>();
  readonly #online: OnlineFeatures | null;
  readonly #row: MutableGridRow;
  /**
   * History of scaled feature rows: 2T rows, each row written twice (at r and
   * r + T) so that the last T rows are always one contiguous slice.
   */
  readonly #history: Float32Array;
  #histHead = 0;
  readonly #obsSpace: Box;
  readonly #state: Float32Array;
  readonly #result: StepResult;
  #t = 0;
  #step = 0;
  #seed = 0;
  #episodeStartNs = 0;
  #episodeEndNs = 0;
  #viewBid = NaN;
  #viewAsk = NaN;
  #lastMid = NaN;
  #volume = 0;
  #cumVolume = 0;

  constructor(cfg: EnvironmentSection, market: Market, opts: MarketEnvOptions) {
    this.cfg = cfg;
    this.market = market;
    this.#opts = opts;
    this.#episodeStartNs = opts.episodeStartNs;
    this.decisionNs = cfg.decision_ms * 1e6;
    this.steps = opts.steps;
    const a = cfg.agents;
    this.makerMap = new MakerActionMap({
      mode: a.maker_action,
      minOffsetTicks: opts.minOffsetTicks,
      maxOffsetTicks: opts.maxOffsetTicks,
      maxQuoteSize: a.max_quote_size,
    });
    this.takerMap = new TakerActionMap({ maxOrderSize: a.max_order_size });
    this.layout = new ObservationLayout(
      opts.features,
      opts.features.length === 0 ? 0 : cfg.history_T,
    );
    if (opts.scaling !== null && opts.scaling.center.length !== opts.features.length) {
      throw new RangeError(
        `MarketEnv: scaling has ${opts.scaling.center.length} features, expected ${opts.features.length}`,
      );
    }
    this.#online = opts.features.length === 0 ? null : new OnlineFeatures({
      features: opts.features,
      params: { decisionMs: cfg.decision_ms, tickSize: market.tickSize },
    });
    this.#row = newGridRow(5);
    this.#history = new Float32Array(2 * this.layout.T * opts.features.length);
    this.#obsSpace = this.layout.space(cfg.clip_features);
    const slots: AgentSlot[] = [];
    const add = (role: Role, name: string) => {
      const slot: AgentSlot = {
        name,
        role,
        index: slots.length,
        account: new Account(market.tickSize, {
          makerBps: cfg.fees.maker_bps,
          takerBps: cfg.fees.taker_bps,
        }),
        alive: false,
        bidId: -1,
        askId: -1,
        takerId: -1,
        quote: { bidOffsetTicks: 0, askOffsetTicks: 0, bidSize: 0, askSize: 0 },
        order: { signedSize: 0, aggressive: false },
        fills: [],
        filledQty: 0,
        pnlPrev: 0,
        peakPnl: 0,
        obs: new Float32Array(this.layout.size),
        info: emptyInfo(role),
      };
      slots.push(slot);
      this.#byName.set(name, slot);
    };
    for (let i = 0; i < a.market_makers; i++) add("market_maker", `mm_${i}`);
    for (let i = 0; i < a.market_takers; i++) add("market_taker", `taker_${i}`);
    if (slots.length === 0) {
      throw new RangeError("MarketEnv: expected at least one learning agent, found none");
    }
    this.#slots = slots;
    this.possibleAgents = slots.map((s) => s.name);
    this.#state = new Float32Array(
      this.layout.T * opts.features.length + slots.length * AGENT_STATE_NAMES.length,
    );
    this.#result = {
      observations: {},
      rewards: {},
      terminations: {},
      truncations: {},
      infos: {},
    };
  }

  /** The role of an agent. */
  role(agent: string): Role {
    return this.#slot(agent).role;
  }

  /** Observation space of an agent (every role shares the layout). */
  observationSpace(agent: string): Box {
    this.#slot(agent);
    return this.#obsSpace;
  }

  /** Action space of an agent: [−1, 1]⁴ for market makers, [−1, 1]² for takers. */
  actionSpace(agent: string): Box {
    return this.#slot(agent).role === "market_maker"
      ? Box.uniform(-1, 1, ["bid_offset", "ask_offset", "bid_size", "ask_size"])
      : Box.uniform(-1, 1, ["signed_size", "urgency"]);
  }

  /** The global state for centralised critics: the market feature history, then every agent's state. */
  state(): Float32Array {
    const h = this.layout.T * this.layout.features.length;
    this.#copyHistory(this.#state);
    const n = AGENT_STATE_NAMES.length;
    for (const s of this.#slots) this.#state.set(s.obs.subarray(h, h + n), h + s.index * n);
    return this.#state;
  }

  /** Starts an episode. */
  reset(args: { seed?: number; options?: Record<string, unknown> } = {}): ResetResult {
    this.#seed = args.seed ?? this.#seed + 1;
    const start = drawEpisodeStart(this.#seed, {
      baseNs: this.#opts.episodeStartNs,
      jitterNs: this.#opts.startJitterNs ?? 0,
      decisionNs: this.decisionNs,
      steps: this.steps,
      span: this.#opts.dataSpan,
    });
    this.#episodeStartNs = start;
    this.#episodeEndNs = start + this.steps * this.decisionNs;
    this.market.reset(
      {
        seed: this.#seed,
        date: this.#opts.date,
        startNs: start,
        endNs: this.#episodeEndNs,
        warmupNs: (WARM_ROWS + 1) * this.decisionNs + this.cfg.latency.feed_ns,
      },
      this.#slots.length,
    );
    this.#t = this.market.nowNs;
    this.#step = 0;
    this.#history.fill(0);
    this.#histHead = 0;
    this.#volume = 0;
    this.#cumVolume = 0;
    this.#online?.reset();
    // Warm the feature windows with the rows before the episode start.
    const feed = this.cfg.latency.feed_ns;
    for (let r = WARM_ROWS; r >= 1; r--) {
      this.#observeMarket(this.#t - r * this.decisionNs - feed, true);
    }
    this.#observeMarket(this.#t - feed, false);
    this.#cumVolume = 0;
    const mid = this.#markMid();
    this.agents = [];
    const observations: Record<string, Float32Array> = {};
    const infos: Record<string, AgentInfo> = {};
    for (const s of this.#slots) {
      s.alive = true;
      s.bidId = s.askId = s.takerId = -1;
      s.fills.length = 0;
      s.filledQty = 0;
      s.account.reset(0, Number.isNaN(mid) ? 0 : mid);
      s.pnlPrev = 0;
      s.peakPnl = 0;
      s.info = emptyInfo(s.role);
      s.info.midTicks = mid;
      this.agents.push(s.name);
      this.#buildObs(s, mid);
      observations[s.name] = s.obs;
      infos[s.name] = s.info;
    }
    return { observations, infos };
  }

  /**
   * Advances one decision interval. Agents not in `actions` do nothing this
   * step. The returned records and arrays are reused by the next step: copy
   * what you keep.
   */
  step(actions: Record<string, ArrayLike<number>>): StepResult {
    const t = this.#t;
    const orderAt = t + this.cfg.latency.order_ns;
    const cancelAt = t + this.cfg.latency.cancel_ns;
    const mid = Number.isNaN(this.#midSeen()) ? this.#lastMid : this.#midSeen();
    for (const s of this.#slots) {
      if (!s.alive) continue;
      const a = actions[s.name];
      s.info.riskCutQty = 0;
      s.info.droppedRequests = 0;
      if (a === undefined || Number.isNaN(mid)) continue;
      if (s.role === "market_maker") this.#actMaker(s, a, mid, orderAt, cancelAt);
      else this.#actTaker(s, a, orderAt, cancelAt);
    }
    const next = t + this.decisionNs;
    this.market.advanceTo(next);
    this.#t = next;
    this.#step++;
    this.#observeMarket(next - this.cfg.latency.feed_ns, false);
    const markMid = this.#markMid();
    const last = this.#step >= this.steps || this.market.exhausted;
    const res = this.#result;
    const { observations, rewards, terminations, truncations, infos } = res;
    const r = this.cfg.rewards;
    const risk = this.cfg.risk;
    let teamSum = 0, teamN = 0;
    for (const s of this.#slots) {
      if (!s.alive) {
        if (s.name in observations) {
          delete observations[s.name];
          delete rewards[s.name];
          delete terminations[s.name];
          delete truncations[s.name];
          delete infos[s.name];
        }
        continue;
      }
      const info = s.info;
      const acct = s.account;
      const feesBefore = acct.fees;
      s.fills.length = 0;
      this.market.drainFills(s.index, s.fills);
      let filled = 0;
      for (const f of s.fills) {
        acct.fill(f.side, f.priceTicks, f.qty, f.maker);
        filled += f.side * f.qty;
        if (f.orderId === s.bidId && this.market.liveOrders(s.index).get(f.orderId) === undefined) {
          s.bidId = -1;
        }
        if (f.orderId === s.askId && this.market.liveOrders(s.index).get(f.orderId) === undefined) {
          s.askId = -1;
        }
      }
      s.filledQty = filled;
      info.fillCount = s.fills.length;
      info.filledQty = filled;
      const fees = acct.fees - feesBefore;
      let pnl = acct.pnl(markMid);
      let liquidation = 0;
      info.liquidatedQty = 0;
      const terminated = pnl < -risk.loss_limit;
      if (terminated || last) {
        this.#cancelAll(s, this.market.nowNs);
        info.liquidatedQty = acct.inventory;
        liquidation = acct.liquidate(markMid, risk.liquidation_cost_bps);
        pnl = acct.pnl(markMid);
      }
      const pnlChange = pnl - s.pnlPrev + fees + liquidation; // before fees and liquidation
      s.peakPnl = Math.max(s.peakPnl, pnl);
      const q = acct.inventory;
      const invPen = r.inventory_penalty_kind === "quadratic"
        ? r.inventory_penalty * q * q
        : r.inventory_penalty * Math.abs(q);
      const riskPen = r.risk_penalty * (s.peakPnl - pnl);
      const own = (pnlChange - fees - liquidation - invPen - riskPen) / r.scale;
      info.pnlChange = pnlChange;
      info.fees = fees;
      info.liquidationCost = liquidation;
      info.inventoryPenalty = invPen;
      info.riskPenalty = riskPen;
      info.ownReward = own;
      info.pnl = pnl;
      info.inventory = acct.inventory;
      info.cash = acct.cash;
      info.totalFees = acct.fees;
      info.midTicks = markMid;
      s.pnlPrev = pnl;
      teamSum += own;
      teamN++;
      terminations[s.name] = terminated && !last;
      truncations[s.name] = last;
    }
    const team = teamN > 0 ? teamSum / teamN : 0;
    const w = r.team_weight;
    for (const s of this.#slots) {
      if (!s.alive) continue;
      s.info.teamReward = team;
      rewards[s.name] = (1 - w) * s.info.ownReward + w * team;
      this.#buildObs(s, markMid);
      observations[s.name] = s.obs;
      infos[s.name] = s.info;
      if (terminations[s.name] || truncations[s.name]) s.alive = false;
    }
    if (this.agents.length !== teamN || this.#slots.some((s) => !s.alive)) {
      this.agents = this.#slots.filter((s) => s.alive).map((s) => s.name);
    }
    return res;
  }

  /** What a baseline policy may know about its agent now. */
  view(agent: string, out?: AgentView): AgentView {
    const s = this.#slot(agent);
    const v = out ?? ({} as AgentView);
    const start = this.#episodeStartNs;
    v.agent = s.name;
    v.role = s.role;
    v.nowNs = this.#t;
    v.episodeStartNs = start;
    v.episodeEndNs = this.#episodeEndNs;
    v.timeLeft = Math.max(0, (this.#episodeEndNs - this.#t) / (this.#episodeEndNs - start));
    v.bidTicks = this.#viewBid;
    v.askTicks = this.#viewAsk;
    v.midTicks = this.#midSeen();
    v.tickSize = this.market.tickSize;
    v.inventory = s.account.inventory;
    v.cash = s.account.cash;
    v.marketVolume = this.#volume;
    v.cumulativeMarketVolume = this.#cumVolume;
    v.decisionNs = this.decisionNs;
    v.maxInventory = this.cfg.risk.max_inventory;
    return v;
  }

  /** Start of the current episode (ns after midnight; drawn per seed when jittered). */
  get episodeStartNs(): number {
    return this.#episodeStartNs;
  }

  /** Step index within the episode. */
  get stepIndex(): number {
    return this.#step;
  }

  // ---------------------------------------------------------------- private

  #slot(agent: string): AgentSlot {
    const s = this.#byName.get(agent);
    if (s === undefined) {
      throw new RangeError(
        `MarketEnv: unknown agent "${agent}" (agents: ${this.possibleAgents.join(", ")})`,
      );
    }
    return s;
  }

  #midSeen(): number {
    return (this.#viewBid + this.#viewAsk) / 2;
  }

  /** The mid used for marking: the market's own (no feed delay), else the last known. */
  #markMid(): number {
    const m = this.market.midTicks();
    if (!Number.isNaN(m)) this.#lastMid = m;
    return this.#lastMid;
  }

  /** Reads the market row as of `asOf` into the features (and the feature history unless warming up). */
  #observeMarket(asOf: number, warming: boolean): void {
    const row = this.#row;
    this.market.gridRow(asOf, row);
    const per = 1 / this.market.tickSize;
    this.#viewBid = snapToTick(row.bestBid * per);
    this.#viewAsk = snapToTick(row.bestAsk * per);
    if (!warming) {
      const v = row.tradeVolume;
      this.#volume = v === undefined || Number.isNaN(v) ? 0 : v;
      this.#cumVolume += this.#volume;
    }
    if (this.#online === null) return;
    const v = this.#online.update(row);
    const F = v.length;
    const T = this.layout.T;
    const h = this.#history;
    const base = this.#histHead * F;
    const twin = base + T * F;
    const sc = this.#opts.scaling;
    const clip = this.cfg.clip_features;
    for (let f = 0; f < F; f++) {
      let x = v[f];
      if (sc !== null) x = (x - sc.center[f]) / sc.scale[f];
      if (!(x === x)) x = 0; // incomplete windows are 0 after scaling
      x = x > clip ? clip : x < -clip ? -clip : x;
      h[base + f] = x;
      h[twin + f] = x;
    }
    this.#histHead = (this.#histHead + 1) % T;
  }

  /** Copies the feature history, oldest row first, into `out`. */
  #copyHistory(out: Float32Array): void {
    const n = this.layout.T * this.layout.features.length;
    if (n === 0) return;
    // Rows head … head + T − 1 of the doubled buffer are the last T rows, oldest first.
    const start = this.#histHead * this.layout.features.length;
    out.set(this.#history.subarray(start, start + n), 0);
  }

  #buildObs(s: AgentSlot, midTicks: number): void {
    const o = s.obs;
    this.#copyHistory(o);
    const h = this.layout.T * this.layout.features.length;
    const acct = s.account;
    const risk = this.cfg.risk;
    const maxInv = risk.max_inventory;
    const mid = Number.isNaN(midTicks) ? 0 : midTicks;
    const notionalScale = Math.max(1e-9, maxInv * mid * this.market.tickSize);
    const live = this.market.liveOrders(s.index);
    const bid = s.bidId >= 0 ? live.get(s.bidId) : undefined;
    const ask = s.askId >= 0 ? live.get(s.askId) : undefined;
    const maxOff = Math.max(1, this.#opts.maxOffsetTicks);
    o[h] = acct.inventory / maxInv;
    o[h + 1] = acct.cash / notionalScale;
    o[h + 2] = acct.unrealised(mid) / notionalScale;
    o[h + 3] = Math.max(0, (this.#episodeEndNs - this.#t) / (this.steps * this.decisionNs));
    o[h + 4] = bid === undefined ? 0 : (mid - bid.priceTicks) / maxOff;
    o[h + 5] = ask === undefined ? 0 : (ask.priceTicks - mid) / maxOff;
    o[h + 6] = bid === undefined ? 0 : bid.queueAhead / Math.max(1, bid.queueAhead + bid.qty);
    o[h + 7] = ask === undefined ? 0 : ask.queueAhead / Math.max(1, ask.queueAhead + ask.qty);
    o[h + 8] = s.filledQty / this.cfg.agents.max_quote_size;
    o[h + 9] = Math.max(
      Math.abs(acct.inventory) / maxInv,
      Math.max(0, -acct.pnl(mid)) / risk.loss_limit,
    );
    for (let i = h; i < h + AGENT_STATE_NAMES.length; i++) {
      const x = o[i];
      o[i] = x === x ? (x > 10 ? 10 : x < -10 ? -10 : x) : 0;
    }
  }

  /** Size an order may have without breaking the inventory or notional limits. */
  #allowed(s: AgentSlot, side: number, qty: number, priceTicks: number): number {
    const risk = this.cfg.risk;
    const inv = s.account.inventory;
    const byInv = Math.max(0, risk.max_inventory - side * inv);
    const price = priceTicks * this.market.tickSize;
    const byNotional = price > 0
      ? Math.max(0, Math.floor(risk.max_notional / price) - side * inv)
      : qty;
    const ok = Math.min(qty, byInv, byNotional);
    s.info.riskCutQty += qty - ok;
    return ok;
  }

  #actMaker(
    s: AgentSlot,
    a: ArrayLike<number>,
    mid: number,
    orderAt: number,
    cancelAt: number,
  ): void {
    const q = this.makerMap.decode(a, s.quote);
    let budget = this.cfg.risk.max_orders_per_step;
    const live = this.market.liveOrders(s.index);
    const requote = (id: number, side: Side, offset: number, size: number): number => {
      const price = side === 1 ? Math.round(mid - offset) : Math.round(mid + offset);
      const want = this.#allowed(s, side, size, price);
      const cur = id >= 0 ? live.get(id) : undefined;
      if (cur !== undefined && cur.priceTicks === price && cur.qty === want) return id; // keep queue priority
      if (cur !== undefined) {
        if (budget-- <= 0) {
          s.info.droppedRequests++;
          return id;
        }
        this.market.cancel(s.index, id, cancelAt);
      }
      if (want <= 0 || price <= 0) return -1;
      if (budget-- <= 0) {
        s.info.droppedRequests++;
        return -1;
      }
      return this.market.submitLimit(s.index, side, price, want, orderAt);
    };
    s.bidId = requote(s.bidId, 1, q.bidOffsetTicks, q.bidSize);
    s.askId = requote(s.askId, -1, q.askOffsetTicks, q.askSize);
  }

  #actTaker(s: AgentSlot, a: ArrayLike<number>, orderAt: number, cancelAt: number): void {
    const o = this.takerMap.decode(a, s.order);
    let budget = this.cfg.risk.max_orders_per_step;
    if (s.takerId >= 0 && this.market.liveOrders(s.index).has(s.takerId)) {
      this.market.cancel(s.index, s.takerId, cancelAt);
      budget--;
    }
    s.takerId = -1;
    if (o.signedSize === 0) return;
    const side: Side = o.signedSize > 0 ? 1 : -1;
    const price = side === 1 ? this.#viewAsk : this.#viewBid;
    const passivePrice = Math.round(side === 1 ? this.#viewBid : this.#viewAsk);
    if (Number.isNaN(price) || Number.isNaN(passivePrice)) return;
    const qty = this.#allowed(s, side, Math.abs(o.signedSize), price);
    if (qty <= 0) return;
    if (budget <= 0) {
      s.info.droppedRequests++;
      return;
    }
    if (o.aggressive) this.market.submitMarket(s.index, side, qty, orderAt);
    else s.takerId = this.market.submitLimit(s.index, side, passivePrice, qty, orderAt);
  }

  #cancelAll(s: AgentSlot, at: number): void {
    for (const id of [...this.market.liveOrders(s.index).keys()]) {
      this.market.cancel(s.index, id, at);
    }
    s.bidId = s.askId = s.takerId = -1;
  }
}

/** Dollars → ticks loses the exact tick in floating point (58567.99999999999): snap it back. */
export function snapToTick(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) < 1e-6 ? r : x;
}

function emptyInfo(role: Role): AgentInfo {
  return {
    role,
    pnlChange: 0,
    fees: 0,
    inventoryPenalty: 0,
    riskPenalty: 0,
    ownReward: 0,
    teamReward: 0,
    liquidationCost: 0,
    liquidatedQty: 0,
    pnl: 0,
    inventory: 0,
    cash: 0,
    totalFees: 0,
    filledQty: 0,
    fillCount: 0,
    riskCutQty: 0,
    droppedRequests: 0,
    midTicks: NaN,
  };
}
