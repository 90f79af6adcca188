/**
 * Schema of `configs/replay.yaml` (`deno task replay`, and the demo): which
 * LOBSTER files to replay through the matching engine and what to write.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { ReplayConfigSchema } from "./replay.ts";
 * const cfg = ReplayConfigSchema.parse({ replay: { message_file: "m.csv" } });
 * assert(cfg.replay.tick_size === 100 && cfg.replay.orderbook_file === "auto");
 * ```
 * @module
 */

import { z } from "zod";
import { int, posInt, section } from "../schema_helpers.ts";

/** The `replay` section. */
export const ReplaySectionSchema = section({
  message_file: z.string().min(1).describe(
    "LOBSTER message file (TICKER_DATE_START_END_message_LEVEL.csv); relative paths are from the working folder",
  ),
  orderbook_file: z.string().min(1).default("auto").describe(
    'LOBSTER orderbook file to check every row against; "auto" = the matching file beside the message file if present, "none" = do not check',
  ),
  tick_size: posInt().default(100).describe(
    "price units (dollars × 10,000) per tick; 100 = one cent",
  ),
  snapshot_levels: int({ min: 1, max: 200 }).optional().describe(
    "levels per side in the written snapshots (default: the file's level count)",
  ),
  write_events: z.boolean().default(true).describe("write the canonical event stream (events.csv)"),
  write_snapshots: z.boolean().default(true).describe(
    "write L1…LN snapshots after every message (snapshots.csv)",
  ),
  max_examples: int({ min: 0, max: 10_000 }).default(50).describe(
    "mismatch examples kept in the summary",
  ),
});

/** The whole file. */
export const ReplayConfigSchema = section({
  replay: ReplaySectionSchema.describe("replay of LOBSTER data through the matching engine"),
});

/** Typed `configs/replay.yaml`. */
export type ReplayConfig = z.infer<typeof ReplayConfigSchema>;
