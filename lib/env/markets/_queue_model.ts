/**
 * Queue-position models of the replay market: how a cancel at an agent order's
 * price moves the replayed size queued ahead of it. Executions at the price
 * always advance it, and the size ahead never exceeds the level's size (both
 * handled by the market, as in hftbacktest's `RiskAdverseQueueModel`).
 *
 * - conservative: the agent is always last, so cancels come from behind it and
 *   never advance it (hftbacktest's `RiskAdverseQueueModel`).
 * - probabilistic: a cancel of size c removes c·P(ahead) from the size ahead,
 *   P(ahead) = f(ahead)/(f(ahead) + f(behind)) with f(x) = x^n: the idea of
 *   hftbacktest's `ProbQueueModel` / `PowerProbQueueFunc`
 *   (https://hftbacktest.readthedocs.io/en/latest/reference/queue_models.html),
 *   which follows E. Rigtorp, "Estimating order queue position" (2013),
 *   https://rigtorp.se/2013/06/08/estimating-order-queue-position.html. With
 *   n > 1 a cancel is likelier to come from the longer part of the queue.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { createQueueModel } from "./_queue_model.ts";
 * const q = createQueueModel("probabilistic", 2);
 * // 30 ahead, 10 behind (level 40): P(ahead) = 900/(900 + 100) = 0.9, so 5 cancelled → 4.5 of them ahead
 * assert.equal(q.onCancel(30, 5, 40), 25.5);
 * assert.equal(createQueueModel("conservative", 2).onCancel(30, 5, 40), 30);
 * ```
 * @module
 */

/** How cancels at its price move an order's queue position. */
export interface QueueModel {
  /** The name in the config. */
  readonly name: "conservative" | "probabilistic";
  /**
   * New size ahead after a replayed cancel of `cancelled` lots at the order's
   * price, where `levelBefore` lots rested before the cancel.
   */
  onCancel(ahead: number, cancelled: number, levelBefore: number): number;
}

class Conservative implements QueueModel {
  readonly name = "conservative" as const;
  onCancel(ahead: number): number {
    return ahead;
  }
}

class Probabilistic implements QueueModel {
  readonly name = "probabilistic" as const;
  readonly #n: number;
  constructor(power: number) {
    this.#n = power;
  }
  onCancel(ahead: number, cancelled: number, levelBefore: number): number {
    const behind = Math.max(0, levelBefore - ahead);
    const fa = Math.pow(ahead, this.#n), fb = Math.pow(behind, this.#n);
    const p = fa + fb > 0 ? fa / (fa + fb) : 0;
    return Math.max(0, ahead - cancelled * p);
  }
}

/** The queue model of a config name; `power` is n of the probabilistic model. */
export function createQueueModel(
  name: "conservative" | "probabilistic",
  power: number,
): QueueModel {
  return name === "conservative" ? new Conservative() : new Probabilistic(power);
}
