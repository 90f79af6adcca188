/**
 * Schema of `configs/bench.yaml` (`deno task bench …`): sizes and inputs of
 * each benchmark.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { BenchConfigSchema } from "./bench.ts";
 * const cfg = BenchConfigSchema.parse({ book: {} });
 * assert(cfg.book.messages === 10_000_000);
 * ```
 * @module
 */

import { z } from "zod";
import { int, section } from "../schema_helpers.ts";

/** `bench.book`: the matching engine and LOBSTER replay benchmark. */
export const BookBenchSectionSchema = section({
  messages: int({ min: 1000, max: 100_000_000 }).default(10_000_000).describe(
    "generated messages (limit, cancel, market, modify)",
  ),
  seed: int().default(1).describe("seed of the generated stream"),
  lobster_message_file: z.string().nullable().default(
    "../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_message_1.csv",
  ).describe(
    "LOBSTER message file to replay (its orderbook file is used when present); null = skip",
  ),
});

/** The whole file. */
export const BenchConfigSchema = section({
  book: BookBenchSectionSchema.default(BookBenchSectionSchema.parse({})).describe(
    "deno task bench book",
  ),
});

/** Typed `configs/bench.yaml`. */
export type BenchConfig = z.infer<typeof BenchConfigSchema>;
