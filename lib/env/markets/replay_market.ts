/**
 * The replay market: a {@linkcode Market} that replays recorded (or
 * simulated) LOBSTER data and matches the learning agents' orders against the
 * replayed flow.
 *
 * Market data is the replayed book (rebuilt by `LobsterReplay`, through a
 * {@linkcode ReplayTape}); after every replayed message the grid accumulator
 * gets the best quotes and the sizes of the top `levels` levels (capped at
 * the file's levels, deeper ones NaN, as the ingestion pipeline writes them;
 * skipped when no visible level changed, which adds nothing to a row), trades
 * (LOBSTER types 4 and 5) and cancels (types 2 and 3). A LOBSTER file of N
 * levels only carries the messages that touch its top N levels, so sizes
 * deeper than N (used for `queueAhead` when an agent joins there) are what
 * the rebuilt book holds, not verified data.
 *
 * **The agents' orders are virtual.** They never enter the replayed book and
 * the replay does not react to them: recorded participants do not see the
 * agents' quotes, aggressive agent orders take no liquidity away from the
 * replay and move no later price (their impact is charged on their own fill
 * prices only), and a resting agent order is filled by inference from the
 * recorded flow, not by real counterparties. Agents' orders do not trade with
 * each other; at one price, an earlier agent order is served before a later
 * one out of the same execution, but two aggressive orders at the same time
 * each see the whole replayed book. Results on replay are therefore
 * optimistic for strategies whose own orders would have moved the market.
 *
 * Matching rules (hftbacktest's queue and fill models are the reference for
 * the ideas):
 * - A passive limit order arriving at `arriveNs` at price p joins the queue at
 *   p behind the replayed size resting there then (`queueAhead`). Queue
 *   models: conservative (always last: only replayed executions at p reduce
 *   `queueAhead`) and probabilistic (cancels at p also reduce it, see
 *   `_queue_model.ts`); `queueAhead` never exceeds the size at p. After a
 *   replayed execution of e lots at p, the order fills min(remaining, e −
 *   queueAhead_before − lots already given to earlier agent orders at p);
 *   with one agent order that is min(remaining, −queueAhead), rounded down to
 *   whole lots (the probabilistic model makes `queueAhead` fractional).
 * - Trade-through: when the replayed opposite best reaches the order's price
 *   (best ask ≤ bid, best bid ≥ ask), it fills in full at its price; when a
 *   replayed execution of e lots happens at a worse price on the order's side
 *   (a sell hits bids below an agent's bid), the order fills min(remaining,
 *   e) at its price. All of these are maker fills.
 * - Aggressive orders (market orders, and limits that cross the replayed
 *   opposite best on arrival) walk the visible opposite levels at arrival
 *   (a limit only those within its price), each level priced at its price plus
 *   the impact Δp of the whole filled size (see `_impact.ts`; Δp may make the
 *   fill prices fractional ticks). Beyond the visible depth the rest fills at
 *   the last visible level's price plus Δp (`beyond_depth: fill`) or is
 *   cancelled (`reject`). A crossing limit stopped by its price rests with the
 *   remainder; it is not filled by trade-through until the replayed opposite
 *   best has first moved off its price (that liquidity was the one it took).
 * - Replayed messages at the same nanosecond as an agent request are applied
 *   first. A cancel that arrives before its order is ignored, as an exchange
 *   rejects a cancel for an unknown order; so is one for an order already
 *   filled.
 *
 * Episodes: `reset` positions the replay at the episode start (the first
 * message after `startNs` is the next to apply); any window inside the file's
 * time span works, and the market is `exhausted` once the file's last message
 * has been applied. The tape keeps checkpoints, so a reset costs at most
 * `checkpointEvery` messages of level updates (measured in
 * `lib/bench/replay_market_bench.ts`). The market itself is not random: the
 * episode seed is not used, and the same requests give the same fills. What
 * varies with the seed is the window: with `start_jitter_s` > 0 the
 * environment draws each episode's start from its seed
 * (`lib/env/episode_start.ts`) before it resets the market.
 *
 * Construction: `await createReplayMarket(section)` reads the files; several
 * markets (a vectorised environment) can share one tape with
 * `new ReplayMarket(section, tape)`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterMessages } from "../../data/lobster/mod.ts";
 * import { ReplayMarketSectionSchema } from "../../config/schemas/env_replay.ts";
 * import { ReplayMarket } from "./replay_market.ts";
 * import { ReplayTape } from "./replay_tape.ts";
 * import { newGridRow } from "../market.ts";
 * // Bid 10 @ 100.00 and ask 10 @ 100.02 (ticks 10000 and 10002), then 12 lots execute at the bid.
 * const m = parseLobsterMessages(
 *   "36000,1,1,10,1000000,1\n36000,1,2,10,1000200,-1\n36001,4,1,10,1000000,1\n",
 *   "X_2024-01-02_34200000_57600000_message_5.csv",
 * );
 * const section = ReplayMarketSectionSchema.parse({ message_file: "unused", orderbook_file: "none" });
 * const market = new ReplayMarket(section, new ReplayTape(m, null));
 * market.reset({ seed: 1, date: "2024-01-02", startNs: 36000e9, endNs: 37000e9 }, 1);
 * const id = market.submitLimit(0, 1, 10_000, 5, 36000.5e9); // joins behind 10 lots
 * market.advanceTo(36000.5e9);
 * assert.equal(market.liveOrders(0).get(id)?.queueAhead, 10);
 * market.advanceTo(36001e9);                                 // the 10 ahead trade: not us yet
 * assert.equal(market.liveOrders(0).get(id)?.queueAhead, 0);
 * const row = newGridRow(5);
 * market.gridRow(36001e9, row);
 * assert.equal(row.tradeCount, 1);
 * assert.equal(row.bestBid, NaN);                            // the bid level is gone
 * ```
 * @module
 */

