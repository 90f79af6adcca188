/**
 * Between the two forms of one interim symbol-day: the polars frame of
 * `./schema.ts` and the typed arrays of `./grid_day.ts`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { gridDayFromFrame, gridDayToFrame } from "./grid_day_frame.ts";
 * import { emptyGridDay } from "./grid_day.ts";
 * const g = emptyGridDay({ symbol: "A", date: "2024-01-02", rows: 2, levels: 1, tickSize: 0.01 });
 * g.timeNs.set([34_200e9, 34_200.1e9]);
 * g.bestBid.set([10, 10.01]);
 * g.bestAsk.set([10.02, 10.02]);
 * const frame = gridDayToFrame(g);
 * assert.equal(frame.height, 2);
 * const back = gridDayFromFrame(frame);
 * assert.deepEqual(Array.from(back.bestBid), [10, 10.01]);
 * assert.equal(back.timeNs[1], 34_200.1e9);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../../core/errors.ts";
import { type GridDay } from "./grid_day.ts";
import { INTERIM_FIXED_COLUMNS, levelColumns } from "./schema.ts";

const NS_PER_DAY = 86_400_000_000_000;

/** Float64 values of a column, NaN for null. */
function f64(frame: pl.DataFrame, name: string): Float64Array {
  return frame.select(pl.col(name).cast(pl.Float64).fillNull(pl.lit(NaN)).alias("v"))
    .getColumn("v").toTypedArray() as Float64Array;
}

/** A column's values, or null when the column is absent or entirely null. */
function optional(frame: pl.DataFrame, name: string): Float64Array | null {
  if (!frame.columns.includes(name)) return null;
  const s = frame.getColumn(name);
  return s.nullCount() === s.length ? null : f64(frame, name);
}

/**
 * The typed arrays of an interim frame holding one symbol-day (rows in
 * time order). Throws naming `source` when a required column is missing or
 * the frame holds several symbols or dates.
 */
export function gridDayFromFrame(frame: pl.DataFrame, source = "interim frame"): GridDay {
  for (const c of ["ts", "symbol", "date", "best_bid", "best_ask", "bid_qty_1", "ask_qty_1"]) {
    if (!frame.columns.includes(c)) {
      throw new InputError({
        file: source,
        keyPath: c,
        expected: `an interim frame with column "${c}"`,
        found: `columns ${frame.columns.join(", ")}`,
      });
    }
  }
  const keys = frame.select(
    pl.col("symbol").nUnique().alias("s"),
    pl.col("date").nUnique().alias("d"),
  ).row(0);
  if (frame.height > 0 && (Number(keys[0]) !== 1 || Number(keys[1]) !== 1)) {
    throw new InputError({
      file: source,
      expected: "one symbol-day",
      found: `${keys[0]} symbols, ${keys[1]} dates`,
    });
  }
  const symbol = frame.height > 0 ? String(frame.getColumn("symbol").get(0)) : "";
  const date = frame.height > 0 ? String(frame.getColumn("date").get(0)) : "1970-01-01";
  const day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  const timeNs = frame.select(
    pl.col("ts").cast(pl.Datetime("ns")).cast(pl.Int64)
      .modulo(pl.lit(NS_PER_DAY).cast(pl.Int64)).cast(pl.Float64).alias("t"),
  ).getColumn("t").toTypedArray() as Float64Array;
  let levels = 0;
  while (frame.columns.includes(`bid_qty_${levels + 1}`)) levels++;
  const side = (k: number, j: number) => {
    const name = levelColumns(k)[j];
    if (frame.columns.includes(name)) return f64(frame, name);
    if (name === "bid_price_1") return f64(frame, "best_bid");
    if (name === "ask_price_1") return f64(frame, "best_ask");
    return new Float64Array(frame.height).fill(NaN);
  };
  const ks = Array.from({ length: levels }, (_, i) => i + 1);
  const tick = frame.columns.includes("tick_size") && frame.height > 0
    ? Number(frame.getColumn("tick_size").get(0))
    : NaN;
  return {
    symbol,
    date,
    day,
    rows: frame.height,
    tickSize: tick,
    levels,
    timeNs,
    bestBid: f64(frame, "best_bid"),
    bestAsk: f64(frame, "best_ask"),
    bidPrice: ks.map((k) => side(k, 0)),
    bidQty: ks.map((k) => side(k, 1)),
    askPrice: ks.map((k) => side(k, 2)),
    askQty: ks.map((k) => side(k, 3)),
    tradeCount: optional(frame, "trade_count"),
    tradeVolume: optional(frame, "trade_volume"),
    cancelCount: optional(frame, "cancel_count"),
    midHigh: optional(frame, "mid_high") ?? new Float64Array(frame.height).fill(NaN),
    midLow: optional(frame, "mid_low") ?? new Float64Array(frame.height).fill(NaN),
    ofiEvents: optional(frame, "ofi_events"),
  };
}

/** A Float64 series (NaN marks null; an absent column is all NaN). */
function nullable(name: string, values: Float64Array | null, rows: number): pl.Series {
  return pl.Series(name, values ?? new Float64Array(rows).fill(NaN));
}

/**
 * The interim frame of a {@linkcode GridDay}: the columns of `./schema.ts`
 * in its order, NaN cells as null, counts as Int64.
 */
export function gridDayToFrame(g: GridDay): pl.DataFrame {
  const midnight = BigInt(g.day) * BigInt(NS_PER_DAY);
  const series: pl.Series[] = [
    pl.Series("t", g.timeNs),
    nullable("best_bid", g.bestBid, g.rows),
    nullable("best_ask", g.bestAsk, g.rows),
    nullable("trade_count", g.tradeCount, g.rows),
    nullable("trade_volume", g.tradeVolume, g.rows),
    nullable("cancel_count", g.cancelCount, g.rows),
    nullable("mid_high", g.midHigh, g.rows),
    nullable("mid_low", g.midLow, g.rows),
    nullable("ofi_events", g.ofiEvents, g.rows),
  ];
  const levelNames: string[] = [];
  for (let k = 1; k <= g.levels; k++) {
    const [bp, bq, ap, aq] = levelColumns(k);
    series.push(
      nullable(bp, g.bidPrice[k - 1], g.rows),
      nullable(bq, g.bidQty[k - 1], g.rows),
      nullable(ap, g.askPrice[k - 1], g.rows),
      nullable(aq, g.askQty[k - 1], g.rows),
    );
    levelNames.push(bp, bq, ap, aq);
  }
  const nanToNull = (name: string, int = false) => {
    const c = pl.col(name);
    const e = pl.when(c.isNan()).then(pl.lit(null).cast(pl.Float64)).otherwise(c);
    return (int ? e.cast(pl.Int64) : e).alias(name);
  };
  const counts = new Set(["trade_count", "cancel_count"]);
  return pl.DataFrame(series).select(
    pl.col("t").cast(pl.Int64).plus(pl.lit(midnight).cast(pl.Int64)).cast(pl.Datetime("ns"))
      .alias("ts"),
    pl.lit(g.symbol).alias("symbol"),
    pl.lit(g.date).alias("date"),
    pl.lit(g.tickSize).cast(pl.Float64).alias("tick_size"),
    ...INTERIM_FIXED_COLUMNS.slice(4).map((c) => nanToNull(c, counts.has(c))),
    ...levelNames.map((c) => nanToNull(c)),
  );
}
