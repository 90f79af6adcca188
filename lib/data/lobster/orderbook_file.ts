/**
 * LOBSTER orderbook files: row k is the visible book right after message k,
 * 4 × LEVEL columns, no header, in the order ask price 1, ask size 1, bid price
 * 1, bid size 1, ask price 2, … Prices are dollars × 10000. An empty level holds
 * the dummy price 9999999999 (ask) or −9999999999 (bid) with size 0; the parser
 * turns it into price `NaN`, size 0.
 *
 * Like the message parser, it scans the text once by char code into typed
 * arrays, and every malformed row throws an `InputError` naming the file, the
 * line, the column, what was expected and what was found.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { parseLobsterOrderbook } from "./orderbook_file.ts";
 * const text = "5859400,200,5853300,18,9999999999,0,-9999999999,0\n";
 * const book = parseLobsterOrderbook(text, "AAPL_2012-06-21_34200000_57600000_orderbook_2.csv");
 * assert(book.count === 1 && book.levels === 2); // inferred from 8 columns
 * assert(book.askPrice[0] === 5859400 && book.bidSize[0] === 18);
 * assert(Number.isNaN(book.askPrice[1]) && book.askSize[1] === 0); // empty level
 * ```
 * @module
 */

import { UsageError } from "../../core/errors.ts";
import {
  failEmpty,
  firstLineColumns,
  fit,
  grow,
  initialCapacity,
  INT32_MAX,
  isBlankText,
  readLobsterText,
  RowScanner,
} from "./_scanner.ts";

/** A parsed orderbook file; row-major arrays of `count × levels`, level 0 the best. */
export interface LobsterOrderbook {
  /** The file name used in error messages. */
  file: string;
  /** Number of rows (one per message). */
  count: number;
  /** Levels per side in each row. */
  levels: number;
  /** Ask prices, dollars × 10000; `NaN` for an empty level. Row i, level j at `i * levels + j`. */
  askPrice: Float64Array;
  /** Ask sizes in shares; 0 for an empty level. */
  askSize: Int32Array;
  /** Bid prices, dollars × 10000; `NaN` for an empty level. */
  bidPrice: Float64Array;
  /** Bid sizes in shares; 0 for an empty level. */
  bidSize: Int32Array;
}

/** LOBSTER's placeholder price magnitude for an empty level. */
const DUMMY_PRICE = 9999999999;

const SLOT_NAMES = ["ask price", "ask size", "bid price", "bid size"];

function orderbookColumnName(column: number): string {
  return `column ${column + 1} (${SLOT_NAMES[column & 3]} ${(column >> 2) + 1})`;
}

/**
 * Parses the text of a LOBSTER orderbook file. `levels`, when given, fixes the
 * column count at 4 × levels; otherwise it is inferred from the first row, whose
 * column count must be a multiple of 4. Same line rules as the message parser
 * (CRLF, missing final newline and trailing blank lines accepted). Throws
 * `InputError` for an empty file, a blank line in the middle, a row with the
 * wrong column count, a non-numeric field, a negative size, or a dummy price
 * with a size other than 0; `UsageError` for a `levels` that is not a positive
 * integer.
 */
export function parseLobsterOrderbook(
  text: string,
  file: string,
  levels?: number,
): LobsterOrderbook {
  if (levels !== undefined && !(Number.isInteger(levels) && levels >= 1)) {
    throw new UsageError(`levels must be a positive integer, got ${levels}`);
  }
  if (isBlankText(text)) failEmpty(file);
  const firstIsBlank = text.charCodeAt(0) === 10 || text.charCodeAt(0) === 13;
  if (levels === undefined && !firstIsBlank) {
    const columns = firstLineColumns(text);
    if (columns % 4 !== 0) {
      new RowScanner(text, file, columns, orderbookColumnName).failColumns(
        "a multiple of 4 columns (ask price, ask size, bid price, bid size per level)",
        columns,
      );
    }
    levels = columns / 4;
  }
  // A blank first line gets reported by `nextRow` before `levels` matters.
  const depth = levels ?? 1;
  const columns = 4 * depth;
  const s = new RowScanner(
    text,
    file,
    columns,
    orderbookColumnName,
    `${columns} columns (${depth} level${depth === 1 ? "" : "s"} × 4)`,
  );
  const last = columns - 1;

  let capacity = initialCapacity(text);
  let askPrice = new Float64Array(capacity * depth);
  let askSize = new Int32Array(capacity * depth);
  let bidPrice = new Float64Array(capacity * depth);
  let bidSize = new Int32Array(capacity * depth);
  let count = 0;
  let k = 0; // index of the next slot: count * depth

  while (s.nextRow()) {
    if (count === capacity) {
      capacity *= 2;
      askPrice = grow(askPrice, new Float64Array(capacity * depth));
      askSize = grow(askSize, new Int32Array(capacity * depth));
      bidPrice = grow(bidPrice, new Float64Array(capacity * depth));
      bidSize = grow(bidSize, new Int32Array(capacity * depth));
    }
    for (let column = 0; column < columns; column += 4, k++) {
      const ap = s.readInt(column, false);
      const as = s.readInt(column + 1, false);
      const bp = s.readInt(column + 2, false);
      const bs = s.readInt(column + 3, column + 3 === last);
      checkSize(s, column + 1, as, ap);
      checkSize(s, column + 3, bs, bp);
      askPrice[k] = ap === DUMMY_PRICE || ap === -DUMMY_PRICE ? NaN : ap;
      askSize[k] = as;
      bidPrice[k] = bp === DUMMY_PRICE || bp === -DUMMY_PRICE ? NaN : bp;
      bidSize[k] = bs;
    }
    s.endRow();
    count++;
  }
  if (count === 0) failEmpty(file);

  const n = count * depth;
  return {
    file,
    count,
    levels: depth,
    askPrice: fit(askPrice, n),
    askSize: fit(askSize, n),
    bidPrice: fit(bidPrice, n),
    bidSize: fit(bidSize, n),
  };
}

/** Validates the size in `column` next to `price`: ≥ 0, fits Int32, 0 at a dummy price. */
function checkSize(s: RowScanner, column: number, size: number, price: number): void {
  if (size < 0) s.fail(column, "a size ≥ 0");
  if (size > INT32_MAX) s.fail(column, `a size of at most ${INT32_MAX}`);
  if (size !== 0 && (price === DUMMY_PRICE || price === -DUMMY_PRICE)) {
    s.fail(column, "a size of 0 at an empty level (price ±9999999999)");
  }
}

/**
 * Reads and parses a LOBSTER orderbook file; a missing file throws `InputError`.
 * `levels` as in {@linkcode parseLobsterOrderbook}.
 */
export async function readLobsterOrderbook(
  path: string,
  levels?: number,
): Promise<LobsterOrderbook> {
  return parseLobsterOrderbook(await readLobsterText(path, "orderbook"), path, levels);
}
