/** A whole agent-based session: determinism, sanity of the book it leaves, replayable output. */

import { strict as assert } from "node:assert";
import { AbidesSectionSchema } from "../../../lib/config/schemas/abides.ts";
import type { LobsterMessages } from "../../../lib/data/lobster/mod.ts";
import { simulateAbidesSession } from "../../../lib/sim/abides/mod.ts";
import { replayLobster } from "../../../lib/sim/replay/mod.ts";

const small = AbidesSectionSchema.parse({
  noise: { count: 100, wakeups: 1, min_size: 1, max_size: 20, compute_delay_ns: 0 },
  value: {
    count: 20,
    mean_interval_s: 30,
    obs_noise_sd_ticks: 5,
    percent_aggressive: 0.1,
    depth_spread: 2,
    min_size: 5,
    max_size: 30,
    compute_delay_ns: 0,
  },
});
const args = {
  symbol: "SIM",
  date: "2024-01-02",
  dayIndex: 0,
  seed: 7,
  sessionStartNs: 34_200e9,
  sessionEndNs: 36_000e9,
  tickSize: 100,
};

Deno.test("abides session: same seed, same events; another seed, other events", () => {
  const a = simulateAbidesSession(args, small);
  const b = simulateAbidesSession(args, small);
  const c = simulateAbidesSession({ ...args, seed: 8 }, small);
  assert.deepEqual(a.events, b.events);
  assert.equal(a.messagesProcessed, b.messagesProcessed);
  assert.notDeepEqual(a.events.priceTicks, c.events.priceTicks);
});

Deno.test("abides session: events are time-sorted, replay cleanly and trade near the fundamental", () => {
  const s = simulateAbidesSession(args, small);
  const ev = s.events;
  let trades = 0;
  for (let i = 0; i < ev.count; i++) {
    if (i > 0) assert.ok(ev.tsNs[i] >= ev.tsNs[i - 1]);
    assert.ok(ev.tsNs[i] >= args.sessionStartNs && ev.tsNs[i] <= args.sessionEndNs);
    if (ev.kind[i] === 4) {
      trades++;
      assert.ok(
        Math.abs(ev.priceTicks[i] - small.start_price_ticks) < 500,
        `trade at ${ev.priceTicks[i]}`,
      );
    }
  }
  assert.ok(trades > 100, `only ${trades} trades`);
  const m: LobsterMessages = {
    file: "sim",
    count: ev.count,
    timeNs: ev.tsNs,
    type: ev.kind,
    orderId: ev.orderId,
    size: ev.qty,
    price: ev.priceTicks.map((p) => p * 100),
    direction: ev.side,
  };
  const out = replayLobster(m, null, { snapshotLevels: 5 });
  assert.equal(out.report.unknownOrderRefs, 0);
  assert.equal(out.report.reconciliations.total, 0);
  // The replayed book never crosses.
  const L = out.snapshots.levels;
  for (let r = 0; r < out.snapshots.count; r++) {
    const bid = out.snapshots.bidPrice[r * L], ask = out.snapshots.askPrice[r * L];
    assert.ok(!(bid >= ask), `crossed at row ${r}`);
  }
});
