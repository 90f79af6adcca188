/**
 * Replay of LOBSTER data through the matching engine: the book is rebuilt
 * from the message file and, after every message, its top N levels are
 * compared with the orderbook file's row.
 *
 * What the data does not say, and how the replay fills it in:
 * - Orders resting before the file starts are unknown by id. The first
 *   orderbook row seeds the book with one anonymous order per level
 *   (owner {@linkcode ANONYMOUS_OWNER}); a message that names an id never seen
 *   draws its size from the anonymous liquidity at its price.
 * - A LOBSTER file of N levels holds only the messages that touch the top N
 *   levels. A price outside the previous row's visible window can therefore
 *   hold orders the messages never showed (or have lost orders cancelled out
 *   of view). When such a price enters the window, the replay takes its size
 *   from the orderbook row; this is counted as a *reconciliation*, not a
 *   mismatch.
 * - A difference at a price that was inside the previous row's window cannot
 *   be explained that way and is a *mismatch*, counted by kind. The replay
 *   then sets the level to the file's value so one error does not cascade.
 * Hidden executions (type 5) and cross trades (6) leave the visible book as it
 * is; halts (7) are recorded.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterMessages, parseLobsterOrderbook } from "../../data/lobster/mod.ts";
 * import { replayLobster } from "./lobster_replay.ts";
 * const m = parseLobsterMessages("34200.1,1,7,10,1000100,1\n34200.2,4,7,4,1000100,1\n", "m.csv");
 * const ob = parseLobsterOrderbook("1000200,5,1000100,10\n1000200,5,1000100,6\n", "ob.csv");
 * const out = replayLobster(m, ob);
 * assert(out.report.mismatches.total === 0);
 * assert(out.snapshots.bidQty[1] === 6);   // level 1 bid after message 2
 * ```
 * @module
 */

import { InputError } from "../../core/errors.ts";
import type { LobsterMessages, LobsterOrderbook } from "../../data/lobster/mod.ts";
import { VisibilityBounds } from "./_visibility.ts";
import { BUY, OrderBook, SELL, type Side } from "../engine/mod.ts";
import {
  type BookSnapshots,
  BookSnapshotsBuilder,
  EventKind,
  type EventStream,
  EventStreamBuilder,
} from "../market_data/mod.ts";

/** Owner id of orders that were resting before the file starts (or entered unseen). */
export const ANONYMOUS_OWNER = -2;
/** Owner id of orders the message file shows (real participants, not agents of ours). */
export const RECORDED_OWNER = -1;
/** Ids of anonymous orders start here (above any real LOBSTER id). */
const ANONYMOUS_ID_BASE = 2 ** 52;

/** Options of {@linkcode replayLobster}. */
export interface LobsterReplayOptions {
  /** Price units (dollars × 10,000) per tick; 100 = one cent (default). */
  tickSize?: number;
  /** Levels per side written to the snapshots (default: the orderbook file's levels, or 10). */
  snapshotLevels?: number;
  /** Symbol index for fills (default 0). */
  symbol?: number;
  /** Largest number of mismatch examples kept in the report (default 20). */
  maxExamples?: number;
}

/** One mismatch between the rebuilt book and the orderbook file. */
export interface ReplayMismatch {
  /** 1-based line of the message (and orderbook row) after which it was seen. */
  line: number;
  kind: string;
  detail: string;
}

/** What a replay saw. */
export interface ReplayReport {
  messageFile: string;
  orderbookFile: string | null;
  messages: number;
  levels: number | null;
  tickSize: number;
  /** Count of messages per LOBSTER event type ("1" … "7"). */
  eventsByType: Record<string, number>;
  trades: {
    visible: number;
    visibleVolume: number;
    hidden: number;
    hiddenVolume: number;
    cross: number;
  };
  halts: { line: number; tsNs: number; code: number }[];
  /** Messages naming an order id never seen, served from anonymous liquidity. */
  unknownOrderRefs: number;
  /** Differences at prices the previous row showed: each one is a real disagreement. */
  mismatches: {
    total: number;
    rows: number;
    byKind: Record<string, number>;
    examples: ReplayMismatch[];
  };
  /** Levels taken from the orderbook file as they came into view (see module doc). */
  reconciliations: { total: number; byKind: Record<string, number> };
  /** Size of the rebuilt book at the end. */
  final: { bestBid: number; bestAsk: number; orders: number };
}

