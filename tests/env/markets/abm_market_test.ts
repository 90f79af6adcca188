/**
 * The agent-based market through the Market interface: exact arrival times,
 * fills with the maker flag after the response latency, real queue positions
 * and market impact, cancels, grid rows against the recorded events,
 * determinism, and the kernel's stepped run against one run().
 */

import { strict as assert } from "node:assert";
import {
  type AbmMarketSection,
  AbmMarketSectionSchema,
} from "../../../lib/config/schemas/env_abm.ts";
import { UsageError } from "../../../lib/core/errors.ts";
import { AbmMarket } from "../../../lib/env/markets/abm_market.ts";
import { type AgentFill, newGridRow } from "../../../lib/env/market.ts";
import { buildAbidesMarket } from "../../../lib/sim/abides/session.ts";
import { AbidesSectionSchema } from "../../../lib/config/schemas/abides.ts";
import { EventKind, type EventStream } from "../../../lib/sim/market_data/event_stream.ts";

const OPEN = 34_200e9; // 09:30:00
const DATE = "2024-01-02";
/** Response latency of the default population (exchange → agent). */
const RESP = 100_000;

/** No background traders: the learning agents alone, for hand-checked scenarios. */
function emptyConfig(): AbmMarketSection {
  return AbmMarketSectionSchema.parse({
    population: {
      noise: { count: 0 },
      value: { count: 0 },
      momentum: { count: 0 },
      market_makers: { count: 0 },
    },
  });
}

/** A market with `agents` learning agents, `warmupS` seconds after the open, lasting `episodeS` seconds. */
function open(cfg: AbmMarketSection, agents: number, seed = 1, warmupS = 1, episodeS = 600) {
  const m = new AbmMarket(cfg, { recordEvents: true });
  const startNs = OPEN + warmupS * 1e9;
  m.reset({ seed, date: DATE, startNs, endNs: startNs + episodeS * 1e9 }, agents);
  return m;
}

function drain(m: AbmMarket, agent: number): AgentFill[] {
  const out: AgentFill[] = [];
  m.drainFills(agent, out);
  return out;
}

/** Indices of events of the given kinds for an order id. */
function eventsOf(ev: EventStream, orderId: number, kind: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < ev.count; i++) {
    if (ev.orderId[i] === orderId && ev.kind[i] === kind) out.push(i);
  }
  return out;
}

Deno.test("abm market: an order submitted with arriveNs t enters the book exactly at t", () => {
  // Empty background: nothing else happens.
  const m = open(emptyConfig(), 1);
  const t0 = m.nowNs;
  assert.equal(t0, OPEN + 1e9);
  const id = m.submitLimit(0, 1, 10_000, 7, t0 + 12_345);
  m.advanceTo(t0 + 12_344);
  assert.equal(m.events().count, 0);
  assert(Number.isNaN(m.bestBidTicks()));
  m.advanceTo(t0 + 12_345);
  const ev = m.events();
  assert.deepEqual(eventsOf(ev, id, EventKind.Add).map((i) => ev.tsNs[i]), [t0 + 12_345]);
  assert.equal(m.bestBidTicks(), 10_000);
  // The acknowledgement is still on its way to the agent.
  assert.equal(m.liveOrders(0).size, 0);
  m.advanceTo(t0 + 12_345 + RESP);
  assert.deepEqual({ ...m.liveOrders(0).get(id)! }, {
    side: 1,
    priceTicks: 10_000,
    qty: 7,
    queueAhead: 0,
    resting: true,
  });

  // With the default population, amid the background flow.
  const d = open(AbmMarketSectionSchema.parse({}), 1, 4, 30);
  const t1 = d.nowNs, arrive = t1 + 123_457;
  const id2 = d.submitLimit(0, -1, d.bestAskTicks() + 40, 3, arrive);
  d.advanceTo(t1 + 1e9);
  const ev2 = d.events();
  assert.deepEqual(eventsOf(ev2, id2, EventKind.Add).map((i) => ev2.tsNs[i]), [arrive]);
});

