/**
 * The discrete-event kernel: integer-nanosecond time, one event queue, agents
 * that talk only through delayed messages (after ABIDES's kernel, without its
 * wall-clock defaults). A message sent at `now` by agent `a` to agent `b`
 * arrives at `now + computeDelay(a) + latency(a, b, kind)`; messages due at
 * the same nanosecond arrive in the order they were sent.
 *
 * `run()` is `start()`, `runUntil(endNs)` and `finish()`; a caller that drives
 * the session step by step (the environment's agent-based market) calls them
 * itself and injects its own requests with `sendAt`, at arrival times it has
 * computed. Stepping delivers exactly the messages one `run()` would.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Agent, ExchangeAgent, Kernel, MessageKind, type Message } from "./mod.ts";
 * import { ConstantLatency } from "../latency/mod.ts";
 * class Buyer extends Agent {
 *   fills = 0;
 *   override start(k: Kernel) { k.wakeAt(this.id, 1_000); }
 *   override wakeup(k: Kernel) { k.sendMarket(this.id, 0, k.nextOrderId(), 1, 5); }
 *   override receive(_k: Kernel, m: Message) { if (m.kind === MessageKind.OrderExecuted) this.fills += m.qty; }
 * }
 * class Seller extends Agent {
 *   override start(k: Kernel) { k.sendLimit(this.id, 0, k.nextOrderId(), -1, 10_000, 5); }
 * }
 * const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e9, latency: new ConstantLatency(100) });
 * k.addAgent(new ExchangeAgent(["SIM"]));
 * k.addAgent(new Seller("seller", "test"));
 * const buyer = new Buyer("buyer", "test");
 * k.addAgent(buyer);
 * k.run();
 * assert.equal(buyer.fills, 5);
 * ```
 * @module
 */

import { Rng } from "../../core/rng.ts";
import { ConstantLatency } from "../latency/constant.ts";
import { type LatencyModel, RequestKind } from "../latency/latency_model.ts";
import type { Agent } from "./agent.ts";
import { EventQueue } from "./event_queue.ts";
import { Message, MessageKind, MessagePool } from "./messages.ts";

/** Options of {@linkcode Kernel}. */
export interface KernelOptions {
  /** Master seed: every agent's stream is derived from it by the agent's name. */
  seed: number;
  /** Session start (ns after midnight): agents start here. */
  startNs: number;
  /** Session end (ns): nothing due later is delivered; agents end here. */
  endNs: number;
  /** One-way latency between agents (default: constant 100 µs). */
  latency?: LatencyModel;
  /** First id {@linkcode Kernel.nextOrderId} hands out (default 1). */
  firstOrderId?: number;
}

/** What a run did. */
export interface KernelStats {
  /** Messages delivered, wake-ups included. */
  messages: number;
  /** Messages delivered per kind name. */
  byKind: number[];
  /** Messages still queued past the session end (not delivered). */
  undelivered: number;
}

/** The event loop and the agents' only channel to each other. */
export class Kernel {
  /** Current simulated time (ns). */
  now: number;
  readonly startNs: number;
  readonly endNs: number;
  readonly agents: Agent[] = [];
  readonly latency: LatencyModel;
  /** Id of the first exchange agent added (orders are sent there). */
  exchangeId = -1;
  readonly #master: Rng;
  readonly #pool = new MessagePool(1 << 14);
  readonly #queue: EventQueue;
  readonly #msg = new Message();
  #seq = 0;
  #nextOrderId: number;
  #delivered = 0;
  /** 0 = not started, 1 = running, 2 = finished. */
  #phase = 0;
  readonly #byKind: number[] = new Array(16).fill(0);

  constructor(options: KernelOptions) {
    if (!(options.endNs >= options.startNs)) {
      throw new RangeError(
        `Kernel: expected endNs ≥ startNs, found ${options.startNs} … ${options.endNs}`,
      );
    }
    this.startNs = options.startNs;
    this.endNs = options.endNs;
    this.now = options.startNs;
    this.latency = options.latency ?? new ConstantLatency();
    this.#nextOrderId = options.firstOrderId ?? 1;
    this.#master = Rng.fromSeed(options.seed);
    this.#queue = new EventQueue(this.#pool);
  }

