/**
 * Schema of `configs/data.yaml` (`deno task simulate`): which simulated market
 * data to generate (model, symbols, days, session hours) and where to write it.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { DataConfigSchema, parseClockNs } from "./data.ts";
 * const cfg = DataConfigSchema.parse({});
 * assert(cfg.simulate.model === "abides" && cfg.simulate.levels === 10);
 * assert(parseClockNs(cfg.simulate.session_start) === 34_200_000_000_000); // 09:30:00
 * ```
 * @module
 */

import { z } from "zod";
import { int, oneOf, posInt, section } from "../schema_helpers.ts";
import { AbidesSectionSchema } from "./abides.ts";
import { ZiSectionSchema } from "./zi.ts";
import { clock, isRealDate, parseClockNs } from "../clock.ts";

export { parseClockNs };
import { IngestSectionSchema } from "./ingest.ts";
import { DatasetSectionSchema } from "./dataset.ts";

/** The `simulate:` section. */
export const SimulateSectionSchema = section({
  model: oneOf(["abides", "zi"]).default("abides").describe(
    "market simulator: abides (agent-based: noise, value, momentum agents and market makers behind latency) or zi (zero-intelligence order flow)",
  ),
  days: int({ min: 1, max: 10_000 }).default(1).describe(
    "trading days to simulate: start_date and the weekdays after it (weekends skipped, holidays not)",
  ),
  symbols: z.array(z.string().regex(/^[A-Za-z0-9.-]+$/, "a ticker of letters, digits, '.' or '-'"))
    .min(1).default(["SIM"]).describe(
      "tickers to simulate, one independent session each per day (also the folder and LOBSTER file names)",
    ),
  start_date: z.string().refine(isRealDate, "a real date YYYY-MM-DD").default("2024-01-02")
    .describe("first trading day, YYYY-MM-DD (a weekend date moves to the Monday after)"),
  session_start: clock().default("09:30:00").describe(
    "session open, exchange local time HH:MM:SS",
  ),
  session_end: clock().default("16:00:00").describe(
    "session close, exchange local time HH:MM:SS (after session_start)",
  ),
  tick_size: posInt().default(100).describe(
    "price units (dollars × 10,000) per tick; 100 = one cent",
  ),
  levels: int({ min: 1, max: 200 }).default(10).describe(
    "book levels per side in the LOBSTER orderbook files and snapshots.parquet",
  ),
  decision_ms: int({ min: 1, max: 3_600_000 }).default(100).describe(
    "sampling interval of snapshots.parquet (ms): the book as of each grid time from open to close",
  ),
  seed: int().default(42).describe(
    "master seed; each session's seed is derived from it by name (symbol/date), so adding a symbol or a day leaves the other sessions unchanged",
  ),
  out: z.string().min(1).default("data/sim").describe(
    "output folder: <out>/<symbol>/<date>/ per session, plus config.yaml, manifest.json and summary.json",
  ),
  write_lobster: z.boolean().default(true).describe(
    "write LOBSTER message and orderbook files (every event; needed by deno task realism)",
  ),
  write_parquet: z.boolean().default(true).describe(
    "write snapshots.parquet (book at decision_ms) and trades.parquet",
  ),
}).refine((s) => parseClockNs(s.session_end) > parseClockNs(s.session_start), {
  message: "session_end after session_start",
  path: ["session_end"],
});

/** Typed `simulate:` section. */
export type SimulateSection = z.infer<typeof SimulateSectionSchema>;

/**
 * The whole file: `simulate:` (what to simulate and where to write it) and
 * the parameters of each market model (`abides:`, `zi:`). Later pipeline
 * stages add their own sections.
 */
export const DataConfigSchema = section({
  simulate: SimulateSectionSchema.prefault({}).describe(
    "simulated market data: deno task simulate",
  ),
  abides: AbidesSectionSchema.prefault({}).describe(
    "the agent-based market's population (simulate.model: abides)",
  ),
  zi: ZiSectionSchema.prefault({}).describe(
    "the zero-intelligence order flow of Cont, Stoikov and Talreja 2010 (simulate.model: zi)",
  ),
  ingest: IngestSectionSchema.prefault({}).describe(
    "ingestion into the interim store: deno task ingest",
  ),
  dataset: DatasetSectionSchema.optional().describe(
    "scaling, date splits and [N, T, F] windows: deno task dataset (splits.dev is required)",
  ),
});

/** Typed `configs/data.yaml`. */
export type DataConfig = z.infer<typeof DataConfigSchema>;
