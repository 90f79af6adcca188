/**
 * Sampling a consolidated symbol-day onto the decision grid: grid times
 * t_j = session_start + j·Δ (j = 0, 1, … while t_j ≤ session_end), and row j
 * describes the interval (t_j − Δ, t_j]:
 *
 * - **book state at t_j**: the last book row at or before t_j (rows sharing a
 *   time: the last in order); null columns before the first row;
 * - `mid_high`, `mid_low`: highest and lowest mid (b + a)/2 over the state at
 *   t_j − Δ and every state in the interval (states with an empty side have no
 *   mid; null when no state has one);
 * - events sources: `trade_count` and `trade_volume` (executions of visible
 *   and hidden orders, LOBSTER types 4 and 5; auction crosses are not
 *   counted), `cancel_count` (partial and full cancellations, types 2 and 3),
 *   `ofi_events` = Σ e_n over the states n in the interval (e_n against the
 *   state before it, which may precede the interval; see `./ofi.ts`);
 * - snapshot sources: `cancel_count` and `ofi_events` are null (the snapshots
 *   do not show events; the feature stage computes OFI from consecutive grid
 *   rows instead); `trade_count` and `trade_volume` come from a trades table
 *   when there is one, and are null otherwise — never zero-filled.
 *
 * Rows before t_0 − Δ set the state but are not aggregated; rows after the
 * last grid time are not used.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { gridAggregates } from "./grid.ts";
 * const g = gridAggregates({
 *   tod: new Float64Array([5, 10, 12]),
 *   bid: new Float64Array([10, 10, 11]), ask: new Float64Array([12, 14, 13]),
 *   bidQty: new Float64Array([1, 1, 1]), askQty: new Float64Array([1, 1, 1]),
 * }, { startNs: 10, endNs: 20, stepNs: 10 });
 * assert.deepEqual([...g.rows], [1, 2]);        // state at 10 is row 1, at 20 row 2
 * assert.deepEqual([...g.midHigh], [12, 12]);   // (0, 10]: mids 11, 12; (10, 20]: 12 (start), 12
 * assert.deepEqual([...g.midLow], [11, 12]);
 * assert(g.tradeCount === null && g.ofi === null);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { EventKind } from "../../sim/market_data/mod.ts";
import { levelColumns } from "../interim/schema.ts";
import { bookColumns } from "./columns.ts";
import type { SymbolDay } from "./consolidate.ts";
import { datetimeFromDay, float64Columns, nanToNull, timeOfDay } from "./_frames.ts";
import { ofiIncrements } from "./ofi.ts";

/** Grid bounds, ns after midnight. */
export interface GridSpec {
  /** First grid time. */
  startNs: number;
  /** Last grid time allowed (included when on the grid). */
  endNs: number;
  /** Grid step Δ. */
  stepNs: number;
}

/** Book states (sorted by time) and, optionally, their events or separate trades. */
export interface GridInput {
  /** ns after midnight of each state, non-decreasing. */
  tod: Float64Array;
  /** Best bid / ask (NaN: empty side) and their sizes. */
  bid: Float64Array;
  ask: Float64Array;
  bidQty: Float64Array;
  askQty: Float64Array;
  /** The event that led to each state (events sources). */
  events?: { kind: Uint8Array; qty: Float64Array };
  /** Executions from a trades table (snapshot sources). */
  trades?: { tod: Float64Array; qty: Float64Array };
}

/** Per grid time: the sampled row and the interval aggregates (NaN = null). */
export interface GridAggregates {
  timesNs: Float64Array;
  /** Index of the last state at or before each grid time; −1 before the first. */
  rows: Int32Array;
  tradeCount: Float64Array | null;
  tradeVolume: Float64Array | null;
  cancelCount: Float64Array | null;
  midHigh: Float64Array;
  midLow: Float64Array;
  ofi: Float64Array | null;
}

