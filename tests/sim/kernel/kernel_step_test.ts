/** Kernel stepping (start/runUntil/finish), injected requests (sendAt) and the exchange observer. */

import { strict as assert } from "node:assert";
import {
  Agent,
  ExchangeAgent,
  Kernel,
  type Message,
  MessageKind,
} from "../../../lib/sim/kernel/mod.ts";
import { ConstantLatency } from "../../../lib/sim/latency/mod.ts";

/** Records every message it gets, with its arrival time. */
class Recorder extends Agent {
  log: { t: number; kind: number; orderId: number; qty: number; a2: number; a3: number }[] = [];
  constructor(name = "recorder") {
    super(name, "test");
  }
  override receive(k: Kernel, m: Message): void {
    this.log.push({ t: k.now, kind: m.kind, orderId: m.orderId, qty: m.qty, a2: m.a2, a3: m.a3 });
  }
}

function setup() {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e6, latency: new ConstantLatency(50) });
  const ex = k.addAgent(new ExchangeAgent(["X"]));
  const a = k.addAgent(new Recorder("a"));
  const b = k.addAgent(new Recorder("b"));
  return { k, ex, a, b };
}

Deno.test("kernel: sendAt delivers at exactly the given time, answers take the response latency", () => {
  const { k, ex, a } = setup();
  const seen: [number, number][] = [];
  ex.observer = (kk, m) => seen.push([kk.now, m.kind]);
  k.start();
  k.runUntil(1_000);
  assert.equal(k.now, 1_000);
  k.sendAt(MessageKind.LimitOrder, a.id, 1_234, 0, 7, 1, 100, 5);
  k.runUntil(1_233);
  assert.deepEqual(seen, []);
  k.runUntil(1_234);
  assert.deepEqual(seen, [[1_234, MessageKind.LimitOrder]]);
  assert.equal(ex.books[0].bestBid(), 100);
  k.runUntil(2_000);
  assert.deepEqual(a.log.map((e) => [e.t, e.kind]), [[1_284, MessageKind.OrderAccepted]]);
  const ev = ex.events(0)!;
  assert.equal(ev.count, 1);
  assert.equal(ev.tsNs[0], 1_234);
  assert.throws(() => k.sendAt(MessageKind.CancelOrder, a.id, 1_999, 0, 7), RangeError);
});

Deno.test("kernel: requests due at the same time keep send order; sendAt past the end is dropped", () => {
  const { k, ex, a, b } = setup();
  k.start();
  k.sendAt(MessageKind.LimitOrder, a.id, 500, 0, 1, -1, 100, 5);
  k.sendAt(MessageKind.LimitOrder, b.id, 500, 0, 2, -1, 100, 5);
  k.sendAt(MessageKind.MarketOrder, a.id, 2e6, 0, 3, 1, 0, 5); // after endNs = 1e6
  k.runUntil(600);
  assert.deepEqual(ex.books[0].levelOrders(-1, 100).map((o) => o.orderId), [1, 2]);
  const stats = k.finish();
  assert.equal(stats.undelivered, 0);
  assert.equal(k.now, 1e6);
});

Deno.test("kernel: runUntil refuses to go back in time and phases are enforced", () => {
  const { k } = setup();
  assert.throws(() => k.runUntil(10), /started/);
  k.start();
  assert.throws(() => k.start(), /not yet started/);
  k.runUntil(100);
  assert.throws(() => k.runUntil(99), RangeError);
  k.runUntil(5e6); // clamps to endNs
  assert.equal(k.now, 1e6);
  k.finish();
  assert.throws(() => k.finish(), /unfinished/);
});

Deno.test("exchange: executions carry the aggressor flag (a2) and the exchange's fill time (a3)", () => {
  const { k, ex, a, b } = setup();
  let calls = 0;
  ex.observer = (_k, m) => {
    calls++;
    // The book is already updated when the observer runs.
    if (m.kind === MessageKind.MarketOrder) assert.equal(ex.books[0].bestAskQty(), 2);
  };
  k.start();
  k.sendAt(MessageKind.LimitOrder, a.id, 100, 0, 1, -1, 100, 5);
  k.sendAt(MessageKind.MarketOrder, b.id, 300, 0, 2, 1, 0, 3);
  k.runUntil(1_000);
  assert.equal(calls, 2);
  const ea = a.log.find((e) => e.kind === MessageKind.OrderExecuted)!;
  const eb = b.log.find((e) => e.kind === MessageKind.OrderExecuted)!;
  assert.deepEqual([ea.t, ea.qty, ea.a2, ea.a3], [350, 3, 0, 300]);
  assert.deepEqual([eb.t, eb.qty, eb.a2, eb.a3], [350, 3, 1, 300]);
});
