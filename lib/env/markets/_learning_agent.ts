/**
 * The learning agents' stand-ins inside the agent-based market's kernel: they
 * hold no logic. The market sends their requests through the kernel; the
 * exchange's answers (acknowledgements, executions, cancels, rejections)
 * reach them with the exchange → agent latency like everyone else's, and they
 * record what they learn: fills, and their live orders with the remaining
 * size as last reported.
 *
 * Answers sent at nearly the same time can arrive out of order under jittered
 * latency, so the remaining size of an order only ever decreases (the minimum
 * of every report), which makes the bookkeeping independent of arrival order.
 * @module
 */

import { Agent } from "../../sim/kernel/agent.ts";
import type { Kernel } from "../../sim/kernel/kernel.ts";
import { type Message, MessageKind } from "../../sim/kernel/messages.ts";
import type { Side } from "../../sim/engine/types.ts";
import type { AgentFill, AgentOrderState } from "../market.ts";

/** An order of a learning agent as the agent knows it (objects are recycled). */
export class TrackedOrder implements AgentOrderState {
  side: Side = 1;
  priceTicks = NaN;
  qty = 0;
  queueAhead = 0;
  /** Whether it is known to rest in the book (listed among the live orders). */
  resting = false;
}

/** A learning agent inside the kernel: forwards nothing itself, records what the exchange says. */
export class LearningAgentProxy extends Agent {
  /** Fills received and not yet drained, oldest first. */
  readonly fills: AgentFill[] = [];
  /** Orders known to rest in the book, by id. */
  readonly live: Map<number, TrackedOrder> = new Map();
  /** Every order not yet known to be finished (pending, resting or trading), by id. */
  readonly #orders = new Map<number, TrackedOrder>();
  readonly #free: TrackedOrder[] = [];

  /** @param index the agent's number in the environment (0 … n − 1) */
  constructor(readonly index: number) {
    super(`learning/${index}`, "learning");
  }

  /** Starts tracking an order the market has just sent for this agent. */
  track(orderId: number, side: Side, priceTicks: number, qty: number): void {
    const o = this.#free.pop() ?? new TrackedOrder();
    o.side = side;
    o.priceTicks = priceTicks;
    o.qty = qty;
    o.queueAhead = 0;
    o.resting = false;
    this.#orders.set(orderId, o);
  }

  /** Number of unfinished orders (pending, resting or trading). */
  get orderCount(): number {
    return this.#orders.size;
  }

  /** Whether `orderId` is one of this agent's unfinished orders. */
  owns(orderId: number): boolean {
    return this.#orders.has(orderId);
  }

  override receive(_k: Kernel, m: Message): void {
    const o = this.#orders.get(m.orderId);
    switch (m.kind) {
      case MessageKind.OrderExecuted: {
        this.fills.push({
          orderId: m.orderId,
          side: m.side as Side,
          priceTicks: m.price,
          qty: m.qty,
          tsNs: m.a3,
          maker: m.a2 !== 1,
        });
        if (o === undefined) return;
        if (m.a0 < o.qty) o.qty = m.a0;
        if (o.qty <= 0) this.#finish(m.orderId, o);
        else if (m.a2 !== 1) this.#rest(m.orderId, o); // traded as a maker: it rests
        return;
      }
      case MessageKind.OrderAccepted:
        if (o === undefined) return;
        if (m.qty < o.qty) o.qty = m.qty;
        if (o.qty <= 0) this.#finish(m.orderId, o);
        else this.#rest(m.orderId, o);
        return;
      case MessageKind.OrderCancelled:
        if (o === undefined) return;
        if (m.a0 < o.qty) o.qty = m.a0;
        if (o.qty <= 0) this.#finish(m.orderId, o);
        return;
      case MessageKind.OrderRejected:
        // Side 0: a cancel found no such order in the book (already finished, or
        // not yet arrived); the order's own reports settle it. Otherwise the order
        // itself was refused.
        if (o !== undefined && m.side !== 0) this.#finish(m.orderId, o);
        return;
    }
  }

  /** Forgets every order and fill (a new episode). */
  clear(): void {
    this.fills.length = 0;
    for (const o of this.#orders.values()) this.#free.push(o);
    this.#orders.clear();
    this.live.clear();
  }

  #rest(orderId: number, o: TrackedOrder): void {
    if (!o.resting) {
      o.resting = true;
      this.live.set(orderId, o);
    }
  }

  #finish(orderId: number, o: TrackedOrder): void {
    this.#orders.delete(orderId);
    if (o.resting) this.live.delete(orderId);
    this.#free.push(o);
  }
}