/** Grid times from `spec`; throws RangeError for a bad spec. */
export function gridTimes(spec: GridSpec): Float64Array {
  const { startNs, endNs, stepNs } = spec;
  if (!(Number.isSafeInteger(stepNs) && stepNs > 0)) {
    throw new RangeError(`grid step: expected a positive integer of ns, found ${stepNs}`);
  }
  if (!(endNs >= startNs)) {
    throw new RangeError(`grid: expected end ≥ start, found start ${startNs}, end ${endNs}`);
  }
  const n = Math.floor((endNs - startNs) / stepNs) + 1;
  const t = new Float64Array(n);
  for (let j = 0; j < n; j++) t[j] = startNs + j * stepNs;
  return t;
}

/** The grid pass (see the module doc): one sweep over the states, O(states + grid). */
export function gridAggregates(input: GridInput, spec: GridSpec): GridAggregates {
  const times = gridTimes(spec);
  const m = times.length;
  const { tod, bid, ask } = input;
  const n = tod.length;
  const rows = new Int32Array(m);
  const midHigh = new Float64Array(m), midLow = new Float64Array(m);
  const ev = input.events;
  const hasCounts = ev !== undefined || input.trades !== undefined;
  const tradeCount = hasCounts ? new Float64Array(m) : null;
  const tradeVolume = hasCounts ? new Float64Array(m) : null;
  const cancelCount = ev !== undefined ? new Float64Array(m) : null;
  const ofi = ev !== undefined ? new Float64Array(m) : null;
  const e = ev !== undefined ? ofiIncrements(bid, input.bidQty, ask, input.askQty) : null;
  const step = spec.stepNs;

  let k = -1;
  const first = times[0] - step;
  while (k + 1 < n && tod[k + 1] <= first) k++;
  for (let j = 0; j < m; j++) {
    const t = times[j];
    let hi = -Infinity, lo = Infinity;
    if (k >= 0) {
      const mid = (bid[k] + ask[k]) / 2;
      if (mid === mid) hi = lo = mid;
    }
    let trades = 0, volume = 0, cancels = 0, flow = 0;
    while (k + 1 < n && tod[k + 1] <= t) {
      k++;
      const mid = (bid[k] + ask[k]) / 2;
      if (mid > hi) hi = mid;
      if (mid < lo) lo = mid;
      if (ev !== undefined) {
        const kind = ev.kind[k];
        if (kind === EventKind.Trade || kind === EventKind.HiddenTrade) {
          trades++;
          volume += ev.qty[k];
        } else if (kind === EventKind.Reduce || kind === EventKind.Delete) cancels++;
        flow += e![k];
      }
    }
    rows[j] = k;
    midHigh[j] = hi === -Infinity ? NaN : hi;
    midLow[j] = lo === Infinity ? NaN : lo;
    if (ev !== undefined) {
      tradeCount![j] = trades;
      tradeVolume![j] = volume;
      cancelCount![j] = cancels;
      ofi![j] = flow;
    }
  }

  const tr = input.trades;
  if (tr !== undefined) {
    let i = 0;
    while (i < tr.tod.length && tr.tod[i] <= first) i++;
    for (let j = 0; j < m; j++) {
      let count = 0, volume = 0;
      while (i < tr.tod.length && tr.tod[i] <= times[j]) {
        count++;
        volume += tr.qty[i];
        i++;
      }
      tradeCount![j] = count;
      tradeVolume![j] = volume;
    }
  }
  return { timesNs: times, rows, tradeCount, tradeVolume, cancelCount, midHigh, midLow, ofi };
}

/** The level columns of levels 1…`levels`, level by level. */
function levelColumnNames(levels: number): string[] {
  const out: string[] = [];
  for (let k = 1; k <= levels; k++) out.push(...levelColumns(k));
  return out;
}

/** Options of {@linkcode sampleDecisionGrid}. */
export interface SampleOptions {
  /** Grid step Δ, milliseconds. */
  decisionMs: number;
  /** First grid time, ns after midnight. */
  sessionStartNs: number;
  /** Last grid time allowed, ns after midnight. */
  sessionEndNs: number;
}

