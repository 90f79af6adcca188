/**
 * Market simulators behind `deno task simulate`: a simulator is a function
 * from a session's description (symbol, date, seed, hours, tick size) to a
 * {@linkcode SimulatedSession}, looked up by the name the config's
 * `simulate.model` uses ("abides", "zi"; see `marketSimulators`).
 *
 * A simulator must be deterministic in its arguments (the same seed gives the
 * same session, event for event) and use only the given seed for randomness.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EventStreamBuilder } from "../sim/market_data/mod.ts";
 * import { getSimulator, type SessionSimulator } from "./simulators.ts";
 * const empty: SessionSimulator = (a) => ({
 *   symbol: a.symbol, date: a.date, tickSize: a.tickSize, sessionStartNs: a.sessionStartNs,
 *   sessionEndNs: a.sessionEndNs, events: new EventStreamBuilder().finish(), messagesProcessed: 0,
 * });
 * const registry = new Map([["empty", empty]]);
 * assert(getSimulator("empty", registry) === empty);
 * assert.throws(() => getSimulator("abides", registry), /not registered/);
 * ```
 * @module
 */

import { UsageError } from "../core/errors.ts";
import type { SessionSpec, SimulatedSession } from "../sim/session.ts";

/** What a simulator is asked to simulate. */
export interface SimulatorArgs extends SessionSpec {
  /** Called now and then with the share of the session done (0…1), for progress bars. */
  onProgress?: (fraction: number) => void;
}

/** A market simulator: one symbol's day from its description. */
export type SessionSimulator = (args: SimulatorArgs) => SimulatedSession;

/** The simulator named `name` in `registry`; `UsageError` if absent. */
export function getSimulator(
  name: string,
  registry: ReadonlyMap<string, SessionSimulator>,
): SessionSimulator {
  const fn = registry.get(name);
  if (fn === undefined) {
    const known = [...registry.keys()].sort().join(", ") || "none";
    throw new UsageError(`simulator "${name}" is not registered (registered: ${known})`);
  }
  return fn;
}
