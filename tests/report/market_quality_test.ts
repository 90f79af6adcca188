/** Market quality against hand-computed values. */

import { strict as assert } from "node:assert";
import {
  episodeMarketQuality,
  marketQualityByStrategy,
  marketQualityTable,
  relativeChange,
} from "../../lib/report/market_quality.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

Deno.test("episodeMarketQuality: spread, depth, volatility and Kyle's lambda by hand", () => {
  // mids 100, 102, 101, 104; signed volume of (t, t+1]: 2, -1, 3 (the first step's is NaN).
  const q = episodeMarketQuality({
    midTicks: [100, 102, 101, 104],
    spreadTicks: [1, 3, NaN, 2],
    depthLots: [10, 30, 20, NaN],
    signedVolume: [NaN, 2, -1, 3],
  });
  close(q.meanSpread, 2); // (1 + 3 + 2) / 3
  close(q.meanDepth, 20); // (10 + 30 + 20) / 3
  // log returns r = ln(102/100), ln(101/102), ln(104/101); sample std, ddof 1.
  const r = [Math.log(1.02), Math.log(101 / 102), Math.log(104 / 101)];
  const m = (r[0] + r[1] + r[2]) / 3;
  close(q.volatility, Math.sqrt(r.reduce((s, x) => s + (x - m) ** 2, 0) / 2));
  // Δm = 2, -1, 3 against v = 2, -1, 3: slope exactly 1.
  close(q.priceImpact, 1);
});

Deno.test("episodeMarketQuality: Kyle's lambda with an intercept (OLS by hand)", () => {
  // v = 1, 2, 3; Δm = 1, 1, 4 → v̄ = 2, Δm̄ = 2, Σ(v−v̄)(Δm−Δm̄) = 3, Σ(v−v̄)² = 2 → λ = 1.5
  const q = episodeMarketQuality({
    midTicks: [10, 11, 12, 16],
    spreadTicks: [1, 1, 1, 1],
    depthLots: [NaN, NaN, NaN, NaN],
    signedVolume: [NaN, 1, 2, 3],
  });
  close(q.priceImpact, 1.5);
  assert.ok(Number.isNaN(q.meanDepth));
});

Deno.test("marketQualityByStrategy: per-episode values averaged over episodes; table against the control", () => {
  const rows = [
    // strategy, env seed, step, mid, spread, depth, signed volume
    ["a", 1, 0, 100, 2, 10, NaN],
    ["a", 1, 1, 100, 4, 10, 0],
    ["a", 2, 0, 100, 6, 30, NaN],
    ["a", 2, 1, 100, 6, 30, 1],
    ["control", 1, 0, 100, 8, 5, NaN],
    ["control", 1, 1, 100, 8, 15, 1],
  ] as const;
  const by = marketQualityByStrategy({
    strategy: rows.map((r) => r[0]),
    envSeed: rows.map((r) => r[1]),
    step: rows.map((r) => r[2]),
    midTicks: rows.map((r) => r[3]),
    spreadTicks: rows.map((r) => r[4]),
    depthLots: rows.map((r) => r[5]),
    signedVolume: rows.map((r) => r[6]),
  });
  assert.deepEqual([...by.keys()], ["a", "control"]);
  close(by.get("a")!.meanSpread, (3 + 6) / 2);
  close(by.get("a")!.meanDepth, (10 + 30) / 2);
  close(by.get("control")!.meanSpread, 8);
  close(relativeChange(4.5, 8), -43.75);
  assert.ok(Number.isNaN(relativeChange(1, 0)));
  const t = marketQualityTable(by, "control", "MQ");
  assert.equal(t.rows.length, 4); // one strategy × four measures
  const spread = t.rows[0];
  assert.deepEqual(spread, ["a", "mean spread (ticks)", "4.5", "8", "-3.5", "-43.75"]);
});
