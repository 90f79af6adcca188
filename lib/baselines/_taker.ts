/**
 * Private: what the taker baselines share: writing an order decision in lots
 * as an action in [−1, 1] (through the env's {@linkcode TakerActionMap}, the
 * one documented mapping), trading toward a target position, and following
 * the progress of a parent order.
 * @module
 */

import type { TakerActionMap, TakerOrder } from "../env/action_mapping.ts";
import type { AgentView } from "../env/policy.ts";
import { episodeSteps } from "./_clock.ts";

/** A parent order to execute: side (+1 buy, −1 sell), size in lots, horizon and urgency. */
export interface ParentOrder {
  /** +1 buy, −1 sell. */
  side: 1 | -1;
  /** Lots to trade in all. */
  size: number;
  /** Seconds from the episode start to finish in; null = the whole episode. */
  horizonSeconds: number | null;
  /** Market orders (true) or passive limit orders at the own side's best quote (false). */
  aggressive: boolean;
}

/** Checks a parent order's fields; throws a RangeError naming the bad one. */
export function checkParentOrder(p: ParentOrder, who: string): void {
  if (p.side !== 1 && p.side !== -1) {
    throw new RangeError(`${who}: expected side +1 or −1, found ${p.side}`);
  }
  if (!(Number.isSafeInteger(p.size) && p.size >= 1)) {
    throw new RangeError(`${who}: expected a parent size ≥ 1 lot, found ${p.size}`);
  }
  if (p.horizonSeconds !== null && !(p.horizonSeconds > 0)) {
    throw new RangeError(
      `${who}: expected a horizon > 0 seconds or null, found ${p.horizonSeconds}`,
    );
  }
}

/**
 * Writes "trade `signedLots` lots" as a taker action into `out`: the size is
 * rounded and clipped to the map's largest order; `order` is reused scratch.
 */
export function writeOrder(
  map: TakerActionMap,
  signedLots: number,
  aggressive: boolean,
  order: TakerOrder,
  out: Float32Array,
): void {
  const max = map.params.maxOrderSize;
  const q = Math.round(signedLots);
  order.signedSize = q > max ? max : q < -max ? -max : q === q ? q : 0;
  order.aggressive = aggressive;
  map.encode(order, out);
}

/** Writes the order that moves the inventory toward `target` lots. */
export function writeTowardTarget(
  map: TakerActionMap,
  view: AgentView,
  target: number,
  aggressive: boolean,
  order: TakerOrder,
  out: Float32Array,
): void {
  writeOrder(map, target - view.inventory, aggressive, order, out);
}

/** Decision steps a horizon covers: the whole episode when null, else at most the episode. */
export function horizonSteps(view: AgentView, horizonSeconds: number | null): number {
  const episode = episodeSteps(view);
  if (horizonSeconds === null) return episode;
  return Math.max(1, Math.min(episode, Math.round((horizonSeconds * 1e9) / view.decisionNs)));
}

/** How much of a parent order has been executed: inventory change since the episode's first decision. */
export class ParentProgress {
  #start = NaN;

  /** Forgets the starting inventory (call at every episode start). */
  reset(): void {
    this.#start = NaN;
  }

  /** Lots executed in the parent's direction (≥ 0); the first call of an episode fixes the start. */
  executed(view: AgentView, side: 1 | -1): number {
    if (Number.isNaN(this.#start)) this.#start = view.inventory;
    return Math.max(0, side * (view.inventory - this.#start));
  }
}
