/**
 * Generated interim frames (the layout of lib/data/interim/schema.ts) for
 * tests and benchmarks: per symbol-day, a random walk of the mid in half
 * ticks on the decision grid, spreads of 1–3 ticks, L levels of sizes, event
 * counts, the interval's high and low mid, and an event OFI. Built from typed
 * arrays; seeded, so the same options give the same frame.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { syntheticInterim } from "./synthetic.ts";
 * const df = syntheticInterim({ symbols: ["A", "B"], days: 2, rowsPerDay: 100, seed: 1 });
 * assert.equal(df.height, 400);
 * assert.equal(df.getColumn("date").get(100), "2024-01-03");
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { Rng } from "../core/rng.ts";
import { midnightEpochNs } from "../sim/output/lobster_time.ts";

/** Options of {@linkcode syntheticInterim}. */
export interface SyntheticOptions {
  /** Tickers (default ["SYN"]). */
  symbols?: string[];
  /** Days per symbol, consecutive dates from 2024-01-02 (default 1). */
  days?: number;
  /** Grid rows per symbol-day (default 1000). */
  rowsPerDay?: number;
  /** Book levels per side (default 5). */
  levels?: number;
  /** Grid step, ms (default 100). */
  decisionMs?: number;
  /** Fraction of rows whose best bid is null (an empty side; default 0). */
  nullRate?: number;
  /** Include event columns (trade and cancel counts, ofi_events; default true). */
  events?: boolean;
  /** Master seed (default 1). */
  seed?: number;
}

const TICK = 0.01;
const OPEN_NS = 34_200_000_000_000;

function dateOf(day: number): string {
  return new Date(Date.UTC(2024, 0, 2 + day)).toISOString().slice(0, 10);
}

/** One generated symbol-day. */
function symbolDay(
  symbol: string,
  date: string,
  n: number,
  levels: number,
  stepNs: number,
  nullRate: number,
  events: boolean,
  rng: Rng,
): pl.DataFrame {
  const ts = new BigInt64Array(n);
  const base = midnightEpochNs(date) + BigInt(OPEN_NS);
  const bid = new Float64Array(n), ask = new Float64Array(n);
  const hi = new Float64Array(n), lo = new Float64Array(n);
  const trades = new Float64Array(n), cancels = new Float64Array(n), ofi = new Float64Array(n);
  const volume = new Float64Array(n);
  const bq: Float64Array[] = [], aq: Float64Array[] = [];
  for (let k = 0; k < levels; k++) {
    bq.push(new Float64Array(n));
    aq.push(new Float64Array(n));
  }
  let half = 2 * (5000 + rng.nextInt(10000)); // mid in half ticks (50–150 dollars)
  let spread = 1;
  for (let i = 0; i < n; i++) {
    ts[i] = base + BigInt(i * stepNs);
    const prev = half;
    if (rng.bernoulli(0.3)) half += rng.bernoulli(0.5) ? 1 : -1;
    if (rng.bernoulli(0.05)) spread = 1 + rng.nextInt(3);
    // bid and ask on the tick grid with mid = half/2 ticks
    const bidTicks = Math.floor((half - spread) / 2);
    const askTicks = half - bidTicks;
    const empty = nullRate > 0 && rng.bernoulli(nullRate);
    bid[i] = empty ? NaN : bidTicks * TICK;
    ask[i] = askTicks * TICK;
    hi[i] = (Math.max(half, prev) + (rng.bernoulli(0.1) ? 1 : 0)) * (TICK / 2);
    lo[i] = (Math.min(half, prev) - (rng.bernoulli(0.1) ? 1 : 0)) * (TICK / 2);
    for (let k = 0; k < levels; k++) {
      bq[k][i] = empty && k === 0 ? NaN : 1 + rng.nextInt(500);
      aq[k][i] = 1 + rng.nextInt(500);
    }
    trades[i] = events ? rng.poisson(0.4) : NaN;
    volume[i] = events ? trades[i] * 100 : NaN;
    cancels[i] = events ? rng.poisson(1.5) : NaN;
    ofi[i] = events ? rng.nextInt(801) - 400 : NaN;
  }
  const f64 = (name: string, a: Float64Array) => pl.Series(name, a);
  const series = [
    pl.Series("ts", ts as unknown as number[]).cast(pl.Datetime("ns")),
    f64("best_bid", bid),
    f64("best_ask", ask),
  ];
  for (let k = 0; k < levels; k++) {
    const bp = new Float64Array(n), ap = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      bp[i] = bid[i] - k * TICK;
      ap[i] = ask[i] + k * TICK;
    }
    series.push(
      f64(`bid_price_${k + 1}`, bp),
      f64(`bid_qty_${k + 1}`, bq[k]),
      f64(`ask_price_${k + 1}`, ap),
      f64(`ask_qty_${k + 1}`, aq[k]),
    );
  }
  series.push(
    f64("trade_count", trades),
    f64("trade_volume", volume),
    f64("cancel_count", cancels),
    f64("mid_high", hi),
    f64("mid_low", lo),
    f64("ofi_events", ofi),
  );
  const floats = series.slice(1).map((s) => s.name);
  return pl.DataFrame(series).withColumns(
    ...floats.map((c) =>
      pl.when(pl.col(c).isNan()).then(pl.lit(null)).otherwise(pl.col(c)).alias(c)
    ),
    pl.lit(symbol).alias("symbol"),
    pl.lit(date).alias("date"),
    pl.lit(TICK).alias("tick_size"),
  ).withColumns(pl.col("trade_count").cast(pl.Int64), pl.col("cancel_count").cast(pl.Int64))
    .select("ts", "symbol", "date", "tick_size", ...floats);
}

/** A generated interim frame, sorted by symbol, date and ts. */
export function syntheticInterim(options: SyntheticOptions = {}): pl.DataFrame {
  const symbols = options.symbols ?? ["SYN"];
  const days = options.days ?? 1;
  const n = options.rowsPerDay ?? 1000;
  const levels = options.levels ?? 5;
  const stepNs = Math.round((options.decisionMs ?? 100) * 1e6);
  const root = Rng.fromSeed(options.seed ?? 1);
  const frames: pl.DataFrame[] = [];
  for (const symbol of symbols) {
    for (let d = 0; d < days; d++) {
      const date = dateOf(d);
      frames.push(
        symbolDay(
          symbol,
          date,
          n,
          levels,
          stepNs,
          options.nullRate ?? 0,
          options.events ?? true,
          root.derive(`${symbol}/${date}`),
        ),
      );
    }
  }
  return frames.length === 1 ? frames[0] : pl.concat(frames, { rechunk: true, how: "vertical" });
}
