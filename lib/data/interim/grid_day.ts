/**
 * One symbol-day of interim data as typed arrays: the columns of
 * `data/interim/<symbol>/<date>.parquet` (see `./schema.ts`) without a
 * polars frame around them. The fast, in-memory path hands this from
 * ingestion to the feature kernels and the window planner; `NaN` stands for
 * a null cell.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { emptyGridDay } from "./grid_day.ts";
 * const g = emptyGridDay({ symbol: "A", date: "2024-01-02", rows: 3, levels: 2, tickSize: 0.01 });
 * assert.equal(g.bidQty.length, 2);
 * assert.equal(g.midHigh.length, 3);
 * assert.equal(g.tradeCount, null); // no event data until a source provides it
 * ```
 * @module
 */

/** One symbol-day on the decision grid, column by column (NaN = null). */
export interface GridDay {
  /** Ticker. */
  symbol: string;
  /** Session date, YYYY-MM-DD. */
  date: string;
  /** Days since 1970-01-01 of `date` (grid times are ns after its midnight). */
  day: number;
  /** Rows (grid times). */
  rows: number;
  /** Price increment, dollars (one per symbol-day). */
  tickSize: number;
  /** Book levels per side held in `bidPrice`… (L ≥ 1). */
  levels: number;
  /** Grid time t of each row, ns after midnight (an integer, exact in a float64). */
  timeNs: Float64Array;
  /** Best quotes at t, dollars. */
  bestBid: Float64Array;
  bestAsk: Float64Array;
  /** Level k = 1…L (index k − 1): prices and sizes at t; NaN where the level is empty. */
  bidPrice: Float64Array[];
  bidQty: Float64Array[];
  askPrice: Float64Array[];
  askQty: Float64Array[];
  /** Executions in the interval (t − Δ, t], or null without event or trade data. */
  tradeCount: Float64Array | null;
  /** Shares executed in the interval, or null. */
  tradeVolume: Float64Array | null;
  /** Cancels and partial cancels in the interval, or null without event data. */
  cancelCount: Float64Array | null;
  /** Highest and lowest mid in the interval, counting the state at its start (NaN before the first book). */
  midHigh: Float64Array;
  midLow: Float64Array;
  /** Order-flow imbalance summed over the interval's book events, or null without event data. */
  ofiEvents: Float64Array | null;
}

/** A zero-filled {@linkcode GridDay} (aggregates null) of the given shape. */
export function emptyGridDay(shape: {
  symbol: string;
  date: string;
  rows: number;
  levels: number;
  tickSize: number;
}): GridDay {
  const n = shape.rows;
  const cols = () => Array.from({ length: shape.levels }, () => new Float64Array(n));
  return {
    symbol: shape.symbol,
    date: shape.date,
    day: Math.round(Date.parse(`${shape.date}T00:00:00Z`) / 86_400_000),
    rows: n,
    tickSize: shape.tickSize,
    levels: shape.levels,
    timeNs: new Float64Array(n),
    bestBid: new Float64Array(n),
    bestAsk: new Float64Array(n),
    bidPrice: cols(),
    bidQty: cols(),
    askPrice: cols(),
    askQty: cols(),
    tradeCount: null,
    tradeVolume: null,
    cancelCount: null,
    midHigh: new Float64Array(n),
    midLow: new Float64Array(n),
    ofiEvents: null,
  };
}
