/**
 * Shared vocabulary of the matching engine: sides, time in force, self-trade
 * prevention modes and the codes an order can be answered with. Plain numeric
 * constants so that the hot path compares small integers.
 *
 * Units: prices in integer ticks, sizes in integer lots, time in integer
 * nanoseconds (a double holds every nanosecond of 104 days exactly).
 * @module
 */

/** Order side: +1 buy (bid), −1 sell (ask). */
export type Side = 1 | -1;
/** A buy order (rests on the bid side). */
export const BUY: Side = 1;
/** A sell order (rests on the ask side). */
export const SELL: Side = -1;

/** How long a limit order may live. */
export const TimeInForce = {
  /** Good till cancelled: the unfilled remainder rests in the book. */
  GTC: 0,
  /** Immediate or cancel: fill what can be filled now, cancel the rest. */
  IOC: 1,
  /** Fill or kill: fill the whole size now, or do nothing at all. */
  FOK: 2,
} as const;
/** One of {@linkcode TimeInForce}'s values. */
export type TimeInForce = typeof TimeInForce[keyof typeof TimeInForce];

/**
 * Self-trade prevention (what happens when an incoming order would trade with
 * a resting order of the same owner). Owners below 0 are anonymous and never
 * trigger it.
 */
export const SelfTradePrevention = {
  /** Self trades are allowed. */
  None: 0,
  /** Cancel the incoming (newest) order's remainder. */
  CancelTaker: 1,
  /** Cancel the resting (oldest) order and keep matching. */
  CancelMaker: 2,
  /** Cancel both the resting order and the incoming remainder. */
  CancelBoth: 3,
} as const;
/** One of {@linkcode SelfTradePrevention}'s values. */
export type SelfTradePrevention = typeof SelfTradePrevention[keyof typeof SelfTradePrevention];

/** Names accepted in configs for {@linkcode SelfTradePrevention}. */
export const SELF_TRADE_PREVENTION_NAMES = {
  "none": SelfTradePrevention.None,
  "cancel-taker": SelfTradePrevention.CancelTaker,
  "cancel-maker": SelfTradePrevention.CancelMaker,
  "cancel-both": SelfTradePrevention.CancelBoth,
} as const;

/** Why a request was refused (0 means it was accepted). */
export const RejectReason = {
  None: 0,
  /** Size not a positive integer. */
  InvalidQty: 1,
  /** Price not an integer tick. */
  InvalidPrice: 2,
  /** An order with this id is already live. */
  DuplicateOrderId: 3,
  /** A post-only order would have traded on arrival. */
  PostOnlyWouldCross: 4,
  /** A fill-or-kill order could not be filled whole. */
  FokCannotFill: 5,
  /** The price lies outside the band the book can represent. */
  PriceOutOfBand: 6,
  /** Cancel or modify of an order that is not live. */
  UnknownOrder: 7,
  /** Order ids must be non-negative safe integers. */
  InvalidOrderId: 8,
} as const;
/** One of {@linkcode RejectReason}'s values. */
export type RejectReason = typeof RejectReason[keyof typeof RejectReason];

/** Human-readable names of {@linkcode RejectReason} codes, indexed by code. */
export const REJECT_REASON_NAMES: readonly string[] = [
  "none",
  "invalid-qty",
  "invalid-price",
  "duplicate-order-id",
  "post-only-would-cross",
  "fok-cannot-fill",
  "price-out-of-band",
  "unknown-order",
  "invalid-order-id",
];

/**
 * The answer to the last request, reused between calls so that the hot path
 * allocates nothing. Read it right after the call; the next call overwrites it.
 */
export class OrderResult {
  /** {@linkcode RejectReason} code; 0 when accepted. */
  rejectReason: RejectReason = RejectReason.None;
  /** Quantity of the incoming order that traded. */
  filledQty = 0;
  /** Quantity left resting in the book. */
  restingQty = 0;
  /** Quantity of the incoming order cancelled (IOC or market remainder, self-trade prevention). */
  cancelledQty = 0;
  /** Quantity of the owner's own resting orders cancelled by self-trade prevention. */
  makerCancelledQty = 0;
  /** Number of fills this request produced. */
  fillCount = 0;

  /** Whether the request was accepted. */
  get accepted(): boolean {
    return this.rejectReason === RejectReason.None;
  }

  /** @internal */
  reset(): void {
    this.rejectReason = RejectReason.None;
    this.filledQty = 0;
    this.restingQty = 0;
    this.cancelledQty = 0;
    this.makerCancelledQty = 0;
    this.fillCount = 0;
  }
}