import { UsageError } from "../../core/errors.ts";
import type { ReplayMarketSection } from "../../config/schemas/env_replay.ts";
import { BUY, type Side } from "../../sim/engine/types.ts";
import { GridAccumulator } from "../grid_accumulator.ts";
import type { AgentFill, AgentOrderState, EpisodeSpec, Market, MutableGridRow } from "../market.ts";
import { impactTicks } from "./_impact.ts";
import { createQueueModel, type QueueModel } from "./_queue_model.ts";
import { ReplayState } from "./_replay_state.ts";
import { loadReplayTape, ReplayTape } from "./replay_tape.ts";

/** LOBSTER price units per dollar. */
const UNITS_PER_DOLLAR = 10_000;
/** Messages recorded ahead at a time when an episode runs past the tape's end. */
const RECORD_AHEAD = 1024;

/** An agent's order as the replay market tracks it. */
class AgentOrder implements AgentOrderState {
  side: Side;
  priceTicks: number;
  qty: number;
  queueAhead = 0;
  /** Trade-through by the opposite best may fill it (false right after it took that liquidity). */
  armed = true;
  constructor(
    readonly id: number,
    readonly agent: number,
    side: Side,
    priceTicks: number,
    qty: number,
    /** Market order (walks any price). */
    readonly market: boolean,
  ) {
    this.side = side;
    this.priceTicks = priceTicks;
    this.qty = qty;
  }
}

/** A request in flight to the exchange. */
interface Request {
  arriveNs: number;
  seq: number;
  agent: number;
  /** The order to submit, or null for a cancel. */
  order: AgentOrder | null;
  /** Order to cancel. */
  targetId: number;
}

function levelKey(side: number, price: number): number {
  return side > 0 ? price * 2 : price * 2 + 1;
}

/** Price priority, then time priority, among agent orders of one side. */
function byPriority(a: AgentOrder, b: AgentOrder): number {
  if (a.priceTicks !== b.priceTicks) {
    return a.side > 0 ? b.priceTicks - a.priceTicks : a.priceTicks - b.priceTicks;
  }
  return a.id - b.id;
}

