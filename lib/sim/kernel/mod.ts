/**
 * The discrete-event kernel of the agent-based market: nanosecond time, an
 * event queue, agents with lifecycle hooks, and the exchange agent that owns
 * the matching-engine books.
 * @module
 */

export * from "./messages.ts";
export * from "./event_queue.ts";
export * from "./agent.ts";
export * from "./kernel.ts";
export * from "./exchange_agent.ts";
