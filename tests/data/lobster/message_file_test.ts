import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  LobsterEventType,
  parseLobsterMessages,
  readLobsterMessages,
} from "../../../lib/data/lobster/mod.ts";
import { aaplName, assertInputError, assertInputErrorAsync, FIXTURE_DIR } from "./_helpers.ts";

const F = "msg.csv";
const GOOD = "34200.004241176,1,16113575,18,5853300,1";

Deno.test("messages: fixture first row has the known values, time exact in ns", async () => {
  const m = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
  assert.equal(m.count, 500);
  assert.equal(m.timeNs.length, 500);
  assert.equal(m.type.length, 500);
  assert.equal(m.direction.length, 500);
  assert.equal(m.timeNs[0], 34200004241176);
  assert.equal(m.type[0], LobsterEventType.Submit);
  assert.equal(m.orderId[0], 16113575);
  assert.equal(m.size[0], 18);
  assert.equal(m.price[0], 5853300);
  assert.equal(m.direction[0], 1);
  // Row 2 has 8 decimals ("34200.00426064"): padded, not float-rounded.
  assert.equal(m.timeNs[1], 34200004260640);
  // Row 500: 34215.204460371,5,0,200,5854100,-1
  assert.equal(m.timeNs[499], 34215204460371);
  assert.equal(m.type[499], LobsterEventType.ExecuteHidden);
  assert.equal(m.orderId[499], 0);
  assert.equal(m.size[499], 200);
  assert.equal(m.price[499], 5854100);
  assert.equal(m.direction[499], -1);
  for (let i = 0; i < m.count; i++) {
    assert.ok(Number.isInteger(m.timeNs[i]), `row ${i + 1} time not an integer`);
    if (i > 0) assert.ok(m.timeNs[i] >= m.timeNs[i - 1]);
  }
});

Deno.test("messages: the file name is kept for later error messages", () => {
  assert.equal(parseLobsterMessages(GOOD, "x/y.csv").file, "x/y.csv");
});

Deno.test("messages: times with 0 to 9 decimals are padded to exact nanoseconds", () => {
  const text = [
    "34200,1,1,1,1,1",
    "34200.05,1,1,1,1,1",
    "34200.123456789,1,1,1,1,1",
    "34200.5,1,1,1,1,1",
    "57599.95935965,1,1,1,1,1",
  ].join("\n");
  const m = parseLobsterMessages(text, F);
  assert.deepEqual(Array.from(m.timeNs), [
    34200000000000,
    34200050000000,
    34200123456789,
    34200500000000,
    57599959359650,
  ]);
});

Deno.test("messages: all event types, negative cross id and halt prices are accepted", () => {
  const text = [
    "34200.1,1,10,100,5850000,1",
    "34200.2,2,10,50,5850000,1",
    "34200.3,3,10,50,5850000,1",
    "34200.4,4,11,10,5850100,-1",
    "34200.5,5,0,0,5850100,-1",
    "34200.6,6,-1,2500,5850100,-1",
    "34200.7,7,0,0,-1,-1",
    "34200.7,7,0,0,0,-1", // equal times are fine
    "34200.8,7,0,0,1,-1",
  ].join("\n");
  const m = parseLobsterMessages(text, F);
  assert.equal(m.count, 9);
  assert.deepEqual(Array.from(m.type), [1, 2, 3, 4, 5, 6, 7, 7, 7]);
  assert.equal(m.orderId[5], -1);
  assert.deepEqual(Array.from(m.price.subarray(6)), [-1, 0, 1]);
  assert.deepEqual(Array.from(m.direction.subarray(3, 6)), [-1, -1, -1]);
  assert.equal(m.size[4], 0);
});

Deno.test("messages: CRLF line endings parse like LF", () => {
  const lines = [GOOD, "34200.00426064,3,16113575,18,5853300,1", "34201,4,7,1,5853000,-1"];
  const lf = parseLobsterMessages(lines.join("\n") + "\n", F);
  const crlf = parseLobsterMessages(lines.join("\r\n") + "\r\n", F);
  const crlfNoEnd = parseLobsterMessages(lines.join("\r\n"), F);
  for (const m of [crlf, crlfNoEnd]) {
    assert.equal(m.count, 3);
    assert.deepEqual(m.timeNs, lf.timeNs);
    assert.deepEqual(m.direction, lf.direction);
    assert.deepEqual(m.price, lf.price);
  }
  assert.equal(crlf.direction[2], -1);
});

