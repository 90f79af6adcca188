/**
 * Latency is a small, swappable market assumption (as in hftbacktest's
 * `LatencyModel`): how long a message takes from one agent to another. Models
 * may depend on the sender, the receiver and what is being sent: placing,
 * modifying and cancelling an order can take different times, which no other
 * open-source multi-agent market models.
 * @module
 */

/** What a message asks for; latency models may treat each differently. */
export const RequestKind = {
  /** A new order. */
  Place: 0,
  /** A change to a live order. */
  Modify: 1,
  /** A cancel or partial cancel. */
  Cancel: 2,
  /** Anything else: market data requests, exchange responses, agent-to-agent messages. */
  Other: 3,
} as const;
/** One of {@linkcode RequestKind}'s values. */
export type RequestKind = typeof RequestKind[keyof typeof RequestKind];

/** Names of request kinds, indexed by code (as used in configs). */
export const REQUEST_KIND_NAMES = ["place", "modify", "cancel", "other"] as const;

/** A one-way delay between two agents. */
export interface LatencyModel {
  /** Delay in integer nanoseconds (≥ 0) of a message of `kind` from agent `from` to agent `to`. */
  delayNs(from: number, to: number, kind: RequestKind): number;
}
