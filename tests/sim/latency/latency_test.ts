/** Latency models. */

import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import {
  ConstantLatency,
  JitteredLatency,
  PairwiseLatency,
  RequestKind,
} from "../../../lib/sim/latency/mod.ts";

Deno.test("latency: constant, with validation", () => {
  assert.equal(new ConstantLatency().delayNs(0, 1, RequestKind.Other), 100_000);
  assert.throws(() => new ConstantLatency(-1), /integer ≥ 0/);
  assert.throws(() => new ConstantLatency(1.5), /integer ≥ 0/);
});

Deno.test("latency: pairwise falls back for unset pairs", () => {
  const lat = new PairwiseLatency(2, new ConstantLatency(7));
  lat.set(0, 1, 99);
  assert.equal(lat.delayNs(0, 1, RequestKind.Place), 99);
  assert.equal(lat.delayNs(1, 0, RequestKind.Place), 7);
  assert.equal(lat.delayNs(5, 0, RequestKind.Place), 7);
});

Deno.test("latency: jittered delays are integers within the clip and log-normal in the middle", () => {
  const lat = new JitteredLatency(
    { baseNs: 1_000, medianJitterNs: 500, sigma: 0.5, maxNs: 4_000 },
    Rng.fromSeed(2),
  );
  const n = 20_000;
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = lat.delayNs(0, 1, RequestKind.Place);
    assert.ok(Number.isInteger(d) && d >= 1_000 && d <= 4_000);
    xs.push(d - 1_000);
  }
  xs.sort((a, b) => a - b);
  const median = xs[n / 2];
  // Median of exp(ln 500 + 0.5 Z) is 500; its sampling s.e. here is ~ 5.
  assert.ok(Math.abs(median - 500) < 25, `median jitter ${median}`);
  // Same seed, same delays.
  const a = new JitteredLatency({ baseNs: 0, medianJitterNs: 10, sigma: 1 }, Rng.fromSeed(9));
  const b = new JitteredLatency({ baseNs: 0, medianJitterNs: 10, sigma: 1 }, Rng.fromSeed(9));
  for (let i = 0; i < 100; i++) {
    assert.equal(a.delayNs(0, 1, RequestKind.Cancel), b.delayNs(0, 1, RequestKind.Cancel));
  }
});
