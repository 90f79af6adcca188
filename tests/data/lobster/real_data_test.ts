/**
 * Parses the full LOBSTER sample files in `../shared/data/lobster` (beside the
 * repository; CI has it) and checks them against the counts in its README.
 * Skipped, with the reason printed, where that folder is absent.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import {
  findLobsterFiles,
  type LobsterMessages,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../../../lib/data/lobster/mod.ts";
import { aaplName, FIXTURE_DIR, SHARED_DIR, sharedDataPresent } from "./_helpers.ts";

const present = sharedDataPresent();
if (!present) {
  // deno-lint-ignore no-console
  console.log(`real LOBSTER data tests skipped: ${SHARED_DIR} not found`);
}
const ignore = !present;

const AMZN = "AMZN_2012-06-21_34200000_57600000";
const GOOG = "GOOG_2012-06-21_34200000_57600000";

function typeCounts(m: LobsterMessages): number[] {
  const counts = new Array<number>(8).fill(0);
  for (let i = 0; i < m.count; i++) counts[m.type[i]]++;
  return counts;
}

function assertTimesExactAndSorted(m: LobsterMessages): void {
  for (let i = 0; i < m.count; i++) {
    assert.ok(Number.isSafeInteger(m.timeNs[i]), `${m.file} row ${i + 1}`);
    if (i > 0) assert.ok(m.timeNs[i] >= m.timeNs[i - 1], `${m.file} row ${i + 1}`);
  }
  // Inside the session, 09:30 to 16:00.
  assert.ok(m.timeNs[0] >= 34200e9 && m.timeNs[m.count - 1] <= 57600e9);
}

Deno.test({
  name: "real data: AMZN message file, row and event-type counts",
  ignore,
  fn: async () => {
    const m = await readLobsterMessages(join(SHARED_DIR, `${AMZN}_message_1.csv`));
    assert.equal(m.count, 57515);
    assert.deepEqual(typeCounts(m), [0, 27845, 16, 18235, 8974, 2445, 0, 0]);
    assertTimesExactAndSorted(m);
    // First row 34200.017459617,5,0,1,2238200,-1; last 57599.95935965,3,287174077,100,2206300,-1.
    assert.equal(m.timeNs[0], 34200017459617);
    assert.equal(m.type[0], 5);
    assert.equal(m.price[0], 2238200);
    assert.equal(m.timeNs[m.count - 1], 57599959359650);
    assert.equal(m.orderId[m.count - 1], 287174077);
    assert.equal(m.size[m.count - 1], 100);
    assert.equal(m.direction[m.count - 1], -1);
  },
});

Deno.test({
  name: "real data: AMZN orderbook file, 1 level, matches the message count",
  ignore,
  fn: async () => {
    const book = await readLobsterOrderbook(join(SHARED_DIR, `${AMZN}_orderbook_1.csv`));
    assert.equal(book.count, 57515);
    assert.equal(book.levels, 1);
    assert.deepEqual(
      [book.askPrice[0], book.askSize[0], book.bidPrice[0], book.bidSize[0]],
      [2239500, 100, 2231800, 100],
    );
    const last = book.count - 1;
    assert.deepEqual(
      [book.askPrice[last], book.askSize[last], book.bidPrice[last], book.bidSize[last]],
      [2206400, 100, 2205100, 249],
    );
  },
});

Deno.test({
  name: "real data: GOOG message file, row and event-type counts",
  ignore,
  fn: async () => {
    const m = await readLobsterMessages(join(SHARED_DIR, `${GOOG}_message_1.csv`));
    assert.equal(m.count, 49482);
    assert.deepEqual(typeCounts(m), [0, 24368, 7, 13429, 7765, 3913, 0, 0]);
    assertTimesExactAndSorted(m);
  },
});

Deno.test({
  name: "real data: AAPL files (no final newline), 999 rows, fixture is their first 500",
  ignore,
  fn: async () => {
    const m = await readLobsterMessages(join(SHARED_DIR, aaplName("message")));
    const book = await readLobsterOrderbook(join(SHARED_DIR, aaplName("orderbook")));
    assert.equal(m.count, 999);
    assert.equal(book.count, 999);
    assert.equal(book.levels, 10);
    assertTimesExactAndSorted(m);
    // Last row: 34249.086375027,1,18259338,18,5853500,1
    assert.equal(m.timeNs[998], 34249086375027);
    assert.equal(m.orderId[998], 18259338);
    assert.equal(book.bidPrice[998 * 10 + 9], 5849900);
    assert.equal(book.bidSize[998 * 10 + 9], 2);

    const fm = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
    const fb = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
    assert.deepEqual(fm.timeNs, m.timeNs.slice(0, 500));
    assert.deepEqual(fm.orderId, m.orderId.slice(0, 500));
    assert.deepEqual(fm.price, m.price.slice(0, 500));
    assert.deepEqual(fb.askPrice, book.askPrice.slice(0, 5000));
    assert.deepEqual(fb.bidSize, book.bidSize.slice(0, 5000));
  },
});

Deno.test({
  name: "real data: findLobsterFiles pairs the shared folder (GOOG has no book)",
  ignore,
  fn: async () => {
    const pairs = await findLobsterFiles(SHARED_DIR);
    assert.deepEqual(
      pairs.map((p) => [p.ticker, p.levels, p.orderbookFile !== null]),
      [["AAPL", 10, true], ["AMZN", 1, true], ["GOOG", 1, false]],
    );
    assert.equal(pairs[1].messageFile, join(SHARED_DIR, `${AMZN}_message_1.csv`));
    assert.equal(pairs[1].orderbookFile, join(SHARED_DIR, `${AMZN}_orderbook_1.csv`));
  },
});
