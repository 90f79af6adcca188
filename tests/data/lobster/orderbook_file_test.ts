import { strict as assert } from "node:assert";
import { join } from "node:path";
import { UsageError } from "../../../lib/core/errors.ts";
import { parseLobsterOrderbook, readLobsterOrderbook } from "../../../lib/data/lobster/mod.ts";
import { aaplName, assertInputError, assertInputErrorAsync, FIXTURE_DIR } from "./_helpers.ts";

const F = "book.csv";
const ROW2 = "5859400,200,5853300,18,5859800,200,5853000,150"; // 2 levels

Deno.test("orderbook: fixture rows have the known values, 10 levels inferred", async () => {
  const book = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
  assert.equal(book.count, 500);
  assert.equal(book.levels, 10);
  for (const a of [book.askPrice, book.askSize, book.bidPrice, book.bidSize]) {
    assert.equal(a.length, 5000);
  }
  // First row: ask1 5859400/200, bid1 5853300/18, …, ask10 5879000/500, bid10 5842700/300.
  assert.equal(book.askPrice[0], 5859400);
  assert.equal(book.askSize[0], 200);
  assert.equal(book.bidPrice[0], 5853300);
  assert.equal(book.bidSize[0], 18);
  assert.equal(book.askPrice[1], 5859800);
  assert.equal(book.bidPrice[1], 5853000);
  assert.equal(book.bidSize[1], 150);
  assert.equal(book.askPrice[9], 5879000);
  assert.equal(book.askSize[9], 500);
  assert.equal(book.bidPrice[9], 5842700);
  assert.equal(book.bidSize[9], 300);
  // Row 2, level 2 (after the second message, a bid at 5853200 for 18).
  assert.equal(book.bidPrice[10 + 1], 5853200);
  assert.equal(book.bidSize[10 + 1], 18);
  for (let i = 0; i < book.count; i++) {
    for (let j = 1; j < book.levels; j++) {
      assert.ok(book.askPrice[i * 10 + j] > book.askPrice[i * 10 + j - 1], `row ${i + 1} asks`);
      assert.ok(book.bidPrice[i * 10 + j] < book.bidPrice[i * 10 + j - 1], `row ${i + 1} bids`);
    }
  }
});

Deno.test("orderbook: explicit levels matching the columns", () => {
  const book = parseLobsterOrderbook(`${ROW2}\n${ROW2}\n`, F, 2);
  assert.equal(book.count, 2);
  assert.equal(book.levels, 2);
  assert.deepEqual(Array.from(book.askPrice), [5859400, 5859800, 5859400, 5859800]);
  assert.deepEqual(Array.from(book.bidSize), [18, 150, 18, 150]);
  assert.equal(book.file, F);
});