/** Replay of LOBSTER data with virtual agent orders (see the module doc). */
export class ReplayMarket implements Market {
  /** Short name of the backend. */
  readonly name = "replay";
  /** Dollars per tick. */
  readonly tickSize: number;
  /** Book levels per side in the grid rows. */
  readonly levels: number;
  /** Levels per side that exist in the data (grid rows and aggressive walks): min(levels, the file's). */
  readonly visibleLevels: number;
  /** The replayed data (shareable between markets). */
  readonly tape: ReplayTape;
  /** The queue-position model. */
  readonly queueModel: QueueModel;
  readonly #section: ReplayMarketSection;
  readonly #st = new ReplayState();
  readonly #acc: GridAccumulator;
  #now = 0;
  #agents = 0;
  #episodeEndNs = Infinity;
  #nextId = 1;
  #seq = 0;
  readonly #pending: Request[] = [];
  #pendHead = 0;
  /** Resting agent orders. */
  readonly #live: AgentOrder[] = [];
  /** Pending and resting orders by id. */
  readonly #known = new Map<number, AgentOrder>();
  #liveByAgent: Map<number, AgentOrder>[] = [];
  /** Resting agent orders per (side, price), in arrival order. */
  readonly #byLevel = new Map<number, AgentOrder[]>();
  #fills: AgentFill[][] = [];
  #dirty = false;
  readonly #scratch: AgentOrder[] = [];
  // Level sizes handed to the grid accumulator, one view per level count.
  readonly #bidLv: Float64Array;
  readonly #askLv: Float64Array;
  readonly #bidViews: Float64Array[] = [];
  readonly #askViews: Float64Array[] = [];
  // Aggressive walk: (price, qty) pairs.
  #walkPrice = new Float64Array(16);
  #walkQty = new Float64Array(16);

  /** A market over `tape`; `section` is the parsed `environment.replay` section. */
  constructor(section: ReplayMarketSection, tape: ReplayTape) {
    if (tape.tickUnits !== section.tick_size) {
      throw new UsageError(
        `ReplayMarket: the tape was built with tick_size ${tape.tickUnits}, the section says ${section.tick_size}`,
      );
    }
    this.#section = section;
    this.tape = tape;
    this.tickSize = section.tick_size / UNITS_PER_DOLLAR;
    this.levels = section.levels;
    this.visibleLevels = Math.min(section.levels, tape.fileLevels ?? section.levels);
    this.queueModel = createQueueModel(section.queue_model, section.queue_power);
    this.#acc = new GridAccumulator(this.levels, this.tickSize);
    this.#bidLv = new Float64Array(this.visibleLevels);
    this.#askLv = new Float64Array(this.visibleLevels);
    for (let n = 0; n <= this.visibleLevels; n++) {
      this.#bidViews.push(this.#bidLv.subarray(0, n));
      this.#askViews.push(this.#askLv.subarray(0, n));
    }
  }

  /** Current market time (ns after midnight). */
  get nowNs(): number {
    return this.#now;
  }

  /** Whether the file's last message has been applied. */
  get exhausted(): boolean {
    return this.#st.k >= this.tape.count;
  }

  /** End of the current episode (ns), as given to {@linkcode reset}. */
  get episodeEndNs(): number {
    return this.#episodeEndNs;
  }

  /** σ (ticks) of the square-root impact model, from the data seen so far. */
  get sigmaTicks(): number {
    return this.#st.sigmaTicks();
  }

  /** Executed volume (lots) seen so far, V of the square-root impact model. */
  get volumeSeen(): number {
    return this.#st.volume;
  }

