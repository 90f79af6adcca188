/**
 * Test helper: small interim frames from row literals, and the feature
 * columns computed from them (as JS arrays, null for null).
 */

import pl from "nodejs-polars";
import { buildFeatures, type FeaturePlan } from "../../lib/features/pipeline.ts";
import type { FeatureParams } from "../../lib/features/types.ts";
import { midnightEpochNs } from "../../lib/sim/output/lobster_time.ts";

/** One interim row; null (or a missing optional key) means a null cell. */
export interface RowSpec {
  symbol?: string;
  date?: string;
  /** Grid time, seconds after midnight (default: 09:30:00 + 0.1 s × the row's index in its symbol-day). */
  t?: number;
  bid: number | null;
  ask: number | null;
  qb?: number | null;
  qa?: number | null;
  /** Sizes at bid / ask levels 2, 3, … */
  bids?: (number | null)[];
  asks?: (number | null)[];
  tick?: number | null;
  trades?: number | null;
  cancels?: number | null;
  hi?: number | null;
  lo?: number | null;
  ofi?: number | null;
}

/** Frame options. */
export interface FrameOptions {
  /** Leave out these columns entirely. */
  drop?: string[];
}

/** An interim frame of `rows` (default symbol "X", date 2024-01-02). */
export function interimFrame(rows: RowSpec[], options: FrameOptions = {}): pl.DataFrame {
  const counts = new Map<string, number>();
  const ts = new BigInt64Array(rows.length);
  rows.forEach((r, i) => {
    const key = `${r.symbol ?? "X"}|${r.date ?? "2024-01-02"}`;
    const k = counts.get(key) ?? 0;
    counts.set(key, k + 1);
    const t = r.t ?? 34_200 + 0.1 * k;
    ts[i] = midnightEpochNs(r.date ?? "2024-01-02") + BigInt(Math.round(t * 1e9));
  });
  const deeper = Math.max(
    0,
    ...rows.map((r) => Math.max(r.bids?.length ?? 0, r.asks?.length ?? 0)),
  );
  const col = (name: string, f: (r: RowSpec) => number | null | undefined) =>
    pl.Series(name, rows.map((r) => f(r) ?? null), pl.Float64);
  const series = [
    pl.Series("ts", ts as unknown as number[]).cast(pl.Datetime("ns")),
    pl.Series("symbol", rows.map((r) => r.symbol ?? "X")),
    pl.Series("date", rows.map((r) => r.date ?? "2024-01-02")),
    col("tick_size", (r) => r.tick === undefined ? 0.01 : r.tick),
    col("best_bid", (r) => r.bid),
    col("best_ask", (r) => r.ask),
    col("bid_price_1", (r) => r.bid),
    col("bid_qty_1", (r) => r.qb === undefined ? 100 : r.qb),
    col("ask_price_1", (r) => r.ask),
    col("ask_qty_1", (r) => r.qa === undefined ? 100 : r.qa),
  ];
  for (let k = 0; k < deeper; k++) {
    series.push(col(`bid_qty_${k + 2}`, (r) => r.bids?.[k]));
    series.push(col(`ask_qty_${k + 2}`, (r) => r.asks?.[k]));
  }
  series.push(
    col("trade_count", (r) => r.trades).cast(pl.Int64),
    col("cancel_count", (r) => r.cancels).cast(pl.Int64),
    col("mid_high", (r) => r.hi === undefined ? mid(r) : r.hi),
    col("mid_low", (r) => r.lo === undefined ? mid(r) : r.lo),
    col("ofi_events", (r) => r.ofi),
  );
  const drop = new Set(options.drop ?? []);
  return pl.DataFrame(series.filter((s) => !drop.has(s.name)));
}

function mid(r: RowSpec): number | null {
  return r.bid === null || r.ask === null ? null : (r.bid + r.ask) / 2;
}

/** Computed features of `rows`: each requested column as an array, and the plan. */
export function features(
  rows: RowSpec[] | pl.DataFrame,
  names: string[],
  params: Partial<FeatureParams> = {},
  options: FrameOptions = {},
): { cols: Record<string, (number | null)[]>; plan: FeaturePlan; frame: pl.DataFrame } {
  const input = Array.isArray(rows) ? interimFrame(rows, options) : rows;
  const { frame, plan } = buildFeatures(input, { features: names, params });
  const cols: Record<string, (number | null)[]> = {};
  for (const c of frame.columns) {
    if (c !== "ts" && c !== "symbol" && c !== "date") {
      cols[c] = frame.getColumn(c).toArray() as (number | null)[];
    }
  }
  return { cols, plan, frame };
}

/** Asserts `actual` equals `expected` elementwise: nulls exactly, numbers to `tol` relative. */
export function assertClose(
  actual: (number | null)[],
  expected: (number | null)[],
  tol = 1e-12,
  label = "",
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length}, expected ${expected.length}`);
  }
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i], e = expected[i];
    if (e === null || a === null) {
      if (a !== e) {
        throw new Error(`${label}[${i}]: ${a}, expected ${e} (${JSON.stringify(actual)})`);
      }
      continue;
    }
    const scale = Math.max(Math.abs(a), Math.abs(e));
    if (Math.abs(a - e) > tol * scale) {
      throw new Error(`${label}[${i}]: ${a}, expected ${e} (${JSON.stringify(actual)})`);
    }
  }
}
