/**
 * The market behind the environment, as one small swappable interface (as
 * hftbacktest keeps each market assumption behind one): the environment sends
 * the learning agents' requests with their arrival times, advances the market
 * one decision interval at a time, and reads back fills and market data.
 * Three implementations live in `markets/`: the agent-based market (orders
 * enter the live book), replay of recorded data (orders matched against the
 * replayed flow with a queue-position model; the market does not react), and
 * the Avellaneda-Stoikov model market (for validation).
 *
 * Units: prices in integer ticks, sizes in lots, time in ns after midnight.
 * @module
 */

import type { Side } from "../sim/engine/types.ts";
import type { GridRow } from "../features/online.ts";

/** What an episode covers. */
export interface EpisodeSpec {
  /** Seed of everything random in the episode (background flow, fills). */
  seed: number;
  /** Session date, YYYY-MM-DD. */
  date: string;
  /** Episode window, ns after midnight. */
  startNs: number;
  endNs: number;
  /**
   * Market data to keep from before the start (ns): after `reset`, grid rows
   * from `startNs − warmupNs` (or the earliest time the market has) can be
   * read, so the environment can fill its feature windows. Default 0.
   */
  warmupNs?: number;
}

/** One fill of a learning agent's order. */
export interface AgentFill {
  orderId: number;
  /** Side of the agent's order (+1 bought, −1 sold). */
  side: Side;
  priceTicks: number;
  qty: number;
  tsNs: number;
  /** Whether the agent's order was resting (maker) rather than aggressing (taker). */
  maker: boolean;
}

/** A live order of a learning agent, as the market sees it. */
export interface AgentOrderState {
  side: Side;
  priceTicks: number;
  /** Remaining size (lots). */
  qty: number;
  /** Size queued ahead of it at its price (lots), by the market's queue model. */
  queueAhead: number;
}

/** The simulation backend of a {@linkcode MarketEnv}. */
export interface Market {
  /** Short name ("abm", "replay", "as-model"). */
  readonly name: string;
  /** Dollars per tick. */
  readonly tickSize: number;
  /** Current market time (ns after midnight). */
  readonly nowNs: number;
  /** Whether the market has no more data for this episode (replay ran out). */
  readonly exhausted: boolean;
  /** Starts an episode; `agents` learning agents will trade (ids 0 … agents − 1). */
  reset(episode: EpisodeSpec, agents: number): void;
  /** A limit order of agent `agent` that reaches the exchange at `arriveNs`; returns its id. */
  submitLimit(agent: number, side: Side, priceTicks: number, qty: number, arriveNs: number): number;
  /** A market order that reaches the exchange at `arriveNs`; returns its id. */
  submitMarket(agent: number, side: Side, qty: number, arriveNs: number): number;
  /** A cancel that reaches the exchange at `arriveNs`. */
  cancel(agent: number, orderId: number, arriveNs: number): void;
  /** Runs the market up to and including `tNs`. */
  advanceTo(tNs: number): void;
  /** Moves the agent's fills since the last call into `out` (appending). */
  drainFills(agent: number, out: AgentFill[]): void;
  /** The live orders of an agent, by id. */
  liveOrders(agent: number): ReadonlyMap<number, AgentOrderState>;
  /**
   * Market data as of `asOfNs` (≤ now): the book then, and aggregates over the
   * interval since the previous call, in the interim columns' terms.
   */
  gridRow(asOfNs: number, out: MutableGridRow): void;
  /** Mid price in ticks now (NaN when a side is empty). */
  midTicks(): number;
  /** Best quotes in ticks now (NaN when empty). */
  bestBidTicks(): number;
  bestAskTicks(): number;
}

/** A {@linkcode GridRow} the market fills in place. */
export interface MutableGridRow extends GridRow {
  bidQty: Float64Array;
  askQty: Float64Array;
}

/** A grid row with room for `levels` levels (all NaN). */
export function newGridRow(levels: number): MutableGridRow {
  return {
    date: "",
    timeNs: 0,
    tickSize: NaN,
    bestBid: NaN,
    bestAsk: NaN,
    bidQty: new Float64Array(levels).fill(NaN),
    askQty: new Float64Array(levels).fill(NaN),
    tradeCount: NaN,
    tradeVolume: NaN,
    cancelCount: NaN,
    midHigh: NaN,
    midLow: NaN,
    ofiEvents: NaN,
  };
}