function isRun(rows: Int32Array, from: number): boolean {
  for (let j = from + 1; j < rows.length; j++) if (rows[j] !== rows[j - 1] + 1) return false;
  return true;
}

/**
 * The rows `rows` of `frame` (−1: a row of nulls). `rows` never decreases, so
 * the −1s lead; a run of consecutive rows (data already on the grid) is a
 * slice, not a gather.
 */
export function gatherRows(frame: pl.DataFrame, rows: Int32Array): pl.DataFrame {
  const m = rows.length;
  let lead = 0;
  while (lead < m && rows[lead] < 0) lead++;
  const rest = m - lead;
  let body: pl.DataFrame;
  if (rest === 0) body = frame.clear(0);
  else if (isRun(rows, lead)) body = frame.slice(rows[lead], rest);
  else {
    const index = pl.Series("i", new Uint32Array(rows.subarray(lead)));
    body = frame.select(...frame.columns.map((c) => pl.col(c).gather(index)));
  }
  return lead === 0 ? body : pl.concat([frame.clear(lead), body], { how: "vertical" });
}

/**
 * Samples a consolidated symbol-day onto the decision grid (see the module
 * doc) and answers the interim frame (`lib/data/interim/schema.ts`): the
 * fixed columns, then the four columns of each level.
 */
export function sampleDecisionGrid(day: SymbolDay, options: SampleOptions): pl.DataFrame {
  const book = day.book;
  const [bid, ask, bidQty, askQty] = float64Columns(book, [
    "best_bid",
    "best_ask",
    "bid_qty_1",
    "ask_qty_1",
  ]);
  const input: GridInput = { tod: timeOfDay(book), bid, ask, bidQty, askQty };
  if (day.kind === "events") {
    input.events = {
      kind: book.getColumn("event_kind").cast(pl.UInt8).toTypedArray() as Uint8Array,
      qty: float64Columns(book, ["event_qty"])[0],
    };
  } else if (day.trades !== null) {
    input.trades = { tod: timeOfDay(day.trades), qty: float64Columns(day.trades, ["qty"])[0] };
  }
  const g = gridAggregates(input, {
    startNs: options.sessionStartNs,
    endNs: options.sessionEndNs,
    stepNs: Math.round(options.decisionMs * 1e6),
  });

  const sampled = gatherRows(
    book.select(...bookColumns(day.levels).map((c) => pl.col(c).cast(pl.Float64))),
    g.rows,
  );

  // Aggregates arrive as Float64Arrays with NaN for null; one select converts them all.
  const aggregates: [string, Float64Array | null, boolean][] = [
    ["trade_count", g.tradeCount, true],
    ["trade_volume", g.tradeVolume, false],
    ["cancel_count", g.cancelCount, true],
    ["mid_high", g.midHigh, false],
    ["mid_low", g.midLow, false],
    ["ofi_events", g.ofi, false],
  ];
  const given = aggregates.filter(([, v]) => v !== null);
  const out = pl.DataFrame([
    datetimeFromDay("ts", day.day, g.timesNs),
    ...given.map(([name, values]) => pl.Series(name, values!)),
    ...sampled.getColumns(),
  ]).select(
    pl.col("ts"),
    pl.lit(day.symbol).alias("symbol"),
    pl.lit(day.date).alias("date"),
    pl.lit(day.tickSize).cast(pl.Float64).alias("tick_size"),
    pl.col("best_bid"),
    pl.col("best_ask"),
    ...aggregates.map(([name, values, int]) => {
      const dtype = int ? pl.Int64 : pl.Float64;
      const e = values === null ? pl.lit(null).cast(dtype) : nanToNull(pl.col(name)).cast(dtype);
      return e.alias(name);
    }),
    ...levelColumnNames(day.levels).map((c) => pl.col(c)),
  );
  return out;
}