Deno.test("abm market: queue positions are the live book's; fills reach drainFills after the latency with the maker flag", () => {
  const m = open(emptyConfig(), 3);
  const t0 = m.nowNs;
  const ahead = m.submitLimit(1, 1, 10_000, 100, t0 + 1_000);
  const mine = m.submitLimit(0, 1, 10_000, 10, t0 + 2_000);
  m.advanceTo(t0 + 1e6);
  assert.equal(m.liveOrders(0).get(mine)!.queueAhead, 100);
  assert.equal(m.liveOrders(1).get(ahead)!.queueAhead, 0);

  // A taker sells 30: it trades against the order ahead first.
  const tSell = t0 + 2e6;
  const sell = m.submitMarket(2, -1, 30, tSell);
  m.advanceTo(tSell);
  assert.equal(m.liveOrders(0).get(mine)!.queueAhead, 70);
  assert.deepEqual(drain(m, 1), []); // the execution report is still in flight
  m.advanceTo(tSell + RESP - 1);
  assert.deepEqual(drain(m, 1), []);
  m.advanceTo(tSell + RESP);
  assert.deepEqual(drain(m, 1), [
    { orderId: ahead, side: 1, priceTicks: 10_000, qty: 30, tsNs: tSell, maker: true },
  ]);
  assert.deepEqual(drain(m, 2), [
    { orderId: sell, side: -1, priceTicks: 10_000, qty: 30, tsNs: tSell, maker: false },
  ]);
  assert.equal(m.liveOrders(1).get(ahead)!.qty, 70);

  // Selling 75 more finishes the order ahead and takes 5 of mine.
  const t2 = t0 + 3e6;
  m.submitMarket(2, -1, 75, t2);
  m.advanceTo(t2 + RESP);
  assert.equal(m.liveOrders(1).size, 0);
  const o = m.liveOrders(0).get(mine)!;
  assert.deepEqual([o.qty, o.queueAhead], [5, 0]);
  assert.deepEqual(drain(m, 0).map((f) => [f.orderId, f.qty, f.maker]), [[mine, 5, true]]);
  assert.deepEqual(drain(m, 2).map((f) => [f.qty, f.maker]), [[70, false], [5, false]]);
});

Deno.test("abm market: a taker's market order walks the levels and moves the book (impact is real)", () => {
  // Learning liquidity, hand-checked: asks of 50 at 10,001, 10,002 and 10,003.
  const m = open(emptyConfig(), 2);
  const t0 = m.nowNs;
  for (let i = 1; i <= 3; i++) m.submitLimit(0, -1, 10_000 + i, 50, t0 + 1_000);
  m.submitMarket(1, 1, 120, t0 + 5_000);
  m.advanceTo(t0 + 1e6);
  assert.deepEqual(drain(m, 1).map((f) => [f.priceTicks, f.qty]), [
    [10_001, 50],
    [10_002, 50],
    [10_003, 20],
  ]);
  assert.equal(m.bestAskTicks(), 10_003);

  // Against the background market maker: buying past the best ask lifts the ask,
  // and the maker re-centres on the higher prices afterwards.
  const cfg = AbmMarketSectionSchema.parse({
    population: { noise: { count: 0 }, value: { count: 0 }, momentum: { count: 0 } },
  });
  const run = (buy: number) => {
    const mk = open(cfg, 1, 7, 10);
    const t = mk.nowNs;
    const ask0 = mk.bestAskTicks(), q0 = mk.exchange.books[0].bestAskQty();
    assert(q0 > 0);
    const fills: AgentFill[] = [];
    if (buy > 0) mk.submitMarket(0, 1, q0 + buy, t + 1_000);
    mk.advanceTo(t + 1_000);
    const askAfter = mk.bestAskTicks();
    mk.advanceTo(t + 1_000 + RESP);
    mk.drainFills(0, fills);
    mk.advanceTo(t + 5e9);
    return { ask0, q0, askAfter, fills, midLater: mk.midTicks() };
  };
  const hit = run(40), control = run(0);
  assert.equal(hit.ask0, control.ask0);
  assert.equal(hit.fills.reduce((s, f) => s + f.qty, 0), hit.q0 + 40);
  assert.equal(hit.fills[0].priceTicks, hit.ask0);
  assert(hit.fills.at(-1)!.priceTicks > hit.ask0, "the order walked past the best ask");
  assert(hit.fills.every((f) => !f.maker));
  assert(hit.askAfter > hit.ask0 && control.askAfter === control.ask0);
  assert(hit.midLater > control.midLater, `${hit.midLater} vs ${control.midLater}`);
});

Deno.test("abm market: cancel removes the order at its arrival time; unknown ids are ignored", () => {
  const m = open(emptyConfig(), 2);
  const t0 = m.nowNs;
  const id = m.submitLimit(0, 1, 10_000, 10, t0 + 1_000);
  m.advanceTo(t0 + 1e6);
  assert(m.liveOrders(0).has(id));
  const tc = t0 + 2e6;
  m.cancel(0, id, tc);
  m.cancel(0, 999_999, tc); // not the agent's: ignored
  m.cancel(1, id, tc); // another agent's order: ignored
  m.advanceTo(tc - 1);
  assert.equal(m.bestBidTicks(), 10_000);
  m.advanceTo(tc);
  assert(Number.isNaN(m.bestBidTicks()));
  const ev = m.events();
  assert.deepEqual(eventsOf(ev, id, EventKind.Delete).map((i) => ev.tsNs[i]), [tc]);
  assert.equal(ev.count, 2); // the add and one delete
  assert(m.liveOrders(0).has(id)); // the confirmation has not arrived yet
  m.advanceTo(tc + RESP);
  assert.equal(m.liveOrders(0).size, 0);
  // Nothing left to trade against.
  m.submitMarket(1, -1, 5, tc + 2e6);
  m.advanceTo(tc + 3e6);
  assert.deepEqual(drain(m, 0), []);
  assert.deepEqual(drain(m, 1), []);
});

