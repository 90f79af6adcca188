/**
 * The replay market through the `Market` interface: hand-built LOBSTER
 * sequences with hand-checked queue positions, fills, impact and grid rows;
 * the tape's rebuilt book against the replay's own, message by message; the
 * committed AAPL fixture and (where ../shared is present) the real AMZN day.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { UsageError } from "../../../lib/core/errors.ts";
import { undocumentedKeys } from "../../../lib/config/schema_helpers.ts";
import {
  type ReplayMarketSection,
  type ReplayMarketSectionInput,
  ReplayMarketSectionSchema,
} from "../../../lib/config/schemas/env_replay.ts";
import {
  parseLobsterMessages,
  readLobsterMessages,
  readLobsterOrderbook,
} from "../../../lib/data/lobster/mod.ts";
import { type AgentFill, newGridRow } from "../../../lib/env/market.ts";
import { GridAccumulator } from "../../../lib/env/grid_accumulator.ts";
import { createReplayMarket, ReplayMarket } from "../../../lib/env/markets/replay_market.ts";
import { ReplayTape } from "../../../lib/env/markets/replay_tape.ts";
import { ReplayState } from "../../../lib/env/markets/_replay_state.ts";
import { LobsterReplay } from "../../../lib/sim/replay/lobster_replay.ts";
import {
  aaplName,
  FIXTURE_DIR,
  SHARED_DIR,
  sharedDataPresent,
} from "../../data/lobster/_helpers.ts";

const present = sharedDataPresent();
if (!present) {
  // deno-lint-ignore no-console
  console.log(`replay market: real AMZN day tests skipped: ${SHARED_DIR} not found`);
}

const BUY = 1 as const, SELL = -1 as const;
const DATE = "2024-01-02";
/** Time in ms after midnight → ns. */
const ms = (t: number): number => t * 1e6;
/** 10:00:00 in ms. */
const T0 = 36_000_000;

/** [time ms, type, order id, size, price ticks, direction] */
type Msg = [number, number, number, number, number, 1 | -1];

function lobsterText(msgs: Msg[]): string {
  return msgs.map(([t, type, id, size, p, dir]) =>
    `${Math.floor(t / 1000)}.${String(t % 1000).padStart(3, "0")},${type},${id},${size},${
      p * 100
    },${dir}`
  ).join("\n") + "\n";
}

function section(
  over: ReplayMarketSectionInput | Record<string, unknown> = {},
): ReplayMarketSection {
  return ReplayMarketSectionSchema.parse({
    message_file: "unused.csv",
    orderbook_file: "none",
    impact: { model: "none" },
    ...over,
  });
}

/** A hidden execution an hour on: the file's end, so that episodes can start after the others. */
const SENTINEL: Msg = [T0 + 3_600_000, 5, 0, 1, 1, BUY];

/** A market over hand-built messages (and the sentinel); the file name says `fileLevels` levels. */
function market(msgs: Msg[], over: Record<string, unknown> = {}, fileLevels = 5): ReplayMarket {
  const m = parseLobsterMessages(
    lobsterText([...msgs, SENTINEL]),
    `TEST_${DATE}_34200000_57600000_message_${fileLevels}.csv`,
  );
  return new ReplayMarket(section(over), new ReplayTape(m, null));
}

function start(mk: ReplayMarket, tMs: number, agents = 1, endMs = T0 + 3_600_000): void {
  mk.reset({ seed: 1, date: DATE, startNs: ms(tMs), endNs: ms(endMs) }, agents);
}

function drain(mk: ReplayMarket, agent = 0): AgentFill[] {
  const out: AgentFill[] = [];
  mk.drainFills(agent, out);
  return out;
}

/** Bid level 100 of orders 1 (10) and 2 (20); ask 102 × 50. */
const QUEUE_BASE: Msg[] = [
  [T0, 1, 1, 10, 100, BUY],
  [T0 + 1, 1, 2, 20, 100, BUY],
  [T0 + 2, 1, 9, 50, 102, SELL],
];
/** After the agent joins at 100 (at T0 + 100): order 3 (15) behind it, 10 of it cancelled, then executions. */
const QUEUE_FLOW: Msg[] = [
  ...QUEUE_BASE,
  [T0 + 200, 1, 3, 15, 100, BUY], // level 45
  [T0 + 300, 2, 3, 10, 100, BUY], // partial cancel of 10: level 35
  [T0 + 400, 4, 1, 10, 100, BUY], // execution 10 (order 1)
  [T0 + 500, 4, 2, 20, 100, BUY], // execution 20 (order 2)
  [T0 + 600, 4, 3, 3, 100, BUY], // execution 3 (order 3)
  [T0 + 700, 4, 3, 2, 100, BUY], // execution 2 (order 3)
];

