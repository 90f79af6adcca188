/**
 * The agent-based market behind the environment: the learning agents trade in
 * the live book of the discrete-event market (lib/sim/kernel) against the
 * ABIDES-style background population (lib/sim/abides: noise, value and
 * momentum traders, adaptive market makers). Their orders enter the same
 * book, so their market impact and queue positions are real, and the
 * background reacts to them.
 *
 * - **Episode**: `reset` builds a fresh kernel and population from the
 *   episode's seed for a session from `session_start` to the episode's end,
 *   adds one kernel agent per learning agent (a {@linkcode LearningAgentProxy}
 *   that holds no logic), and runs the warm-up from the open to the episode
 *   start. The background's horizon is the episode end (value traders project
 *   to it; noise arrivals spread over it).
 * - **Orders**: `submitLimit`/`submitMarket`/`cancel` reach the exchange
 *   exactly at `arriveNs` (the environment has applied the agent's order
 *   latency). The exchange's answers reach the agent's proxy with the
 *   population's exchange → agent latency (`latency.other_ns`); fills are
 *   drained only once they have arrived, stamped with the exchange's fill
 *   time; `maker` is true when the agent's order was resting.
 * - **Live orders**: those the exchange has acknowledged resting (or that
 *   traded as makers), with the remaining size as last reported to the agent.
 *   `queueAhead` is read from the book itself (`OrderBook.queuePosition`, the
 *   size ahead at its price now): a privileged view that the market, not the
 *   agent, has. Values are recycled objects: read them, do not keep them.
 * - **Market data**: an observer on the exchange feeds a
 *   {@linkcode GridAccumulator} after every request that changes the book
 *   (best quotes and `levels` level sizes via `OrderBook.depth`, and one
 *   trade per fill, one cancel per successful cancel or modify), from the
 *   episode start on; the warm-up's events are not counted.
 *   `midTicks`/`bestBidTicks`/`bestAskTicks` read the live book.
 * - **Ids**: order ids come from the kernel and continue across episodes, so
 *   they are unique per market instance.
 * - **Cost**: per decision step the market delivers the kernel messages due
 *   (about 18 per 100 ms for the default population, plus the learning
 *   agents' requests and answers) and pushes one grid state per book change;
 *   nothing scans the book beyond `levels` levels, and nothing is allocated
 *   per message (fills are the only per-event objects). Recording the
 *   exchange's events is off unless asked for (`recordEvents`).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AbmMarketSectionSchema } from "../../config/schemas/env_abm.ts";
 * import { AbmMarket } from "./abm_market.ts";
 * const open = 34_200e9;
 * const market = new AbmMarket(AbmMarketSectionSchema.parse({}));
 * market.reset({ seed: 1, date: "2024-01-02", startNs: open + 60e9, endNs: open + 120e9 }, 1);
 * const bid = market.bestBidTicks();
 * const id = market.submitLimit(0, 1, bid - 5, 10, market.nowNs + 100_000);
 * market.advanceTo(market.nowNs + 1_000_000);
 * assert.equal(market.liveOrders(0).get(id)?.qty, 10);
 * ```
 * @module
 */

import type { AbmMarketSection } from "../../config/schemas/env_abm.ts";
import { UsageError } from "../../core/errors.ts";
import { buildAbidesMarket } from "../../sim/abides/session.ts";
import type { OrderBook } from "../../sim/engine/order_book.ts";
import { BUY, SELL, type Side } from "../../sim/engine/types.ts";
import type { ExchangeAgent } from "../../sim/kernel/exchange_agent.ts";
import type { Kernel } from "../../sim/kernel/kernel.ts";
import { type Message, MessageKind } from "../../sim/kernel/messages.ts";
import type { EventStream } from "../../sim/market_data/event_stream.ts";
import { GridAccumulator } from "../grid_accumulator.ts";
import {
  type AgentFill,
  type AgentOrderState,
  type EpisodeSpec,
  type Market,
  type MutableGridRow,
  newGridRow,
} from "../market.ts";
import { LearningAgentProxy } from "./_learning_agent.ts";

const CLOCK = /^(\d\d):(\d\d):(\d\d)$/;

