import { strict as assert } from "node:assert";
import { InputError } from "../../lib/core/errors.ts";
import {
  compareMarketQuality,
  coordinationEfficiency,
  correlationMatrix,
  discreteEntropy,
  histogramEntropy,
  kyleLambda,
  marketQuality,
  meanPairwiseDistance,
  pearsonCorrelation,
} from "../../lib/metrics/multi_agent.ts";
import { assertClose } from "./_approx.ts";

Deno.test("pearsonCorrelation and correlationMatrix", () => {
  // x = [1, 2, 3, 4], y = [2, 4, 5, 9]: dx = −1.5, −0.5, 0.5, 1.5; dy = −3, −1, 0, 4;
  // Σdxdy = 4.5 + 0.5 + 0 + 6 = 11; Σdx² = 5; Σdy² = 26 → 11/√130 = 0.9647638
  const x = [1, 2, 3, 4], y = [2, 4, 5, 9];
  assertClose(pearsonCorrelation(x, y), 0.9647638, 1e-7);
  const m = correlationMatrix([x, y, [4, 3, 2, 1], [1, 1, 1, 1]]);
  assert.equal(m[0][0], 1);
  assertClose(m[0][1], 0.9647638, 1e-7);
  assertClose(m[1][0], 0.9647638, 1e-7);
  assertClose(m[0][2], -1, 1e-15);
  assert(Number.isNaN(m[3][3]));
  assert(Number.isNaN(m[0][3]));
  assert(Number.isNaN(pearsonCorrelation([1], [2])));
  assert.throws(() => correlationMatrix([[1, 2], [1]]), InputError);
});

Deno.test("meanPairwiseDistance: mean Euclidean distance over agent pairs", () => {
  // [0,0], [3,4], [6,8]: 5, 10, 5 → 20/3
  assertClose(meanPairwiseDistance([[0, 0], [3, 4], [6, 8]]), 20 / 3, 1e-12);
  assert.equal(meanPairwiseDistance([[1, 2], [1, 2]]), 0);
  assert(Number.isNaN(meanPairwiseDistance([[1]])));
});

Deno.test("discreteEntropy and histogramEntropy (nats)", () => {
  // a, a, b, c: −(0.5 ln 0.5 + 2 × 0.25 ln 0.25) = 0.5 ln 2 + 0.5 ln 4 = 1.5 ln 2
  assertClose(discreteEntropy(["a", "a", "b", "c"]), 1.5 * Math.LN2, 1e-12);
  assert.equal(discreteEntropy([3, 3, 3]), 0);
  assert(Number.isNaN(discreteEntropy([])));
  // 2 bins over [0, 1], w = 0.5: 0, 0.1 → bin 0; 0.5, 0.9, 1.0 (closed last bin) → bin 1;
  // p = 0.4, 0.6 → −(0.4 ln 0.4 + 0.6 ln 0.6) = 0.366516 + 0.306495 = 0.673012
  const v = [0, 0.1, 0.5, 0.9, 1.0];
  assertClose(histogramEntropy(v, { bins: 2 }), 0.673012, 1e-6);
  // 4 bins over [0, 2], w = 0.5: bins 0, 0, 1, 1, 2 → p = 0.4, 0.4, 0.2
  // → 0.8 × 0.916291 + 0.2 × 1.609438 = 0.733033 + 0.321888 = 1.054920
  assertClose(histogramEntropy(v, { bins: 4, min: 0, max: 2 }), 1.05492, 1e-6);
  // clipping: −1 → bin 0, 5 → bin 3 → two equal bins → ln 2
  assertClose(histogramEntropy([-1, 5], { bins: 4, min: 0, max: 2 }), Math.LN2, 1e-12);
  assert.equal(histogramEntropy([2, 2, 2]), 0);
  assert(Number.isNaN(histogramEntropy([])));
  assert.throws(() => histogramEntropy([1], { bins: 0 }), InputError);
});

Deno.test("coordinationEfficiency = team / Σ solo", () => {
  assert.equal(coordinationEfficiency(15, [4, 6]), 1.5);
  assert(Number.isNaN(coordinationEfficiency(3, [2, -2])));
  assert(Number.isNaN(coordinationEfficiency(3, [])));
});

Deno.test("kyleLambda is the OLS slope of mid change on signed volume", () => {
  // v = [1, −1, 2, 0]: v̄ = 0.5, dv = 0.5, −1.5, 1.5, −0.5; Σdv² = 5
  // Δm = [0.02, −0.01, 0.05, 0]: mean 0.015; d = 0.005, −0.025, 0.035, −0.015
  // Σ dv d = 0.0025 + 0.0375 + 0.0525 + 0.0075 = 0.1 → λ = 0.1/5 = 0.02
  assertClose(kyleLambda([0.02, -0.01, 0.05, 0], [1, -1, 2, 0]), 0.02, 1e-12);
  assert(Number.isNaN(kyleLambda([1, 2], [3, 3])));
  assert(Number.isNaN(kyleLambda([1], [1])));
});

Deno.test("marketQuality and compareMarketQuality against a control run", () => {
  // agents: mids 100, 110, 99 → log returns ln 1.1 = 0.0953102, ln 0.9 = −0.1053605;
  // std of two values = |a − b|/√2 = 0.2006707/1.4142136 = 0.1418956
  // Δm = [10, −11], v = [2, −1]: dv = ±1.5, dΔm = ±10.5 → λ = 31.5/4.5 = 7
  // spreads mean (0.1 + 0.2 + 0.3)/3 = 0.2; depths (10 + 20 + 60)/3 = 30
  const agents = {
    mids: [100, 110, 99],
    spreads: [0.1, 0.2, 0.3],
    depths: [10, 20, 60],
    signedVolumes: [2, -1],
  };
  const q = marketQuality(agents);
  assertClose(q.meanSpread, 0.2, 1e-12);
  assertClose(q.meanDepth, 30, 1e-12);
  assertClose(q.volatility, 0.1418956, 1e-6);
  assertClose(q.priceImpact, 7, 1e-12);
  // control: flat mid → volatility 0, λ 0; spread 0.3, depth 5
  const control = {
    mids: [100, 100, 100],
    spreads: [0.3, 0.3, 0.3],
    depths: [5, 5, 5],
    signedVolumes: [1, 2],
  };
  const c = compareMarketQuality(agents, control);
  assertClose(c.control.volatility, 0, 1e-15);
  assertClose(c.difference.meanSpread, -0.1, 1e-12);
  assertClose(c.difference.meanDepth, 25, 1e-12);
  assertClose(c.difference.volatility, 0.1418956, 1e-6);
  assertClose(c.difference.priceImpact, 7, 1e-12);
  assert.throws(() => marketQuality({ ...agents, signedVolumes: [1, 2, 3] }), InputError);
});