Deno.test("replay market: a passive order joins behind the size resting at its price", () => {
  const mk = market(QUEUE_BASE);
  start(mk, T0 + 10);
  const id = mk.submitLimit(0, BUY, 100, 5, ms(T0 + 100));
  const inside = mk.submitLimit(0, BUY, 101, 4, ms(T0 + 100));
  assert.equal(mk.liveOrders(0).size, 0); // still in flight
  mk.advanceTo(ms(T0 + 100));
  const o = mk.liveOrders(0).get(id)!;
  assert.deepEqual([o.side, o.priceTicks, o.qty, o.queueAhead], [BUY, 100, 5, 30]);
  assert.equal(mk.liveOrders(0).get(inside)!.queueAhead, 0); // a new price: first in line
  assert.equal(mk.levelQty(BUY, 100), 30); // the replayed book is untouched
  assert.equal(mk.bestBidTicks(), 100);
});

Deno.test("replay market: conservative queue fills only after enough executions at the price", () => {
  const mk = market(QUEUE_FLOW, { queue_model: "conservative" });
  start(mk, T0 + 10);
  const id = mk.submitLimit(0, BUY, 100, 5, ms(T0 + 100));
  const qa = (t: number) => {
    mk.advanceTo(ms(t));
    return mk.liveOrders(0).get(id)?.queueAhead;
  };
  assert.equal(qa(T0 + 100), 30);
  assert.equal(qa(T0 + 200), 30); // an order joins behind
  assert.equal(qa(T0 + 300), 30); // a cancel: never ahead of us
  assert.equal(qa(T0 + 400), 20);
  assert.equal(qa(T0 + 500), 0);
  assert.equal(drain(mk).length, 0); // exactly the 30 ahead traded
  mk.advanceTo(ms(T0 + 600));
  assert.deepEqual(drain(mk), [
    { orderId: id, side: BUY, priceTicks: 100, qty: 3, tsNs: ms(T0 + 600), maker: true },
  ]);
  assert.equal(mk.liveOrders(0).get(id)?.qty, 2);
  mk.advanceTo(ms(T0 + 700));
  assert.equal(drain(mk)[0].qty, 2);
  assert.equal(mk.liveOrders(0).has(id), false);
});

Deno.test("replay market: the size ahead never exceeds the level (cancels ahead when nothing is behind)", () => {
  const mk = market([...QUEUE_BASE, [T0 + 200, 3, 2, 20, 100, BUY]], {
    queue_model: "conservative",
  });
  start(mk, T0 + 10);
  const id = mk.submitLimit(0, BUY, 100, 5, ms(T0 + 100));
  mk.advanceTo(ms(T0 + 200)); // order 2 (20 lots) deleted: only 10 lots are left at 100
  assert.equal(mk.liveOrders(0).get(id)?.queueAhead, 10);
});

Deno.test("replay market: probabilistic queue advances with cancels by c·f(ahead)/(f(ahead)+f(behind))", () => {
  for (const [power, afterCancel] of [[2, 30 - 10 * 900 / (900 + 225)], [1, 30 - 10 * 30 / 45]]) {
    const mk = market(QUEUE_FLOW, { queue_model: "probabilistic", queue_power: power });
    start(mk, T0 + 10);
    const id = mk.submitLimit(0, BUY, 100, 10, ms(T0 + 100));
    mk.advanceTo(ms(T0 + 300)); // level 45 = 30 ahead + 15 behind; 10 cancelled
    const q = mk.liveOrders(0).get(id)!.queueAhead;
    assert.ok(Math.abs(q - afterCancel) < 1e-12, `n=${power}: ${q} vs ${afterCancel}`);
    mk.advanceTo(ms(T0 + 400)); // 10 executed
    assert.ok(Math.abs(mk.liveOrders(0).get(id)!.queueAhead - (afterCancel - 10)) < 1e-12);
    mk.advanceTo(ms(T0 + 500)); // 20 executed: 20 − (afterCancel − 10) lots reach us
    const fills = drain(mk);
    assert.equal(fills.length, 1);
    assert.equal(fills[0].qty, power === 2 ? 8 : 6); // 8 lots; 6.67 → whole lots: 6
    assert.equal(fills[0].tsNs, ms(T0 + 500)); // earlier than the conservative model's T0 + 600
  }
});

