/**
 * A LOBSTER day (real, or simulated by `deno task simulate`) turned into a
 * tape the replay market can rewind cheaply. The step-by-step
 * {@linkcode LobsterReplay} rebuilds the book message by message (checking it
 * against the orderbook file when there is one); after each step the tape
 * records which price levels changed and to what size, and every
 * `checkpointEvery` messages it keeps a copy of the whole level book (and of
 * the impact estimators). A market resetting to an episode start then copies
 * the nearest checkpoint at or before it and applies at most
 * `checkpointEvery` messages of level changes, instead of replaying the file
 * from its start. Recording is lazy: the tape extends only as far as some
 * market has asked; once it reaches the end, the replay and the orderbook
 * file are let go.
 *
 * The recorded changes reproduce the replay's book exactly: after a message
 * the replay can change the size at the message's price, at the price its
 * order really rested at, and (when it reconciles with the orderbook file of
 * L levels) only at prices within the top L levels before or after the
 * message, so comparing those prices with the replay's book finds every
 * change (tests/env/markets/replay_market_test.ts checks this on real days).
 *
 * One tape can serve many markets (a vectorised environment): it holds no
 * per-market state.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterMessages, parseLobsterOrderbook } from "../../data/lobster/mod.ts";
 * import { ReplayTape } from "./replay_tape.ts";
 * const m = parseLobsterMessages("34200.1,1,7,10,1000100,1\n34200.2,4,7,4,1000100,1\n", "m.csv");
 * const ob = parseLobsterOrderbook("1000200,5,1000100,10\n1000200,5,1000100,6\n", "ob.csv");
 * const tape = new ReplayTape(m, ob);
 * tape.ensure(2);
 * assert.equal(tape.recorded, 2);
 * assert.equal(tape.indexAfter(34_200_100_000_000), 1); // first message after 34200.1 s
 * ```
 * @module
 */

