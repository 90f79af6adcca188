/**
 * One agent's money: inventory, cash, fees and the marked-to-mid PnL. The
 * accounting identity PnL = cash + inventory × mid − starting value holds at
 * every step, fees included (fees are paid out of cash).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Account } from "./account.ts";
 * const a = new Account(0.01, { makerBps: -0.2, takerBps: 0.3 });
 * a.reset(0, 10_000);
 * a.fill(1, 10_000, 5, true);    // bought 5 at $100.00 as maker: rebate 0.2 bp
 * assert.equal(a.inventory, 5);
 * assert(Math.abs(a.fees - -0.01) < 1e-12);
 * assert(Math.abs(a.pnl(10_010) - (5 * 0.10 + 0.01)) < 1e-9);
 * ```
 * @module
 */

/** Fee schedule in basis points of notional (negative = rebate). */
export interface Fees {
  makerBps: number;
  takerBps: number;
}

/** An agent's position and cash. */
export class Account {
  /** Lots held (signed). */
  inventory = 0;
  /** Dollars. */
  cash = 0;
  /** Fees paid so far (dollars; negative = rebates earned). */
  fees = 0;
  /** Value at the start (dollars): cash + inventory × mid then. */
  startValue = 0;
  /** Cost basis of the open position (dollars), for the unrealised PnL. */
  #basis = 0;
  /** Lots traded so far. */
  traded = 0;

  constructor(readonly tickSize: number, readonly feeSchedule: Fees) {}

  /** Starts an episode holding `inventory` lots at mid `midTicks`. */
  reset(inventory: number, midTicks: number): void {
    this.inventory = inventory;
    this.cash = 0;
    this.fees = 0;
    this.traded = 0;
    this.#basis = inventory * midTicks * this.tickSize;
    this.startValue = this.#basis;
    this.cash = 0;
  }

  /** Books a fill: `side` +1 bought, −1 sold, at `priceTicks`; returns the fee (dollars). */
  fill(side: number, priceTicks: number, qty: number, maker: boolean): number {
    const notional = qty * priceTicks * this.tickSize;
    const fee = (notional * (maker ? this.feeSchedule.makerBps : this.feeSchedule.takerBps)) / 1e4;
    this.cash -= side * notional + fee;
    this.fees += fee;
    this.traded += qty;
    const before = this.inventory;
    const after = before + side * qty;
    // Cost basis: adding to a position adds notional; reducing releases it pro rata; crossing zero resets.
    if (before === 0 || Math.sign(before) === side) this.#basis += side * notional;
    else if (Math.abs(qty) <= Math.abs(before)) this.#basis *= after / before;
    else this.#basis = after * priceTicks * this.tickSize;
    this.inventory = after;
    return fee;
  }

  /** Liquidates the whole inventory at mid ∓ `costBps` (as a taker without fee); returns the cost (dollars). */
  liquidate(midTicks: number, costBps: number): number {
    if (this.inventory === 0) return 0;
    const mid = midTicks * this.tickSize;
    const price = mid * (1 - Math.sign(this.inventory) * costBps / 1e4);
    const cost = Math.abs(this.inventory) * mid * costBps / 1e4;
    this.cash += this.inventory * price;
    this.traded += Math.abs(this.inventory);
    this.inventory = 0;
    this.#basis = 0;
    return cost;
  }

  /** Marked-to-mid PnL (dollars), fees included. */
  pnl(midTicks: number): number {
    return this.cash + this.inventory * midTicks * this.tickSize - this.startValue;
  }

  /** Unrealised PnL of the open position at `midTicks` (dollars). */
  unrealised(midTicks: number): number {
    return this.inventory * midTicks * this.tickSize - this.#basis;
  }
}