Deno.test("replay market: trade-through by the opposite best and by a trade at a worse price", () => {
  const msgs: Msg[] = [
    [T0, 1, 1, 10, 100, BUY],
    [T0 + 1, 1, 2, 10, 102, SELL],
    [T0 + 200, 4, 1, 7, 100, BUY], // a seller hits 100: an agent bid at 101 was better
    [T0 + 300, 3, 2, 10, 102, SELL], // the ask leaves
    [T0 + 400, 1, 3, 4, 103, BUY], // a buyer bids 103 ≥ the agent's ask at 103
  ];
  const mk = market(msgs);
  start(mk, T0 + 10);
  const bid = mk.submitLimit(0, BUY, 101, 10, ms(T0 + 100));
  const ask = mk.submitLimit(0, SELL, 103, 6, ms(T0 + 100));
  mk.advanceTo(ms(T0 + 200));
  assert.deepEqual(drain(mk), [
    { orderId: bid, side: BUY, priceTicks: 101, qty: 7, tsNs: ms(T0 + 200), maker: true },
  ]);
  mk.advanceTo(ms(T0 + 300));
  assert.equal(drain(mk).length, 0);
  mk.advanceTo(ms(T0 + 400));
  assert.deepEqual(drain(mk), [
    { orderId: ask, side: SELL, priceTicks: 103, qty: 6, tsNs: ms(T0 + 400), maker: true },
  ]);
  assert.deepEqual([...mk.liveOrders(0).keys()], [bid]);
});

/** Bid 100 × 10; asks 101 × 5, 102 × 10, 103 × 20. */
const LADDER: Msg[] = [
  [T0, 1, 1, 10, 100, BUY],
  [T0 + 1, 1, 2, 5, 101, SELL],
  [T0 + 2, 1, 3, 10, 102, SELL],
  [T0 + 3, 1, 4, 20, 103, SELL],
];

Deno.test("replay market: a market order walks the levels and pays linear impact on its average price", () => {
  const mk = market(LADDER, { impact: { model: "linear", coefficient: 0.1 } });
  start(mk, T0 + 10);
  const id = mk.submitMarket(0, BUY, 20, ms(T0 + 10));
  mk.advanceTo(ms(T0 + 10));
  const fills = drain(mk);
  // 5 @ 101, 10 @ 102, 5 @ 103: average 102; Δp = 0.1 · 20 = 2 ticks.
  assert.deepEqual(fills.map((f) => [f.priceTicks, f.qty, f.maker, f.orderId]), [
    [103, 5, false, id],
    [104, 10, false, id],
    [105, 5, false, id],
  ]);
  const avg = fills.reduce((s, f) => s + f.priceTicks * f.qty, 0) / 20;
  assert.equal(avg, 104);
  assert.equal(mk.bestAskTicks(), 101); // the replayed book does not move
  assert.equal(mk.levelQty(SELL, 101), 5);
  // A sell: 10 @ 100, then beyond the visible depth the rest at 100 too; Δp = 0.1 · 15 below.
  mk.submitMarket(0, SELL, 15, ms(T0 + 20));
  mk.advanceTo(ms(T0 + 20));
  assert.deepEqual(drain(mk).map((f) => [f.priceTicks, f.qty]), [[98.5, 10], [98.5, 5]]);
});

Deno.test("replay market: beyond the visible depth: fill at the last visible level, or reject", () => {
  const fill = market(LADDER, { levels: 2, impact: { model: "linear", coefficient: 0.1 } });
  start(fill, T0 + 10);
  assert.equal(fill.visibleLevels, 2);
  fill.submitMarket(0, BUY, 30, ms(T0 + 10));
  fill.advanceTo(ms(T0 + 10));
  // 5 @ 101, 10 @ 102 visible; the other 15 at 102; Δp = 3.
  assert.deepEqual(drain(fill).map((f) => [f.priceTicks, f.qty]), [[104, 5], [105, 10], [105, 15]]);

  const reject = market(LADDER, { levels: 2, beyond_depth: "reject" });
  start(reject, T0 + 10);
  reject.submitMarket(0, BUY, 30, ms(T0 + 10));
  reject.advanceTo(ms(T0 + 10));
  assert.deepEqual(drain(reject).map((f) => [f.priceTicks, f.qty]), [[101, 5], [102, 10]]);
  assert.equal(reject.liveOrders(0).size, 0); // the rest is cancelled
});