Deno.test("messages: missing final newline and blank final lines are fine", () => {
  assert.equal(parseLobsterMessages(GOOD, F).count, 1);
  assert.equal(parseLobsterMessages(GOOD + "\n", F).count, 1);
  assert.equal(parseLobsterMessages(GOOD + "\n\n", F).count, 1);
  assert.equal(parseLobsterMessages(GOOD + "\r\n\r\n", F).count, 1);
});

Deno.test("messages: arrays grow past the first capacity guess and keep every row", () => {
  // A long first line makes the capacity guess far too small for the short rows after it.
  const rows = ["34200.123456789,1,123456789012,1000000,99999999,-1"];
  for (let i = 1; i <= 1000; i++) rows.push(`${34200 + i},${1 + (i % 5)},${i},${i},${i * 100},1`);
  const m = parseLobsterMessages(rows.join("\n"), F);
  assert.equal(m.count, 1001);
  assert.equal(m.size.length, 1001);
  assert.equal(m.orderId[0], 123456789012);
  assert.equal(m.size[0], 1000000);
  for (let i = 1; i <= 1000; i++) {
    assert.equal(m.timeNs[i], (34200 + i) * 1e9);
    assert.equal(m.type[i], 1 + (i % 5));
    assert.equal(m.price[i], i * 100);
  }
});

Deno.test("messages: empty file", () => {
  assertInputError(() => parseLobsterMessages("", F), F, 1, "at least one row", "empty file");
  assertInputError(() => parseLobsterMessages("\n\r\n", F), F, 1, "empty file");
});

Deno.test("messages: blank line in the middle", () => {
  const text = `${GOOD}\n\n34201,1,1,1,1,1\n`;
  assertInputError(() => parseLobsterMessages(text, F), F, 2, "blank line");
  const crlf = `${GOOD}\r\n\r\n34201,1,1,1,1,1\r\n`;
  assertInputError(() => parseLobsterMessages(crlf, F), F, 2, "blank line");
  assertInputError(() => parseLobsterMessages(`\n${GOOD}`, F), F, 1, "blank line");
});

Deno.test("messages: too few columns", () => {
  const text = `${GOOD}\n34201,1,1,1,1\n`;
  assertInputError(() => parseLobsterMessages(text, F), F, 2, "expected 6 columns", "found 5 col");
});

Deno.test("messages: too many columns", () => {
  const text = `${GOOD}\n${GOOD}\n34201,1,1,1,1,1,7\n`;
  assertInputError(() => parseLobsterMessages(text, F), F, 3, "expected 6 columns", "found 7 col");
});

Deno.test("messages: semicolon separators are a column-count error", () => {
  const text = "34200.004241176;1;16113575;18;5853300;1\n";
  assertInputError(() => parseLobsterMessages(text, F), F, 1, "expected 6 columns", "found 1 col");
});

Deno.test("messages: non-numeric field names the column and the text", () => {
  const text = `${GOOD}\n34201,1,1,12a,100,1\n`;
  assertInputError(
    () => parseLobsterMessages(text, F),
    F,
    2,
    "column 4 (size)",
    `"12a"`,
    "34201,1,1,12a,100,1",
  );
  assertInputError(() => parseLobsterMessages("34201,1,x,1,1,1", F), F, 1, "column 3 (order id)");
  assertInputError(() => parseLobsterMessages("34201,1,1,1,1.5,1", F), F, 1, "column 5 (price)");
  assertInputError(() => parseLobsterMessages("34201,1,1,1,,1", F), F, 1, "column 5 (price)");
  assertInputError(() => parseLobsterMessages("34201,1,1,1,1, 1", F), F, 1, "column 6 (direction)");
  assertInputError(
    () => parseLobsterMessages("34201,1,1,1,1,1\r", F),
    F,
    1,
    "column 6 (direction)",
  );
  assertInputError(() => parseLobsterMessages("3.4e4,1,1,1,1,1", F), F, 1, "column 1 (time)");
  assertInputError(() => parseLobsterMessages("-34200,1,1,1,1,1", F), F, 1, "column 1 (time)");
  assertInputError(() => parseLobsterMessages("34200.,1,1,1,1,1", F), F, 1, "column 1 (time)");
  assertInputError(() => parseLobsterMessages("34200.1,a,1,1,1,1", F), F, 1, "column 2 (type)");
});

