/**
 * Schema of the agent-based market of the environment (mounted by the
 * environment config as `environment.abm`): the background population (the
 * `abides:` section's keys and defaults), the symbol, the tick, the book
 * levels in each decision-grid row, and the session open. The episode's
 * start (after the open) sets the warm-up: the market runs from the open to
 * the episode start before the learning agents act.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { AbmMarketSectionSchema } from "./env_abm.ts";
 * const cfg = AbmMarketSectionSchema.parse({ population: { noise: { count: 10 } } });
 * assert.equal(cfg.population.noise.count, 10);
 * assert.equal(cfg.population.value.count, 100); // the abides defaults
 * assert.equal(cfg.tick_size, 100);
 * assert.equal(cfg.session_start, "09:30:00");
 * assert.throws(() => AbmMarketSectionSchema.parse({ level: 5 })); // unknown key
 * ```
 * @module
 */

import { z } from "zod";
import { int, posInt, section } from "../schema_helpers.ts";
import { AbidesSectionSchema } from "./abides.ts";

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** The agent-based market's section (`environment.abm`). */
export const AbmMarketSectionSchema = section({
  population: AbidesSectionSchema.prefault({}).describe(
    "the background population and its parameters (the keys of the abides: section, same defaults)",
  ),
  symbol: z.string().min(1).default("SIM").describe("symbol name at the simulated exchange"),
  tick_size: posInt().default(100).describe(
    "price units (dollars × 10,000) per tick; 100 = one cent",
  ),
  levels: int({ min: 1, max: 200 }).default(5).describe(
    "book levels per side in each decision-grid row (the features' depth)",
  ),
  session_start: z.string().regex(CLOCK, "a clock time HH:MM:SS (24 h)").default("09:30:00")
    .describe(
      "session open, HH:MM:SS: the background market starts here and runs until the episode start (warm-up)",
    ),
});

/** Typed `environment.abm` section. */
export type AbmMarketSection = z.infer<typeof AbmMarketSectionSchema>;