/** Everything a replay produces. */
export interface ReplayResult {
  /** The canonical event stream (one event per message). */
  events: EventStream;
  /** Top-N snapshots after every message. */
  snapshots: BookSnapshots;
  report: ReplayReport;
  /** The rebuilt book after the last message. */
  book: OrderBook;
}

/** Replays a LOBSTER message file (and, when given, checks it against its orderbook file). */
export function replayLobster(
  messages: LobsterMessages,
  orderbook: LobsterOrderbook | null,
  options: LobsterReplayOptions = {},
): ReplayResult {
  const replay = new LobsterReplay(messages, orderbook, options);
  while (replay.step());
  return replay.finish();
}

/**
 * Step-by-step replay (for environments that interleave their own orders with
 * the recorded flow); {@linkcode replayLobster} runs it to the end.
 */
export class LobsterReplay {
  /** The book being rebuilt. */
  readonly book: OrderBook;
  readonly #m: LobsterMessages;
  readonly #ob: LobsterOrderbook | null;
  readonly #tick: number;
  readonly #levels: number;
  readonly #maxExamples: number;
  readonly #events: EventStreamBuilder;
  readonly #snaps: BookSnapshotsBuilder;
  readonly #report: ReplayReport;
  /** Anonymous order ids by side and price, oldest first. */
  readonly #anon: [Map<number, number[]>, Map<number, number[]>] = [new Map(), new Map()];
  #nextAnonId = ANONYMOUS_ID_BASE;
  /** Row at which each recorded order was placed (to tell whether it went out of view). */
  readonly #placedRow = new Map<number, number>();
  readonly #visibility: VisibilityBounds | null;
  #row = 0;
  // Scratch buffers for depth comparisons.
  readonly #ourPrice: Float64Array;
  readonly #ourQty: Float64Array;