Deno.test("abm market: a learning maker's passive quote is filled by the background flow", () => {
  const m = open(AbmMarketSectionSchema.parse({}), 1, 1, 60);
  const t0 = m.nowNs;
  const bid = m.bestBidTicks(), ask = m.bestAskTicks();
  assert(ask - bid > 1, `spread ${ask - bid}`);
  const price = bid + 1; // improves the bid: first in the queue
  const id = m.submitLimit(0, 1, price, 5, t0 + 100_000);
  const fills: AgentFill[] = [];
  let t = t0;
  while (fills.length === 0 && t < t0 + 300e9) {
    t += 100e6;
    m.advanceTo(t);
    m.drainFills(0, fills);
  }
  assert(fills.length > 0, "no fill within 300 s");
  const f = fills[0];
  assert.equal(f.orderId, id);
  assert.equal(f.side, 1);
  assert.equal(f.priceTicks, price);
  assert.equal(f.maker, true);
  assert(f.tsNs + RESP <= t && f.tsNs > t - 100e6 - RESP);
  // The background counterparty's trade is in the book's record at the same time.
  const ev = m.events();
  assert(eventsOf(ev, id, EventKind.Trade).some((i) => ev.tsNs[i] === f.tsNs));
});

/** Steps 2 makers (±3 ticks) and 1 taker through `seconds`, returning fills and grid rows. */
function script(m: AbmMarket, seconds: number) {
  const rows: number[][] = [];
  const fills: AgentFill[][] = [[], [], []];
  const row = newGridRow(m.levels);
  const quotes: number[] = [0, 0, 0, 0];
  const steps = seconds * 10;
  for (let s = 0; s < steps; s++) {
    const now = m.nowNs, mid = m.midTicks();
    for (let a = 0; a < 2; a++) {
      for (const [j, side, px] of [[0, 1, Math.floor(mid - 3 - a)], [1, -1, Math.ceil(mid + 3)]]) {
        const q = quotes[2 * a + j];
        if (q !== 0) m.cancel(a, q, now + 50_000);
        quotes[2 * a + j] = m.submitLimit(a, side as 1 | -1, px, 10, now + 50_000 + a);
      }
    }
    if (s % 10 === 0) m.submitMarket(2, s % 20 === 0 ? 1 : -1, 25, now + 20_000);
    m.advanceTo(now + 100e6);
    for (let a = 0; a < 3; a++) m.drainFills(a, fills[a]);
    m.gridRow(m.nowNs, row);
    rows.push([
      row.timeNs,
      row.bestBid,
      row.bestAsk,
      ...row.bidQty,
      ...row.askQty,
      row.tradeCount,
      row.cancelCount,
      row.midHigh,
      row.midLow,
      row.ofiEvents,
    ]);
  }
  return { rows, fills };
}

Deno.test("abm market: grid rows aggregate the exchange's events over each interval", () => {
  const cfg = AbmMarketSectionSchema.parse({});
  const m = open(cfg, 3, 5, 60);
  const L = m.levels;
  const row = newGridRow(L);
  const px = new Float64Array(L), qty = new Float64Array(L);
  const times: number[] = [], trades: number[] = [], cancels: number[] = [];
  let quote = 0;
  for (let s = 0; s < 300; s++) {
    const now = m.nowNs;
    if (quote !== 0) m.cancel(0, quote, now + 50_000);
    quote = m.submitLimit(0, 1, m.bestBidTicks() - (s % 3), 10, now + 50_000);
    if (s % 7 === 0) m.submitMarket(1, -1, 10, now + 10_000);
    const t = now + 100e6;
    m.advanceTo(t);
    m.gridRow(t, row);
    // The book now, from the live book.
    const book = m.exchange.books[0];
    assert.equal(row.timeNs, t);
    assert.equal(row.tickSize, 0.01);
    assert(Math.abs(row.bestBid - m.bestBidTicks() * 0.01) < 1e-9);
    assert(Math.abs(row.bestAsk - m.bestAskTicks() * 0.01) < 1e-9);
    const n = book.depth(1, L, px, qty);
    for (let l = 0; l < L; l++) assert.equal(row.bidQty[l], l < n ? qty[l] : NaN);
    assert(row.midLow <= (m.midTicks() * 0.01) + 1e-9 && row.midHigh >= m.midTicks() * 0.01 - 1e-9);
    times.push(t);
    trades.push(row.tradeCount);
    cancels.push(row.cancelCount);
  }
  // Counts against the recorded events, interval by interval.
  const ev = m.events();
  let i = 0;
  while (i < ev.count && ev.tsNs[i] <= times[0] - 100e6) i++;
  for (let j = 0; j < times.length; j++) {
    let tr = 0, ca = 0;
    while (i < ev.count && ev.tsNs[i] <= times[j]) {
      if (ev.kind[i] === EventKind.Trade) tr++;
      else if (ev.kind[i] === EventKind.Reduce || ev.kind[i] === EventKind.Delete) ca++;
      i++;
    }
    assert.equal(trades[j], tr, `trades in interval ${j}`);
    assert.equal(cancels[j], ca, `cancels in interval ${j}`);
  }
  assert(trades.reduce((a, b) => a + b) > 20 && cancels.reduce((a, b) => a + b) > 100);
});

