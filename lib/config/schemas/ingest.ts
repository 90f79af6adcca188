/**
 * Schema of the `ingest:` section (`deno task ingest --config configs/data.yaml`):
 * which market data to read (LOBSTER files, simulator outputs, CSV or Parquet
 * files), how to validate it, and the decision grid it is sampled onto in
 * `data/interim/<symbol>/<date>.parquet`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { IngestSectionSchema } from "./ingest.ts";
 * const cfg = IngestSectionSchema.parse({
 *   sources: [{ kind: "lobster", path: "../shared/data/lobster" }],
 * });
 * assert(cfg.decision_ms === 100 && cfg.session_start === "09:30:00");
 * assert(cfg.sources[0].kind === "lobster" && cfg.max_gap_s === 60);
 * assert.throws(() => IngestSectionSchema.parse({ sources: [{ kind: "xls", path: "a" }] }));
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, section } from "../schema_helpers.ts";
import { parseClockNs } from "../clock.ts";

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)$/;
const clock = () => z.string().regex(CLOCK, "a clock time HH:MM:SS (24 h)");

/** Source kinds: LOBSTER file pairs, simulator output folders, user CSV or Parquet files. */
export const INGEST_SOURCE_KINDS = ["lobster", "sim", "csv", "parquet"] as const;

/** Units of an integer `ts` column (epoch, exchange local time). */
export const TS_UNITS = ["ns", "us", "ms", "s"] as const;

/** One entry of `ingest.sources`. */
export const IngestSourceSchema = section({
  kind: oneOf(INGEST_SOURCE_KINDS).describe(
    "lobster: a LOBSTER message file or a folder of message/orderbook pairs (replayed through the matching engine: event-level); sim: a simulator output folder (<symbol>/<date>/ with LOBSTER files, preferred, else snapshots.parquet + trades.parquet); csv / parquet: a user file or a folder of them (book snapshots with ts, symbol, best_bid, best_ask, bid_qty_1, ask_qty_1, or trades with ts, symbol, price, qty)",
  ),
  path: z.string().min(1).describe(
    "file or folder (relative paths are from the working folder)",
  ),
  symbol: z.string().regex(/^[A-Za-z0-9.-]+$/, "a ticker of letters, digits, '.' or '-'")
    .optional().describe(
      "ticker to use instead of the one in the file name or symbol column (a csv/parquet file may then lack the symbol column)",
    ),
  tick_size: num({ gt: 0 }).optional().describe(
    "price increment in dollars (default: ingest.tick_size); LOBSTER prices must lie on it",
  ),
  levels: int({ min: 1, max: 200 }).optional().describe(
    "book levels per side to keep (default: ingest.levels; never more than the source has)",
  ),
  ts_unit: oneOf(TS_UNITS).optional().describe(
    "unit of an integer ts column in csv/parquet files (default: ingest.ts_unit)",
  ),
  table: oneOf(["auto", "book", "trades"]).default("auto").describe(
    "csv/parquet only: book snapshots or trades; auto = trades when the file has price and qty but no best_bid",
  ),
});

/** Typed source entry. */
export type IngestSource = z.infer<typeof IngestSourceSchema>;

/** The `ingest:` section. */
export const IngestSectionSchema = section({
  sources: z.array(IngestSourceSchema).min(1).default([{
    kind: "sim",
    path: "data/sim",
    table: "auto",
  }]).describe("what to ingest, in order (see the source keys)"),
  interim_dir: z.string().min(1).default("data/interim").describe(
    "root of the interim store: <interim_dir>/<symbol>/<date>.parquet, one row per grid time",
  ),
  decision_ms: int({ min: 1, max: 3_600_000 }).default(100).describe(
    "decision grid step Δ (ms); row t describes the interval (t − Δ, t]",
  ),
  session_start: clock().default("09:30:00").describe(
    "first grid time, exchange local time HH:MM:SS",
  ),
  session_end: clock().default("16:00:00").describe(
    "last grid time (included when on the grid), exchange local time HH:MM:SS",
  ),
  tick_size: num({ gt: 0 }).default(0.01).describe(
    "default price increment in dollars (a source's tick_size overrides it)",
  ),
  levels: int({ min: 1, max: 200 }).default(10).describe(
    "default book levels per side kept in the interim files (at most what the source has)",
  ),
  ts_unit: oneOf(TS_UNITS).default("ns").describe(
    "default unit of integer ts columns in csv/parquet files (epoch, exchange local time)",
  ),
  max_gap_s: num({ gt: 0 }).nullable().default(60).describe(
    "report gaps between consecutive book rows longer than this (seconds; rows are kept); null = no gap check",
  ),
  max_examples: int({ min: 0, max: 1000 }).default(5).describe(
    "examples (file, row, values) kept per kind of problem in the validation report",
  ),
  strict: z.boolean().default(false).describe(
    "fail on the first problem (InputError naming file and row) instead of dropping bad rows; --strict sets it",
  ),
  compression: oneOf(["zstd", "lz4", "snappy", "uncompressed"]).default("lz4").describe(
    "Parquet compression of the interim files (lz4: fastest to write and read; zstd: about half the size)",
  ),
}).refine((s) => parseClockNs(s.session_end) > parseClockNs(s.session_start), {
  message: "session_end after session_start",
  path: ["session_end"],
});

/** Typed `ingest:` section. */
export type IngestSection = z.infer<typeof IngestSectionSchema>;
