/** Kernel: ordering, latency per request type, compute delay, determinism. */

import { strict as assert } from "node:assert";
import {
  Agent,
  ExchangeAgent,
  Kernel,
  type Message,
  MessageKind,
} from "../../../lib/sim/kernel/mod.ts";
import { ConstantLatency, PerRequestLatency } from "../../../lib/sim/latency/mod.ts";

/** Records every message it gets, with its arrival time. */
class Recorder extends Agent {
  log: { t: number; kind: number; orderId: number; qty: number; price: number }[] = [];
  constructor(name = "recorder") {
    super(name, "test");
  }
  override receive(k: Kernel, m: Message): void {
    this.log.push({ t: k.now, kind: m.kind, orderId: m.orderId, qty: m.qty, price: m.price });
  }
}

/** Runs a script of actions at given times. */
class Scripted extends Recorder {
  constructor(readonly script: [number, (k: Kernel, self: Scripted) => void][]) {
    super("scripted");
  }
  #i = 0;
  override start(k: Kernel): void {
    for (const [t] of this.script) k.wakeAt(this.id, t);
  }
  override wakeup(k: Kernel): void {
    this.script[this.#i++][1](k, this);
  }
}

function latency(place: number, cancel: number, modify: number, other: number) {
  return new PerRequestLatency({
    place: new ConstantLatency(place),
    cancel: new ConstantLatency(cancel),
    modify: new ConstantLatency(modify),
    other: new ConstantLatency(other),
  });
}

Deno.test("kernel: an order sent at t with latency L arrives at t + L; the answer takes the response latency", () => {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e9, latency: latency(700, 300, 500, 50) });
  const ex = k.addAgent(new ExchangeAgent(["X"]));
  let arrivalAtExchange = -1;
  const original = ex.receive.bind(ex);
  ex.receive = (kk: Kernel, m: Message) => {
    if (m.kind === MessageKind.LimitOrder) arrivalAtExchange = kk.now;
    original(kk, m);
  };
  const a = k.addAgent(
    new Scripted([[1_000, (kk, self) => kk.sendLimit(self.id, 0, 7, 1, 100, 5)]]),
  );
  k.run();
  assert.equal(arrivalAtExchange, 1_700);
  assert.deepEqual(a.log.map((e) => [e.t, e.kind]), [[1_750, MessageKind.OrderAccepted]]);
});

Deno.test("kernel: cancel and place latencies apply separately (a faster cancel overtakes a slower order)", () => {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e9, latency: latency(1_000, 100, 500, 0) });
  k.addAgent(new ExchangeAgent(["X"]));
  const a = k.addAgent(
    new Scripted([[
      10,
      (kk, self) => {
        kk.sendLimit(self.id, 0, 1, 1, 100, 5); // arrives at 1,010
        kk.sendCancel(self.id, 0, 1); // arrives at 110: the order is not there yet
      },
    ]]),
  );
  k.run();
  assert.deepEqual(a.log.map((e) => [e.t, e.kind]), [
    [110, MessageKind.OrderRejected],
    [1_010, MessageKind.OrderAccepted],
  ]);
});

Deno.test("kernel: a modify uses the modify latency", () => {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e9, latency: latency(100, 100, 2_000, 0) });
  k.addAgent(new ExchangeAgent(["X"]));
  const a = k.addAgent(
    new Scripted([
      [0, (kk, self) => kk.sendLimit(self.id, 0, 1, 1, 100, 5)],
      [1_000, (kk, self) => kk.sendModify(self.id, 0, 1, 101, 5)],
    ]),
  );
  k.run();
  assert.deepEqual(a.log.map((e) => [e.t, e.kind, e.price]), [
    [100, MessageKind.OrderAccepted, 100],
    [3_000, MessageKind.OrderAccepted, 101],
  ]);
});

Deno.test("kernel: the sender's compute delay postpones what it sends", () => {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e9, latency: new ConstantLatency(100) });
  k.addAgent(new ExchangeAgent(["X"]));
  const a = k.addAgent(new Scripted([[0, (kk, self) => kk.requestMarketData(self.id, 0)]]));
  a.computeDelayNs = 5_000;
  k.run();
  assert.deepEqual(a.log.map((e) => [e.t, e.kind]), [[5_200, MessageKind.MarketData]]);
});

Deno.test("kernel: messages due at the same time arrive in the order sent; nothing past the end", () => {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 10_000, latency: new ConstantLatency(100) });
  k.addAgent(new ExchangeAgent(["X"]));
  const a = k.addAgent(
    new Scripted([[
      0,
      (kk, self) => {
        for (let i = 1; i <= 5; i++) kk.sendLimit(self.id, 0, i, 1, 100 - i, 1);
        kk.wakeAt(self.id, 20_000); // after the end: dropped
      },
    ]]),
  );
  const stats = k.run();
  assert.deepEqual(a.log.map((e) => e.orderId), [1, 2, 3, 4, 5]);
  assert.equal(stats.undelivered, 0);
});

Deno.test("kernel: executions reach both sides with the right sides and sizes", () => {
  const k = new Kernel({ seed: 1, startNs: 0, endNs: 1e9, latency: new ConstantLatency(10) });
  k.addAgent(new ExchangeAgent(["X"]));
  const maker = k.addAgent(
    new Scripted([[0, (kk, self) => kk.sendLimit(self.id, 0, 1, -1, 100, 5)]]),
  );
  const taker = k.addAgent(
    new Scripted([[1_000, (kk, self) => kk.sendMarket(self.id, 0, 2, 1, 3)]]),
  );
  k.run();
  const makerExec = maker.log.filter((e) => e.kind === MessageKind.OrderExecuted);
  const takerExec = taker.log.filter((e) => e.kind === MessageKind.OrderExecuted);
  assert.deepEqual(makerExec.map((e) => [e.orderId, e.qty, e.price]), [[1, 3, 100]]);
  assert.deepEqual(takerExec.map((e) => [e.orderId, e.qty, e.price]), [[2, 3, 100]]);
});

Deno.test("kernel: every agent gets its own stream, fixed by the seed and its name", () => {
  const draw = (seed: number, extra: boolean) => {
    const k = new Kernel({ seed, startNs: 0, endNs: 1 });
    if (extra) k.addAgent(new Recorder("someone-else"));
    const a = k.addAgent(new Recorder("me"));
    return a.rng.nextU32();
  };
  assert.equal(
    draw(3, false),
    draw(3, true),
    "adding an agent does not change another agent's stream",
  );
  assert.notEqual(draw(3, false), draw(4, false));
});