Deno.test("abm market: same seed → identical fills and grid rows; another seed differs", () => {
  const cfg = AbmMarketSectionSchema.parse({});
  const a = script(open(cfg, 3, 11, 30), 30);
  const b = script(open(cfg, 3, 11, 30), 30);
  const c = script(open(cfg, 3, 12, 30), 30);
  assert(a.fills.every((f) => f.length > 0), "every agent traded");
  assert.deepEqual(a.fills, b.fills);
  assert.deepEqual(a.rows, b.rows);
  assert.notDeepEqual(a.rows, c.rows);
  assert.notDeepEqual(
    a.fills.map((f) => f.map((x) => [x.priceTicks, x.qty, x.tsNs])),
    c.fills.map((f) => f.map((x) => [x.priceTicks, x.qty, x.tsNs])),
  );

  // One instance reset twice with the same seed: the same market, fresh order ids.
  const m = open(cfg, 3, 11, 30);
  const first = script(m, 5);
  m.reset({ seed: 11, date: DATE, startNs: OPEN + 30e9, endNs: OPEN + 630e9 }, 3);
  const second = script(m, 5);
  assert.deepEqual(second.rows, first.rows);
  const strip = (fs: AgentFill[][]) => fs.map((f) => f.map(({ orderId: _, ...x }) => x));
  assert.deepEqual(strip(second.fills), strip(first.fills));
  const ids1 = new Set(first.fills.flat().map((f) => f.orderId));
  assert(
    second.fills.flat().every((f) => !ids1.has(f.orderId)),
    "order ids are unique per instance",
  );
});

Deno.test("abm market: misuse is refused with UsageError", () => {
  const m = new AbmMarket(emptyConfig());
  assert.throws(() => m.midTicks(), UsageError);
  assert.throws(
    () => m.reset({ seed: 1, date: DATE, startNs: OPEN - 1, endNs: OPEN + 1e9 }, 1),
    UsageError,
  );
  m.reset({ seed: 1, date: DATE, startNs: OPEN, endNs: OPEN + 1e9 }, 1);
  assert.equal(m.nowNs, OPEN);
  assert.throws(() => m.submitLimit(1, 1, 100, 1, OPEN), UsageError); // agent 1 of 1
  assert.throws(() => m.submitLimit(0, 1, 100, 0, OPEN), UsageError); // size 0
  assert.throws(() => m.submitLimit(0, 1, 100.5, 1, OPEN), UsageError);
  m.advanceTo(OPEN + 10);
  assert.throws(() => m.submitMarket(0, 1, 1, OPEN + 9), UsageError); // arrives in the past
  assert.throws(() => m.advanceTo(OPEN + 9), UsageError);
  assert.throws(() => m.gridRow(OPEN + 11, newGridRow(5)), UsageError);
  assert.equal(m.exhausted, false);
  assert.throws(() => m.events(), UsageError); // recording is off by default
});

Deno.test("kernel: start + runUntil at uneven steps + finish gives byte-identical events to run()", () => {
  const cfg = AbidesSectionSchema.parse({});
  const args = {
    symbol: "SIM",
    date: DATE,
    dayIndex: 0,
    seed: 9,
    sessionStartNs: OPEN,
    sessionEndNs: OPEN + 120e9,
    tickSize: 100,
  };
  const one = buildAbidesMarket(args, cfg);
  const statsRun = one.kernel.run();
  const stepped = buildAbidesMarket(args, cfg);
  stepped.kernel.start();
  let t = OPEN;
  for (let s = 0; t < OPEN + 130e9; s++) {
    t += [37e6, 0, 1, 250e6, 99_999][s % 5];
    stepped.kernel.runUntil(t);
  }
  const statsStepped = stepped.kernel.finish();
  const a = one.exchange.events(0)!, b = stepped.exchange.events(0)!;
  assert(a.count > 10_000);
  assert.deepEqual(b, a);
  assert.deepEqual(statsStepped, statsRun);
});