Deno.test("replay market: a crossing limit is aggressive up to its price, and its rest waits for new liquidity", () => {
  const msgs: Msg[] = [
    ...LADDER,
    [T0 + 100, 1, 5, 3, 99, BUY], // unrelated: the replayed asks still show 101 and 102
    [T0 + 200, 3, 2, 5, 101, SELL],
    [T0 + 300, 3, 3, 10, 102, SELL], // best ask 103: off the agent's price
    [T0 + 400, 1, 6, 8, 102, SELL], // a new seller at 102
  ];
  const mk = market(msgs);
  start(mk, T0 + 10);
  const id = mk.submitLimit(0, BUY, 102, 20, ms(T0 + 10));
  mk.advanceTo(ms(T0 + 10));
  assert.deepEqual(drain(mk).map((f) => [f.priceTicks, f.qty, f.maker]), [
    [101, 5, false],
    [102, 10, false],
  ]);
  assert.equal(mk.liveOrders(0).get(id)!.qty, 5);
  assert.equal(mk.liveOrders(0).get(id)!.queueAhead, 0);
  mk.advanceTo(ms(T0 + 300));
  assert.equal(drain(mk).length, 0); // the asks it took are still in the replay: no trade-through
  mk.advanceTo(ms(T0 + 400));
  assert.deepEqual(drain(mk).map((f) => [f.priceTicks, f.qty, f.maker]), [[102, 5, true]]);
});

Deno.test("replay market: square-root impact η·σ·√(q/V) with σ, V from the data seen so far", () => {
  const msgs: Msg[] = [
    [T0 + 100, 1, 1, 50, 100, BUY],
    [T0 + 200, 1, 2, 50, 102, SELL],
    [T0 + 300, 1, 3, 50, 103, SELL],
    [T0 + 1500, 1, 4, 20, 101, BUY], // first second boundary: mid 101 sampled
    [T0 + 1600, 3, 2, 50, 102, SELL], // mid 102
    [T0 + 2500, 4, 3, 30, 103, SELL], // boundary: mid 102 (Δ = 1); volume 30
    [T0 + 3500, 4, 4, 10, 101, BUY], // boundary: mid 102 (Δ = 0); volume 40
    [T0 + 9000, 1, 5, 1, 90, BUY],
  ];
  const mk = market(msgs, { impact: { model: "sqrt", coefficient: 2 } });
  start(mk, T0 + 3600);
  assert.equal(mk.sigmaTicks, 1);
  assert.equal(mk.volumeSeen, 40);
  assert.equal(mk.impactTicks(10), 2 * 1 * Math.sqrt(10 / 40));
  mk.submitMarket(0, BUY, 10, ms(T0 + 3600));
  mk.advanceTo(ms(T0 + 3600));
  assert.deepEqual(drain(mk).map((f) => [f.priceTicks, f.qty]), [[104, 10]]); // 103 + 1
  // Before any volume there is nothing to estimate from: no impact.
  const early = market(msgs, { impact: { model: "sqrt", coefficient: 2 } });
  start(early, T0 + 400);
  assert.equal(early.impactTicks(10), 0);
});

