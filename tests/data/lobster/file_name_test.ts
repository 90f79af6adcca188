import { strict as assert } from "node:assert";
import { join } from "node:path";
import { findLobsterFiles, parseLobsterFileName } from "../../../lib/data/lobster/mod.ts";
import { aaplName, assertInputError, assertInputErrorAsync, FIXTURE_DIR } from "./_helpers.ts";

Deno.test("file name: message and orderbook names parse, folders ignored", () => {
  assert.deepEqual(parseLobsterFileName(aaplName("message")), {
    ticker: "AAPL",
    date: "2012-06-21",
    startMs: 34200000,
    endMs: 57600000,
    kind: "message",
    levels: 10,
  });
  const book = parseLobsterFileName(
    "../shared/data/lobster/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv",
  );
  assert.equal(book.ticker, "AMZN");
  assert.equal(book.kind, "orderbook");
  assert.equal(book.levels, 1);
  assert.equal(
    parseLobsterFileName("C:\\data\\MSFT_2020-02-29_0_86400000_message_5.csv").ticker,
    "MSFT",
  );
});

Deno.test("file name: bad names throw InputError naming the file", () => {
  const bad = [
    "AAPL_2012-06-21_34200000_57600000_messages_10.csv", // kind
    "AAPL_2012-06-21_34200000_57600000_message_10.txt", // extension
    "AAPL_2012-06-21_34200000_message_10.csv", // no END
    "AAPL_20120621_34200000_57600000_message_10.csv", // date format
    "AAPL_2012-02-30_34200000_57600000_message_10.csv", // no such day
    "AAPL_2012-13-01_34200000_57600000_message_10.csv", // no such month
    "AAPL_2012-06-21_57600000_34200000_message_10.csv", // START after END
    "AAPL_2012-06-21_34200000_86400001_message_10.csv", // END after midnight
    "AAPL_2012-06-21_34200000_57600000_message_0.csv", // no levels
    "_2012-06-21_34200000_57600000_message_10.csv", // no ticker
  ];
  for (const name of bad) {
    const path = `some/dir/${name}`;
    assertInputError(() => parseLobsterFileName(path), path, undefined, "LOBSTER file name", name);
  }
});

Deno.test("file name: findLobsterFiles pairs the fixture files", async () => {
  const pairs = await findLobsterFiles(FIXTURE_DIR);
  assert.deepEqual(pairs, [{
    ticker: "AAPL",
    date: "2012-06-21",
    levels: 10,
    messageFile: join(FIXTURE_DIR, aaplName("message")),
    orderbookFile: join(FIXTURE_DIR, aaplName("orderbook")),
  }]);
});

Deno.test("file name: findLobsterFiles keeps lone messages, drops lone books and other files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const names = [
      "ZZZ_2012-06-21_34200000_57600000_message_1.csv",
      "ZZZ_2012-06-21_34200000_57600000_orderbook_1.csv",
      "ZZZ_2012-06-21_34200000_57600000_message_5.csv", // no book at 5 levels
      "AAA_2012-06-22_34200000_57600000_message_1.csv", // sorted first
      "AAA_2012-06-22_34200000_57600000_orderbook_2.csv", // levels differ: no pair
      "BBB_2012-06-21_34200000_57600000_orderbook_1.csv", // book without messages
      "README.md",
      "notes_message.csv",
    ];
    for (const name of names) await Deno.writeTextFile(join(dir, name), "");
    await Deno.mkdir(join(dir, "CCC_2012-06-21_34200000_57600000_message_1.csv"));
    const pairs = await findLobsterFiles(dir);
    assert.deepEqual(
      pairs.map((p) => [p.ticker, p.date, p.levels, p.messageFile, p.orderbookFile]),
      [
        ["AAA", "2012-06-22", 1, join(dir, names[3]), null],
        ["ZZZ", "2012-06-21", 1, join(dir, names[0]), join(dir, names[1])],
        ["ZZZ", "2012-06-21", 5, join(dir, names[2]), null],
      ],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("file name: findLobsterFiles on a missing folder", async () => {
  const dir = join(FIXTURE_DIR, "no_such_folder");
  await assertInputErrorAsync(() => findLobsterFiles(dir), dir, undefined, "no such folder");
});