  /** Impact Δp (ticks, ≥ 0) an aggressive order of `qty` lots would pay now. */
  impactTicks(qty: number): number {
    const imp = this.#section.impact;
    return impactTicks(imp.model, imp.coefficient, qty, this.#st.sigmaTicks(), this.#st.volume);
  }

  /**
   * Positions the replay at `episode.startNs` (every message at or before it
   * applied) and forgets all agent orders and fills. The start must lie in
   * the file's span [first message, last message).
   */
  reset(episode: EpisodeSpec, agents: number): void {
    const tape = this.tape;
    if (!(Number.isInteger(agents) && agents >= 0)) {
      throw new UsageError(`reset: agents: expected an integer ≥ 0, found ${agents}`);
    }
    if (!(episode.startNs >= tape.firstNs && episode.startNs < tape.lastNs)) {
      throw new UsageError(
        `reset: episode.startNs: expected a time in ${tape.file}'s span [${tape.firstNs}, ${tape.lastNs}) ns, found ${episode.startNs}`,
      );
    }
    if (!(episode.endNs > episode.startNs)) {
      throw new UsageError(
        `reset: episode.endNs: expected a time after startNs ${episode.startNs}, found ${episode.endNs}`,
      );
    }
    if (tape.date !== "" && episode.date !== "" && episode.date !== tape.date) {
      throw new UsageError(
        `reset: episode.date: expected ${tape.date} (the date of ${tape.file}), found ${episode.date}`,
      );
    }
    // Market data is recorded from warmupNs before the start (or the file's first message).
    const recordFrom = Math.max(tape.firstNs, episode.startNs - (episode.warmupNs ?? 0));
    const target = tape.indexAfter(recordFrom);
    tape.ensure(target);
    const st = this.#st;
    const cp = tape.checkpointAtOrBefore(target);
    // Go on from where we are when that is nearer than the checkpoint.
    if (!(st.k <= target && target - st.k <= target - cp.k)) st.copyFrom(cp);
    for (let k = st.k; k < target; k++) {
      st.estimate(tape, k);
      st.applyDeltas(tape, k);
    }
    this.#now = episode.startNs;
    this.#episodeEndNs = episode.endNs;
    this.#agents = agents;
    this.#pending.length = 0;
    this.#pendHead = 0;
    this.#live.length = 0;
    this.#known.clear();
    this.#byLevel.clear();
    this.#liveByAgent = Array.from({ length: agents }, () => new Map<number, AgentOrder>());
    this.#fills = Array.from({ length: agents }, () => [] as AgentFill[]);
    this.#dirty = false;
    this.#acc.reset(episode.date !== "" ? episode.date : tape.date);
    this.#feedState(recordFrom);
    this.#now = recordFrom;
    this.advanceTo(episode.startNs); // no agent orders yet: replays the warm-up, feeding market data
  }

  /** A limit order of `agent` that reaches the exchange at `arriveNs`; returns its id. */
  submitLimit(
    agent: number,
    side: Side,
    priceTicks: number,
    qty: number,
    arriveNs: number,
  ): number {
    this.#checkRequest("submitLimit", agent, arriveNs);
    this.#checkSide("submitLimit", side);
    this.#checkQty("submitLimit", qty);
    if (!Number.isInteger(priceTicks)) {
      throw new UsageError(`submitLimit: priceTicks: expected an integer, found ${priceTicks}`);
    }
    const o = new AgentOrder(this.#nextId++, agent, side, priceTicks, qty, false);
    this.#enqueue(arriveNs, agent, o, 0);
    return o.id;
  }

  /** A market order of `agent` that reaches the exchange at `arriveNs`; returns its id. */
  submitMarket(agent: number, side: Side, qty: number, arriveNs: number): number {
    this.#checkRequest("submitMarket", agent, arriveNs);
    this.#checkSide("submitMarket", side);
    this.#checkQty("submitMarket", qty);
    const o = new AgentOrder(
      this.#nextId++,
      agent,
      side,
      side > 0 ? Infinity : -Infinity,
      qty,
      true,
    );
    this.#enqueue(arriveNs, agent, o, 0);
    return o.id;
  }

  /** A cancel that reaches the exchange at `arriveNs` (ignored if the order is gone by then). */
  cancel(agent: number, orderId: number, arriveNs: number): void {
    this.#checkRequest("cancel", agent, arriveNs);
    if (!(Number.isInteger(orderId) && orderId >= 1 && orderId < this.#nextId)) {
      throw new UsageError(`cancel: orderId: expected an id this market issued, found ${orderId}`);
    }
    const o = this.#known.get(orderId);
    if (o !== undefined && o.agent !== agent) {
      throw new UsageError(
        `cancel: orderId ${orderId}: expected an order of agent ${agent}, found one of agent ${o.agent}`,
      );
    }
    this.#enqueue(arriveNs, agent, null, orderId);
  }

  /** Replays every message and delivers every request up to and including `tNs`. */
  advanceTo(tNs: number): void {
    if (!(tNs >= this.#now)) {
      throw new UsageError(`advanceTo: expected a time ≥ now (${this.#now} ns), found ${tNs}`);
    }
    const tape = this.tape;
    const st = this.#st;
    const pending = this.#pending;
    for (;;) {
      const nextMsg = st.k < tape.count ? tape.timeNs[st.k] : Infinity;
      const nextReq = this.#pendHead < pending.length ? pending[this.#pendHead].arriveNs : Infinity;
      if (nextMsg <= nextReq) {
        if (nextMsg > tNs) break;
        this.#message(st.k);
      } else {
        if (nextReq > tNs) break;
        this.#arrive(pending[this.#pendHead++]);
      }
      if (this.#dirty) this.#sweep();
    }
    if (this.#pendHead > 0 && this.#pendHead === pending.length) {
      pending.length = 0;
      this.#pendHead = 0;
    }
    this.#now = tNs;
  }

  /** Moves the agent's fills since the last call into `out`. */
  drainFills(agent: number, out: AgentFill[]): void {
    const fills = this.#fills[agent];
    if (fills === undefined) {
      throw new UsageError(`drainFills: agent: expected 0…${this.#agents - 1}, found ${agent}`);
    }
    for (let i = 0; i < fills.length; i++) out.push(fills[i]);
    fills.length = 0;
  }

  /** The agent's resting orders by id (orders still in flight are not in it). */
  liveOrders(agent: number): ReadonlyMap<number, AgentOrderState> {
    const m = this.#liveByAgent[agent];
    if (m === undefined) {
      throw new UsageError(`liveOrders: agent: expected 0…${this.#agents - 1}, found ${agent}`);
    }
    return m;
  }

  /** Market data as of `asOfNs` (≤ now). */
  gridRow(asOfNs: number, out: MutableGridRow): void {
    if (!(asOfNs <= this.#now)) {
      throw new UsageError(
        `gridRow: asOfNs: expected a time ≤ now (${this.#now} ns), found ${asOfNs}`,
      );
    }
    this.#acc.row(asOfNs, out);
  }

  /** Mid of the replayed book in ticks (NaN when a side is empty). */
  midTicks(): number {
    return this.#st.midTicks();
  }

  /** Best replayed bid in ticks (NaN when empty). */
  bestBidTicks(): number {
    return this.#st.book.best(1);
  }

  /** Best replayed ask in ticks (NaN when empty). */
  bestAskTicks(): number {
    return this.#st.book.best(-1);
  }

  /** Replayed size at a price (lots; 0 when no level). */
  levelQty(side: Side, priceTicks: number): number {
    return this.#st.book.qty(side, priceTicks);
  }

  // ------------------------------------------------------------- requests

  #checkRequest(what: string, agent: number, arriveNs: number): void {
    if (!(Number.isInteger(agent) && agent >= 0 && agent < this.#agents)) {
      throw new UsageError(`${what}: agent: expected 0…${this.#agents - 1}, found ${agent}`);
    }
    if (!(arriveNs >= this.#now && Number.isFinite(arriveNs))) {
      throw new UsageError(
        `${what}: arriveNs: expected a time ≥ now (${this.#now} ns), found ${arriveNs}`,
      );
    }
  }

  #checkSide(what: string, side: number): void {
    if (side !== 1 && side !== -1) {
      throw new UsageError(`${what}: side: expected 1 or -1, found ${side}`);
    }
  }

  #checkQty(what: string, qty: number): void {
    if (!(Number.isInteger(qty) && qty > 0)) {
      throw new UsageError(`${what}: qty: expected an integer ≥ 1, found ${qty}`);
    }
  }

  #enqueue(arriveNs: number, agent: number, order: AgentOrder | null, targetId: number): void {
    const r: Request = { arriveNs, seq: this.#seq++, agent, order, targetId };
    const p = this.#pending;
    // Keep (arriveNs, seq) order; requests usually arrive in order, so scan from the back.
    let i = p.length;
    while (i > this.#pendHead && p[i - 1].arriveNs > arriveNs) i--;
    if (i === p.length) p.push(r);
    else p.splice(i, 0, r);
    if (order !== null) this.#known.set(order.id, order);
  }

  #arrive(r: Request): void {
    if (r.order === null) {
      const o = this.#known.get(r.targetId);
      // Only a resting order can be cancelled (in flight or filled: the cancel is refused).
      if (o !== undefined && this.#liveByAgent[o.agent].has(o.id)) {
        o.qty = 0;
        this.#dirty = true;
      }
      return;
    }
    const o = r.order;
    const book = this.#st.book;
    const opp = -o.side;
    const oppBest = book.best(opp);
    const crosses = o.market || (o.side > 0 ? oppBest <= o.priceTicks : oppBest >= o.priceTicks);
    if (!crosses) {
      this.#rest(o, true);
      return;
    }
    const stoppedByLimit = this.#aggress(o, r.arriveNs);
    if (o.qty > 0 && stoppedByLimit) this.#rest(o, false);
    else this.#known.delete(o.id);
  }

  /** Rests a passive order behind the replayed size at its price. */
  #rest(o: AgentOrder, armed: boolean): void {
    o.queueAhead = this.#st.book.qty(o.side, o.priceTicks);
    o.armed = armed;
    this.#live.push(o);
    this.#liveByAgent[o.agent].set(o.id, o);
    const key = levelKey(o.side, o.priceTicks);
    const list = this.#byLevel.get(key);
    if (list === undefined) this.#byLevel.set(key, [o]);
    else list.push(o);
  }

  /**
   * Walks the visible opposite levels; answers whether the walk stopped at
   * the order's limit price with visible levels left (the rest may then rest).
   * Leaves the unfilled size in `o.qty`.
   */
  #aggress(o: AgentOrder, tNs: number): boolean {
    const book = this.#st.book;
    const opp = -o.side;
    const n = Math.min(this.visibleLevels, book.levelCount(opp));
    if (this.#walkPrice.length < n + 1) {
      this.#walkPrice = new Float64Array(2 * n + 2);
      this.#walkQty = new Float64Array(2 * n + 2);
    }
    let rem = o.qty, i = 0, w = 0, last = NaN;
    for (; i < n && rem > 0; i++) {
      const p = book.priceAt(opp, i);
      if (o.side > 0 ? p > o.priceTicks : p < o.priceTicks) break;
      const q = Math.min(rem, book.qtyAt(opp, i));
      this.#walkPrice[w] = p;
      this.#walkQty[w++] = q;
      rem -= q;
      last = p;
    }
    const stoppedByLimit = rem > 0 && i < n;
    if (
      rem > 0 && !stoppedByLimit && this.#section.beyond_depth === "fill" && !Number.isNaN(last)
    ) {
      this.#walkPrice[w] = last;
      this.#walkQty[w++] = rem;
      rem = 0;
    }
    const filled = o.qty - rem;
    if (filled > 0) {
      const dp = o.side * this.impactTicks(filled);
      const fills = this.#fills[o.agent];
      for (let j = 0; j < w; j++) {
        fills.push({
          orderId: o.id,
          side: o.side,
          priceTicks: this.#walkPrice[j] + dp,
          qty: this.#walkQty[j],
          tsNs: tNs,
          maker: false,
        });
      }
    }
    o.qty = rem;
    return stoppedByLimit;
  }

  // ------------------------------------------------------------- messages

  #message(k: number): void {
    const tape = this.tape;
    if (k >= tape.recorded) tape.ensure(k + RECORD_AHEAD);
    const st = this.#st;
    const book = st.book;
    const type = tape.type[k];
    const t = tape.timeNs[k];
    const hasOrders = this.#live.length > 0;
    const bid0 = book.best(1), ask0 = book.best(-1);
    if (hasOrders && type >= 2 && type <= 4) {
      this.#queueEvent(type, tape.direction[k], tape.priceTicks[k], tape.size[k], t);
    }
    st.estimate(tape, k);
    st.applyDeltas(tape, k);
    if (hasOrders) {
      // The size ahead never exceeds the level's size.
      const from = k === 0 ? 0 : tape.deltaEnd[k - 1], to = tape.deltaEnd[k];
      for (let i = from; i < to; i++) {
        const list = this.#byLevel.get(levelKey(tape.deltaSide[i], tape.deltaPrice[i]));
        if (list === undefined) continue;
        const q = tape.deltaQty[i];
        for (let j = 0; j < list.length; j++) if (list[j].queueAhead > q) list[j].queueAhead = q;
      }
      if (type === 4) {
        this.#tradeThroughByTrade(tape.direction[k], tape.priceTicks[k], tape.size[k], t);
      }
      if (book.best(1) !== bid0 || book.best(-1) !== ask0) this.#tradeThroughByQuotes(t);
    }
    // A state equal to the previous one adds nothing to a row (OFI term 0, same mid and
    // levels), so the accumulator only gets states where a visible level changed.
    if (this.#visibleChange(k)) this.#feedState(t);
    if (type === 4 || type === 5) this.#acc.trade(t, tape.size[k]);
    else if (type === 2 || type === 3) this.#acc.cancel(t);
  }

  /** A replayed execution (4) or cancel (2, 3) at the price of resting agent orders. */
  #queueEvent(type: number, side: number, price: number, size: number, tNs: number): void {
    const list = this.#byLevel.get(levelKey(side, price));
    if (list === undefined) return;
    if (type === 4) {
      // The aggressor's e lots reach the replayed size ahead of each agent order,
      // and the agent orders ahead of it at this price, first.
      let given = 0;
      for (let j = 0; j < list.length; j++) {
        const o = list[j];
        if (o.qty === 0) continue;
        const free = size - o.queueAhead - given;
        o.queueAhead = Math.max(0, o.queueAhead - size);
        // Whole lots only: a fraction of a lot (probabilistic model) stays unfilled.
        const q = Math.min(o.qty, Math.floor(free + 1e-9));
        if (q > 0) {
          given += q;
          this.#fill(o, q, o.priceTicks, tNs);
        }
      }
      return;
    }
    const before = this.#st.book.qty(side, price);
    for (let j = 0; j < list.length; j++) {
      const o = list[j];
      o.queueAhead = this.queueModel.onCancel(o.queueAhead, size, before);
    }
  }

  /** A replayed execution at a price worse than resting agent orders of its side. */
  #tradeThroughByTrade(side: number, price: number, size: number, tNs: number): void {
    const cand = this.#scratch;
    cand.length = 0;
    for (let j = 0; j < this.#live.length; j++) {
      const o = this.#live[j];
      if (
        o.side === side && o.qty > 0 && (side > 0 ? o.priceTicks > price : o.priceTicks < price)
      ) {
        cand.push(o);
      }
    }
    if (cand.length === 0) return;
    if (cand.length > 1) cand.sort(byPriority);
    let demand = size;
    for (let j = 0; j < cand.length && demand > 0; j++) {
      const q = Math.min(cand[j].qty, demand);
      demand -= q;
      this.#fill(cand[j], q, cand[j].priceTicks, tNs);
    }
    cand.length = 0;
  }

  /** Resting agent orders that the replayed opposite best has reached fill in full. */
  #tradeThroughByQuotes(tNs: number): void {
    const book = this.#st.book;
    const bid = book.best(1), ask = book.best(-1);
    for (let j = 0; j < this.#live.length; j++) {
      const o = this.#live[j];
      if (o.qty === 0) continue;
      const crossed = o.side === BUY ? ask <= o.priceTicks : bid >= o.priceTicks;
      if (!crossed) o.armed = true;
      else if (o.armed) this.#fill(o, o.qty, o.priceTicks, tNs);
    }
  }

