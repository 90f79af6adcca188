/**
 * The base columns every feature expression builds on, added to the interim
 * frame before the features (and dropped after): the mid, the one-row log
 * return, Parkinson's term, the OFI, the up and down moves of the mid, the
 * time of day, the interval length, the tick size and the depth sums, with
 * the same arithmetic, in the same order, as `OnlineRow.push`, so that the
 * Parquet features and the online ones agree to rounding.
 *
 * These expressions, and every feature's, are evaluated on a frame holding
 * exactly one symbol-day sorted by time (`computeFeatures` splits the input
 * so), which is what keeps every lag, window and recursion inside it: plain
 * `shift`, `rolling…` and `ewm…` with no `over`, which is several times
 * slower.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BASE, DAY_KEYS } from "./base.ts";
 * assert.deepEqual(DAY_KEYS, ["symbol", "date"]);
 * assert.equal(BASE.mid, "mid");
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { INV_FOUR_LN2, NS_PER_DAY, SNAP_TOLERANCE } from "./numeric.ts";
import type { FeatureParams } from "./types.ts";

/** The partition every window is taken within: one symbol on one date. */
export const DAY_KEYS = ["symbol", "date"] as const;

/** Names of the base columns (all but `mid` are internal and dropped). */
export const BASE = {
  /** (a + b)/2, snapped to the half-tick grid (`snapHalfTick` in numeric.ts). */
  mid: "mid",
  /** ln(mid_t / mid_{t−1}). */
  logReturn: "__f_lr1",
  /** (ln(H/L))² / (4·ln 2). */
  parkinson: "__f_hl",
  /** OFI of the interval (events, or consecutive snapshots). */
  ofi: "__f_ofi",
  /** 1 where the log return is nonzero, 0 where it is 0 (null where null). */
  logReturnMoved: "__f_lr1_nz",
  /** 1 where the Parkinson term is nonzero, 0 where it is 0 (null where null). */
  parkinsonMoved: "__f_hl_nz",
  /** max(Δmid, 0) = (|Δmid| + Δmid)/2. */
  up: "__f_up",
  /** max(−Δmid, 0) = (|Δmid| − Δmid)/2. */
  down: "__f_down",
  /** ns after midnight (Int64). */
  nsOfDay: "__f_ns",
  /** 1/(interval length in seconds) = 10⁹/Δ_ns. */
  perSecond: "__f_per_s",
  /** Tick size, dollars (column, or the fallback). */
  tick: "__f_tick",
  /** 2/tick: half ticks per dollar. */
  halfTicksPerDollar: "__f_htpd",
  /** Σ bid / ask sizes over the first L levels. */
  bidDepth: "__f_bd",
  askDepth: "__f_ad",
} as const;

/** `x` as Float64. */
export function f64(name: string): pl.Expr {
  return pl.col(name).cast(pl.Float64);
}

/** Cont-Kukanov-Stoikov OFI between consecutive grid rows of a symbol-day. */
export function snapshotOfi(): pl.Expr {
  const b = f64("best_bid"), a = f64("best_ask");
  const qb = f64("bid_qty_1"), qa = f64("ask_qty_1");
  const pb = b.shift(1), pa = a.shift(1), pqb = qb.shift(1), pqa = qa.shift(1);
  const ind = (e: pl.Expr) => e.cast(pl.Float64); // null stays null
  return ind(b.gtEq(pb)).mul(qb)
    .sub(ind(b.ltEq(pb)).mul(pqb))
    .sub(ind(a.ltEq(pa)).mul(qa))
    .add(ind(a.gtEq(pa)).mul(pqa));
}

/**
 * Σ sizes of `side` over levels 1…`levels` (level 1 must be known; deeper
 * empty levels count 0), summed in level order.
 */
function depthSum(side: "bid" | "ask", levels: number): pl.Expr {
  let s = f64(`${side}_qty_1`);
  for (let k = 2; k <= levels; k++) s = s.add(f64(`${side}_qty_${k}`).fillNull(0));
  return s;
}

/** The polars form of `snapHalfTick` (numeric.ts), with the row's tick. */
export function snapToHalfTick(x: pl.Expr): pl.Expr {
  const perDollar = pl.col(BASE.halfTicksPerDollar);
  const q = x.mul(perDollar);
  const k = q.round(0);
  const halfTick = pl.col(BASE.tick).mul(0.5);
  return pl.when(q.sub(k).abs().ltEq(SNAP_TOLERANCE)).then(k.mul(halfTick)).otherwise(x);
}

/**
 * The base column expressions, in dependency order (one `withColumns` stage
 * per element). `levels` is the number of book levels to sum for the depth
 * (min of the configured L and the levels present); `hasTickColumn` whether
 * the frame has a `tick_size` column; `ofiSource` where `ofi` comes from
 * ("auto": from `ofi_events` when it holds any value in the frame, else from
 * consecutive snapshots).
 */
export function baseColumns(
  p: FeatureParams,
  levels: number,
  hasTickColumn: boolean,
  ofiSource: "events" | "snapshots" | "auto" = "auto",
): pl.Expr[][] {
  const tsNs = pl.col("ts").cast(pl.Datetime("ns")).cast(pl.Int64);
  const step = tsNs.sub(tsNs.shift(1));
  const perSecond = p.decisionMs === undefined
    ? pl.lit(1e9).div(step.filter(step.gt(0)).min().cast(pl.Float64))
    : pl.lit(1e9 / (p.decisionMs * 1e6));
  const tick = hasTickColumn ? f64("tick_size").fillNull(p.tickSize) : pl.lit(p.tickSize);
  const ofi = ofiSource === "events"
    ? f64("ofi_events")
    : ofiSource === "snapshots"
    ? snapshotOfi()
    : pl.when(pl.col("ofi_events").isNotNull().any()).then(f64("ofi_events"))
      .otherwise(snapshotOfi());
  const stage1 = [
    tick.alias(BASE.tick),
    pl.lit(2).div(tick).alias(BASE.halfTicksPerDollar),
    tsNs.modulo(pl.lit(NS_PER_DAY).cast(pl.Int64)).alias(BASE.nsOfDay),
    perSecond.alias(BASE.perSecond),
    ofi.alias(BASE.ofi),
    depthSum("bid", levels).alias(BASE.bidDepth),
    depthSum("ask", levels).alias(BASE.askDepth),
  ];
  const hl = snapToHalfTick(f64("mid_high")).div(snapToHalfTick(f64("mid_low"))).log();
  const stage2 = [
    snapToHalfTick(f64("best_ask").add(f64("best_bid")).mul(0.5)).alias(BASE.mid),
    hl.mul(hl).mul(INV_FOUR_LN2).alias(BASE.parkinson),
  ];
  const m = pl.col(BASE.mid);
  const d = m.sub(m.shift(1));
  const lr = m.div(m.shift(1)).log();
  const stage3 = [
    lr.alias(BASE.logReturn),
    lr.neq(0).cast(pl.Float64).alias(BASE.logReturnMoved),
    pl.col(BASE.parkinson).neq(0).cast(pl.Float64).alias(BASE.parkinsonMoved),
    d.abs().add(d).mul(0.5).alias(BASE.up),
    d.abs().sub(d).mul(0.5).alias(BASE.down),
  ];
  return [stage1, stage2, stage3];
}
