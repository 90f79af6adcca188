/**
 * Test helper: an interim frame (lib/data/interim/schema.ts) built directly
 * from a LOBSTER replay on a fixed grid, standing in for the ingest stage, plus
 * the same rows as online `GridRow`s. Level-1 only (the AMZN sample's depth).
 *
 * Per grid time t_j = start + j·Δ: the book is the last snapshot at or before
 * t_j; the interval is (t_j − Δ, t_j]; trade_count / trade_volume count types
 * 4 and 5, cancel_count types 2 and 3; mid_high / mid_low range over the state
 * at the interval's start and after each event in it; ofi_events sums the CKS
 * term between consecutive snapshots over the interval's events.
 */

import pl from "nodejs-polars";
import {
  parseLobsterFileName,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../../lib/data/lobster/mod.ts";
import type { GridRow } from "../../lib/features/online_row.ts";
import { replayLobster } from "../../lib/sim/replay/mod.ts";
import { datetimeSeries } from "../../lib/sim/output/parquet_frames.ts";

/** The shared AMZN sample, if present beside the repository. */
export const AMZN_MESSAGES = new URL(
  "../../../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv",
  import.meta.url,
)
  .pathname;

export { pathExists as exists } from "../../lib/core/path_exists.ts";

/** The interim frame and its rows. */
export interface LobsterInterim {
  frame: pl.DataFrame;
  rows: GridRow[];
}

/** Builds the interim frame of a level-1 LOBSTER day on a `stepMs` grid. */
export async function lobsterInterim(messageFile: string, stepMs = 100): Promise<LobsterInterim> {
  const name = parseLobsterFileName(messageFile);
  const m = await readLobsterMessages(messageFile);
  const ob = await readLobsterOrderbook(
    messageFile.replace("_message_", "_orderbook_"),
    name.levels,
  );
  const { snapshots: s, events: ev } = replayLobster(m, ob, { tickSize: 100, snapshotLevels: 1 });
  const toDollars = (ticks: number) => (ticks * 100) / 10_000;
  const stepNs = stepMs * 1e6;
  const start = name.startMs * 1e6, end = name.endMs * 1e6;
  const n = Math.floor((end - start) / stepNs) + 1;
  const cols = {
    t: new Float64Array(n),
    bid: new Float64Array(n),
    ask: new Float64Array(n),
    qb: new Float64Array(n),
    qa: new Float64Array(n),
    trades: new Float64Array(n),
    volume: new Float64Array(n),
    cancels: new Float64Array(n),
    hi: new Float64Array(n),
    lo: new Float64Array(n),
    ofi: new Float64Array(n),
  };
  const midAt = (i: number) =>
    i < 0 ? NaN : (toDollars(s.askPrice[i]) + toDollars(s.bidPrice[i])) / 2;
  let i = -1; // last snapshot ≤ current time
  for (let j = 0; j < n; j++) {
    const t = start + j * stepNs;
    let hi = midAt(i), lo = hi;
    let trades = 0, volume = 0, cancels = 0, ofi = 0;
    while (i + 1 < s.count && s.tsNs[i + 1] <= t) {
      i++;
      const k = ev.kind[i];
      if (k === 4 || k === 5) {
        trades++;
        volume += ev.qty[i];
      } else if (k === 2 || k === 3) cancels++;
      const mid = midAt(i);
      if (!Number.isNaN(mid)) {
        hi = Number.isNaN(hi) ? mid : Math.max(hi, mid);
        lo = Number.isNaN(lo) ? mid : Math.min(lo, mid);
      }
      if (i > 0) {
        const b = s.bidPrice[i], pb = s.bidPrice[i - 1], a = s.askPrice[i], pa = s.askPrice[i - 1];
        const e = (b >= pb ? s.bidQty[i] : 0) - (b <= pb ? s.bidQty[i - 1] : 0) -
          (a <= pa ? s.askQty[i] : 0) + (a >= pa ? s.askQty[i - 1] : 0);
        if (!Number.isNaN(e)) ofi += e;
      }
    }
    cols.t[j] = t;
    cols.bid[j] = i < 0 ? NaN : toDollars(s.bidPrice[i]);
    cols.ask[j] = i < 0 ? NaN : toDollars(s.askPrice[i]);
    cols.qb[j] = i < 0 ? NaN : s.bidQty[i];
    cols.qa[j] = i < 0 ? NaN : s.askQty[i];
    cols.trades[j] = trades;
    cols.volume[j] = volume;
    cols.cancels[j] = cancels;
    cols.hi[j] = hi;
    cols.lo[j] = lo;
    cols.ofi[j] = ofi;
  }
  const nanToNull = (c: string) =>
    pl.when(pl.col(c).isNan()).then(pl.lit(null)).otherwise(pl.col(c)).alias(c);
  const f64 = ["best_bid", "best_ask", "bid_qty_1", "ask_qty_1", "mid_high", "mid_low"];
  const frame = pl.DataFrame([
    datetimeSeries("ts", name.date, cols.t),
    pl.Series("best_bid", cols.bid),
    pl.Series("best_ask", cols.ask),
    pl.Series("bid_qty_1", cols.qb),
    pl.Series("ask_qty_1", cols.qa),
    pl.Series("trade_count", cols.trades).cast(pl.Int64),
    pl.Series("trade_volume", cols.volume),
    pl.Series("cancel_count", cols.cancels).cast(pl.Int64),
    pl.Series("mid_high", cols.hi),
    pl.Series("mid_low", cols.lo),
    pl.Series("ofi_events", cols.ofi),
  ]).withColumns(
    ...f64.map(nanToNull),
    pl.lit(name.ticker).alias("symbol"),
    pl.lit(name.date).alias("date"),
    pl.lit(0.01).alias("tick_size"),
    pl.col("best_bid").alias("bid_price_1"),
    pl.col("best_ask").alias("ask_price_1"),
  ).select(
    "ts",
    "symbol",
    "date",
    "tick_size",
    "best_bid",
    "best_ask",
    "bid_price_1",
    "bid_qty_1",
    "ask_price_1",
    "ask_qty_1",
    "trade_count",
    "trade_volume",
    "cancel_count",
    "mid_high",
    "mid_low",
    "ofi_events",
  );
  const rows: GridRow[] = [];
  for (let j = 0; j < n; j++) {
    rows.push({
      date: name.date,
      timeNs: cols.t[j],
      tickSize: 0.01,
      bestBid: cols.bid[j],
      bestAsk: cols.ask[j],
      bidQty: [cols.qb[j]],
      askQty: [cols.qa[j]],
      tradeCount: cols.trades[j],
      cancelCount: cols.cancels[j],
      midHigh: cols.hi[j],
      midLow: cols.lo[j],
      ofiEvents: cols.ofi[j],
    });
  }
  return { frame, rows };
}
