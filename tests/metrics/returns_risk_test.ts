import { strict as assert } from "node:assert";
import { InputError } from "../../lib/core/errors.ts";
import {
  annualisedReturn,
  cumulative,
  downsideDeviation,
  hitRate,
  periodsPerYear,
  pnlSeries,
  profitFactor,
  returnsOnCapital,
  sharpeRatio,
  sortinoRatio,
  turnover,
} from "../../lib/metrics/returns_risk.ts";
import { assertClose } from "./_approx.ts";

Deno.test("pnlSeries differences the equity curve; returnsOnCapital divides by C", () => {
  // 12 − 10 = 2, 9 − 12 = −3, 9 − 9 = 0, 15 − 9 = 6
  const pnl = pnlSeries([10, 12, 9, 9, 15]);
  assert.deepEqual(Array.from(pnl), [2, -3, 0, 6]);
  assert.equal(pnlSeries([5]).length, 0);
  assert.equal(pnlSeries([]).length, 0);
  // 2/100, −3/100, 0/100, 6/100
  assert.deepEqual(Array.from(returnsOnCapital(pnl, 100)), [0.02, -0.03, 0, 0.06]);
  assert.throws(() => returnsOnCapital(pnl, 0), InputError);
  // cumulative([2, −3, 0, 6]) = [0, 2, −1, −1, 5]
  assert.deepEqual(Array.from(cumulative(pnl)), [0, 2, -1, -1, 5]);
});

Deno.test("periodsPerYear = 252 × session seconds / decision seconds", () => {
  // 252 × 23,400 / 1 = 5,896,800
  assert.equal(periodsPerYear({ decisionIntervalSeconds: 1, sessionSeconds: 23400 }), 5896800);
  // 252 × 23,400 / 10 = 589,680
  assert.equal(periodsPerYear({ decisionIntervalSeconds: 10, sessionSeconds: 23400 }), 589680);
  // 250 × 3,600 / 60 = 15,000
  assert.equal(
    periodsPerYear({ decisionIntervalSeconds: 60, sessionSeconds: 3600, tradingDaysPerYear: 250 }),
    15000,
  );
  assert.throws(
    () => periodsPerYear({ decisionIntervalSeconds: 0, sessionSeconds: 1 }),
    InputError,
  );
});

Deno.test("sharpeRatio: mean / sample std × √P, with the risk-free rate per period", () => {
  // r = [0.01, 0.03, −0.01, 0.05]: mean 0.08/4 = 0.02; deviations −0.01, 0.01, −0.03, 0.03;
  // Σd² = 0.0001 + 0.0001 + 0.0009 + 0.0009 = 0.002; var (ddof 1) = 0.002/3;
  // (mean/std)² = 0.0004 / (0.002/3) = 0.6 → SR = √0.6 × √252 = √151.2 = 12.296340919...
  const r = [0.01, 0.03, -0.01, 0.05];
  assertClose(sharpeRatio(r, { periodsPerYear: 252 }), Math.sqrt(151.2), 1e-12);
  assertClose(sharpeRatio(r, { periodsPerYear: 252 }), 12.2963409, 1e-6);
  // r_f = 2.52 a year with P = 252 → 0.01 per period; excess mean 0.01, same std:
  // (0.01)² / (0.002/3) = 0.15 → SR = √0.15 × √252 = √37.8 = 6.148170459...
  assertClose(
    sharpeRatio(r, { periodsPerYear: 252, riskFreeRate: 2.52 }),
    6.1481705,
    1e-6,
  );
});

Deno.test("sharpeRatio edge cases: constant, single, empty → NaN", () => {
  assert(Number.isNaN(sharpeRatio([0.01, 0.01, 0.01], { periodsPerYear: 252 })));
  assert(Number.isNaN(sharpeRatio([0.01], { periodsPerYear: 252 })));
  assert(Number.isNaN(sharpeRatio([], { periodsPerYear: 252 })));
});

Deno.test("sortinoRatio: downside deviation averages over ALL periods (Sortino & Price 1994)", () => {
  // r = [0.02, −0.01, 0.03, −0.02], τ = 0: min(0, r)² = 0, 0.0001, 0, 0.0004;
  // DD² = 0.0005 / 4 = 0.000125 (not / 2: all four periods count).
  const r = [0.02, -0.01, 0.03, -0.02];
  assertClose(downsideDeviation(r), Math.sqrt(0.000125), 1e-15);
  // mean = 0.02 / 4 = 0.005; (0.005)² / 0.000125 = 0.2 → SoR = √0.2 × √1 = 0.4472136
  assertClose(sortinoRatio(r, { periodsPerYear: 1 }), 0.4472136, 1e-7);
  // P = 252: √0.2 × √252 = √50.4 = 7.0992957
  assertClose(sortinoRatio(r, { periodsPerYear: 252 }), 7.0992957, 1e-6);
  // τ = 0.01: r − τ = 0.01, −0.02, 0.02, −0.03 → DD² = (0.0004 + 0.0009)/4 = 0.000325;
  // mean − τ = −0.005; −√(0.000025 / 0.000325) = −√(1/13) = −0.2773501
  assertClose(sortinoRatio(r, { periodsPerYear: 1, target: 0.01 }), -0.2773501, 1e-7);
});

Deno.test("sortinoRatio edge cases", () => {
  // no period below target and a positive mean → +Infinity
  assert.equal(sortinoRatio([0.01, 0.02], { periodsPerYear: 252 }), Infinity);
  // all at target: mean − τ = 0 and DD = 0 → NaN
  assert(Number.isNaN(sortinoRatio([0, 0], { periodsPerYear: 252 })));
  assert(Number.isNaN(sortinoRatio([], { periodsPerYear: 252 })));
  assert(Number.isNaN(downsideDeviation([])));
});

Deno.test("annualisedReturn = mean × P", () => {
  // mean(0.01, 0.03) = 0.02; × 252 = 5.04
  assertClose(annualisedReturn([0.01, 0.03], 252), 5.04, 1e-12);
  assert(Number.isNaN(annualisedReturn([], 252)));
});

Deno.test("hitRate ignores flat periods; profitFactor = gross profit / gross loss", () => {
  // [2, −3, 0, 6]: wins 2, losses 1, the 0 is flat → 2/3
  assertClose(hitRate([2, -3, 0, 6]), 2 / 3, 1e-15);
  assert(Number.isNaN(hitRate([0, 0])));
  assert(Number.isNaN(hitRate([])));
  // (2 + 6) / 3 = 8/3
  assertClose(profitFactor([2, -3, 0, 6]), 8 / 3, 1e-15);
  assert.equal(profitFactor([1, 2, 0]), Infinity);
  assert(Number.isNaN(profitFactor([0, 0])));
  assert(Number.isNaN(profitFactor([])));
  // no gains, losses: 0 / 5 = 0
  assert.equal(profitFactor([-2, -3]), 0);
});

Deno.test("turnover = Σ|q p| / C", () => {
  // |10 × 100| + |−5 × 102| = 1000 + 510 = 1510; / 1000 = 1.51
  assertClose(turnover([10, -5], [100, 102], 1000), 1.51, 1e-12);
  assert.equal(turnover([], [], 1000), 0);
  assert.throws(() => turnover([1], [1, 2], 1000), InputError);
});
