/**
 * User files (CSV or Parquet) as raw tables.
 *
 * A **book** file needs `ts, symbol, best_bid, best_ask, bid_qty_1,
 * ask_qty_1`; more levels are read from `bid_price_k, bid_qty_k, ask_price_k,
 * ask_qty_k` (k = 2, 3, … while all four exist; `bid_price_1` and
 * `ask_price_1` default to the best quotes). A **trades** file needs `ts,
 * symbol, price, qty` and may have `aggressor_side` (+1 buy, −1 sell). With a
 * `symbol` override the `symbol` column may be absent. A missing column throws
 * `InputError` naming the file and the column; other columns are ignored and
 * listed in the table's notes. Numbers that do not parse become null (the
 * validation then reports the row as missing). Times: see `./timestamps.ts`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { readUserTable } from "./user_table.ts";
 * const file = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(file, "ts,best_bid,best_ask,bid_qty_1,ask_qty_1\n1,10,10.01,5,7\n");
 * await assert.rejects(
 *   readUserTable(file, { format: "csv", table: "auto", tsUnit: "ns", levels: 10, tickSize: 0.01, source: 0 }),
 *   { message: `${file}: symbol: expected a column "symbol" (book files need ts, symbol, best_bid, best_ask, bid_qty_1, ask_qty_1), found columns ts, best_bid, best_ask, bid_qty_1, ask_qty_1` },
 * );
 * const t = await readUserTable(file, {
 *   format: "csv", table: "auto", tsUnit: "ns", levels: 10, tickSize: 0.01, source: 0, symbol: "X",
 * });
 * assert(t.kind === "snapshots" && t.levels === 1 && t.frame.getColumn("bid_price_1").toArray()[0] === 10);
 * await Deno.remove(file);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../../core/errors.ts";
import { levelColumns } from "../interim/schema.ts";
import {
  bookColumns,
  REQUIRED_BOOK_COLUMNS,
  REQUIRED_TRADE_COLUMNS,
  TRADE_COLUMNS,
} from "./columns.ts";
import type { RawTable } from "./raw_table.ts";
import { tsToNanos, type TsUnit } from "./timestamps.ts";

/** Options of {@linkcode readUserTable}. */
export interface UserTableOptions {
  /** File format. */
  format: "csv" | "parquet";
  /** Book snapshots, trades, or decided from the columns. */
  table: "auto" | "book" | "trades";
  /** Unit of an integer `ts`. */
  tsUnit: TsUnit;
  /** Most book levels to keep. */
  levels: number;
  /** Price increment, dollars. */
  tickSize: number;
  /** Index of the config source. */
  source: number;
  /** Ticker for every row (replaces or stands in for the `symbol` column). */
  symbol?: string;
}

async function readFrame(file: string, format: "csv" | "parquet"): Promise<pl.DataFrame> {
  try {
    const info = await Deno.stat(file);
    if (!info.isFile) {
      throw new InputError({ file, expected: `a ${format} file`, found: "a folder" });
    }
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new InputError({ file, expected: `an existing ${format} file`, found: "no such file" });
    }
    throw error;
  }
  try {
    if (format === "parquet") return pl.readParquet(file).withRowIndex("row", 1);
    // ts is read as text: polars' date inference stops at microseconds.
    return pl.readCSV(file, {
      dtypes: { ts: pl.Utf8, symbol: pl.Utf8 },
      rowIndexName: "row",
      rowIndexOffset: 2,
      inferSchemaLength: 10_000,
    });
  } catch (error) {
    throw new InputError({
      file,
      expected: `a readable ${format} file`,
      found: String((error as Error).message ?? error).split("\n")[0].slice(0, 200),
    });
  }
}

function missingColumn(file: string, column: string, need: string, have: string[]): never {
  throw new InputError({
    file,
    keyPath: column,
    expected: `a column "${column}" (${need})`,
    found: `columns ${have.join(", ")}`,
  });
}

/** Reads a user CSV or Parquet file as a raw book-snapshot or trades table. */
export async function readUserTable(file: string, options: UserTableOptions): Promise<RawTable> {
  const raw = await readFrame(file, options.format);
  const names = raw.columns.filter((c) => c !== "row");
  const has = new Set(names);
  const table = options.table !== "auto"
    ? options.table
    : has.has("price") && has.has("qty") && !has.has("best_bid")
    ? "trades"
    : "book";
  const required = table === "book" ? REQUIRED_BOOK_COLUMNS : REQUIRED_TRADE_COLUMNS;
  const need = `${table === "book" ? "book" : "trades"} files need ${required.join(", ")}`;
  for (const column of required) {
    if (column === "symbol" && options.symbol !== undefined) continue;
    if (!has.has(column)) missingColumn(file, column, need, names);
  }

  const ts = tsToNanos(raw.getColumn("ts").dtype, options.tsUnit, file);
  const symbol = options.symbol !== undefined
    ? pl.lit(options.symbol).alias("symbol")
    : pl.col("symbol").cast(pl.Utf8).alias("symbol");
  const f64 = (name: string, from = name) => pl.col(from).cast(pl.Float64, false).alias(name);
  const head = [ts, symbol, pl.col("row").cast(pl.Int64).alias("row")];

  let used: string[];
  let body: pl.Expr[];
  let levels = 0;
  if (table === "trades") {
    used = ["ts", "symbol", "price", "qty", "aggressor_side"];
    body = [
      f64("price"),
      f64("qty"),
      (has.has("aggressor_side")
        ? pl.col("aggressor_side").cast(pl.Int8, false)
        : pl.lit(null).cast(pl.Int8)).alias(TRADE_COLUMNS[2]),
    ];
  } else {
    levels = 1;
    while (levels < options.levels && levelColumns(levels + 1).every((c) => has.has(c))) levels++;
    used = ["ts", "symbol", ...bookColumns(levels)];
    body = [f64("best_bid"), f64("best_ask")];
    for (let k = 1; k <= levels; k++) {
      for (const c of levelColumns(k)) {
        const fallback = c === "bid_price_1" ? "best_bid" : c === "ask_price_1" ? "best_ask" : c;
        body.push(f64(c, has.has(c) ? c : fallback));
      }
    }
  }
  const frame = raw.select(...head, ...body);
  const ignored = names.filter((c) => !used.includes(c));
  const notes: Record<string, unknown> = {};
  if (ignored.length > 0) notes.ignored_columns = ignored;
  return {
    file,
    source: options.source,
    kind: table === "trades" ? "trades" : "snapshots",
    levels,
    tickSize: options.tickSize,
    frame,
    notes,
  };
}