  constructor(
    messages: LobsterMessages,
    orderbook: LobsterOrderbook | null,
    options: LobsterReplayOptions = {},
  ) {
    this.#m = messages;
    this.#ob = orderbook;
    this.#tick = options.tickSize ?? 100;
    if (!(Number.isInteger(this.#tick) && this.#tick > 0)) {
      throw new RangeError(`tickSize: expected a positive integer, found ${this.#tick}`);
    }
    if (orderbook !== null && orderbook.count !== messages.count) {
      throw new InputError({
        file: orderbook.file,
        expected: `${messages.count} rows, one per line of ${messages.file}`,
        found: `${orderbook.count} rows`,
      });
    }
    this.#levels = options.snapshotLevels ?? orderbook?.levels ?? 10;
    this.#visibility = orderbook === null ? null : new VisibilityBounds(orderbook, this.#tick);
    this.#maxExamples = options.maxExamples ?? 50;
    this.book = new OrderBook({ symbol: options.symbol ?? 0, expectedOrders: 1 << 14 });
    this.#events = new EventStreamBuilder(messages.count);
    this.#snaps = new BookSnapshotsBuilder(this.#levels, messages.count);
    const cmpLevels = Math.max(this.#levels, orderbook?.levels ?? 0);
    this.#ourPrice = new Float64Array(cmpLevels);
    this.#ourQty = new Float64Array(cmpLevels);
    this.#report = {
      messageFile: messages.file,
      orderbookFile: orderbook?.file ?? null,
      messages: messages.count,
      levels: orderbook?.levels ?? null,
      tickSize: this.#tick,
      eventsByType: {},
      trades: { visible: 0, visibleVolume: 0, hidden: 0, hiddenVolume: 0, cross: 0 },
      halts: [],
      unknownOrderRefs: 0,
      mismatches: { total: 0, rows: 0, byKind: {}, examples: [] },
      reconciliations: { total: 0, byKind: {} },
      final: { bestBid: NaN, bestAsk: NaN, orders: 0 },
    };
  }

  /** Index of the next message to apply. */
  get position(): number {
    return this.#row;
  }

  /** Applies the next message; answers false when there is none left. */
  step(): boolean {
    const k = this.#row;
    const m = this.#m;
    if (k >= m.count) return false;
    const type = m.type[k];
    const key = String(type);
    this.#report.eventsByType[key] = (this.#report.eventsByType[key] ?? 0) + 1;
    if (k === 0 && this.#ob !== null) this.#seedFromFirstRow();
    else this.#apply(k);
    this.#recordEvent(k);
    if (this.#ob !== null) this.#checkRow(k);
    this.#writeSnapshot(k);
    this.#row++;
    return true;
  }

  /** The results so far (call after the last step). */
  finish(): ReplayResult {
    const r = this.#report;
    r.final = {
      bestBid: this.book.bestBid(),
      bestAsk: this.book.bestAsk(),
      orders: this.book.orderCount,
    };
    return {
      events: this.#events.finish(),
      snapshots: this.#snaps.finish(),
      report: r,
      book: this.book,
    };
  }

  // ------------------------------------------------------------------ apply

  #ticks(k: number): number {
    const raw = this.#m.price[k];
    const t = raw / this.#tick;
    if (!Number.isInteger(t)) {
      throw new InputError({
        file: this.#m.file,
        line: k + 1,
        expected: `a price on the tick grid (a multiple of ${this.#tick})`,
        found: String(raw),
      });
    }
    return t;
  }

  #apply(k: number): void {
    const m = this.#m;
    const book = this.book;
    const id = m.orderId[k];
    const side = m.direction[k] as Side;
    const qty = m.size[k];
    const ts = m.timeNs[k];
    switch (m.type[k]) {
      case 1: {
        const price = this.#ticks(k);
        if (book.restLimit(id, RECORDED_OWNER, side, price, qty, ts)) this.#placedRow.set(id, k);
        else {this.#mismatch(
            k,
            "rejected-add",
            `order ${id} could not rest (reject code ${book.result.rejectReason})`,
          );}
        break;
      }
      case 2:
      case 3:
      case 4:
        this.#applyToResting(k, this.#ticks(k));
        break;
      case 5:
        this.#report.trades.hidden++;
        this.#report.trades.hiddenVolume += qty;
        break;
      case 6:
        this.#report.trades.cross++;
        break;
      case 7:
        this.#report.halts.push({ line: k + 1, tsNs: ts, code: m.price[k] });
        break;
    }
  }

  /**
   * A partial cancel (2), delete (3) or execution (4) of a resting order. The
   * message is the truth about its order; where the book disagrees and the
   * order's price was out of view since it was placed, the difference is moved
   * to or from the level's uncertain liquidity (anonymous size and other
   * orders that were out of view), and counted as a reconciliation.
   */
  #applyToResting(k: number, price: number): void {
    const m = this.#m;
    const book = this.book;
    const id = m.orderId[k];
    const side = m.direction[k] as Side;
    const qty = m.size[k];
    const ts = m.timeNs[k];
    const type = m.type[k];
    const isExec = type === 4;
    if (isExec) {
      this.#report.trades.visible++;
      this.#report.trades.visibleVolume += qty;
    }
    if (!book.hasOrder(id)) {
      this.#report.unknownOrderRefs++;
      const left = this.#takeUncertain(k, side, price, qty, isExec, -1);
      // Without an orderbook file, orders resting before the file are unknowable: not a mismatch.
      if (left > 0 && this.#ob !== null) {
        this.#mismatch(
          k,
          "unknown-order",
          `order ${id} was never seen and only ${
            qty - left
          } of ${qty} lots rest unverified at ${price}`,
        );
      }
      return;
    }
    if (book.orderPrice(id) !== price || book.orderSide(id) !== side) {
      this.#mismatch(
        k,
        "order-moved",
        `order ${id} rests at ${book.orderPrice(id)}, message says ${price}`,
      );
    }
    const live = book.orderQty(id);
    const unverified = this.#isUnverified(id, side, book.orderPrice(id), k);
    if (qty > live) {
      if (this.#ob === null) {
        // Nothing to check against: the order may be a reserve order or have traded unseen.
        this.#reconciled("size-exceeds-order-unchecked");
      } else if (unverified) {
        this.#reconciled("order-size-restored");
        const left = this.#takeUncertain(k, side, price, qty - live, isExec, id);
        if (left > 0) {
          this.#mismatch(
            k,
            "size-exceeds-order",
            `order ${id} has ${live} left, message takes ${qty}`,
          );
        }
      } else {this.#mismatch(
          k,
          "size-exceeds-order",
          `order ${id} has ${live} left, message takes ${qty}`,
        );}
    }
    if (isExec) book.executeResting(id, qty, ts);
    else if (type === 3) {
      book.cancel(id);
      if (live > qty) {
        // A delete removes the order's whole remainder: the book held more under this id.
        if (unverified) {
          this.#reconciled("order-size-restored");
          this.#addAnonymous(side, price, live - qty, ts);
        } else this.#mismatch(k, "delete-size", `order ${id} had ${live} left, delete says ${qty}`);
      }
    } else book.reduce(id, qty);
  }

  /** Whether the order's price was out of view at some row since it was placed. */
  #isUnverified(id: number, side: Side, price: number, k: number): boolean {
    const placed = this.#placedRow.get(id);
    if (placed === undefined || this.#visibility === null) return true;
    return this.#visibility.wasHidden(side, price, placed + 1, k - 1);
  }

  /**
   * Takes `qty` lots from the level's uncertain liquidity: anonymous orders
   * first (executed or cancelled as the message says), then orders that were
   * out of view since they were placed (cancelled: they left unseen). Returns
   * what could not be found.
   */
  #takeUncertain(
    k: number,
    side: Side,
    price: number,
    qty: number,
    isExec: boolean,
    exceptId: number,
  ): number {
    const book = this.book;
    const ts = this.#m.timeNs[k];
    const ids = this.#anon[side === BUY ? 0 : 1].get(price);
    let left = qty;
    while (ids !== undefined && ids.length > 0 && left > 0) {
      const anonId = ids[0];
      const take = Math.min(book.orderQty(anonId), left);
      if (isExec) book.executeResting(anonId, take, ts);
      else book.reduce(anonId, take);
      if (!book.hasOrder(anonId)) ids.shift();
      left -= take;
    }
    if (left > 0) {
      for (const o of book.levelOrders(side, price)) {
        if (left === 0) break;
        if (o.orderId === exceptId || o.owner !== RECORDED_OWNER) continue;
        if (!this.#isUnverified(o.orderId, side, price, k)) continue;
        const take = Math.min(o.qty, left);
        book.reduce(o.orderId, take);
        left -= take;
        this.#reconciled("unseen-cancel");
      }
    }
    return left;
  }

  #addAnonymous(side: Side, price: number, qty: number, tsNs: number): void {
    const id = this.#nextAnonId++;
    this.book.restLimit(id, ANONYMOUS_OWNER, side, price, qty, tsNs);
    const map = this.#anon[side === BUY ? 0 : 1];
    const ids = map.get(price);
    if (ids === undefined) map.set(price, [id]);
    else ids.push(id);
  }

  /** The state after message 1 is the first orderbook row; a first "add" keeps its id. */
  #seedFromFirstRow(): void {
    const ob = this.#ob!;
    const m = this.#m;
    const firstIsAdd = m.type[0] === 1;
    const addPrice = firstIsAdd ? this.#ticks(0) : NaN;
    for (const side of [BUY, SELL] as const) {
      const prices = side === BUY ? ob.bidPrice : ob.askPrice;
      const sizes = side === BUY ? ob.bidSize : ob.askSize;
      for (let l = 0; l < ob.levels; l++) {
        const raw = prices[l];
        if (Number.isNaN(raw)) continue;
        const price = this.#obTicks(0, raw);
        let size = sizes[l];
        const isAddLevel = firstIsAdd && side === m.direction[0] && price === addPrice;
        if (isAddLevel) size -= m.size[0];
        if (size > 0) this.#addAnonymous(side, price, size, m.timeNs[0]);
        if (isAddLevel && m.size[0] > 0) {
          this.book.restLimit(m.orderId[0], RECORDED_OWNER, side, price, m.size[0], m.timeNs[0]);
          this.#placedRow.set(m.orderId[0], 0);
        }
      }
    }
    if (m.type[0] === 4) {
      this.#report.trades.visible++;
      this.#report.trades.visibleVolume += m.size[0];
    } else if (m.type[0] !== 1) this.#apply0NoBookChange();
  }

  /** Counts a first message that is not an add (its effect is already in row 1). */
  #apply0NoBookChange(): void {
    const m = this.#m;
    const type = m.type[0];
    if (type === 2 || type === 3) this.#report.unknownOrderRefs++;
    else if (type === 5) {
      this.#report.trades.hidden++;
      this.#report.trades.hiddenVolume += m.size[0];
    } else if (type === 6) this.#report.trades.cross++;
    else if (type === 7) this.#report.halts.push({ line: 1, tsNs: m.timeNs[0], code: m.price[0] });
  }

  #obTicks(row: number, raw: number): number {
    const t = raw / this.#tick;
    if (!Number.isInteger(t)) {
      throw new InputError({
        file: this.#ob!.file,
        line: row + 1,
        expected: `a price on the tick grid (a multiple of ${this.#tick})`,
        found: String(raw),
      });
    }
    return t;
  }

  #recordEvent(k: number): void {
    const m = this.#m;
    const type = m.type[k] as EventKind;
    const price = type === EventKind.Halt
      ? m.price[k]
      : type === EventKind.HiddenTrade || type === EventKind.Cross
      ? m.price[k] / this.#tick // may print between ticks (midpoint orders)
      : this.#ticks(k);
    this.#events.push(m.timeNs[k], type, m.orderId[k], m.size[k], price, m.direction[k]);
  }

  #writeSnapshot(k: number): void {
    const s = this.#snaps;
    const row = s.appendRow(this.#m.timeNs[k]);
    const o = row * s.levels;
    const nb = this.book.depth(BUY, s.levels, this.#ourPrice, this.#ourQty);
    for (let i = 0; i < nb; i++) {
      s.bidPrice[o + i] = this.#ourPrice[i];
      s.bidQty[o + i] = this.#ourQty[i];
    }
    const na = this.book.depth(SELL, s.levels, this.#ourPrice, this.#ourQty);
    for (let i = 0; i < na; i++) {
      s.askPrice[o + i] = this.#ourPrice[i];
      s.askQty[o + i] = this.#ourQty[i];
    }
  }

  // ---------------------------------------------------------------- compare

  #mismatchRow = -1;

  #mismatch(k: number, kind: string, detail: string): void {
    const mm = this.#report.mismatches;
    mm.total++;
    mm.byKind[kind] = (mm.byKind[kind] ?? 0) + 1;
    if (this.#mismatchRow !== k) {
      mm.rows++;
      this.#mismatchRow = k;
    }
    if (mm.examples.length < this.#maxExamples) mm.examples.push({ line: k + 1, kind, detail });
  }

  #reconciled(kind: string): void {
    const rc = this.#report.reconciliations;
    rc.total++;
    rc.byKind[kind] = (rc.byKind[kind] ?? 0) + 1;
  }

  /** Compares both sides with orderbook row k, reconciling what came into view. */
  #checkRow(k: number): void {
    this.#checkSide(k, BUY);
    this.#checkSide(k, SELL);
    const bid = this.book.bestBid(), ask = this.book.bestAsk();
    if (bid >= ask) this.#mismatch(k, "crossed-book", `best bid ${bid} ≥ best ask ${ask}`);
  }

  /** Whether `price` lay inside the window row k−1 showed (all of a side with fewer than L levels). */
  #wasVisible(k: number, side: Side, price: number): boolean {
    if (k === 0) return true;
    const ob = this.#ob!;
    const L = ob.levels;
    const prices = side === BUY ? ob.bidPrice : ob.askPrice;
    const last = prices[(k - 1) * L + L - 1];
    if (Number.isNaN(last)) return true; // the previous row showed the whole side
    const bound = last / this.#tick;
    return side === BUY ? price >= bound : price <= bound;
  }

  #checkSide(k: number, side: Side): void {
    const ob = this.#ob!;
    const L = ob.levels;
    const filePrices = side === BUY ? ob.bidPrice : ob.askPrice;
    const fileSizes = side === BUY ? ob.bidSize : ob.askSize;
    const base = k * L;
    const better = (a: number, b: number) => side === BUY ? a > b : a < b;
    // Each pass fixes the first differing level: it either removes one of our
    // levels or makes level j agree, so the loop ends within this bound.
    const maxPasses = this.book.orderCount + 2 * L + 2;
    for (let pass = 0; pass <= maxPasses; pass++) {
      const n = this.book.depth(side, L, this.#ourPrice, this.#ourQty);
      let j = 0;
      for (; j < L; j++) {
        const fp = filePrices[base + j];
        const fileHas = !Number.isNaN(fp);
        const oursHas = j < n;
        if (!fileHas && !oursHas) return;
        if (
          fileHas && oursHas && this.#ourPrice[j] === fp / this.#tick &&
          this.#ourQty[j] === fileSizes[base + j]
        ) {
          continue;
        }
        break;
      }
      if (j === L) return;
      const fp = filePrices[base + j];
      const fileHas = !Number.isNaN(fp);
      const filePrice = fileHas ? this.#obTicks(k, fp) : NaN;
      const fileQty = fileHas ? fileSizes[base + j] : 0;
      const oursHas = j < n;
      const ourPrice = this.#ourPrice[j];
      if (oursHas && (!fileHas || better(ourPrice, filePrice))) {
        // We hold a level the file does not show.
        if (this.#wasVisible(k, side, ourPrice)) {
          this.#mismatch(
            k,
            "extra-level",
            `${side === BUY ? "bid" : "ask"} ${ourPrice}: rebuilt ${
              this.#ourQty[j]
            }, file has no such level`,
          );
        } else this.#reconciled("stale-level-removed");
        this.#setLevel(k, side, ourPrice, 0, true);
      } else if (!oursHas || better(filePrice, ourPrice)) {
        // The file shows a level we do not hold.
        if (this.#wasVisible(k, side, filePrice)) {
          this.#mismatch(
            k,
            "missing-level",
            `${side === BUY ? "bid" : "ask"} ${filePrice}: file has ${fileQty}, rebuilt nothing`,
          );
        } else this.#reconciled("level-entered-view");
        this.#setLevel(k, side, filePrice, fileQty, true);
      } else {
        // Same price, different size.
        if (this.#wasVisible(k, side, filePrice)) {
          this.#mismatch(
            k,
            "level-size",
            `${side === BUY ? "bid" : "ask"} ${filePrice}: file ${fileQty}, rebuilt ${
              this.#ourQty[j]
            }`,
          );
        } else this.#reconciled("level-resized-on-entry");
        this.#setLevel(k, side, filePrice, fileQty, true);
      }
    }
  }

  /**
   * Sets the total size at one level to `qty`: adds anonymous size at the back,
   * or removes anonymous size first, then the newest orders that were out of
   * view; with `force` (after a mismatch) any order, newest first. Returns the
   * size it could not remove.
   */
  #setLevel(k: number, side: Side, price: number, qty: number, force = false): number {
    const book = this.book;
    const have = book.levelQty(side, price);
    if (qty > have) {
      this.#addAnonymous(side, price, qty - have, this.#m.timeNs[k]);
      return 0;
    }
    let excess = have - qty;
    const ids = this.#anon[side === BUY ? 0 : 1].get(price);
    while (excess > 0 && ids !== undefined && ids.length > 0) {
      const id = ids[ids.length - 1];
      const q = book.orderQty(id);
      if (q <= excess) {
        book.cancel(id);
        ids.pop();
        excess -= q;
      } else {
        book.reduce(id, excess);
        excess = 0;
      }
    }
    if (excess > 0) {
      const orders = book.levelOrders(side, price);
      for (let i = orders.length - 1; i >= 0 && excess > 0; i--) {
        const o = orders[i];
        if (
          !force && o.owner === RECORDED_OWNER && !this.#isUnverified(o.orderId, side, price, k)
        ) continue;
        const take = Math.min(o.qty, excess);
        book.reduce(o.orderId, take);
        excess -= take;
      }
    }
    return excess;
  }
}