/** Sets an order's `queueAhead` from the book (`this`): the size ahead of it at its price now. */
function refreshQueue(this: OrderBook, o: AgentOrderState, id: number): void {
  const q = this.queuePosition(id);
  o.queueAhead = q < 0 ? 0 : q;
}

/** Options of {@linkcode AbmMarket} beyond its config section. */
export interface AbmMarketOptions {
  /**
   * Record every book change at the exchange, for {@linkcode AbmMarket.events}
   * (default false: it costs memory and about a tenth of the speed).
   */
  recordEvents?: boolean;
}

/** The agent-based market: learning agents' orders in the live book of the simulated exchange. */
export class AbmMarket implements Market {
  /** Short name. */
  readonly name = "abm";
  /** Dollars per tick (`tick_size` price units of $0.0001). */
  readonly tickSize: number;
  /** Book levels per side in grid rows. */
  readonly levels: number;
  /** The resolved config. */
  readonly config: AbmMarketSection;
  /** Session open, ns after midnight. */
  readonly sessionStartNs: number;
  /** Whether the exchange records book changes ({@linkcode AbmMarket.events}). */
  readonly recordEvents: boolean;

  #kernel: Kernel | null = null;
  #exchange: ExchangeAgent | null = null;
  #book: OrderBook | null = null;
  #proxies: LearningAgentProxy[] = [];
  #agents = 0;
  #episode: EpisodeSpec | null = null;
  #nextOrderId = 1;
  readonly #acc: GridAccumulator;
  readonly #scratchRow: MutableGridRow;
  // Depth scratch (no allocation per message).
  readonly #bidPx: Float64Array;
  readonly #bidQty: Float64Array;
  readonly #askPx: Float64Array;
  readonly #askQty: Float64Array;
  // Book counters at the last observed state.
  #lastSubmitted = 0;
  #lastCancelled = 0;
  #lastFills = 0;
  #lastFilledQty = 0;

  constructor(config: AbmMarketSection, options: AbmMarketOptions = {}) {
    this.config = config;
    this.recordEvents = options.recordEvents ?? false;
    this.tickSize = config.tick_size / 10_000;
    this.levels = config.levels;
    const m = CLOCK.exec(config.session_start);
    if (m === null) {
      throw new UsageError(
        `AbmMarket: session_start: expected a clock time HH:MM:SS, found ${config.session_start}`,
      );
    }
    this.sessionStartNs = ((+m[1] * 60 + +m[2]) * 60 + +m[3]) * 1e9;
    const L = config.levels;
    this.#acc = new GridAccumulator(L, this.tickSize);
    this.#scratchRow = newGridRow(L);
    this.#bidPx = new Float64Array(L);
    this.#bidQty = new Float64Array(L);
    this.#askPx = new Float64Array(L);
    this.#askQty = new Float64Array(L);
  }

  /** Current market time (ns after midnight). */
  get nowNs(): number {
    return this.#kernel === null ? NaN : this.#kernel.now;
  }

  /** Never: the simulated market always has a book until the episode ends. */
  get exhausted(): boolean {
    return false;
  }

  /** The current episode's kernel (diagnostics and tests). */
  get kernel(): Kernel {
    this.#need();
    return this.#kernel!;
  }

  /** The current episode's exchange agent (diagnostics and tests). */
  get exchange(): ExchangeAgent {
    this.#need();
    return this.#exchange!;
  }

  /** The current episode (null before the first reset). */
  get episode(): Readonly<EpisodeSpec> | null {
    return this.#episode;
  }

  /**
   * The book changes recorded so far this session, warm-up included (copies;
   * for tests and output). Needs the `recordEvents` option.
   */
  events(): EventStream {
    this.#need();
    const ev = this.#exchange!.events(0);
    if (ev === null) {
      throw new UsageError(
        "AbmMarket.events: expected a market made with { recordEvents: true }, found recording off",
      );
    }
    return ev;
  }

  /** Kernel agent id of learning agent `agent`. */
  kernelAgentId(agent: number): number {
    return this.#proxy(agent).id;
  }

