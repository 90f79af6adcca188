/**
 * Polars frames of a simulated session, for the feature pipeline:
 *
 * - {@linkcode snapshotsFrame}: the book sampled every `decisionMs` from the
 *   session open to its close (the state after the last event at or before
 *   each grid time). Columns `ts` (Datetime ns: the session date plus the ns
 *   after midnight, exchange local time, no time zone), `symbol`, `best_bid`,
 *   `best_ask` (Float64, dollars), then `bid_price_1…N`, `bid_qty_1…N`,
 *   `ask_price_1…N`, `ask_qty_1…N` (Float64 dollars; Int64 shares).
 *   **An empty level is null** in both its price and its quantity (and so are
 *   `best_bid` / `best_ask` when a side is empty); never NaN.
 * - {@linkcode tradesFrame}: one row per execution of a resting order
 *   (visible, LOBSTER type 4, and hidden, type 5; crosses are left out):
 *   `ts`, `symbol`, `price` (Float64, dollars), `qty` (Int64), `aggressor_side`
 *   (Int8: +1 buyer-initiated, −1 seller-initiated, i.e. minus the resting
 *   order's side), `maker_order_id` (Int64; 0 for hidden executions).
 *
 * Series are built from typed arrays (fast), never from JS arrays of numbers.
 * Permissions: polars loads a native library (`--allow-ffi`) and reads
 * `cpus`, `networkInterfaces` and `hostname` while choosing it (`--allow-sys`).
 * @module
 */

import pl from "nodejs-polars";
import { EventKind } from "../market_data/mod.ts";
import type { BookSnapshots } from "../market_data/mod.ts";
import type { SimulatedSession } from "../session.ts";
import { midnightEpochNs } from "./lobster_time.ts";
import { sampleOnGrid } from "./snapshot_grid.ts";

/** Price units per dollar (LOBSTER prices are dollars × 10,000). */
const UNITS_PER_DOLLAR = 10_000;

/** A Datetime(ns) series of `date` plus the ns after midnight in `tsNs`. */
export function datetimeSeries(name: string, date: string, tsNs: Float64Array): pl.Series {
  const base = midnightEpochNs(date);
  const epoch = new BigInt64Array(tsNs.length);
  for (let i = 0; i < tsNs.length; i++) epoch[i] = base + BigInt(tsNs[i]);
  // polars accepts a BigInt64Array (an Int64 series, no copy through JS numbers); its
  // typings omit it.
  return pl.Series(name, epoch as unknown as number[]).cast(pl.Datetime("ns"));
}

/** `NaN → null` for a Float64 column, cast to `dtype` when given. */
function nanToNull(name: string, dtype?: pl.DataType): pl.Expr {
  const e = pl.when(pl.col(name).isNan()).then(pl.lit(null)).otherwise(pl.col(name));
  return (dtype === undefined ? e : e.cast(dtype)).alias(name);
}

/**
 * The session's book sampled every `decisionMs` ms (see the module doc), from
 * `snapshots` (the book after every event, prices in ticks, as given by
 * {@linkcode replaySessionBook}); `levels` ≤ `snapshots.levels`.
 */
export function snapshotsFrame(
  session: SimulatedSession,
  snapshots: BookSnapshots,
  levels: number,
  decisionMs: number,
): pl.DataFrame {
  if (!(Number.isInteger(levels) && levels >= 1 && levels <= snapshots.levels)) {
    throw new RangeError(`levels: expected 1 … ${snapshots.levels}, found ${levels}`);
  }
  const grid = sampleOnGrid(
    snapshots.tsNs,
    snapshots.count,
    session.sessionStartNs,
    session.sessionEndNs,
    Math.round(decisionMs * 1e6),
  );
  const n = grid.rows.length;
  const L = snapshots.levels;
  const tick = session.tickSize;
  const columns: pl.Series[] = [];
  const sides = [
    ["bid", snapshots.bidPrice, snapshots.bidQty],
    ["ask", snapshots.askPrice, snapshots.askQty],
  ] as const;
  const priceCols: Float64Array[] = [];
  for (const [side, prices, qtys] of sides) {
    const px: pl.Series[] = [], qty: pl.Series[] = [];
    for (let l = 0; l < levels; l++) {
      const p = new Float64Array(n), q = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const r = grid.rows[j];
        const price = r < 0 ? NaN : prices[r * L + l];
        p[j] = (price * tick) / UNITS_PER_DOLLAR; // exact ints, one rounding
        q[j] = Number.isNaN(price) ? NaN : qtys[r * L + l];
      }
      if (l === 0) priceCols.push(p);
      px.push(pl.Series(`${side}_price_${l + 1}`, p));
      qty.push(pl.Series(`${side}_qty_${l + 1}`, q));
    }
    columns.push(...px, ...qty);
  }
  const head = [
    datetimeSeries("ts", session.date, grid.timesNs),
    pl.Series("best_bid", priceCols[0]),
    pl.Series("best_ask", priceCols[1]),
  ];
  const all = [...head, ...columns];
  const fix = all.slice(1).map((s) =>
    nanToNull(s.name, s.name.includes("_qty_") ? pl.Int64 : undefined)
  );
  return pl.DataFrame(all)
    .withColumns(...fix, pl.lit(session.symbol).alias("symbol"))
    .select("ts", "symbol", ...all.slice(1).map((s) => s.name));
}

/** The session's executions (see the module doc). */
export function tradesFrame(session: SimulatedSession): pl.DataFrame {
  const ev = session.events;
  let n = 0;
  for (let i = 0; i < ev.count; i++) {
    if (ev.kind[i] === EventKind.Trade || ev.kind[i] === EventKind.HiddenTrade) n++;
  }
  const ts = new Float64Array(n), price = new Float64Array(n), qty = new Float64Array(n);
  const aggressor = new Int8Array(n), maker = new Float64Array(n);
  const tick = session.tickSize;
  for (let i = 0, j = 0; i < ev.count; i++) {
    const kind = ev.kind[i];
    if (kind !== EventKind.Trade && kind !== EventKind.HiddenTrade) continue;
    ts[j] = ev.tsNs[i];
    price[j] = (ev.priceTicks[i] * tick) / UNITS_PER_DOLLAR;
    qty[j] = ev.qty[i];
    aggressor[j] = -ev.side[i];
    maker[j] = ev.orderId[i];
    j++;
  }
  return pl.DataFrame([
    datetimeSeries("ts", session.date, ts),
    pl.Series("price", price),
    pl.Series("qty", qty).cast(pl.Int64),
    pl.Series("aggressor_side", aggressor),
    pl.Series("maker_order_id", maker).cast(pl.Int64),
  ]).withColumns(pl.lit(session.symbol).alias("symbol"))
    .select("ts", "symbol", "price", "qty", "aggressor_side", "maker_order_id");
}
