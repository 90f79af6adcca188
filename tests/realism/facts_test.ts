import { strict as assert } from "node:assert";
import {
  DEPTH_EDGES,
  groupFacts,
  SPREAD_EDGES,
  standardizedReturnDensity,
} from "../../lib/realism/facts.ts";
import { comparisonRows, formatFact } from "../../lib/realism/compare.ts";
import type { SessionData } from "../../lib/realism/session_data.ts";

const MIN = 60e9;

function session(returns: number[], volumes: number[], extra: Partial<SessionData> = {}) {
  return {
    group: "sim" as const,
    label: "S 2024-01-02",
    messageFile: "m.csv",
    orderbookFile: null,
    messages: 1,
    mismatches: 0,
    startNs: 0,
    endNs: returns.length * MIN,
    barNs: MIN,
    returns: new Float64Array(returns),
    volumes: new Float64Array(volumes),
    spreadTicks: new Float64Array([1, 2, 2, 60]),
    depth: new Float64Array([1, 10, 100]),
    ...extra,
  };
}

Deno.test("groupFacts: intraday buckets by hand", () => {
  // Two sessions of 4 one-minute bars, buckets of 2 minutes.
  const a = session([0.01, -0.01, NaN, 0.02], [10, 20, 30, 40]);
  const b = session([0.03, 0.01], [5, 5]); // only the first bucket
  const f = groupFacts([a, b], { acfLags: 1, bucketMinutes: 2 });
  assert.equal(f.sessions, 2);
  assert.equal(f.bars, 5);
  const [b0, b1] = f.intraday.buckets;
  assert.equal(f.intraday.buckets.length, 2);
  assert.deepEqual([b0.startMinute, b0.sessions, b0.bars], [0, 2, 4]);
  assert.deepEqual([b1.startMinute, b1.sessions, b1.bars], [2, 1, 1]);
  assert.equal(b0.meanVolume, (10 + 20 + 5 + 5) / 2);
  assert.equal(b1.meanVolume, 70);
  assert.equal(b0.volumeShare, 40 / 110);
  const rms0 = Math.sqrt((0.01 ** 2 + 0.01 ** 2 + 0.03 ** 2 + 0.01 ** 2) / 4) * 1e4;
  assert(Math.abs(b0.rmsReturnBps - rms0) < 1e-9);
  assert(Math.abs(b1.rmsReturnBps - 200) < 1e-9);
});

Deno.test("groupFacts: distributions and correlations", () => {
  const a = session([0.001, -0.002, 0.001, 0.003], [10, 20, 10, 30]);
  const f = groupFacts([a], { acfLags: 2, bucketMinutes: 30 });
  assert.equal(f.barSeconds, 60);
  assert.equal(f.acf.lags.length, 2);
  assert(Math.abs(f.acf.band - 1.96 / 2) < 1e-12);
  // |r| = 1, 2, 1, 3 (×1e-3) against volumes 10, 20, 10, 30: exactly linear.
  assert(Math.abs(f.volumeAbsReturnCorr - 1) < 1e-12);
  assert.equal(f.spreadTicks.median, 2);
  assert.equal(f.spreadTicks.histogram.outside, 1); // 60 ticks is beyond the last bin
  assert.deepEqual(f.spreadTicks.histogram.counts.slice(0, 3), [1, 2, 0]);
  assert.equal(f.depth.histogram.counts.reduce((s, c) => s + c, 0), 3);
  assert.equal(f.returnsBps.max, 30);
  assert.equal(SPREAD_EDGES[0], 0.5);
  assert.equal(DEPTH_EDGES[4], 10);
});

Deno.test("standardizedReturnDensity: integrates to one", () => {
  const r = new Float64Array(1000).map((_, i) => Math.sin(i * 1.7) * 0.01);
  const d = standardizedReturnDensity(r, 8, 0.5);
  assert.equal(d.centers.length, 32);
  assert.equal(d.centers[0], -7.75);
  const mass = d.density.reduce((s, v) => s + v * 0.5, 0);
  assert(Math.abs(mass - 1) < 1e-12 && d.outside === 0);
});

Deno.test("comparisonRows: both groups side by side, a missing group marked", () => {
  const f = groupFacts([session([0.001, -0.002, 0.001, 0.003], [1, 2, 3, 4])], {
    acfLags: 5,
    bucketMinutes: 1,
  });
  const rows = comparisonRows(f, null);
  const byFact = new Map(rows.map((r) => [r.fact, r]));
  assert.equal(byFact.get("sessions")?.sim, "1");
  assert.equal(byFact.get("sessions")?.real, "(none)");
  assert.equal(byFact.get("spread median (ticks)")?.sim, "2");
  assert.equal(byFact.get("excess kurtosis of returns")?.sim, formatFact(f.excessKurtosis));
  // Buckets of 1 minute: volume shares 0.1, 0.2, 0.3, 0.4 → ends 0.25 over middle 0.25.
  assert.equal(byFact.get("intraday volume U (ends / middle)")?.sim, "1");
});
