import { strict as assert } from "node:assert";
import { EventKind, EventStreamBuilder } from "../../../lib/sim/market_data/mod.ts";
import {
  replaySessionBook,
  sessionToLobsterMessages,
} from "../../../lib/sim/output/session_book.ts";
import { handBuiltSession } from "./_sessions.ts";

Deno.test("sessionToLobsterMessages: raw prices are ticks × tick size, halts keep their code", () => {
  const b = new EventStreamBuilder();
  b.push(1, EventKind.Add, 1, 5, 250, 1);
  b.push(2, EventKind.HiddenTrade, 0, 3, 250.5, -1);
  b.push(3, EventKind.Halt, 0, 0, -1, 1);
  const m = sessionToLobsterMessages({ ...handBuiltSession(), events: b.finish() });
  assert.deepEqual([...m.price], [25_000, 25_050, -1]);
  assert.deepEqual([...m.type], [1, 5, 7]);
  const odd = new EventStreamBuilder();
  odd.push(1, EventKind.HiddenTrade, 0, 3, 250.5, -1);
  assert.throws(
    () => sessionToLobsterMessages({ ...handBuiltSession(), tickSize: 1, events: odd.finish() }),
    /event 0: expected an integer LOBSTER price, found 250.5/,
  );
});

Deno.test("replaySessionBook: the book after every event; unknown orders are counted", () => {
  const out = replaySessionBook(handBuiltSession(), 2);
  assert.equal(out.snapshots.count, 5);
  assert.equal(out.report.unknownOrderRefs, 0);
  assert.deepEqual([...out.snapshots.bidPrice.slice(6, 8)], [5001, 5000]); // after event 4
  const b = new EventStreamBuilder();
  b.push(1, EventKind.Delete, 42, 5, 100, 1); // an order never added
  const bad = replaySessionBook({ ...handBuiltSession(), events: b.finish() }, 1);
  assert.equal(bad.report.unknownOrderRefs, 1);
  assert.throws(() => replaySessionBook(handBuiltSession(), 0), RangeError);
});