  reset(episode: EpisodeSpec, agents: number): void {
    if (!(Number.isInteger(agents) && agents >= 0)) {
      throw new UsageError(`AbmMarket.reset: expected an agent count ≥ 0, found ${agents}`);
    }
    if (!(episode.startNs >= this.sessionStartNs && episode.endNs > episode.startNs)) {
      throw new UsageError(
        `AbmMarket.reset: expected session_start ${this.config.session_start} (${this.sessionStartNs} ns) ≤ ` +
          `episode start < episode end, found ${episode.startNs} … ${episode.endNs} ns`,
      );
    }
    if (this.#kernel !== null) this.#nextOrderId = this.#kernel.nextOrderId();
    if (this.#exchange !== null) this.#exchange.observer = null;
    const { kernel, exchange } = buildAbidesMarket({
      symbol: this.config.symbol,
      date: episode.date,
      dayIndex: 0,
      seed: episode.seed,
      sessionStartNs: this.sessionStartNs,
      sessionEndNs: episode.endNs,
      tickSize: this.config.tick_size,
      firstOrderId: this.#nextOrderId,
      recordEvents: this.recordEvents,
    }, this.config.population);
    for (let i = this.#proxies.length; i < agents; i++) {
      this.#proxies.push(new LearningAgentProxy(i));
    }
    for (let i = 0; i < agents; i++) {
      this.#proxies[i].clear();
      kernel.addAgent(this.#proxies[i]);
    }
    this.#agents = agents;
    this.#kernel = kernel;
    this.#exchange = exchange;
    this.#episode = { ...episode };
    const book = exchange.books[0];
    this.#book = book;
    kernel.start();
    // Warm-up from the open; market data is recorded from warmupNs before the episode start.
    const recordFrom = Math.max(this.sessionStartNs, episode.startNs - (episode.warmupNs ?? 0));
    kernel.runUntil(recordFrom);
    this.#acc.reset(episode.date);
    this.#lastSubmitted = book.counters.submittedQty;
    this.#lastCancelled = book.counters.cancelledQty;
    this.#lastFills = book.counters.fills;
    this.#lastFilledQty = book.counters.filledQty;
    this.#pushState(recordFrom);
    this.#acc.row(recordFrom, this.#scratchRow);
    exchange.observer = this.#observe;
    kernel.runUntil(episode.startNs);
  }

  submitLimit(
    agent: number,
    side: Side,
    priceTicks: number,
    qty: number,
    arriveNs: number,
  ): number {
    const p = this.#proxy(agent);
    this.#checkOrder(side, qty, arriveNs);
    if (!Number.isInteger(priceTicks)) {
      throw new UsageError(
        `AbmMarket.submitLimit: expected a whole tick price, found ${priceTicks}`,
      );
    }
    const k = this.#kernel!;
    const id = k.nextOrderId();
    if (arriveNs > k.endNs) return id; // after the session: never reaches the exchange
    p.track(id, side, priceTicks, qty);
    k.sendAt(MessageKind.LimitOrder, p.id, arriveNs, 0, id, side, priceTicks, qty);
    return id;
  }

  submitMarket(agent: number, side: Side, qty: number, arriveNs: number): number {
    const p = this.#proxy(agent);
    this.#checkOrder(side, qty, arriveNs);
    const k = this.#kernel!;
    const id = k.nextOrderId();
    if (arriveNs > k.endNs) return id;
    p.track(id, side, NaN, qty);
    k.sendAt(MessageKind.MarketOrder, p.id, arriveNs, 0, id, side, 0, qty);
    return id;
  }

  /** Cancels one of the agent's orders at `arriveNs`; ids that are not its unfinished orders are ignored. */
  cancel(agent: number, orderId: number, arriveNs: number): void {
    const p = this.#proxy(agent);
    const k = this.#kernel!;
    if (!(arriveNs >= k.now)) {
      throw new UsageError(
        `AbmMarket.cancel: expected an arrival time ≥ now = ${k.now} ns, found ${arriveNs}`,
      );
    }
    if (!p.owns(orderId) || arriveNs > k.endNs) return;
    k.sendAt(MessageKind.CancelOrder, p.id, arriveNs, 0, orderId);
  }

  /** Runs the market up to and including `tNs` (at most the episode end). */
  advanceTo(tNs: number): void {
    this.#need();
    const k = this.#kernel!;
    if (!(tNs >= k.now)) {
      throw new UsageError(
        `AbmMarket.advanceTo: expected a time ≥ now = ${k.now} ns, found ${tNs}`,
      );
    }
    k.runUntil(tNs);
  }

  drainFills(agent: number, out: AgentFill[]): void {
    const fills = this.#proxy(agent).fills;
    for (let i = 0; i < fills.length; i++) out.push(fills[i]);
    fills.length = 0;
  }

  /** The agent's resting orders; `queueAhead` is refreshed from the book at each call. */
  liveOrders(agent: number): ReadonlyMap<number, AgentOrderState> {
    const live = this.#proxy(agent).live;
    const book = this.#book!;
    live.forEach(refreshQueue, book);
    return live;
  }

  gridRow(asOfNs: number, out: MutableGridRow): void {
    this.#need();
    const k = this.#kernel!;
    if (!(asOfNs <= k.now)) {
      throw new UsageError(
        `AbmMarket.gridRow: expected a time ≤ now = ${k.now} ns, found ${asOfNs}`,
      );
    }
    this.#acc.row(asOfNs, out);
  }

  midTicks(): number {
    this.#need();
    const b = this.#book!;
    return (b.bestBid() + b.bestAsk()) / 2;
  }

  bestBidTicks(): number {
    this.#need();
    return this.#book!.bestBid();
  }

  bestAskTicks(): number {
    this.#need();
    return this.#book!.bestAsk();
  }

  /** After every request the exchange handles: feed the accumulator when the book changed. */
  readonly #observe = (k: Kernel, m: Message): void => {
    const c = this.#book!.counters;
    const submitted = c.submittedQty, cancelled = c.cancelledQty;
    if (submitted === this.#lastSubmitted && cancelled === this.#lastCancelled) return;
    const t = k.now;
    const acc = this.#acc;
    // Every fill here is between two book orders: filledQty counts both sides.
    const volume = (c.filledQty - this.#lastFilledQty) / 2;
    for (let i = this.#lastFills; i < c.fills; i++) {
      acc.trade(t, i === this.#lastFills ? volume : 0);
    }
    this.#lastFilledQty = c.filledQty;
    if (
      cancelled > this.#lastCancelled &&
      (m.kind === MessageKind.CancelOrder || m.kind === MessageKind.ModifyOrder)
    ) acc.cancel(t);
    this.#lastSubmitted = submitted;
    this.#lastCancelled = cancelled;
    this.#lastFills = c.fills;
    this.#pushState(t);
  };

  #pushState(t: number): void {
    const book = this.#book!;
    const L = this.levels;
    const bp = this.#bidPx, bq = this.#bidQty, ap = this.#askPx, aq = this.#askQty;
    const nb = book.depth(BUY, L, bp, bq);
    const na = book.depth(SELL, L, ap, aq);
    for (let l = nb; l < L; l++) bq[l] = NaN;
    for (let l = na; l < L; l++) aq[l] = NaN;
    this.#acc.state(
      t,
      nb > 0 ? bp[0] : NaN,
      bq[0],
      na > 0 ? ap[0] : NaN,
      aq[0],
      bq,
      aq,
    );
  }

  #checkOrder(side: Side, qty: number, arriveNs: number): void {
    if (side !== BUY && side !== SELL) {
      throw new UsageError(`AbmMarket: expected side +1 or −1, found ${side}`);
    }
    if (!(Number.isInteger(qty) && qty > 0)) {
      throw new UsageError(`AbmMarket: expected a whole order size ≥ 1 lot, found ${qty}`);
    }
    const now = this.#kernel!.now;
    if (!(arriveNs >= now)) {
      throw new UsageError(
        `AbmMarket: expected an arrival time ≥ now = ${now} ns, found ${arriveNs}`,
      );
    }
  }

  #proxy(agent: number): LearningAgentProxy {
    this.#need();
    if (!(Number.isInteger(agent) && agent >= 0 && agent < this.#agents)) {
      throw new UsageError(
        `AbmMarket: expected an agent number in 0 … ${this.#agents - 1}, found ${agent}`,
      );
    }
    return this.#proxies[agent];
  }

  #need(): void {
    if (this.#kernel === null) {
      throw new UsageError("AbmMarket: expected reset(episode, agents) before use, found none");
    }
  }
}
