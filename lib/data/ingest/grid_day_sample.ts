/**
 * Sampling a consolidated symbol-day onto the decision grid straight into
 * typed arrays: the {@linkcode GridDay} twin of `sampleDecisionGrid`
 * (`./grid.ts`), with the same rows, aggregates and nulls (NaN here), but no
 * polars frame built or gathered. `gridDayToFrame(sampleGridDay(d, o))`
 * equals `sampleDecisionGrid(d, o)`.
 *
 * The book's columns are read once as Float64Arrays ({@linkcode bookArrays}),
 * `gridAggregates` finds the sampled row of every grid time, and
 * {@linkcode gatherGridDay} copies the rows (NaN before the first book row):
 * the same gather serves the clean-snapshot fast path (`./clean_snapshots.ts`).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { gatherGridDay } from "./grid_day_sample.ts";
 * import { gridAggregates } from "./grid.ts";
 * const f = (xs: number[]) => new Float64Array(xs);
 * const book = {
 *   levels: 1, bestBid: f([10, 11]), bestAsk: f([12, 13]),
 *   bidPrice: [f([10, 11])], bidQty: [f([5, 6])], askPrice: [f([12, 13])], askQty: [f([7, 8])],
 * };
 * const tod = f([5, 10]);
 * const g = gridAggregates({ tod, bid: book.bestBid, ask: book.bestAsk,
 *   bidQty: book.bidQty[0], askQty: book.askQty[0] }, { startNs: 0, endNs: 10, stepNs: 5 });
 * const day = gatherGridDay(book, g, { symbol: "A", date: "1970-01-01", day: 0, tickSize: 0.01 });
 * assert.deepEqual([...day.bestBid], [NaN, 10, 11]); // nothing before the first row at 5
 * assert.deepEqual([...day.timeNs], [0, 5, 10]);
 * assert.equal(day.tradeCount, null);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import type { GridDay } from "../interim/grid_day.ts";
import { levelColumns } from "../interim/schema.ts";
import { timeOfDay } from "./_frames.ts";
import type { SymbolDay } from "./consolidate.ts";
import { type GridAggregates, gridAggregates, type GridInput, type SampleOptions } from "./grid.ts";

/** The book columns of a symbol-day as Float64Arrays (NaN = null), one array per row of states. */
export type BookArrays = Pick<
  GridDay,
  "levels" | "bestBid" | "bestAsk" | "bidPrice" | "bidQty" | "askPrice" | "askQty"
>;

/** Float64 values of one column and its null count. */
export interface Float64Column {
  values: Float64Array;
  nulls: number;
}

/**
 * Columns of `frame` as Float64Arrays, nulls as NaN: a Float64 column without
 * nulls is taken as it is; the others are cast and filled in one select.
 */
export function float64Arrays(frame: pl.DataFrame, names: readonly string[]): Float64Column[] {
  const out: (Float64Column | null)[] = names.map(() => null);
  const convert: number[] = [];
  names.forEach((name, i) => {
    const s = frame.getColumn(name);
    const nulls = s.nullCount();
    if (nulls === 0 && s.dtype.variant === "Float64") {
      out[i] = { values: s.toTypedArray() as Float64Array, nulls };
    } else {
      out[i] = { values: new Float64Array(0), nulls };
      convert.push(i);
    }
  });
  if (convert.length > 0) {
    const cast = frame.select(
      ...convert.map((i) => pl.col(names[i]).cast(pl.Float64).fillNull(pl.lit(NaN)).alias(`_${i}`)),
    );
    for (const i of convert) {
      out[i]!.values = cast.getColumn(`_${i}`).toTypedArray() as Float64Array;
    }
  }
  return out as Float64Column[];
}

/** Splits the columns of `bookColumns(levels)` (in that order) into {@linkcode BookArrays}. */
export function bookArraysOf(columns: readonly Float64Array[], levels: number): BookArrays {
  const at = (k: number, j: number) => columns[2 + 4 * k + j];
  const ks = Array.from({ length: levels }, (_, k) => k);
  return {
    levels,
    bestBid: columns[0],
    bestAsk: columns[1],
    bidPrice: ks.map((k) => at(k, 0)),
    bidQty: ks.map((k) => at(k, 1)),
    askPrice: ks.map((k) => at(k, 2)),
    askQty: ks.map((k) => at(k, 3)),
  };
}

/** The book columns of `frame` with `levels` levels as {@linkcode BookArrays}. */
export function bookArrays(frame: pl.DataFrame, levels: number): BookArrays {
  const names = ["best_bid", "best_ask"];
  for (let k = 1; k <= levels; k++) names.push(...levelColumns(k));
  return bookArraysOf(float64Arrays(frame, names).map((c) => c.values), levels);
}

/** Source rows checked per block of a checked gather (a block stays in cache for its gather). */
const CHECK_BLOCK = 4096;