Deno.test("orderbook: empty levels become price NaN and size 0", () => {
  const text = [
    "5859400,200,5853300,18,9999999999,0,-9999999999,0",
    "9999999999,0,5853300,18,9999999999,0,-9999999999,0",
    "9999999999,0,-9999999999,0,9999999999,0,-9999999999,0",
  ].join("\n");
  const book = parseLobsterOrderbook(text, F);
  assert.equal(book.levels, 2);
  assert.deepEqual(Array.from(book.askPrice), [5859400, NaN, NaN, NaN, NaN, NaN]);
  assert.deepEqual(Array.from(book.bidPrice), [5853300, NaN, 5853300, NaN, NaN, NaN]);
  assert.deepEqual(Array.from(book.askSize), [200, 0, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(book.bidSize), [18, 0, 18, 0, 0, 0]);
});

Deno.test("orderbook: a dummy price with a non-zero size is an error", () => {
  const text = `${ROW2}\n5859400,200,5853300,18,9999999999,5,5853000,150\n`;
  assertInputError(
    () => parseLobsterOrderbook(text, F),
    F,
    2,
    "column 6 (ask size 2)",
    "size of 0 at an empty level",
  );
});

Deno.test("orderbook: CRLF line endings parse like LF", () => {
  const rows = [ROW2, "5859400,100,5853300,18,5859800,200,5853200,18"];
  const lf = parseLobsterOrderbook(rows.join("\n") + "\n", F);
  for (const text of [rows.join("\r\n") + "\r\n", rows.join("\r\n")]) {
    const crlf = parseLobsterOrderbook(text, F);
    assert.equal(crlf.count, 2);
    assert.equal(crlf.levels, 2);
    assert.deepEqual(crlf.askSize, lf.askSize);
    assert.deepEqual(crlf.bidSize, lf.bidSize);
    assert.deepEqual(crlf.bidPrice, lf.bidPrice);
  }
  assert.equal(lf.bidSize[3], 18);
});

Deno.test("orderbook: missing final newline and blank final lines are fine", () => {
  assert.equal(parseLobsterOrderbook(ROW2, F).count, 1);
  assert.equal(parseLobsterOrderbook(`${ROW2}\n\n`, F).count, 1);
});

Deno.test("orderbook: arrays grow past the first capacity guess", () => {
  const rows = ["12345678,1000000,12345600,1000000"];
  for (let i = 1; i <= 700; i++) rows.push(`${200 + i},${i},${100 - (i % 50)},${i + 1}`);
  const book = parseLobsterOrderbook(rows.join("\n"), F, 1);
  assert.equal(book.count, 701);
  assert.equal(book.askPrice.length, 701);
  assert.equal(book.askPrice[0], 12345678);
  for (let i = 1; i <= 700; i++) {
    assert.equal(book.askPrice[i], 200 + i);
    assert.equal(book.askSize[i], i);
    assert.equal(book.bidPrice[i], 100 - (i % 50));
    assert.equal(book.bidSize[i], i + 1);
  }
});

Deno.test("orderbook: empty file", () => {
  assertInputError(() => parseLobsterOrderbook("", F), F, 1, "at least one row", "empty file");
  assertInputError(() => parseLobsterOrderbook("\r\n", F, 1), F, 1, "empty file");
});

Deno.test("orderbook: blank line in the middle", () => {
  assertInputError(() => parseLobsterOrderbook(`${ROW2}\n\n${ROW2}`, F), F, 2, "blank line");
  assertInputError(() => parseLobsterOrderbook(`\n${ROW2}`, F), F, 1, "blank line");
});

Deno.test("orderbook: column count not a multiple of 4 when inferring levels", () => {
  assertInputError(
    () => parseLobsterOrderbook("5859400,200,5853300,18,5859800,200\n", F),
    F,
    1,
    "multiple of 4 columns",
    "found 6 columns",
  );
});

Deno.test("orderbook: column count different from the given levels", () => {
  assertInputError(
    () => parseLobsterOrderbook(`${ROW2}\n`, F, 10),
    F,
    1,
    "expected 40 columns (10 levels × 4)",
    "found 8 columns",
  );
});

Deno.test("orderbook: column count changing between rows", () => {
  assertInputError(
    () => parseLobsterOrderbook(`${ROW2}\n${ROW2}\n5859400,200,5853300,18\n`, F),
    F,
    3,
    "expected 8 columns (2 levels × 4)",
    "found 4 columns",
  );
  assertInputError(
    () => parseLobsterOrderbook(`${ROW2}\n${ROW2},1,2,3,4\n`, F),
    F,
    2,
    "found 12 columns",
  );
});

Deno.test("orderbook: non-numeric field names the column", () => {
  assertInputError(
    () => parseLobsterOrderbook(`${ROW2}\n5859400,200,5853300,18,5859800,2x0,5853000,150\n`, F),
    F,
    2,
    "column 6 (ask size 2)",
    `"2x0"`,
  );
  assertInputError(
    () => parseLobsterOrderbook("5859400,200,58533.00,18", F),
    F,
    1,
    "column 3 (bid price 1)",
  );
  assertInputError(
    () => parseLobsterOrderbook("5859400,200,5853300,", F),
    F,
    1,
    "column 4 (bid size 1)",
  );
});

Deno.test("orderbook: negative sizes", () => {
  assertInputError(
    () => parseLobsterOrderbook(`${ROW2}\n5859400,-200,5853300,18,5859800,200,5853000,150`, F),
    F,
    2,
    "column 2 (ask size 1)",
    "≥ 0",
  );
  assertInputError(
    () => parseLobsterOrderbook(`5859400,200,5853300,18,5859800,200,5853000,-1`, F),
    F,
    1,
    "column 8 (bid size 2)",
    "≥ 0",
  );
});

Deno.test("orderbook: levels must be a positive integer", () => {
  for (const levels of [0, -1, 1.5, NaN]) {
    assert.throws(() => parseLobsterOrderbook(ROW2, F, levels), UsageError);
  }
});

Deno.test("orderbook: missing file", async () => {
  const path = join(FIXTURE_DIR, "NOPE_2012-06-21_34200000_57600000_orderbook_1.csv");
  await assertInputErrorAsync(
    () => readLobsterOrderbook(path),
    path,
    undefined,
    "expected an existing LOBSTER orderbook file",
    "found no such file",
  );
});

Deno.test("orderbook: read with explicit levels checks the column count", async () => {
  const path = join(FIXTURE_DIR, aaplName("orderbook"));
  await assertInputErrorAsync(
    () => readLobsterOrderbook(path, 1),
    path,
    1,
    "expected 4 columns (1 level × 4)",
    "found 40 columns",
  );
});
