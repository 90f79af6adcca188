/**
 * LOBSTER message files: one event a row, six columns, no header —
 * time (seconds after midnight, up to 9 decimals), event type, order id, size,
 * price (dollars × 10000) and direction (−1 sell, 1 buy).
 *
 * The parser scans the text once by char code and fills a struct of typed
 * arrays. Times become exact integer nanoseconds (the decimal text is read as
 * integer seconds and a fraction padded to nine digits, never through a float
 * parse). Every malformed row throws an `InputError` naming the file, the line,
 * the column, what was expected and what was found.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { LobsterEventType, parseLobsterMessages } from "./message_file.ts";
 * const text = "34200.004241176,1,16113575,18,5853300,1\n34200.00426064,3,16113575,18,5853300,1\n";
 * const m = parseLobsterMessages(text, "AAPL_2012-06-21_34200000_57600000_message_10.csv");
 * assert(m.count === 2);
 * assert(m.timeNs[0] === 34200004241176);
 * assert(m.timeNs[1] === 34200004260640); // 8 decimals, padded to 9
 * assert(m.type[1] === LobsterEventType.Delete);
 * assert(m.price[0] === 5853300 && m.direction[0] === 1);
 * ```
 * @module
 */

import {
  failEmpty,
  fit,
  formatTimeNs,
  grow,
  initialCapacity,
  INT32_MAX,
  readLobsterText,
  RowScanner,
} from "./_scanner.ts";

/** LOBSTER event types (column 2 of a message file). */
export const LobsterEventType = {
  /** Submission of a new limit order. */
  Submit: 1,
  /** Partial cancellation of a limit order. */
  PartialCancel: 2,
  /** Full deletion of a limit order. */
  Delete: 3,
  /** Execution of a visible limit order. */
  ExecuteVisible: 4,
  /** Execution of a hidden limit order (direction unreliable in the 2012 samples). */
  ExecuteHidden: 5,
  /** Cross trade (auction); the order id is negative (−1 opening, −2 closing cross). */
  Cross: 6,
  /** Trading halt indicator; price −1 halted, 0 quoting resumed, 1 trading resumed. */
  Halt: 7,
} as const;

/** One of the values of {@linkcode LobsterEventType}. */
export type LobsterEventTypeValue = typeof LobsterEventType[keyof typeof LobsterEventType];

/** A parsed message file as a struct of arrays; row i is line i+1 of the file. */
export interface LobsterMessages {
  /** The file name used in error messages. */
  file: string;
  /** Number of rows; every array has exactly this length. */
  count: number;
  /** Nanoseconds after midnight, exact integers; never decreasing. */
  timeNs: Float64Array;
  /** Event type, 1–7 (see {@linkcode LobsterEventType}). */
  type: Uint8Array;
  /** Order id (0 for hidden executions, negative for cross trades). */
  orderId: Float64Array;
  /** Size in shares: ≥ 1 for types 1–4, ≥ 0 otherwise. */
  size: Int32Array;
  /** Raw integer price, dollars × 10000; for type 7 it is −1, 0 or 1 as in the file. */
  price: Float64Array;
  /** −1 sell limit order, 1 buy limit order. */
  direction: Int8Array;
}

const MESSAGE_COLUMNS = ["time", "type", "order id", "size", "price", "direction"];

function messageColumnName(column: number): string {
  return `column ${column + 1} (${MESSAGE_COLUMNS[column]})`;
}

/**
 * Parses the text of a LOBSTER message file. No header row; CRLF line endings
 * and a missing final newline are accepted, and so are blank lines at the very
 * end. Throws `InputError` (with `file` and 1-based `line`) for an empty file, a
 * blank line in the middle, a row without exactly 6 columns, a non-numeric
 * field, a time with more than 9 decimals, an event type outside 1–7, a
 * negative size (or size 0 for types 1–4), a direction other than ±1, or a time
 * earlier than the previous row's (equal times are fine).
 */
export function parseLobsterMessages(text: string, file: string): LobsterMessages {
  const s = new RowScanner(text, file, 6, messageColumnName);
  let capacity = initialCapacity(text);
  let timeNs = new Float64Array(capacity);
  let type = new Uint8Array(capacity);
  let orderId = new Float64Array(capacity);
  let size = new Int32Array(capacity);
  let price = new Float64Array(capacity);
  let direction = new Int8Array(capacity);
  let count = 0;
  let previousNs = 0;

  while (s.nextRow()) {
    if (count === capacity) {
      capacity *= 2;
      timeNs = grow(timeNs, new Float64Array(capacity));
      type = grow(type, new Uint8Array(capacity));
      orderId = grow(orderId, new Float64Array(capacity));
      size = grow(size, new Int32Array(capacity));
      price = grow(price, new Float64Array(capacity));
      direction = grow(direction, new Int8Array(capacity));
    }
    const t = s.readTimeNs(0, false);
    if (t < previousNs) {
      s.fail(0, `a time ≥ ${formatTimeNs(previousNs)} (the previous row's)`);
    }
    const eventType = s.readInt(1, false);
    if (eventType < 1 || eventType > 7) s.fail(1, "an event type from 1 to 7");
    const id = s.readInt(2, false);
    const shares = s.readInt(3, false);
    if (shares < 0) s.fail(3, "a size ≥ 0");
    if (shares === 0 && eventType <= 4) s.fail(3, `a size ≥ 1 for event type ${eventType}`);
    if (shares > INT32_MAX) s.fail(3, `a size of at most ${INT32_MAX}`);
    const p = s.readInt(4, false);
    const dir = s.readInt(5, true);
    if (dir !== 1 && dir !== -1) s.fail(5, "a direction of -1 or 1");
    s.endRow();

    timeNs[count] = t;
    type[count] = eventType;
    orderId[count] = id;
    size[count] = shares;
    price[count] = p;
    direction[count] = dir;
    previousNs = t;
    count++;
  }
  if (count === 0) failEmpty(file);

  return {
    file,
    count,
    timeNs: fit(timeNs, count),
    type: fit(type, count),
    orderId: fit(orderId, count),
    size: fit(size, count),
    price: fit(price, count),
    direction: fit(direction, count),
  };
}

/** Reads and parses a LOBSTER message file; a missing file throws `InputError`. */
export async function readLobsterMessages(path: string): Promise<LobsterMessages> {
  return parseLobsterMessages(await readLobsterText(path, "message"), path);
}