Deno.test("replay market: grid rows carry the replayed book, trades, cancels and OFI", () => {
  const msgs: Msg[] = [
    [T0, 1, 1, 10, 100, BUY],
    [T0 + 1, 1, 2, 7, 99, BUY],
    [T0 + 2, 1, 3, 5, 102, SELL],
    [T0 + 3, 1, 4, 6, 103, SELL],
    [T0 + 4, 1, 5, 8, 104, SELL],
    [T0 + 150, 1, 6, 4, 101, BUY], // bid improves: e = +4; mid 101.5
    [T0 + 160, 4, 3, 2, 102, SELL], // ask size 5 → 3: e = +2 (a ≥ a_prev: +qa_prev − qa = 5 − 3)
    [T0 + 170, 2, 2, 3, 99, BUY], // partial cancel deeper: no OFI
    [T0 + 250, 5, 0, 9, 101.5, BUY], // hidden execution: a trade, no book change
  ];
  const mk = market(msgs, { levels: 5 });
  start(mk, T0 + 100);
  const row = newGridRow(5);
  mk.advanceTo(ms(T0 + 200));
  mk.gridRow(ms(T0 + 200), row);
  assert.equal(row.date, DATE);
  assert.equal(row.timeNs, ms(T0 + 200));
  assert.equal(row.tickSize, 0.01);
  assert.equal(row.bestBid, 1.01);
  assert.equal(row.bestAsk, 1.02);
  assert.deepEqual([...row.bidQty], [4, 10, 4, NaN, NaN]);
  assert.deepEqual([...row.askQty], [3, 6, 8, NaN, NaN]);
  assert.equal(row.tradeCount, 1);
  assert.equal(row.cancelCount, 1);
  assert.equal(row.ofiEvents, 4 + 2);
  assert.equal(row.midHigh, 1.015);
  assert.equal(row.midLow, 1.01); // the state at the interval's start: (1.00 + 1.02) / 2
  mk.advanceTo(ms(T0 + 300));
  mk.gridRow(ms(T0 + 300), row);
  assert.equal(row.tradeCount, 1); // the hidden execution
  assert.equal(row.cancelCount, 0);
  assert.equal(row.ofiEvents, 0);
  // A level-1 file: deeper levels are not in the data (NaN, as the ingestion writes them).
  const l1 = market(msgs, { levels: 5 }, 1);
  start(l1, T0 + 100);
  l1.advanceTo(ms(T0 + 200));
  l1.gridRow(ms(T0 + 200), row);
  assert.equal(l1.visibleLevels, 1);
  assert.deepEqual([...row.bidQty], [4, NaN, NaN, NaN, NaN]);
  // Feed latency: a row for an earlier time shows the book then.
  const lag = market(msgs);
  start(lag, T0 + 100);
  lag.advanceTo(ms(T0 + 200));
  lag.gridRow(ms(T0 + 155), row);
  assert.equal(row.bestBid, 1.01);
  assert.equal(row.askQty[0], 5); // the execution at T0 + 160 is not in it yet
  assert.throws(() => lag.gridRow(ms(T0 + 201), row), UsageError);
});

Deno.test("replay market: latency: an order arriving after a price move sees the new book", () => {
  const msgs: Msg[] = [...LADDER, [T0 + 50, 3, 2, 5, 101, SELL], [T0 + 60, 1, 7, 9, 100, BUY]];
  const early = market(msgs);
  start(early, T0 + 10);
  early.submitMarket(0, BUY, 5, ms(T0 + 40)); // arrives before the ask at 101 leaves
  const e1 = early.submitLimit(0, BUY, 100, 1, ms(T0 + 40));
  early.advanceTo(ms(T0 + 100));
  assert.deepEqual(drain(early).map((f) => f.priceTicks), [101]);
  assert.equal(early.liveOrders(0).get(e1)!.queueAhead, 10);

  const late = market(msgs);
  start(late, T0 + 10);
  late.submitMarket(0, BUY, 5, ms(T0 + 70)); // decided at the same time, arrives later
  const l1 = late.submitLimit(0, BUY, 100, 1, ms(T0 + 70));
  late.advanceTo(ms(T0 + 100));
  assert.deepEqual(drain(late).map((f) => f.priceTicks), [102]);
  assert.equal(late.liveOrders(0).get(l1)!.queueAhead, 19);
  // A message at the same nanosecond as an arrival is applied first.
  const same = market(msgs);
  start(same, T0 + 10);
  same.submitMarket(0, BUY, 5, ms(T0 + 50));
  same.advanceTo(ms(T0 + 50));
  assert.deepEqual(drain(same).map((f) => f.priceTicks), [102]);
});

Deno.test("replay market: agent orders at one price are served in arrival order", () => {
  const mk = market([...QUEUE_BASE, [T0 + 200, 4, 1, 10, 100, BUY], [
    T0 + 300,
    4,
    2,
    20,
    100,
    BUY,
  ]]);
  start(mk, T0 + 10, 2);
  const a = mk.submitLimit(0, BUY, 100, 4, ms(T0 + 100));
  const b = mk.submitLimit(1, BUY, 100, 4, ms(T0 + 101));
  mk.advanceTo(ms(T0 + 200));
  mk.advanceTo(ms(T0 + 300)); // queue ahead 20, then 20 executed: nothing left for either
  assert.equal(drain(mk, 0).length + drain(mk, 1).length, 0);
  // Now a third execution of 6 (a fresh market with it): agent 0 takes 4, agent 1 the other 2.
  const mk2 = market([
    ...QUEUE_BASE,
    [T0 + 200, 4, 1, 10, 100, BUY],
    [T0 + 300, 4, 2, 20, 100, BUY],
    [T0 + 350, 1, 8, 10, 100, BUY],
    [T0 + 400, 4, 8, 6, 100, BUY],
  ]);
  start(mk2, T0 + 10, 2);
  const a2 = mk2.submitLimit(0, BUY, 100, 4, ms(T0 + 100));
  const b2 = mk2.submitLimit(1, BUY, 100, 4, ms(T0 + 101));
  mk2.advanceTo(ms(T0 + 400));
  assert.deepEqual(drain(mk2, 0).map((f) => [f.orderId, f.qty]), [[a2, 4]]);
  assert.deepEqual(drain(mk2, 1).map((f) => [f.orderId, f.qty]), [[b2, 2]]);
  assert.equal(a !== b && a2 !== b2, true);
});

