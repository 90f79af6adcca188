/**
 * Generated user snapshot sources for the pipeline benchmark: book snapshots
 * in the layout `deno task ingest` reads from user files (`ts, symbol,
 * best_bid, best_ask` and `bid_price_k, bid_qty_k, ask_price_k, ask_qty_k`
 * for k = 1…L), at irregular times, one symbol-day per frame.
 *
 * The book: snapshot times are a Poisson process (mean gap `meanGapMs`) over
 * the session; at each snapshot the mid, kept in half ticks, takes a ±1
 * half-tick step with probability 0.3, the spread is 1–3 ticks (re-drawn
 * with probability 0.05), the levels lie one tick apart behind the best
 * quotes, and each level's size is a lot count (1–20 lots of 100 shares),
 * which changes at a snapshot with probability 0.2. Built from typed arrays;
 * the same options give the same frame.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { syntheticSnapshots } from "./snapshot_source.ts";
 * const df = syntheticSnapshots({ symbol: "A", date: "2024-01-02", sessionS: 60, seed: 1 });
 * assert(df.height > 400 && df.height < 800); // about one snapshot per 100 ms
 * assert.deepEqual(df.columns.slice(0, 8), [
 *   "ts", "symbol", "best_bid", "best_ask", "bid_price_1", "bid_qty_1", "ask_price_1", "ask_qty_1",
 * ]);
 * const bid = df.getColumn("best_bid").toArray() as number[];
 * const ask = df.getColumn("best_ask").toArray() as number[];
 * assert(bid.every((b, i) => b < ask[i])); // never crossed
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { Rng } from "../core/rng.ts";
import { midnightEpochNs } from "../sim/output/lobster_time.ts";

/** Options of {@linkcode syntheticSnapshots}. */
export interface SnapshotSourceOptions {
  /** Ticker. */
  symbol: string;
  /** Session date, YYYY-MM-DD. */
  date: string;
  /** Book levels per side (default 5). */
  levels?: number;
  /** Session open, seconds after midnight (default 09:30). */
  openS?: number;
  /** Session length, seconds (default 23,400: 09:30–16:00). */
  sessionS?: number;
  /** Mean time between snapshots, ms (default 100). */
  meanGapMs?: number;
  /** Price increment, dollars (default 0.01). */
  tickSize?: number;
  /** Seed (default 1); the stream is derived from it by symbol and date. */
  seed?: number;
}

/** One generated symbol-day of book snapshots (see the module doc). */
export function syntheticSnapshots(options: SnapshotSourceOptions): pl.DataFrame {
  const levels = options.levels ?? 5;
  const openNs = Math.round((options.openS ?? 34_200) * 1e9);
  const sessionNs = Math.round((options.sessionS ?? 23_400) * 1e9);
  const meanGapNs = (options.meanGapMs ?? 100) * 1e6;
  const tick = options.tickSize ?? 0.01;
  const rng = Rng.fromSeed(options.seed ?? 1).derive(`snapshots/${options.symbol}/${options.date}`);

  // Times first (their count fixes the arrays' length).
  const gaps: number[] = [];
  for (let t = rng.exponential(1 / meanGapNs); t < sessionNs; t += rng.exponential(1 / meanGapNs)) {
    gaps.push(Math.floor(t));
  }
  const n = gaps.length;
  const ts = new BigInt64Array(n);
  const base = midnightEpochNs(options.date) + BigInt(openNs);
  for (let i = 0; i < n; i++) ts[i] = base + BigInt(gaps[i]);

  const bid = new Float64Array(n), ask = new Float64Array(n);
  const bp: Float64Array[] = [], bq: Float64Array[] = [], ap: Float64Array[] = [];
  const aq: Float64Array[] = [];
  for (let k = 0; k < levels; k++) {
    bp.push(new Float64Array(n));
    bq.push(new Float64Array(n));
    ap.push(new Float64Array(n));
    aq.push(new Float64Array(n));
  }
  const bidLots = Array.from({ length: levels }, () => 1 + rng.nextInt(20));
  const askLots = Array.from({ length: levels }, () => 1 + rng.nextInt(20));
  let half = 2 * (5000 + rng.nextInt(10000)); // mid in half ticks: 50–150 dollars
  let spread = 1;
  for (let i = 0; i < n; i++) {
    if (rng.bernoulli(0.3)) half += rng.bernoulli(0.5) ? 1 : -1;
    if (rng.bernoulli(0.05)) spread = 1 + rng.nextInt(3);
    const bidTicks = Math.floor((half - spread) / 2);
    const askTicks = Math.max(bidTicks + 1, half - bidTicks);
    bid[i] = bidTicks * tick;
    ask[i] = askTicks * tick;
    for (let k = 0; k < levels; k++) {
      if (rng.bernoulli(0.2)) bidLots[k] = 1 + rng.nextInt(20);
      if (rng.bernoulli(0.2)) askLots[k] = 1 + rng.nextInt(20);
      bp[k][i] = (bidTicks - k) * tick;
      ap[k][i] = (askTicks + k) * tick;
      bq[k][i] = bidLots[k] * 100;
      aq[k][i] = askLots[k] * 100;
    }
  }
  const series: pl.Series[] = [
    pl.Series("ts", ts as unknown as number[]).cast(pl.Datetime("ns")),
    pl.Series("best_bid", bid),
    pl.Series("best_ask", ask),
  ];
  for (let k = 0; k < levels; k++) {
    series.push(
      pl.Series(`bid_price_${k + 1}`, bp[k]),
      pl.Series(`bid_qty_${k + 1}`, bq[k]),
      pl.Series(`ask_price_${k + 1}`, ap[k]),
      pl.Series(`ask_qty_${k + 1}`, aq[k]),
    );
  }
  const names = series.map((s) => s.name);
  return pl.DataFrame(series).select(
    pl.col("ts"),
    pl.lit(options.symbol).cast(pl.Utf8).alias("symbol"),
    ...names.slice(1).map((c) => pl.col(c)),
  );
}
