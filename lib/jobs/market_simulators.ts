/**
 * The market simulators a data config can name in `simulate.model`, built
 * from that config's model sections: "abides" (the agent-based market) and
 * "zi" (Cont-Stoikov-Talreja zero-intelligence flow).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { DataConfigSchema } from "../config/schemas/data.ts";
 * import { marketSimulators } from "./market_simulators.ts";
 * const sims = marketSimulators(DataConfigSchema.parse({}));
 * assert.deepEqual([...sims.keys()], ["abides", "zi"]);
 * ```
 * @module
 */

import type { DataConfig } from "../config/schemas/data.ts";
import { simulateAbidesSession } from "../sim/abides/session.ts";
import { simulateZiSession, ziParamsFromSection } from "../sim/zi/mod.ts";
import type { SessionSimulator } from "./simulators.ts";

/** Simulators by model name, parameterised by `cfg`. */
export function marketSimulators(cfg: DataConfig): Map<string, SessionSimulator> {
  const zi = ziParamsFromSection(cfg.zi);
  return new Map<string, SessionSimulator>([
    ["abides", (a) => simulateAbidesSession(a, cfg.abides)],
    [
      "zi",
      (a) => simulateZiSession({ ...a, params: zi, startPriceTicks: cfg.zi.start_price_ticks }),
    ],
  ]);
}