Deno.test("replay market: cancels, ids and misuse", () => {
  const mk = market(LADDER);
  start(mk, T0 + 10, 2);
  const id = mk.submitLimit(0, BUY, 99, 3, ms(T0 + 20));
  mk.cancel(0, id, ms(T0 + 15)); // reaches the exchange before the order: refused
  mk.advanceTo(ms(T0 + 30));
  assert.equal(mk.liveOrders(0).has(id), true);
  mk.cancel(0, id, ms(T0 + 40));
  mk.advanceTo(ms(T0 + 40));
  assert.equal(mk.liveOrders(0).size, 0);
  assert.throws(
    () => mk.cancel(1, mk.submitLimit(0, BUY, 99, 1, ms(T0 + 50)), ms(T0 + 60)),
    UsageError,
  );
  assert.throws(() => mk.cancel(0, 10_000, ms(T0 + 60)), UsageError);
  assert.throws(() => mk.submitLimit(0, BUY, 99, 1, ms(T0 + 39)), UsageError); // in the past
  assert.throws(() => mk.submitLimit(2, BUY, 99, 1, ms(T0 + 50)), UsageError); // no agent 2
  assert.throws(() => mk.submitLimit(0, BUY, 99.5, 1, ms(T0 + 50)), UsageError);
  assert.throws(() => mk.submitMarket(0, BUY, 0, ms(T0 + 50)), UsageError);
  assert.throws(() => mk.advanceTo(ms(T0)), UsageError);
  assert.throws(() => start(mk, T0 - 1), UsageError); // before the file's first message
  assert.throws(() => start(mk, SENTINEL[0]), UsageError); // at or after its last
  assert.throws(
    () => mk.reset({ seed: 1, date: "2024-01-03", startNs: ms(T0 + 1), endNs: ms(T0 + 9) }, 1),
    UsageError,
  );
  // Ids keep growing across episodes (unique per market).
  start(mk, T0 + 1);
  assert.ok(mk.submitLimit(0, BUY, 99, 1, ms(T0 + 2)) > id);
});

// ------------------------------------------------------------------- real data

async function aaplTape(): Promise<ReplayTape> {
  const m = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
  const ob = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
  return new ReplayTape(m, ob, { checkpointEvery: 64 });
}

/** The tape's book against LobsterReplay's own after every message (all levels). */
async function checkTapeAgainstReplay(messageFile: string, orderbookFile: string | null) {
  const m = await readLobsterMessages(messageFile);
  const ob = orderbookFile === null ? null : await readLobsterOrderbook(orderbookFile);
  const tape = new ReplayTape(m, ob, { checkpointEvery: 512 });
  tape.ensure(m.count);
  const replay = new LobsterReplay(m, ob);
  const st = new ReplayState();
  for (let k = 0; k < m.count; k++) {
    replay.step();
    st.estimate(tape, k);
    st.applyDeltas(tape, k);
    const all = k % 97 === 0 || k === m.count - 1;
    for (const side of [BUY, SELL]) {
      const levels = replay.book.levels(side, all ? Infinity : 12);
      if (all) assert.equal(st.book.levelCount(side), levels.length, `message ${k + 1}`);
      for (let i = 0; i < levels.length; i++) {
        if (
          st.book.priceAt(side, i) !== levels[i].priceTicks ||
          st.book.qtyAt(side, i) !== levels[i].qty
        ) {
          assert.fail(`message ${k + 1}, side ${side}, level ${i + 1}: tape and replay differ`);
        }
      }
    }
  }
  return tape;
}

Deno.test("replay tape: the rebuilt book equals LobsterReplay's after every message (AAPL fixture)", async () => {
  await checkTapeAgainstReplay(
    join(FIXTURE_DIR, aaplName("message")),
    join(FIXTURE_DIR, aaplName("orderbook")),
  );
  await checkTapeAgainstReplay(join(FIXTURE_DIR, aaplName("message")), null);
});

