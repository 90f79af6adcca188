/**
 * Market data records shared by replay, simulators and ingestion: the
 * canonical {@linkcode EventStream} and L1…LN {@linkcode BookSnapshots}.
 * @module
 */

export * from "./event_stream.ts";
export * from "./book_snapshots.ts";
export * from "./csv.ts";