  /** A maker fill of a resting agent order. */
  #fill(o: AgentOrder, qty: number, price: number, tNs: number): void {
    this.#fills[o.agent].push({
      orderId: o.id,
      side: o.side,
      priceTicks: price,
      qty,
      tsNs: tNs,
      maker: true,
    });
    o.qty -= qty;
    if (o.qty === 0) this.#dirty = true;
  }

  /** Removes resting orders with nothing left (filled or cancelled). */
  #sweep(): void {
    const live = this.#live;
    for (let j = live.length - 1; j >= 0; j--) {
      const o = live[j];
      if (o.qty > 0) continue;
      live[j] = live[live.length - 1];
      live.pop();
      this.#known.delete(o.id);
      this.#liveByAgent[o.agent].delete(o.id);
      const key = levelKey(o.side, o.priceTicks);
      const list = this.#byLevel.get(key)!;
      if (list.length === 1) this.#byLevel.delete(key);
      else list.splice(list.indexOf(o), 1);
    }
    this.#dirty = false;
  }

  /**
   * Whether message k (applied) changed one of the visible levels: a level
   * change at a price at least as good as the side's last visible level now
   * (a level that left the top makes a worse one visible, so it is caught too).
   */
  #visibleChange(k: number): boolean {
    const tape = this.tape;
    const book = this.#st.book;
    const L = this.visibleLevels;
    const to = tape.deltaEnd[k];
    for (let i = k === 0 ? 0 : tape.deltaEnd[k - 1]; i < to; i++) {
      const side = tape.deltaSide[i];
      if (book.levelCount(side) <= L) return true;
      const edge = book.priceAt(side, L - 1);
      if (side > 0 ? tape.deltaPrice[i] >= edge : tape.deltaPrice[i] <= edge) return true;
    }
    return false;
  }

  #feedState(tNs: number): void {
    const book = this.#st.book;
    const L = this.visibleLevels;
    const nb = Math.min(L, book.levelCount(1)), na = Math.min(L, book.levelCount(-1));
    for (let i = 0; i < nb; i++) this.#bidLv[i] = book.qtyAt(1, i);
    for (let i = 0; i < na; i++) this.#askLv[i] = book.qtyAt(-1, i);
    this.#acc.state(
      tNs,
      book.best(1),
      book.bestQty(1),
      book.best(-1),
      book.bestQty(-1),
      this.#bidViews[nb],
      this.#askViews[na],
    );
  }
}

/** Options of {@linkcode createReplayMarket}. */
export interface CreateReplayMarketOptions {
  /** A tape to share (built from the same section); read from the files when absent. */
  tape?: ReplayTape;
  /** Messages between the tape's checkpoints (default 2,048). */
  checkpointEvery?: number;
}

/**
 * Reads the section's LOBSTER files (the orderbook file "auto" = beside the
 * message file when present) and returns a market over them.
 */
export async function createReplayMarket(
  section: ReplayMarketSection,
  options: CreateReplayMarketOptions = {},
): Promise<ReplayMarket> {
  const tape = options.tape ??
    await loadReplayTape(section, { checkpointEvery: options.checkpointEvery ?? 2048 });
  return new ReplayMarket(section, tape);
}