Deno.test({
  name: "replay tape: the rebuilt book equals LobsterReplay's after every message (AMZN day)",
  ignore: !present,
  fn: async () => {
    const stem = join(SHARED_DIR, "AMZN_2012-06-21_34200000_57600000");
    await checkTapeAgainstReplay(`${stem}_message_1.csv`, `${stem}_orderbook_1.csv`);
  },
});

/** One maker re-quoting ±2 ticks around the mid every 100 ms; returns everything it saw. */
function quoteEpisode(mk: ReplayMarket, startNs: number, steps: number) {
  mk.reset({ seed: 7, date: mk.tape.date, startNs, endNs: startNs + steps * 1e8 }, 1);
  const fills: AgentFill[] = [];
  const mids: number[] = [];
  const row = newGridRow(mk.levels);
  let bid = -1, ask = -1;
  for (let s = 0; s < steps && !mk.exhausted; s++) {
    const t = mk.nowNs;
    if (bid > 0) mk.cancel(0, bid, t + 1e6);
    if (ask > 0) mk.cancel(0, ask, t + 1e6);
    const mid = mk.midTicks();
    if (!Number.isNaN(mid)) {
      bid = mk.submitLimit(0, BUY, Math.floor(mid) - 2, 100, t + 1e6);
      ask = mk.submitLimit(0, SELL, Math.ceil(mid) + 2, 100, t + 1e6);
    }
    mk.advanceTo(t + 1e8);
    mk.drainFills(0, fills);
    mk.gridRow(t + 1e8, row);
    mids.push(mid, row.bestBid, row.bestAsk, row.tradeCount);
  }
  return { fills, mids };
}

Deno.test("replay market: reset to an episode start mid-file equals a replay from the file's start", async () => {
  const tape = await aaplTape();
  const s = section({ orderbook_file: "auto", levels: 10 });
  const mk = new ReplayMarket(s, tape);
  const starts = [tape.timeNs[400] + 1, tape.timeNs[100], tape.timeNs[300] + 5, tape.timeNs[30]];
  for (const startNs of starts) {
    mk.reset({ seed: 1, date: tape.date, startNs, endNs: startNs + 1e9 }, 1);
    // An independent replay up to the same message.
    const m = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
    const ob = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
    const replay = new LobsterReplay(m, ob);
    while (replay.position < m.count && m.timeNs[replay.position] <= startNs) replay.step();
    assert.equal(mk.bestBidTicks(), replay.book.bestBid());
    assert.equal(mk.bestAskTicks(), replay.book.bestAsk());
    for (const side of [BUY, SELL]) {
      for (const lv of replay.book.levels(side, 10)) {
        assert.equal(mk.levelQty(side, lv.priceTicks), lv.qty);
      }
    }
    const row = newGridRow(10);
    mk.gridRow(startNs, row);
    assert.equal(row.bidQty[0], replay.book.bestBidQty());
  }
  // An episode after a reset equals the same episode on a fresh market (checkpoints or not).
  const a = quoteEpisode(mk, starts[0], 50);
  const fresh = new ReplayMarket(s, await aaplTape());
  const b = quoteEpisode(fresh, starts[0], 50);
  assert.deepEqual(a.mids, b.mids);
  assert.deepEqual(
    a.fills.map((f) => ({ ...f, orderId: 0 })),
    b.fills.map((f) => ({ ...f, orderId: 0 })),
  );
});

Deno.test("replay market: grid rows equal an accumulator fed from LobsterReplay after every message", async () => {
  const m = await readLobsterMessages(join(FIXTURE_DIR, aaplName("message")));
  const ob = await readLobsterOrderbook(join(FIXTURE_DIR, aaplName("orderbook")));
  for (const levels of [3, 10]) {
    const mk = new ReplayMarket(section({ levels }), new ReplayTape(m, ob));
    const startNs = m.timeNs[120];
    mk.reset({ seed: 1, date: "2012-06-21", startNs, endNs: startNs + 20e9 }, 0);
    const replay = new LobsterReplay(m, ob);
    while (m.timeNs[replay.position] <= startNs) replay.step();
    const acc = new GridAccumulator(levels, 0.01);
    acc.reset("2012-06-21");
    const p = new Float64Array(levels), q = new Float64Array(levels);
    const feed = (t: number) => {
      const book = replay.book;
      const nb = book.depth(BUY, levels, p, q);
      const bids = Array.from(q.subarray(0, nb));
      const na = book.depth(SELL, levels, p, q);
      const asks = Array.from(q.subarray(0, na));
      acc.state(
        t,
        book.bestBid(),
        book.bestBidQty(),
        book.bestAsk(),
        book.bestAskQty(),
        bids,
        asks,
      );
    };
    feed(startNs);
    const got = newGridRow(levels), want = newGridRow(levels);
    let rows = 0;
    for (let t = startNs + 1e8; replay.position < m.count; t += 1e8) {
      while (replay.position < m.count && m.timeNs[replay.position] <= t) {
        const k = replay.position;
        replay.step();
        feed(m.timeNs[k]);
        if (m.type[k] === 4 || m.type[k] === 5) acc.trade(m.timeNs[k], m.size[k]);
        if (m.type[k] === 2 || m.type[k] === 3) acc.cancel(m.timeNs[k]);
      }
      mk.advanceTo(t);
      mk.gridRow(t, got);
      acc.row(t, want);
      assert.deepEqual(got, want, `levels ${levels}, row at ${t}`);
      rows++;
    }
    assert.ok(rows > 100);
  }
});

