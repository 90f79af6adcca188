/**
 * A simulated trading session: what every market simulator hands to the
 * writers (LOBSTER files, Parquet) and to the realism check. One session is one
 * symbol on one date.
 * @module
 */

import type { EventStream } from "./market_data/event_stream.ts";

/** One symbol's simulated day. */
export interface SimulatedSession {
  /** Ticker, e.g. "SIM0". */
  symbol: string;
  /** Calendar date, "YYYY-MM-DD" (so that later splits by date work). */
  date: string;
  /** Price units (dollars × 10,000, as in LOBSTER) per tick; 100 = one cent. */
  tickSize: number;
  /** Session open and close, nanoseconds after midnight. */
  sessionStartNs: number;
  sessionEndNs: number;
  /**
   * Every change to the book in LOBSTER's terms (add, reduce, delete, trade of
   * a resting order), time-sorted, order ids unique within the session, starting
   * from an empty book. Prices in ticks.
   */
  events: EventStream;
  /** Messages the simulator processed (kernel messages for agent-based markets, events for ZI). */
  messagesProcessed: number;
}

/** What a simulator is asked to simulate: one symbol's session on one date. */
export interface SessionSpec {
  /** Ticker. */
  symbol: string;
  /** Trading day, "YYYY-MM-DD". */
  date: string;
  /** Index of the day in the run (0 for the first day). */
  dayIndex: number;
  /** The session's own seed (derived from the master seed by symbol and date). */
  seed: number;
  /** Session open and close, ns after midnight. */
  sessionStartNs: number;
  sessionEndNs: number;
  /** Price units (dollars × 10,000) per tick. */
  tickSize: number;
}