/**
 * `column` at `rows` (NaN where the row is −1; the −1s lead and the rows never
 * decrease, as `gridAggregates` gives them). With `checkPositive`, every value
 * of `column` (sampled or not) must also be finite and > 0: checked in the same
 * pass, block by block, so the column is read from memory once; null at the
 * first that is not.
 */
export function gatherColumn(
  column: Float64Array,
  rows: Int32Array,
  checkPositive = false,
): Float64Array | null {
  const m = rows.length;
  const out = new Float64Array(m);
  let j = 0;
  for (; j < m && rows[j] < 0; j++) out[j] = NaN;
  if (!checkPositive) {
    for (; j < m; j++) out[j] = column[rows[j]];
    return out;
  }
  const n = column.length;
  for (let start = 0; start < n; start += CHECK_BLOCK) {
    const end = Math.min(n, start + CHECK_BLOCK);
    for (let i = start; i < end; i++) {
      const x = column[i];
      if (!(x > 0 && x < Infinity)) return null;
    }
    for (; j < m && rows[j] < end; j++) out[j] = column[rows[j]];
  }
  return out;
}

/** What a {@linkcode GridDay} says about its symbol-day besides the columns. */
export interface GridDayMeta {
  symbol: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Days since 1970-01-01. */
  day: number;
  /** Price increment, dollars. */
  tickSize: number;
}

/**
 * The grid day of the book states `book` sampled at the rows of `g` (see
 * `gridAggregates`): every book column gathered (NaN before the first state
 * and for null cells), the aggregates taken as they are. With `check` (one
 * flag per column in `bookColumns` order: best bid, best ask, then each
 * level's four), the flagged columns must hold only finite values > 0
 * (checked while gathering, see {@linkcode gatherColumn}); null when one does
 * not.
 */
export function gatherGridDay(book: BookArrays, g: GridAggregates, meta: GridDayMeta): GridDay;
export function gatherGridDay(
  book: BookArrays,
  g: GridAggregates,
  meta: GridDayMeta,
  check: readonly boolean[],
): GridDay | null;
export function gatherGridDay(
  book: BookArrays,
  g: GridAggregates,
  meta: GridDayMeta,
  check?: readonly boolean[],
): GridDay | null {
  const rows = g.rows;
  const columns = [book.bestBid, book.bestAsk];
  for (let k = 0; k < book.levels; k++) {
    columns.push(book.bidPrice[k], book.bidQty[k], book.askPrice[k], book.askQty[k]);
  }
  const out: Float64Array[] = [];
  for (let c = 0; c < columns.length; c++) {
    const v = gatherColumn(columns[c], rows, check?.[c] ?? false);
    if (v === null) return null;
    out.push(v);
  }
  const sampled = bookArraysOf(out, book.levels);
  return {
    symbol: meta.symbol,
    date: meta.date,
    day: meta.day,
    rows: rows.length,
    tickSize: meta.tickSize,
    levels: book.levels,
    timeNs: g.timesNs,
    bestBid: sampled.bestBid,
    bestAsk: sampled.bestAsk,
    bidPrice: sampled.bidPrice,
    bidQty: sampled.bidQty,
    askPrice: sampled.askPrice,
    askQty: sampled.askQty,
    tradeCount: g.tradeCount,
    tradeVolume: g.tradeVolume,
    cancelCount: g.cancelCount,
    midHigh: g.midHigh,
    midLow: g.midLow,
    ofiEvents: g.ofi,
  };
}

/** The grid spec of sample options. */
export function gridSpecOf(
  options: SampleOptions,
): { startNs: number; endNs: number; stepNs: number } {
  return {
    startNs: options.sessionStartNs,
    endNs: options.sessionEndNs,
    stepNs: Math.round(options.decisionMs * 1e6),
  };
}

/**
 * Samples a consolidated symbol-day onto the decision grid as typed arrays
 * (see the module doc): the same rows and values as `sampleDecisionGrid`.
 */
export function sampleGridDay(day: SymbolDay, options: SampleOptions): GridDay {
  const book = bookArrays(day.book, day.levels);
  const input: GridInput = {
    tod: timeOfDay(day.book),
    bid: book.bestBid,
    ask: book.bestAsk,
    bidQty: book.bidQty[0],
    askQty: book.askQty[0],
  };
  if (day.kind === "events") {
    input.events = {
      kind: day.book.getColumn("event_kind").cast(pl.UInt8).toTypedArray() as Uint8Array,
      qty: float64Arrays(day.book, ["event_qty"])[0].values,
    };
  } else if (day.trades !== null) {
    input.trades = {
      tod: timeOfDay(day.trades),
      qty: float64Arrays(day.trades, ["qty"])[0].values,
    };
  }
  const g = gridAggregates(input, gridSpecOf(options));
  return gatherGridDay(book, g, {
    symbol: day.symbol,
    date: day.date,
    day: day.day,
    tickSize: day.tickSize,
  });
}