Deno.test("replay market: deterministic: the same requests give the same fills and rows", async () => {
  const tape = await aaplTape();
  for (const queue_model of ["conservative", "probabilistic"]) {
    const s = section({
      orderbook_file: "auto",
      queue_model,
      impact: { model: "sqrt", coefficient: 1 },
    });
    const startNs = tape.timeNs[50];
    const a = quoteEpisode(new ReplayMarket(s, tape), startNs, 200);
    const b = quoteEpisode(new ReplayMarket(s, tape), startNs, 200);
    const same = new ReplayMarket(s, tape);
    quoteEpisode(same, tape.timeNs[10], 30);
    const c = quoteEpisode(same, startNs, 200);
    assert.deepEqual(a, b);
    assert.deepEqual(a.mids, c.mids);
    assert.deepEqual(a.fills.map((f) => f.priceTicks), c.fills.map((f) => f.priceTicks));
    assert.ok(a.fills.length > 0, `${queue_model}: the maker should trade on the AAPL fixture`);
  }
});

Deno.test({
  name: "replay market: smoke test on the real AMZN day (level 1)",
  ignore: !present,
  fn: async () => {
    const s = section({
      message_file: join(SHARED_DIR, "AMZN_2012-06-21_34200000_57600000_message_1.csv"),
      orderbook_file: "auto",
      impact: { model: "sqrt", coefficient: 1 },
    });
    const mk = await createReplayMarket(s);
    assert.equal(mk.tape.date, "2012-06-21");
    assert.equal(mk.visibleLevels, 1);
    const startNs = 36_000e9; // 10:00, one hour of 100 ms steps
    const { fills, mids } = quoteEpisode(mk, startNs, 36_000);
    assert.ok(mids.every((x) => Number.isFinite(x)), "no NaN in mids, quotes or counts");
    assert.ok(fills.length > 10, `fills: ${fills.length}`);
    for (const f of fills) {
      assert.ok(f.maker && Number.isInteger(f.priceTicks) && f.qty > 0 && f.qty <= 100);
    }
    assert.ok(mk.sigmaTicks > 0 && mk.volumeSeen > 0);
    assert.ok(mk.impactTicks(100) > 0);
    // The end of the file: the market is exhausted.
    mk.reset({
      seed: 1,
      date: "2012-06-21",
      startNs: mk.tape.lastNs - 1e9,
      endNs: mk.tape.lastNs + 1e9,
    }, 1);
    assert.equal(mk.exhausted, false);
    mk.advanceTo(mk.tape.lastNs);
    assert.equal(mk.exhausted, true);
  },
});

Deno.test("replay market: config section defaults and documentation", () => {
  const s = ReplayMarketSectionSchema.parse({ message_file: "m.csv" });
  assert.deepEqual(s, {
    message_file: "m.csv",
    orderbook_file: "auto",
    tick_size: 100,
    levels: 5,
    queue_model: "conservative",
    queue_power: 2,
    impact: { model: "sqrt", coefficient: 1 },
    beyond_depth: "fill",
    start_jitter_s: 0,
  });
  assert.deepEqual(undocumentedKeys(ReplayMarketSectionSchema), []);
  assert.throws(() =>
    ReplayMarketSectionSchema.parse({ message_file: "m.csv", start_jitter_s: -1 })
  );
  assert.throws(() =>
    ReplayMarketSectionSchema.parse({ message_file: "m.csv", queue_model: "fifo" })
  );
  assert.throws(() =>
    ReplayMarketSectionSchema.parse({ message_file: "m.csv", impact: { eta: 1 } })
  );
  assert.throws(() => ReplayMarketSectionSchema.parse({ message_file: "m.csv", queue_power: 0 }));
});