  /** Registers an agent and returns its id; an agent with `isExchange` becomes the order destination. */
  addAgent<A extends Agent>(agent: A): A {
    agent.id = this.agents.length;
    agent.rng = this.#master.derive(`agent/${agent.name}`);
    this.agents.push(agent);
    if ((agent as { isExchange?: boolean }).isExchange === true && this.exchangeId < 0) {
      this.exchangeId = agent.id;
    }
    return agent;
  }

  /** A stream derived from the master seed for a named component (e.g. the fundamental). */
  stream(name: string): Rng {
    return this.#master.derive(name);
  }

  /** A fresh order id, unique within the run. */
  nextOrderId(): number {
    return this.#nextOrderId++;
  }

  /** Runs the session: start hooks, the event loop up to `endNs`, end hooks. */
  run(): KernelStats {
    this.start();
    this.runUntil(this.endNs);
    return this.finish();
  }

  /**
   * Calls every agent's start hook, in id order (the first part of
   * {@linkcode run}; then step with {@linkcode runUntil} and close with
   * {@linkcode finish}). Agents added later are never started.
   */
  start(): void {
    if (this.#phase !== 0) throw new Error("Kernel.start: expected a kernel not yet started");
    this.#phase = 1;
    for (const a of this.agents) a.start(this);
  }

  /**
   * Delivers every message due at or before `tNs` (never past `endNs`), then
   * sets `now` to `tNs` (at most `endNs`). Stepping a session through any
   * sequence of times delivers exactly what one {@linkcode run} would.
   */
  runUntil(tNs: number): void {
    if (this.#phase !== 1) {
      throw new Error(
        `Kernel.runUntil: expected a started, unfinished kernel (phase ${this.#phase})`,
      );
    }
    if (!(tNs >= this.now)) {
      throw new RangeError(`Kernel.runUntil: expected a time ≥ now = ${this.now}, found ${tNs}`);
    }
    const stop = tNs < this.endNs ? tNs : this.endNs;
    const pool = this.#pool;
    const q = this.#queue;
    const msg = this.#msg;
    const agents = this.agents;
    const byKind = this.#byKind;
    while (q.size > 0 && q.peekTime() <= stop) {
      const slot = q.pop();
      this.now = pool.timeNs[slot];
      pool.read(slot, msg);
      pool.release(slot);
      this.#delivered++;
      byKind[msg.kind]++;
      const agent = agents[msg.to];
      if (msg.kind === MessageKind.Wakeup) agent.wakeup(this);
      else agent.receive(this, msg);
    }
    this.now = stop;
  }

  /** Sets `now` to `endNs`, calls every agent's end hook in id order, and returns the run's statistics. */
  finish(): KernelStats {
    if (this.#phase !== 1) {
      throw new Error(
        `Kernel.finish: expected a started, unfinished kernel (phase ${this.#phase})`,
      );
    }
    this.#phase = 2;
    this.now = this.endNs;
    for (const a of this.agents) a.end(this);
    return this.stats();
  }

  /** Statistics so far. */
  stats(): KernelStats {
    return {
      messages: this.#delivered,
      byKind: this.#byKind.slice(0, 11),
      undelivered: this.#queue.size,
    };
  }

  /**
   * Sends a request from agent `from` to the exchange that arrives exactly at
   * `arriveNs` (≥ now): for callers that have already applied their own
   * latency (the learning agents of the environment). Fields as in the
   * message table of `messages.ts`; ignored past the session end.
   */
  sendAt(
    kind: MessageKind,
    from: number,
    arriveNs: number,
    symbol: number,
    orderId: number,
    side = 0,
    price = 0,
    qty = 0,
    a0 = 0,
    a1 = 0,
  ): void {
    const to = this.#exchange();
    if (!(arriveNs >= this.now)) {
      throw new RangeError(
        `Kernel.sendAt: expected an arrival time ≥ now = ${this.now}, found ${arriveNs}`,
      );
    }
    if (arriveNs > this.endNs) return;
    this.#enqueue(kind, from, to, arriveNs, symbol, orderId, side, price, qty, a0, a1);
  }

  /** Asks for `agent.wakeup` at time `tNs` (no latency; ignored past the session end). */
  wakeAt(agentId: number, tNs: number): void {
    if (tNs > this.endNs) return;
    this.#enqueue(MessageKind.Wakeup, agentId, agentId, Math.max(tNs, this.now));
  }

  /** Sends a limit order to the exchange. */
  sendLimit(
    from: number,
    symbol: number,
    orderId: number,
    side: number,
    price: number,
    qty: number,
    timeInForce = 0,
    postOnly = false,
  ): void {
    const to = this.#exchange();
    const t = this.#arrival(from, to, RequestKind.Place);
    this.#enqueue(
      MessageKind.LimitOrder,
      from,
      to,
      t,
      symbol,
      orderId,
      side,
      price,
      qty,
      timeInForce,
      postOnly ? 1 : 0,
    );
  }

