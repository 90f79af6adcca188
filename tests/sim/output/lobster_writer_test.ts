import { strict as assert } from "node:assert";
import {
  parseLobsterFileName,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../../../lib/data/lobster/mod.ts";
import { replayLobster } from "../../../lib/sim/replay/mod.ts";
import {
  formatLobsterTime,
  lobsterFileNames,
  replaySessionBook,
  writeLobsterFiles,
} from "../../../lib/sim/output/mod.ts";
import { engineSession, handBuiltSession, OPEN_NS } from "./_sessions.ts";

Deno.test("formatLobsterTime: nine decimals from integer ns", () => {
  assert.equal(formatLobsterTime(34_200_000_000_001), "34200.000000001");
  assert.equal(formatLobsterTime(34_200_004_241_176), "34200.004241176");
  assert.equal(formatLobsterTime(57_600_000_000_000), "57600.000000000");
  assert.equal(formatLobsterTime(86_399_999_999_999), "86399.999999999");
  assert.equal(formatLobsterTime(999), "0.000000999");
  assert.throws(() => formatLobsterTime(1.5), RangeError);
  assert.throws(() => formatLobsterTime(-1), RangeError);
});

Deno.test("lobsterFileNames: LOBSTER's pattern, parsable back", () => {
  const names = lobsterFileNames(handBuiltSession(), 10);
  assert.equal(names.message, "HAND_2024-01-02_34200000_34200500_message_10.csv");
  const parsed = parseLobsterFileName(names.orderbook);
  assert.deepEqual(parsed, {
    ticker: "HAND",
    date: "2024-01-02",
    startMs: 34_200_000,
    endMs: 34_200_500,
    kind: "orderbook",
    levels: 10,
  });
  assert.throws(() => lobsterFileNames({ ...handBuiltSession(), symbol: "A_B" }, 1), RangeError);
});

Deno.test("writeLobsterFiles: exact text of a hand-built session", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files = await writeLobsterFiles(handBuiltSession(), dir, 2);
    assert.equal(
      await Deno.readTextFile(files.messageFile),
      [
        "34200.050000000,1,1,10,500000,1",
        "34200.120000000,1,2,7,500200,-1",
        "34200.250000000,4,2,3,500200,-1",
        "34200.300000000,1,3,4,500100,1",
        "34200.400000000,3,1,10,500000,1",
        "",
      ].join("\n"),
    );
    const E = "9999999999,0", B = "-9999999999,0";
    assert.equal(
      await Deno.readTextFile(files.orderbookFile),
      [
        `${E},500000,10,${E},${B}`,
        `500200,7,500000,10,${E},${B}`,
        `500200,4,500000,10,${E},${B}`,
        `500200,4,500100,4,${E},500000,10`,
        `500200,4,500100,4,${E},${B}`,
        "",
      ].join("\n"),
    );
    // Nothing but the two files (the temporary files were renamed).
    const names = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(names, [
      "HAND_2024-01-02_34200000_34200500_message_2.csv",
      "HAND_2024-01-02_34200000_34200500_orderbook_2.csv",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeLobsterFiles: round trip of an engine session replays with zero mismatches", async () => {
  const session = engineSession({
    symbol: "SIM",
    date: "2024-01-03",
    seed: 11,
    requests: 20_000,
    sessionStartNs: OPEN_NS,
    sessionEndNs: OPEN_NS + 600_000_000_000,
  });
  assert(session.events.count > 20_000, "the engine recorded the book's changes");
  const dir = await Deno.makeTempDir();
  try {
    const levels = 5;
    const book = replaySessionBook(session, levels);
    const files = await writeLobsterFiles(session, dir, levels, { snapshots: book.snapshots });
    const m = await readLobsterMessages(files.messageFile);
    const ob = await readLobsterOrderbook(files.orderbookFile);
    assert.equal(m.count, session.events.count);
    assert.deepEqual(m.timeNs, session.events.tsNs);
    assert.deepEqual(m.orderId, session.events.orderId);
    assert.equal(ob.count, m.count);
    assert.equal(ob.levels, levels);
    const out = replayLobster(m, ob, { tickSize: 100 });
    assert.equal(out.report.mismatches.total, 0, JSON.stringify(out.report.mismatches.examples));
    assert.equal(out.report.unknownOrderRefs, 0);
    // The file's rows are the rebuilt book (prices back in ticks).
    const s = book.snapshots;
    for (let i = 0; i < s.count * levels; i++) {
      const bid = Number.isNaN(s.bidPrice[i]) ? NaN : s.bidPrice[i] * 100;
      assert(Object.is(ob.bidPrice[i], bid) && ob.bidSize[i] === s.bidQty[i], `bid slot ${i}`);
      const ask = Number.isNaN(s.askPrice[i]) ? NaN : s.askPrice[i] * 100;
      assert(Object.is(ob.askPrice[i], ask) && ob.askSize[i] === s.askQty[i], `ask slot ${i}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
