import { strict as assert } from "node:assert";
import { assertClose, features, type RowSpec } from "./_frames.ts";

/** A hand-built book sequence without event data (see the CKS terms in each comment). */
const SNAPSHOTS: RowSpec[] = [
  { bid: 10.0, qb: 100, ask: 10.02, qa: 200 }, // first row: no previous state
  { bid: 10.0, qb: 150, ask: 10.02, qa: 180 }, // same prices: +150 − 100 − 180 + 200 = 70
  { bid: 10.01, qb: 50, ask: 10.02, qa: 180 }, // bid up: +50; ask same: −180 + 180 → 50
  { bid: 10.0, qb: 300, ask: 10.01, qa: 40 }, // bid down: −50; ask down: −40 → −90
  { bid: 10.0, qb: 300, ask: 10.03, qa: 500 }, // bid same: +300 − 300; ask up: +40 → 40
  { bid: null, qb: null, ask: 10.03, qa: 500 }, // empty bid: null
  { bid: 10.0, qb: 10, ask: 10.03, qa: 500 }, // previous state unknown: null
];

Deno.test("ofi from consecutive snapshots (CKS) when the source has no event data", () => {
  const { cols, plan } = features(SNAPSHOTS, ["ofi", "ofi_rolling"], { fastWindow: 2 });
  assert.deepEqual(cols.ofi, [null, 70, 50, -90, 40, null, null]);
  assert.deepEqual(cols.ofi_rolling, [null, null, 120, -40, -50, null, null]);
  assert.equal(plan.ofiSource.summary, "snapshots");
  assert(plan.notes.includes(
    "ofi: no event data; computed from consecutive grid snapshots in every symbol-day",
  ));
});

Deno.test("ofi takes ofi_events where the symbol-day has them; the source is recorded per day", () => {
  const withEvents = SNAPSHOTS.slice(0, 4).map((r, i) => ({
    ...r,
    symbol: "A",
    ofi: i === 2 ? null : 1000 + i,
  }));
  const without = SNAPSHOTS.slice(0, 3).map((r) => ({ ...r, symbol: "B" }));
  const { cols, plan } = features([...withEvents, ...without], ["ofi"]);
  // A: events as given (a null stays null, never mixed with snapshots); B: snapshots.
  assert.deepEqual(cols.ofi, [1000, 1001, null, 1003, null, 70, 50]);
  assert.equal(plan.ofiSource.summary, "mixed");
  assert.deepEqual(plan.ofiSource.days.map((d) => d.source), ["events", "snapshots"]);
  assert(plan.notes.some((n) => /ofi: from consecutive grid snapshots in B 2024-01-02/.test(n)));
});

Deno.test("intensities: counts per second; the step is inferred per symbol-day or configured", () => {
  const rows: RowSpec[] = [0, 0.5, 1, 2].map((t, i) => ({
    t: 34_200 + t,
    bid: 10,
    ask: 10.01,
    trades: [3, 0, 5, 2][i],
    cancels: [1, 4, 0, 8][i],
  }));
  const inferred = features(rows, ["trade_intensity", "cancel_intensity"]);
  assertClose(inferred.cols.trade_intensity, [6, 0, 10, 4], 1e-15, "trades/s");
  assertClose(inferred.cols.cancel_intensity, [2, 8, 0, 16], 1e-15, "cancels/s");
  const configured = features(rows, ["trade_intensity"], { decisionMs: 1000 });
  assertClose(configured.cols.trade_intensity, [3, 0, 5, 2], 1e-15, "decisionMs");
});

Deno.test("without event data the intensities are absent, not zero, and the plan says why", () => {
  const rows = SNAPSHOTS.slice(0, 3);
  for (const drop of [[], ["trade_count", "cancel_count"]]) {
    const { frame, plan } = features(
      rows,
      ["ofi", "trade_intensity", "cancel_intensity"],
      {},
      { drop },
    );
    assert.deepEqual(frame.columns, ["ts", "symbol", "date", "mid", "ofi"]);
    assert.deepEqual(plan.unavailable.map((u) => u.name), ["trade_intensity", "cancel_intensity"]);
    assert.match(plan.unavailable[0].reason, /needs event data \(trade_count\), absent in every/);
    assert(plan.notes.some((n) => n.startsWith("trade_intensity: unavailable, left out")));
  }
});

Deno.test("one symbol-day without events leaves the intensities out of the whole run", () => {
  const a = SNAPSHOTS.slice(0, 2).map((r) => ({ ...r, symbol: "A", trades: 1, cancels: 1 }));
  const b = SNAPSHOTS.slice(0, 2).map((r) => ({ ...r, symbol: "B" }));
  const { frame, plan } = features([...a, ...b], ["trade_intensity"]);
  assert.deepEqual(frame.columns, ["ts", "symbol", "date", "mid"]);
  assert.match(plan.unavailable[0].reason, /absent in B 2024-01-02$/);
});
