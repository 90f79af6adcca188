/**
 * Private row scanner shared by the LOBSTER message and orderbook parsers.
 *
 * It walks the whole text once by char code, with no per-line `split`, no
 * regular expression and no `parseFloat`. The fast path only reads digits and
 * separators; everything that builds an error message (finding the row text,
 * counting its columns, cutting out the offending field) runs only when a row
 * is already known to be bad. Also the small typed-array and file helpers
 * both parsers use.
 *
 * @module
 */

import { describeValue, InputError } from "../../core/errors.ts";

const COMMA = 44;
const LF = 10;
const CR = 13;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

const TIME_EXPECTED = "a time in seconds after midnight (like 34200.004241176)";

/** Largest integer a double holds exactly (2^53 − 1). */
const MAX_SAFE = 9007199254740991;
/** Largest value an `Int32Array` slot holds. */
export const INT32_MAX = 2147483647;

/** 10^(9 − n) for n fractional digits, n = 0…9: pads a fraction to nanoseconds. */
const PAD_TO_NS = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

/** Formats integer nanoseconds after midnight as LOBSTER's `seconds.nnnnnnnnn`. */
export function formatTimeNs(ns: number): string {
  const seconds = Math.floor(ns / 1e9);
  return `${seconds}.${String(ns - seconds * 1e9).padStart(9, "0")}`;
}

/**
 * A cursor over one LOBSTER CSV text. Each `read*` method parses one field at
 * `pos`, checks the separator that must follow it (a comma, or the end of the
 * row for the last column) and moves past it; any problem throws an
 * {@linkcode InputError} naming the file, the 1-based line and the column.
 */
export class RowScanner {
  /** Position of the next unread char code. */
  pos = 0;
  /** 1-based line number of the row being read. */
  line = 1;
  /** Index where the row being read starts. */
  rowStart = 0;
  /** Length of `text`. */
  readonly length: number;

  constructor(
    /** The whole file. */
    readonly text: string,
    /** The file name used in error messages. */
    readonly file: string,
    /** How many columns every row must have. */
    readonly columns: number,
    /** Names a 0-based column, e.g. `column 4 (size)`. */
    readonly columnName: (column: number) => string,
    /** Says what a row must hold, e.g. `40 columns (10 levels × 4)`. */
    readonly columnsExpected: string = `${columns} columns`,
  ) {
    this.length = text.length;
  }

  /**
   * Call at the start of each row. Returns `true` when a row follows, `false`
   * at the end of the text. Blank lines are accepted only when nothing but
   * blank lines follows them; a blank line in the middle throws.
   */
  nextRow(): boolean {
    const text = this.text;
    const pos = this.pos;
    if (pos >= this.length) return false;
    const c = text.charCodeAt(pos);
    if (c !== LF && !(c === CR && text.charCodeAt(pos + 1) === LF)) {
      this.rowStart = pos;
      return true;
    }
    // A blank line: fine only if the rest of the file is blank lines too.
    let p = pos;
    while (p < this.length) {
      const d = text.charCodeAt(p);
      if (d === LF) p++;
      else if (d === CR && text.charCodeAt(p + 1) === LF) p += 2;
      else {
        throw new InputError({
          file: this.file,
          line: this.line,
          expected: "a row (blank lines are allowed only at the end of the file)",
          found: "a blank line",
        });
      }
    }
    this.pos = p;
    return false;
  }

  /**
   * Reads an optionally signed decimal integer in `column` and the separator
   * after it; `last` says whether it is the row's final column.
   */
  readInt(column: number, last: boolean): number {
    const text = this.text;
    let p = this.pos;
    let negative = false;
    if (text.charCodeAt(p) === MINUS) {
      negative = true;
      p++;
    }
    const digitsStart = p;
    let value = 0;
    let c = text.charCodeAt(p);
    while (c >= ZERO && c <= NINE) {
      value = value * 10 + (c - ZERO);
      c = text.charCodeAt(++p);
    }
    if (p === digitsStart) this.fail(column, "an integer");
    if (value > MAX_SAFE) this.fail(column, `an integer of at most ${MAX_SAFE}`);
    this.pos = p;
    this.endField(column, last, "an integer");
    return negative ? -value : value;
  }

