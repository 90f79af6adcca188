// References:
// - Published: Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", numerical
//   example: SR 2.5 annualised, T = 1250 daily returns, γ₃ = −3, γ₄ = 10, N = 100, V = 1/2
//   annualised → SR₀ ≈ 0.1132, DSR ≈ 0.9004.
// - scipy 1.17.1 / numpy 2.4.6, computed once and pasted: the PSR formula with
//   scipy.stats.norm.cdf / norm.ppf, moments via np.std(ddof=1), scipy.stats.skew,
//   scipy.stats.kurtosis(fisher=False); expected maximum with np.euler_gamma.
import { strict as assert } from "node:assert";
import {
  deflatedSharpeRatio,
  expectedMaxSharpe,
  minTrackRecordLength,
  probabilisticSharpeRatio,
  sharpeMomentsFromReturns,
} from "../../lib/stats/sharpe_inference.ts";
import { assertClose } from "./_close.ts";

Deno.test("DSR reproduces Bailey & López de Prado (2014)'s numerical example", () => {
  const r = deflatedSharpeRatio(
    { sharpe: 2.5 / Math.sqrt(250), observations: 1250, skewness: -3, kurtosis: 10 },
    { trials: 100, trialsSharpeVariance: 0.5 / 250 },
  );
  assertClose(r.benchmark, 0.1132, 5e-5, "SR₀ (published)");
  assertClose(r.dsr, 0.9004, 5e-5, "DSR (published)");
  // Unrounded values from scipy: 0.11317200186513214 and 0.9003968344493903.
  assertClose(r.benchmark, 0.11317200186513214, 1e-12, "SR₀ (scipy)");
  assertClose(r.dsr, 0.9003968344493903, 1e-10, "DSR (scipy)");
});

Deno.test("expectedMaxSharpe matches scipy", () => {
  assertClose(expectedMaxSharpe(10, 0.01), 0.157459830134575, 1e-12, "N=10, V=0.01");
  assert.throws(() => expectedMaxSharpe(1, 0.01));
});

Deno.test("PSR and MinTRL match the formula evaluated with scipy", () => {
  const m = { sharpe: 0.12, observations: 120, skewness: -0.8, kurtosis: 6.5 };
  assertClose(probabilisticSharpeRatio(m, 0.05), 0.7651293982716816, 1e-12, "PSR");
  assertClose(minTrackRecordLength(m, 0.05, 0.95), 617.0908951182986, 1e-8, "MinTRL");
  assert.equal(minTrackRecordLength(m, 0.2), Infinity);
});

Deno.test("sharpeMomentsFromReturns and PSR on a return series match numpy/scipy", () => {
  const ret = Array.from(
    { length: 250 },
    (_, t) => 0.01 * Math.sin(0.7 * t) + 0.0008 + 0.006 * Math.cos(2.3 * t) ** 3,
  );
  const m = sharpeMomentsFromReturns(ret);
  assert.equal(m.observations, 250);
  assertClose(m.sharpe, 0.10890542603251635, 1e-12, "SR");
  assertClose(m.skewness, -0.006649651996090492, 1e-10, "skew");
  assertClose(m.kurtosis, 1.9659937371414684, 1e-10, "kurtosis");
  assertClose(probabilisticSharpeRatio(m), 0.956866198463442, 1e-10, "PSR(0)");
  assertClose(probabilisticSharpeRatio(m, 0.05), 0.8232569622246626, 1e-10, "PSR(0.05)");
});
