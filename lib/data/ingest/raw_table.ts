/**
 * A raw table: the rows of one input file in the layout of `./columns.ts`,
 * with what ingestion needs to know about them. Readers return raw tables;
 * validation turns them into per symbol-day parts.
 * @module
 */

import type pl from "nodejs-polars";
import type { TableKind } from "./columns.ts";

/** The rows of one input file, normalised (see `./columns.ts`). */
export interface RawTable {
  /** The file the rows come from (for a LOBSTER pair: the message file). */
  file: string;
  /** Index of the config source that named it (`ingest.sources[i]`). */
  source: number;
  /** Events (replayed LOBSTER), book snapshots or trades. */
  kind: TableKind;
  /** Book levels per side in `frame` (0 for trades). */
  levels: number;
  /** Price increment, dollars. */
  tickSize: number;
  /** The rows, in file order. */
  frame: pl.DataFrame;
  /** Facts for the report (e.g. a replay's mismatch counts, ignored columns). */
  notes: Record<string, unknown>;
}