  /** Sends a market order to the exchange. */
  sendMarket(from: number, symbol: number, orderId: number, side: number, qty: number): void {
    const to = this.#exchange();
    const t = this.#arrival(from, to, RequestKind.Place);
    this.#enqueue(MessageKind.MarketOrder, from, to, t, symbol, orderId, side, 0, qty);
  }

  /** Sends a cancel (`qty` 0 = the whole order; otherwise a partial cancel of `qty`). */
  sendCancel(from: number, symbol: number, orderId: number, qty = 0): void {
    const to = this.#exchange();
    const t = this.#arrival(from, to, RequestKind.Cancel);
    this.#enqueue(MessageKind.CancelOrder, from, to, t, symbol, orderId, 0, 0, qty);
  }

  /** Sends a modify (new price and size; see the engine for when priority is kept). */
  sendModify(from: number, symbol: number, orderId: number, price: number, qty: number): void {
    const to = this.#exchange();
    const t = this.#arrival(from, to, RequestKind.Modify);
    this.#enqueue(MessageKind.ModifyOrder, from, to, t, symbol, orderId, 0, price, qty);
  }

  /** Asks the exchange for the current best quotes of a symbol (answered with MarketData). */
  requestMarketData(from: number, symbol: number): void {
    const to = this.#exchange();
    const t = this.#arrival(from, to, RequestKind.Other);
    this.#enqueue(MessageKind.MarketDataRequest, from, to, t, symbol);
  }

  /**
   * Sends a response from one agent to another (used by the exchange):
   * arrives after the sender's compute delay and the latency for `Other`.
   */
  respond(
    from: number,
    to: number,
    kind: MessageKind,
    symbol: number,
    orderId: number,
    side: number,
    price: number,
    qty: number,
    a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
  ): void {
    const t = this.#arrival(from, to, RequestKind.Other);
    this.#enqueue(kind, from, to, t, symbol, orderId, side, price, qty, a0, a1, a2, a3);
  }

  /** The exchange agent's id (orders go there). */
  #exchange(): number {
    if (this.exchangeId < 0) throw new Error("Kernel: no exchange agent was added");
    return this.exchangeId;
  }

  /** Arrival time of a message sent now: the sender's compute delay plus the latency. */
  #arrival(from: number, to: number, request: RequestKind): number {
    return this.now + this.agents[from].computeDelayNs + this.latency.delayNs(from, to, request);
  }

  /** Stores one message (every field set; unused ones 0) and queues it. */
  #enqueue(
    kind: MessageKind,
    from: number,
    to: number,
    timeNs: number,
    symbol = 0,
    orderId = 0,
    side = 0,
    price = 0,
    qty = 0,
    a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0,
  ): void {
    const p = this.#pool;
    const s = p.alloc();
    p.kind[s] = kind;
    p.from[s] = from;
    p.to[s] = to;
    p.timeNs[s] = timeNs;
    p.seq[s] = this.#seq++;
    p.symbol[s] = symbol;
    p.orderId[s] = orderId;
    p.side[s] = side;
    p.price[s] = price;
    p.qty[s] = qty;
    p.a0[s] = a0;
    p.a1[s] = a1;
    p.a2[s] = a2;
    p.a3[s] = a3;
    this.#queue.push(s);
  }
}
