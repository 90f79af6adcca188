/**
 * Order-book features: functions of one grid row's book (no window). b and a
 * are the best bid and ask, qb and qa their sizes, mid = (a + b)/2.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BOOK_FEATURES } from "./book.ts";
 * assert.deepEqual(BOOK_FEATURES.map((f) => f.name), [
 *   "mid_price", "spread", "spread_bps", "spread_rel", "imbalance", "depth_imbalance", "microprice",
 * ]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { BASE, f64 } from "./base.ts";
import { type FeatureDef, pointwise } from "./types.ts";

const a = () => f64("best_ask");
const b = () => f64("best_bid");
const qa = () => f64("ask_qty_1");
const qb = () => f64("bid_qty_1");

/** `mid_price` = (a + b)/2. */
export const midPrice: FeatureDef = {
  name: "mid_price",
  family: "book",
  definition:
    "mid = (a + b)/2, dollars (snapped to the half-tick grid when within 10⁻⁶ half ticks of it)",
  expr: () => pl.col(BASE.mid),
  online: pointwise((r) => r.mid.at(0)),
  batch: (_p, s, out) => out.set(s.mid.subarray(0, out.length)),
};

/** `spread` = a − b. */
export const spread: FeatureDef = {
  name: "spread",
  family: "book",
  definition: "a − b, dollars",
  expr: () => a().sub(b()),
  online: pointwise((r) => r.bestAsk - r.bestBid),
  batch: (_p, s, out) => {
    const a = s.bestAsk, b = s.bestBid;
    for (let i = 0; i < out.length; i++) out[i] = a[i] - b[i];
  },
};

/** `spread_bps` = 10⁴·(a − b)/mid. */
export const spreadBps: FeatureDef = {
  name: "spread_bps",
  family: "book",
  definition: "10⁴·(a − b)/mid, basis points",
  expr: () => a().sub(b()).div(pl.col(BASE.mid)).mul(1e4),
  online: pointwise((r) => ((r.bestAsk - r.bestBid) / r.mid.at(0)) * 1e4),
  batch: (_p, s, out) => {
    const a = s.bestAsk, b = s.bestBid, m = s.mid;
    for (let i = 0; i < out.length; i++) out[i] = ((a[i] - b[i]) / m[i]) * 1e4;
  },
};

/** `spread_rel` = (a − b)/tick size: the spread in ticks. */
export const spreadRel: FeatureDef = {
  name: "spread_rel",
  family: "book",
  definition:
    "(a − b)/tick, the spread in ticks; tick = the data's tick_size, else features.tick_size",
  // (a − b)·(1/tick): see numeric.ts on divisions by a constant.
  expr: () => a().sub(b()).mul(pl.lit(1).div(pl.col(BASE.tick))),
  online: pointwise((r) => (r.bestAsk - r.bestBid) * (1 / r.tickSize)),
  batch: (_p, s, out) => {
    const a = s.bestAsk, b = s.bestBid, perTick = 1 / s.tick;
    for (let i = 0; i < out.length; i++) out[i] = (a[i] - b[i]) * perTick;
  },
};

/** `imbalance` = (qb − qa)/(qb + qa). */
export const imbalance: FeatureDef = {
  name: "imbalance",
  family: "book",
  definition: "(qb − qa)/(qb + qa), level 1; null when qb + qa = 0",
  expr: () => qb().sub(qa()).div(qb().add(qa())),
  online: pointwise((r) => (r.bidQty1 - r.askQty1) / (r.bidQty1 + r.askQty1)),
  batch: (_p, s, out) => {
    const qb = s.bidQty1, qa = s.askQty1;
    for (let i = 0; i < out.length; i++) out[i] = (qb[i] - qa[i]) / (qb[i] + qa[i]);
  },
};

/** `depth_imbalance` = (Σ bid sizes − Σ ask sizes)/(Σ bid sizes + Σ ask sizes), first L levels. */
export const depthImbalance: FeatureDef = {
  name: "depth_imbalance",
  family: "book",
  definition:
    "(B − A)/(B + A), B and A the bid and ask sizes summed over levels 1…L (features.depth_levels, capped at the data's levels; an empty level counts 0)",
  expr: () =>
    pl.col(BASE.bidDepth).sub(pl.col(BASE.askDepth))
      .div(pl.col(BASE.bidDepth).add(pl.col(BASE.askDepth))),
  online: pointwise((r) => (r.bidDepth - r.askDepth) / (r.bidDepth + r.askDepth)),
  batch: (_p, s, out) => {
    const bd = s.bidDepth, ad = s.askDepth;
    for (let i = 0; i < out.length; i++) out[i] = (bd[i] - ad[i]) / (bd[i] + ad[i]);
  },
};

/** `microprice` = (a·qb + b·qa)/(qb + qa). */
export const microprice: FeatureDef = {
  name: "microprice",
  family: "book",
  definition: "(a·qb + b·qa)/(qb + qa), dollars",
  expr: () => a().mul(qb()).add(b().mul(qa())).div(qb().add(qa())),
  online: pointwise((r) =>
    (r.bestAsk * r.bidQty1 + r.bestBid * r.askQty1) / (r.bidQty1 + r.askQty1)
  ),
  batch: (_p, s, out) => {
    const a = s.bestAsk, b = s.bestBid, qb = s.bidQty1, qa = s.askQty1;
    for (let i = 0; i < out.length; i++) out[i] = (a[i] * qb[i] + b[i] * qa[i]) / (qb[i] + qa[i]);
  },
};

/** The order-book family, in table order. */
export const BOOK_FEATURES: readonly FeatureDef[] = [
  midPrice,
  spread,
  spreadBps,
  spreadRel,
  imbalance,
  depthImbalance,
  microprice,
];
