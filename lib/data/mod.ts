/**
 * Market data readers.
 *
 * - {@link ./lobster/mod.ts}: LOBSTER message and orderbook files.
 *
 * @module
 */

export * from "./lobster/mod.ts";