  /**
   * Reads a LOBSTER time (`seconds[.fraction]`, at most 9 decimals) in
   * `column` and returns exact integer nanoseconds: the integer seconds times
   * 1e9 plus the fraction's digits padded to nine.
   */
  readTimeNs(column: number, last: boolean): number {
    const text = this.text;
    let p = this.pos;
    const start = p;
    let seconds = 0;
    let c = text.charCodeAt(p);
    while (c >= ZERO && c <= NINE) {
      seconds = seconds * 10 + (c - ZERO);
      c = text.charCodeAt(++p);
    }
    if (p === start) this.fail(column, TIME_EXPECTED);
    let fraction = 0;
    let decimals = 0;
    if (c === DOT) {
      c = text.charCodeAt(++p);
      const fractionStart = p;
      while (c >= ZERO && c <= NINE) {
        fraction = fraction * 10 + (c - ZERO);
        c = text.charCodeAt(++p);
      }
      decimals = p - fractionStart;
      if (decimals === 0) {
        this.fail(column, TIME_EXPECTED);
      }
      if (decimals > 9) this.fail(column, "a time with at most 9 decimals (nanoseconds)");
    }
    const ns = seconds * 1e9 + fraction * PAD_TO_NS[decimals];
    if (ns > MAX_SAFE) this.fail(column, "a time of at most 9007199.254740991 seconds");
    this.pos = p;
    this.endField(column, last, TIME_EXPECTED);
    return ns;
  }

  /**
   * Moves past the comma (or, for the last column, the line ending) at `pos`.
   * The line number stays on this row until the parser calls `endRow()`, so
   * that checks made after the last field still report the right line.
   */
  private endField(column: number, last: boolean, what: string): void {
    const text = this.text;
    const p = this.pos;
    const c = text.charCodeAt(p);
    if (last) {
      if (p >= this.length) return;
      if (c === LF) {
        this.pos = p + 1;
        return;
      }
      if (c === CR && text.charCodeAt(p + 1) === LF) {
        this.pos = p + 2;
        return;
      }
    } else if (c === COMMA) {
      this.pos = p + 1;
      return;
    }
    this.fail(column, what);
  }

  /** Marks the current row as done: later errors report the next line. */
  endRow(): void {
    this.line++;
  }

  /** The text of the current row, without its line ending. */
  rowText(): string {
    const text = this.text;
    let end = this.rowStart;
    while (end < this.length) {
      const c = text.charCodeAt(end);
      if (c === LF || (c === CR && text.charCodeAt(end + 1) === LF)) break;
      end++;
    }
    return text.slice(this.rowStart, end);
  }

  /** Throws the column-count error for the current row. */
  failColumns(expected: string, found: number): never {
    throw new InputError({
      file: this.file,
      line: this.line,
      expected,
      found: `${found} column${found === 1 ? "" : "s"} in row ${describeValue(this.rowText(), 80)}`,
    });
  }

  /**
   * Throws for a bad value in `column` of the current row. When the row has the
   * wrong number of columns, that is reported instead, since it is the likelier
   * cause.
   */
  fail(column: number, expected: string): never {
    const row = this.rowText();
    const fields = row.split(",");
    if (fields.length !== this.columns) {
      this.failColumns(this.columnsExpected, fields.length);
    }
    throw new InputError({
      file: this.file,
      line: this.line,
      expected: `${expected} in ${this.columnName(column)}`,
      found: `${describeValue(fields[column], 40)} in row ${describeValue(row, 80)}`,
    });
  }
}

/** Throws the error for a file that holds no rows. */
export function failEmpty(file: string): never {
  throw new InputError({ file, line: 1, expected: "at least one row", found: "an empty file" });
}

/** Whether `text` holds only line endings (or nothing). */
export function isBlankText(text: string): boolean {
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c !== LF && c !== CR) return false;
  }
  return true;
}

/** Counts the columns of the first line of `text` (its commas + 1). */
export function firstLineColumns(text: string): number {
  let columns = 1;
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === COMMA) columns++;
    else if (c === LF) break;
  }
  return columns;
}

/** First capacity guess: the text length over the first line's length, plus slack. */
export function initialCapacity(text: string): number {
  let firstLine = text.indexOf("\n");
  if (firstLine < 0) firstLine = text.length;
  return Math.ceil(text.length / (firstLine + 1)) + 16;
}

/**
 * Reads a LOBSTER file as text; a missing path or a folder throws `InputError`
 * naming the file.
 */
export async function readLobsterText(
  path: string,
  kind: "message" | "orderbook",
): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    const expected = `an existing LOBSTER ${kind} file`;
    if (error instanceof Deno.errors.NotFound) {
      throw new InputError({ file: path, expected, found: "no such file" });
    }
    if (error instanceof Deno.errors.IsADirectory) {
      throw new InputError({ file: path, expected, found: "a folder" });
    }
    throw error;
  }
}

type TypedArray = Float64Array | Int32Array | Int8Array | Uint8Array;

/** Copies `from` into the larger `into` and returns `into`. */
export function grow<T extends TypedArray>(from: T, into: T): T {
  into.set(from as never);
  return into;
}

/** A copy of the first `count` items, or `array` itself when it is already that long. */
export function fit<T extends TypedArray>(array: T, count: number): T {
  return array.length === count ? array : array.slice(0, count) as T;
}
