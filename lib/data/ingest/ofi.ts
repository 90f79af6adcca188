/**
 * Order-flow imbalance of Cont, Kukanov and Stoikov (2014), "The price impact
 * of order book events", J. Financial Econometrics 12(1), eq. (2): for
 * consecutive best-quote states n − 1 → n (b bid, qb its size, a ask, qa its
 * size),
 *
 *   e_n = 1{b_n ≥ b_{n−1}}·qb_n − 1{b_n ≤ b_{n−1}}·qb_{n−1}
 *       − 1{a_n ≤ a_{n−1}}·qa_n + 1{a_n ≥ a_{n−1}}·qa_{n−1}.
 *
 * Positive e is buying pressure (bid size added or ask size removed). An
 * unchanged quote gives 0. An empty side counts as price −∞ (bid) or +∞
 * (ask) with size 0, so a side that appears contributes its whole size and
 * one that empties takes its last size away. The first state has no
 * predecessor: e_0 = 0.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ofiIncrements } from "./ofi.ts";
 * // bid size 5 → 8 at the same price (+3); then the ask improves 10.02 → 10.01 with 4 shares (−4).
 * const e = ofiIncrements(
 *   new Float64Array([10, 10, 10]), new Float64Array([5, 8, 8]),
 *   new Float64Array([10.02, 10.02, 10.01]), new Float64Array([6, 6, 4]),
 * );
 * assert.deepEqual([...e], [0, 3, -4]);
 * ```
 * @module
 */

/**
 * e_n for every state n (see the module doc); NaN prices mark empty sides.
 * Sizes of empty sides are taken as 0 whatever the arrays hold.
 */
export function ofiIncrements(
  bid: Float64Array,
  bidQty: Float64Array,
  ask: Float64Array,
  askQty: Float64Array,
): Float64Array {
  const n = bid.length;
  const e = new Float64Array(n);
  if (n === 0) return e;
  let b0 = Number.isNaN(bid[0]) ? -Infinity : bid[0];
  let qb0 = Number.isNaN(bid[0]) ? 0 : bidQty[0];
  let a0 = Number.isNaN(ask[0]) ? Infinity : ask[0];
  let qa0 = Number.isNaN(ask[0]) ? 0 : askQty[0];
  for (let i = 1; i < n; i++) {
    const emptyBid = Number.isNaN(bid[i]), emptyAsk = Number.isNaN(ask[i]);
    const b = emptyBid ? -Infinity : bid[i], qb = emptyBid ? 0 : bidQty[i];
    const a = emptyAsk ? Infinity : ask[i], qa = emptyAsk ? 0 : askQty[i];
    let x = 0;
    if (b >= b0) x += qb;
    if (b <= b0) x -= qb0;
    if (a <= a0) x -= qa;
    if (a >= a0) x += qa0;
    e[i] = x;
    b0 = b;
    qb0 = qb;
    a0 = a;
    qa0 = qa;
  }
  return e;
}