Deno.test("messages: the offending row is shortened in the message", () => {
  const long = `34201,1,1,1,1${"9".repeat(500)}x,1`;
  const err = assertInputError(() => parseLobsterMessages(long, F), F, 1, "column 5 (price)", "…");
  assert.ok(err.message.length < 300, err.message);
});

Deno.test("messages: more than 9 decimals in the time", () => {
  const text = `${GOOD}\n34201.1234567891,1,1,1,1,1\n`;
  assertInputError(() => parseLobsterMessages(text, F), F, 2, "column 1 (time)", "9 decimals");
});

Deno.test("messages: negative size", () => {
  const text = `${GOOD}\n34201,5,0,-3,100,1\n`;
  assertInputError(() => parseLobsterMessages(text, F), F, 2, "column 4 (size)", "≥ 0", `"-3"`);
});

Deno.test("messages: size 0 for event types 1 to 4", () => {
  for (const type of [1, 2, 3, 4]) {
    const text = `${GOOD}\n34201,${type},5,0,100,1\n`;
    assertInputError(
      () => parseLobsterMessages(text, F),
      F,
      2,
      "column 4 (size)",
      `≥ 1 for event type ${type}`,
    );
  }
});

Deno.test("messages: event type outside 1 to 7", () => {
  for (const type of ["0", "8", "-1", "12"]) {
    const text = `${GOOD}\n${GOOD}\n34201,${type},5,1,100,1\n`;
    assertInputError(
      () => parseLobsterMessages(text, F),
      F,
      3,
      "column 2 (type)",
      "1 to 7",
      `"${type}"`,
    );
  }
});

Deno.test("messages: direction other than -1 or 1", () => {
  for (const dir of ["0", "2", "-2"]) {
    const text = `${GOOD}\n34201,1,5,1,100,${dir}\n34202,1,5,1,100,1`;
    assertInputError(
      () => parseLobsterMessages(text, F),
      F,
      2,
      "column 6 (direction)",
      "-1 or 1",
      `"${dir}"`,
    );
  }
});

Deno.test("messages: time going backwards", () => {
  const text = `34200.5,1,1,1,1,1\n34200.5,1,2,1,1,1\n34200.499999999,1,3,1,1,1\n`;
  assertInputError(
    () => parseLobsterMessages(text, F),
    F,
    3,
    "column 1 (time)",
    "34200.500000000",
    `"34200.499999999"`,
  );
});

Deno.test("messages: integers too large for a double or an Int32 slot", () => {
  assertInputError(
    () => parseLobsterMessages("34201,1,99999999999999999,1,1,1", F),
    F,
    1,
    "column 3 (order id)",
  );
  assertInputError(
    () => parseLobsterMessages("34201,1,1,2147483648,1,1", F),
    F,
    1,
    "column 4 (size)",
  );
  assertInputError(
    () => parseLobsterMessages("99999999999,1,1,1,1,1", F),
    F,
    1,
    "column 1 (time)",
  );
});

Deno.test("messages: missing file", async () => {
  const path = join(FIXTURE_DIR, "NOPE_2012-06-21_34200000_57600000_message_1.csv");
  await assertInputErrorAsync(
    () => readLobsterMessages(path),
    path,
    undefined,
    "expected an existing LOBSTER message file",
    "found no such file",
  );
});

Deno.test("messages: a folder instead of a file", async () => {
  await assertInputErrorAsync(
    () => readLobsterMessages(FIXTURE_DIR),
    FIXTURE_DIR,
    undefined,
    "existing LOBSTER message file",
    "a folder",
  );
});

Deno.test("messages: read errors name the path as given", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "bad.csv");
    await Deno.writeTextFile(path, `${GOOD}\n34201,1,1,1,1,9\n`);
    await assertInputErrorAsync(() => readLobsterMessages(path), path, 2, "column 6 (direction)");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
