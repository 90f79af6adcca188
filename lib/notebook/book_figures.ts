/**
 * The book drawn from one simulated session folder (`snapshots.parquet` and
 * `trades.parquet`, written by `deno task simulate`): a depth heatmap over
 * time (bid levels below zero, ask levels above), the mid and the spread,
 * and the trades coloured by aggressor side. Long sessions are thinned to at
 * most `points` snapshot rows and `maxTrades` trades (every k-th row), so a
 * notebook stays small; the thinning is deterministic.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { bookFiguresFromArrays } from "./book_figures.ts";
 * const figs = bookFiguresFromArrays({
 *   seconds: [0, 1, 2], bidPrice: [99, 99, 98], askPrice: [101, 100, 100],
 *   bidQty: [[5, 3], [4, 3], [2, 2]], askQty: [[1, 2], [2, 2], [3, 1]],
 *   trades: { seconds: [0.5, 1.5], price: [101, 99], qty: [1, 2], side: [1, -1] },
 * }, "SIM 2024-01-02");
 * assert.deepEqual(figs.map((f) => f.id), ["book-depth", "book-mid-spread", "book-trades"]);
 * assert.deepEqual((figs[1].data[0].y as number[]), [100, 99.5, 99]);
 * ```
 * @module
 */

import { join } from "node:path";
import pl from "nodejs-polars";
import { axes, type FigureSpec } from "../report/figure.ts";

/** Book columns of one session, as plain arrays (seconds since the open). */
export interface BookArrays {
  /** Time of each snapshot, seconds since the first one. */
  seconds: number[];
  bidPrice: number[];
  askPrice: number[];
  /** Quantity per snapshot and level (level 1 first). */
  bidQty: number[][];
  askQty: number[][];
  /** Trades: time (seconds since the first snapshot), price, quantity, aggressor side (+1 buy, -1 sell). */
  trades: { seconds: number[]; price: number[]; qty: number[]; side: number[] };
}

/** Options of {@linkcode readBookArrays}. */
export interface ReadBookOptions {
  /** Snapshot rows kept at most (default 600). */
  points?: number;
  /** Trades kept at most (default 3000). */
  maxTrades?: number;
}

/** Every k-th index of `n` so that at most `max` remain. */
function thin(n: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(n / max));
  const idx: number[] = [];
  for (let i = 0; i < n; i += step) idx.push(i);
  return idx;
}

/** Nanoseconds since the epoch of a datetime column (polars gives Date or bigint). */
function nanos(values: unknown[]): number[] {
  return values.map((v) =>
    v instanceof Date ? v.getTime() * 1e6 : typeof v === "bigint" ? Number(v) : Number(v)
  );
}

/** Reads and thins a session folder's book and trades. */
export function readBookArrays(sessionDir: string, opts: ReadBookOptions = {}): BookArrays {
  const snaps = pl.readParquet(join(sessionDir, "snapshots.parquet"));
  const rows = thin(snaps.height, opts.points ?? 600);
  const pick = (name: string) => {
    const all = snaps.getColumn(name).toArray() as number[];
    return rows.map((i) => Number(all[i]));
  };
  const ts = snaps.getColumn("ts").cast(pl.Int64).toArray() as unknown[];
  const t0 = nanos([ts[0]])[0];
  const seconds = rows.map((i) => (nanos([ts[i]])[0] - t0) / 1e9);
  const levels = snaps.columns.filter((c) => /^bid_qty_\d+$/.test(c)).length;
  const bidCols = Array.from({ length: levels }, (_, k) => pick(`bid_qty_${k + 1}`));
  const askCols = Array.from({ length: levels }, (_, k) => pick(`ask_qty_${k + 1}`));
  const bidQty = rows.map((_, r) => bidCols.map((c) => c[r]));
  const askQty = rows.map((_, r) => askCols.map((c) => c[r]));
  const trades = pl.readParquet(join(sessionDir, "trades.parquet"));
  const tr = thin(trades.height, opts.maxTrades ?? 3000);
  const tts = nanos(trades.getColumn("ts").cast(pl.Int64).toArray() as unknown[]);
  const col = (name: string) => {
    const all = trades.getColumn(name).toArray() as number[];
    return tr.map((i) => Number(all[i]));
  };
  return {
    seconds,
    bidPrice: pick("best_bid"),
    askPrice: pick("best_ask"),
    bidQty,
    askQty,
    trades: {
      seconds: tr.map((i) => (tts[i] - t0) / 1e9),
      price: col("price"),
      qty: col("qty"),
      side: col("aggressor_side"),
    },
  };
}

/** The three book figures from arrays; `label` names the session in the titles. */
export function bookFiguresFromArrays(b: BookArrays, label: string): FigureSpec[] {
  const levels = b.bidQty[0]?.length ?? 0;
  const y = [
    ...Array.from({ length: levels }, (_, k) => -(levels - k)),
    ...Array.from({ length: levels }, (_, k) => k + 1),
  ];
  // z[row = level][column = time]: bid levels deepest first, then ask levels.
  const z = y.map((lvl) =>
    b.seconds.map((_, t) => lvl < 0 ? b.bidQty[t][-lvl - 1] : b.askQty[t][lvl - 1])
  );
  const mid = b.bidPrice.map((bid, i) => (bid + b.askPrice[i]) / 2);
  const spread = b.bidPrice.map((bid, i) => Number((b.askPrice[i] - bid).toFixed(10)));
  const bySide = (s: number) =>
    b.trades.side.map((v, i) => (v === s ? i : -1)).filter((i) => i >= 0);
  const tradeTrace = (s: number, name: string, color: string) => {
    const idx = bySide(s);
    return {
      type: "scattergl",
      mode: "markers",
      name,
      x: idx.map((i) => b.trades.seconds[i]),
      y: idx.map((i) => b.trades.price[i]),
      marker: { size: 4, color, opacity: 0.6 },
    };
  };
  return [
    {
      id: "book-depth",
      title: `Depth by level over time — ${label}`,
      data: [{
        type: "heatmap",
        x: b.seconds,
        y,
        z,
        colorscale: "Viridis",
        colorbar: { title: { text: "quantity" } },
      }],
      layout: axes("seconds since open", "level (bid < 0 < ask)"),
    },
    {
      id: "book-mid-spread",
      title: `Mid price and spread — ${label}`,
      data: [
        { type: "scatter", mode: "lines", name: "mid", x: b.seconds, y: mid },
        {
          type: "scatter",
          mode: "lines",
          name: "spread",
          x: b.seconds,
          y: spread,
          yaxis: "y2",
          line: { width: 1 },
        },
      ],
      layout: axes("seconds since open", "mid", {
        yaxis2: { title: { text: "spread" }, overlaying: "y", side: "right" },
      }),
    },
    {
      id: "book-trades",
      title: `Trades by aggressor side — ${label}`,
      data: [
        tradeTrace(1, "buyer-initiated", "#2ca02c"),
        tradeTrace(-1, "seller-initiated", "#d62728"),
      ],
      layout: axes("seconds since open", "trade price"),
    },
  ];
}

/** Reads a session folder and returns its three book figures. */
export function bookFigures(
  sessionDir: string,
  label: string,
  opts: ReadBookOptions = {},
): FigureSpec[] {
  return bookFiguresFromArrays(readBookArrays(sessionDir, opts), label);
}