import { InputError } from "../../core/errors.ts";
import {
  type LobsterMessages,
  type LobsterOrderbook,
  parseLobsterFileName,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../../data/lobster/mod.ts";
import { LobsterReplay } from "../../sim/replay/lobster_replay.ts";
import { resolveOrderbookFile } from "../../data/lobster/file_name.ts";
import { ReplayState, type TapeArrays } from "./_replay_state.ts";

/** Options of {@linkcode ReplayTape}. */
export interface ReplayTapeOptions {
  /** Price units (dollars × 10,000) per tick (default 100 = one cent). */
  tickSize?: number;
  /** Messages between checkpoints (default 2,048). */
  checkpointEvery?: number;
}

/** Per-message level changes of a LOBSTER replay, with checkpoints. */
export class ReplayTape implements TapeArrays {
  /** Message file name (for messages). */
  readonly file: string;
  /** Session date from the file name (YYYY-MM-DD), or "" when the name is not a LOBSTER name. */
  readonly date: string;
  /** Ticker from the file name, or "". */
  readonly symbol: string;
  /** Book levels the files carry (file name, else the orderbook file), or null when unknown. */
  readonly fileLevels: number | null;
  /** Price units per tick. */
  readonly tickUnits: number;
  /** Number of messages. */
  readonly count: number;
  /** Message times, ns after midnight. */
  readonly timeNs: Float64Array;
  /** LOBSTER event types 1–7. */
  readonly type: Uint8Array;
  /** Message sizes (lots). */
  readonly size: Int32Array;
  /** Message prices in ticks (fractional for off-grid hidden or cross prints; NaN for halts). */
  readonly priceTicks: Float64Array;
  /** Side of the order the message concerns (+1 buy, −1 sell). */
  readonly direction: Int8Array;
  /** Messages between checkpoints. */
  readonly checkpointEvery: number;

  #deltaEnd: Uint32Array;
  #dSide = new Int8Array(1024);
  #dPrice = new Float64Array(1024);
  #dQty = new Float64Array(1024);
  #nDeltas = 0;
  #recorded = 0;
  #replay: LobsterReplay | null;
  readonly #orderId: Float64Array;
  /** Levels compared around the top after each step (the orderbook file's, or 1). */
  readonly #window: number;
  /** The recorder's own cursor (its book is compared with the replay's). */
  readonly #state = new ReplayState();
  readonly #checkpoints: ReplayState[] = [];
  #candSide = new Int8Array(64);
  #candPrice = new Float64Array(64);
  #nCand = 0;
  readonly #depthPrice: Float64Array;
  readonly #depthQty: Float64Array;

  constructor(
    messages: LobsterMessages,
    orderbook: LobsterOrderbook | null,
    options: ReplayTapeOptions = {},
  ) {
    this.tickUnits = options.tickSize ?? 100;
    this.checkpointEvery = options.checkpointEvery ?? 2048;
    if (!(Number.isInteger(this.checkpointEvery) && this.checkpointEvery >= 1)) {
      throw new RangeError(
        `checkpointEvery: expected an integer ≥ 1, found ${this.checkpointEvery}`,
      );
    }
    if (messages.count === 0) {
      throw new InputError({
        file: messages.file,
        expected: "at least one message",
        found: "none",
      });
    }
    // The replay checks the tick size and the orderbook file's row count.
    this.#replay = new LobsterReplay(messages, orderbook, {
      tickSize: this.tickUnits,
      snapshotLevels: 1,
    });
    this.file = messages.file;
    let name: ReturnType<typeof parseLobsterFileName> | null = null;
    try {
      name = parseLobsterFileName(messages.file);
    } catch {
      name = null;
    }
    this.date = name?.date ?? "";
    this.symbol = name?.ticker ?? "";
    this.fileLevels = name?.levels ?? orderbook?.levels ?? null;
    this.count = messages.count;
    this.timeNs = messages.timeNs;
    this.type = messages.type;
    this.size = messages.size;
    this.direction = messages.direction;
    this.priceTicks = new Float64Array(messages.count);
    for (let k = 0; k < messages.count; k++) {
      this.priceTicks[k] = messages.type[k] === 7 ? NaN : messages.price[k] / this.tickUnits;
    }
    this.#deltaEnd = new Uint32Array(messages.count);
    this.#window = orderbook?.levels ?? 1;
    this.#depthPrice = new Float64Array(this.#window);
    this.#depthQty = new Float64Array(this.#window);
    this.#orderId = messages.orderId;
  }

  /** Time of the first message (ns after midnight). */
  get firstNs(): number {
    return this.timeNs[0];
  }

  /** Time of the last message (ns after midnight). */
  get lastNs(): number {
    return this.timeNs[this.count - 1];
  }

  /** Messages recorded so far. */
  get recorded(): number {
    return this.#recorded;
  }

  /** End (exclusive) of each recorded message's changes in the change arrays. */
  get deltaEnd(): Uint32Array {
    return this.#deltaEnd;
  }

  /** Side of each recorded level change. */
  get deltaSide(): Int8Array {
    return this.#dSide;
  }

  /** Price (ticks) of each recorded level change. */
  get deltaPrice(): Float64Array {
    return this.#dPrice;
  }

  /** New size (lots) of each recorded level change (0 = the level went away). */
  get deltaQty(): Float64Array {
    return this.#dQty;
  }

  /** Index of the first message later than `tNs` (count when none). */
  indexAfter(tNs: number): number {
    let lo = 0, hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.timeNs[mid] <= tNs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Records messages until at least `k` (≤ count) are on the tape. */
  ensure(k: number): void {
    const end = Math.min(k, this.count);
    while (this.#recorded < end) this.#recordNext();
    if (this.#recorded === this.count) this.#replay = null; // free the replay's book and buffers
  }

  /** The latest checkpoint at or before message `k` (call {@linkcode ensure} for `k` first). */
  checkpointAtOrBefore(k: number): ReplayState {
    const i = Math.min(Math.floor(k / this.checkpointEvery), this.#checkpoints.length - 1);
    return this.#checkpoints[i];
  }

  // ---------------------------------------------------------------- record

  #recordNext(): void {
    const k = this.#recorded;
    const st = this.#state;
    if (k % this.checkpointEvery === 0) {
      const cp = new ReplayState();
      cp.copyFrom(st);
      this.#checkpoints.push(cp);
    }
    const replay = this.#replay!;
    const book = replay.book;
    // Where the message's order really rests (it may differ from the message's price).
    const type = this.type[k];
    let preSide = 0, prePrice = NaN;
    if (type >= 2 && type <= 4) {
      const id = this.#orderId[k];
      if (book.hasOrder(id)) {
        preSide = book.orderSide(id);
        prePrice = book.orderPrice(id);
      }
    }
    st.estimate(this, k);
    replay.step();
    this.#nCand = 0;
    if (type >= 1 && type <= 4) this.#candidate(this.direction[k], this.priceTicks[k]);
    if (preSide !== 0) this.#candidate(preSide, prePrice);
    this.#windowCandidates(1);
    this.#windowCandidates(-1);
    for (let i = 0; i < this.#nCand; i++) {
      const side = this.#candSide[i], price = this.#candPrice[i];
      const q = book.levelQty(side as 1 | -1, price);
      if (q !== st.book.qty(side, price)) {
        this.#pushDelta(side, price, q);
        st.book.set(side, price, q);
      }
    }
    this.#deltaEnd[k] = this.#nDeltas;
    st.k = k + 1;
    this.#recorded = k + 1;
  }

  /** Candidates on one side: our levels down to the replay's W-th level, and the replay's top W. */
  #windowCandidates(side: 1 | -1): void {
    const W = this.#window;
    const book = this.#replay!.book;
    const n = book.depth(side, W, this.#depthPrice, this.#depthQty);
    const ours = this.#state.book;
    const bound = n === W ? this.#depthPrice[W - 1] : side > 0 ? -Infinity : Infinity;
    const levels = ours.levelCount(side);
    for (let i = 0; i < levels; i++) {
      const p = ours.priceAt(side, i);
      if (side > 0 ? p < bound : p > bound) break;
      this.#candidate(side, p);
    }
    for (let i = 0; i < n; i++) this.#candidate(side, this.#depthPrice[i]);
  }

  #candidate(side: number, price: number): void {
    if (this.#nCand === this.#candSide.length) {
      const n = this.#nCand * 2;
      const s = new Int8Array(n), p = new Float64Array(n);
      s.set(this.#candSide);
      p.set(this.#candPrice);
      this.#candSide = s;
      this.#candPrice = p;
    }
    this.#candSide[this.#nCand] = side;
    this.#candPrice[this.#nCand] = price;
    this.#nCand++;
  }

  #pushDelta(side: number, price: number, qty: number): void {
    const i = this.#nDeltas;
    if (i === this.#dSide.length) {
      const n = i * 2;
      const s = new Int8Array(n), p = new Float64Array(n), q = new Float64Array(n);
      s.set(this.#dSide);
      p.set(this.#dPrice);
      q.set(this.#dQty);
      this.#dSide = s;
      this.#dPrice = p;
      this.#dQty = q;
    }
    this.#dSide[i] = side;
    this.#dPrice[i] = price;
    this.#dQty[i] = qty;
    this.#nDeltas = i + 1;
  }
}

/** Where {@linkcode loadReplayTape} reads from. */
export interface ReplayTapeSource {
  /** LOBSTER message file. */
  message_file: string;
  /** "auto" (the orderbook file beside it, if present), "none", or a path. */
  orderbook_file: string;
  /** Price units per tick. */
  tick_size: number;
}

/** Reads the files a replay section names and returns their tape (nothing recorded yet). */
export async function loadReplayTape(
  source: ReplayTapeSource,
  options: Omit<ReplayTapeOptions, "tickSize"> = {},
): Promise<ReplayTape> {
  const obPath = await resolveOrderbookFile(source.message_file, source.orderbook_file);
  const [messages, orderbook] = await Promise.all([
    readLobsterMessages(source.message_file),
    obPath === null ? Promise.resolve(null) : readLobsterOrderbook(obPath),
  ]);
  return new ReplayTape(messages, orderbook, { ...options, tickSize: source.tick_size });
}
