import { strict as assert } from "node:assert";
import { hashString32, Rng } from "../../lib/core/rng.ts";

/** Straightforward xoshiro128** from the reference C code, on uint32 values. */
function referenceXoshiro128ss(state: [number, number, number, number], n: number): number[] {
  const s = state.map((x) => x >>> 0);
  const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0);
    const t = (s[1] << 9) >>> 0;
    s[2] = (s[2] ^ s[0]) >>> 0;
    s[3] = (s[3] ^ s[1]) >>> 0;
    s[1] = (s[1] ^ s[2]) >>> 0;
    s[0] = (s[0] ^ s[3]) >>> 0;
    s[2] = (s[2] ^ t) >>> 0;
    s[3] = rotl(s[3], 11);
  }
  return out;
}

function draws(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextU32());
}

function meanVar(xs: readonly number[]): [number, number] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return [mean, variance];
}

function chiSquare(counts: readonly number[], expected: number): number {
  return counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
}

Deno.test("hashString32 matches FNV-1a test vectors", () => {
  assert.equal(hashString32(""), 0x811c9dc5);
  assert.equal(hashString32("a"), 0xe40c292c);
  assert.equal(hashString32("foobar"), 0xbf9cf968);
});

Deno.test("nextU32 follows the xoshiro128** reference", () => {
  assert.deepEqual(draws(Rng.fromState([1, 2, 3, 4]), 3), [11520, 0, 5927040]);
  const state: [number, number, number, number] = [0x9e3779b9, 0x7f4a7c15, 0xdeadbeef, 12345];
  assert.deepEqual(draws(Rng.fromState(state), 1000), referenceXoshiro128ss(state, 1000));
});

Deno.test("same seed gives the same stream; different seeds differ", () => {
  assert.deepEqual(draws(Rng.fromSeed(42), 500), draws(Rng.fromSeed(42), 500));
  assert.notDeepEqual(draws(Rng.fromSeed(42), 10), draws(Rng.fromSeed(43), 10));
  assert.notDeepEqual(draws(Rng.fromSeed(-1), 10), draws(Rng.fromSeed(1), 10));
  // Seeds above 2^32 use their high bits too.
  assert.notDeepEqual(draws(Rng.fromSeed(2 ** 32 + 5), 10), draws(Rng.fromSeed(5), 10));
});

Deno.test("fromSeed rejects non-integers and unsafe integers", () => {
  assert.throws(() => Rng.fromSeed(1.5), RangeError);
  assert.throws(() => Rng.fromSeed(Number.NaN), RangeError);
  assert.throws(() => Rng.fromSeed(2 ** 53), RangeError);
});

Deno.test("an all-zero state is repaired instead of producing zeros forever", () => {
  const rng = Rng.fromState([0, 0, 0, 0]);
  assert.ok(draws(rng, 10).some((x) => x !== 0));
});

Deno.test("derive: same name same stream, different names differ, parent not advanced", () => {
  const master = Rng.fromSeed(7);
  const a1 = draws(master.derive("agent/0"), 100);
  const a2 = draws(Rng.fromSeed(7).derive("agent/0"), 100);
  assert.deepEqual(a1, a2);
  assert.notDeepEqual(draws(master.derive("agent/1"), 100), a1);
  // Deriving in another order, or deriving more children, changes nothing.
  const other = Rng.fromSeed(7);
  other.derive("agent/9");
  other.derive("agent/1");
  assert.deepEqual(draws(other.derive("agent/0"), 100), a1);
  assert.deepEqual(draws(master, 10), draws(Rng.fromSeed(7), 10));
});

Deno.test("derived streams are uncorrelated with each other and with the parent", () => {
  const master = Rng.fromSeed(2024);
  const a = master.derive("a");
  const b = master.derive("b");
  const n = 100_000;
  const xs = Array.from({ length: n }, () => a.nextFloat() - 0.5);
  const ys = Array.from({ length: n }, () => b.nextFloat() - 0.5);
  const zs = Array.from({ length: n }, () => master.nextFloat() - 0.5);
  const corr = (u: number[], v: number[]) => {
    let uv = 0, uu = 0, vv = 0;
    for (let i = 0; i < n; i++) {
      uv += u[i] * v[i];
      uu += u[i] * u[i];
      vv += v[i] * v[i];
    }
    return uv / Math.sqrt(uu * vv);
  };
  // Standard error of a correlation on 1e5 pairs is about 0.003.
  assert.ok(Math.abs(corr(xs, ys)) < 0.015, `corr(a, b) = ${corr(xs, ys)}`);
  assert.ok(Math.abs(corr(xs, zs)) < 0.015, `corr(a, parent) = ${corr(xs, zs)}`);
});

Deno.test("state round trip restores the exact stream", () => {
  const rng = Rng.fromSeed(99);
  draws(rng, 37);
  const saved = rng.state();
  const expected = draws(rng, 200);
  assert.deepEqual(draws(Rng.fromState(saved), 200), expected);
  assert.deepEqual(Rng.fromState(JSON.parse(JSON.stringify(saved))).nextU32(), expected[0]);
});

Deno.test("uniform floats: ranges, mean and variance on 1e5 draws", () => {
  const rng = Rng.fromSeed(1);
  const n = 100_000;
  const f32 = Array.from({ length: n }, () => rng.nextFloat());
  const f53 = Array.from({ length: n }, () => rng.nextFloat53());
  const open0 = Array.from({ length: n }, () => rng.nextFloatOpen0());
  assert.ok(f32.every((x) => x >= 0 && x < 1));
  assert.ok(f53.every((x) => x >= 0 && x < 1));
  assert.ok(open0.every((x) => x > 0 && x <= 1));
  for (const xs of [f32, f53, open0]) {
    const [mean, variance] = meanVar(xs);
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1 / 12) < 0.002, `variance ${variance}`);
  }
  const u = Array.from({ length: n }, () => rng.uniform(-2, 6));
  assert.ok(u.every((x) => x >= -2 && x < 6));
  assert.ok(Math.abs(meanVar(u)[0] - 2) < 0.05);
});

Deno.test("normal, exponential and log-normal moments on 1e5 draws", () => {
  const rng = Rng.fromSeed(3);
  const n = 100_000;
  const [mean, variance] = meanVar(Array.from({ length: n }, () => rng.normal()));
  assert.ok(Math.abs(mean) < 0.02, `normal mean ${mean}`);
  assert.ok(Math.abs(variance - 1) < 0.03, `normal variance ${variance}`);
  const [eMean, eVar] = meanVar(Array.from({ length: n }, () => rng.exponential(2)));
  assert.ok(Math.abs(eMean - 0.5) < 0.01, `exponential mean ${eMean}`);
  assert.ok(Math.abs(eVar - 0.25) < 0.02, `exponential variance ${eVar}`);
  const logs = Array.from({ length: n }, () => Math.log(rng.logNormal(1, 0.5)));
  const [lMean, lVar] = meanVar(logs);
  assert.ok(Math.abs(lMean - 1) < 0.01 && Math.abs(lVar - 0.25) < 0.01, `${lMean} ${lVar}`);
});

Deno.test("poisson: mean and variance for small, chunked and large means", () => {
  const rng = Rng.fromSeed(11);
  for (const [lambda, n, tol] of [[3, 100_000, 0.05], [75, 20_000, 0.5], [2000, 20_000, 3]]) {
    const xs = Array.from({ length: n }, () => rng.poisson(lambda));
    assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0));
    const [mean, variance] = meanVar(xs);
    assert.ok(Math.abs(mean - lambda) < tol, `lambda ${lambda}: mean ${mean}`);
    assert.ok(Math.abs(variance / lambda - 1) < 0.05, `lambda ${lambda}: variance ${variance}`);
  }
  assert.equal(rng.poisson(0), 0);
  assert.throws(() => rng.poisson(-1), RangeError);
  assert.throws(() => rng.poisson(Number.NaN), RangeError);
});

Deno.test("nextInt: range and chi-square uniformity", () => {
  const rng = Rng.fromSeed(5);
  const k = 7;
  const n = 100_000;
  const counts = new Array(k).fill(0);
  for (let i = 0; i < n; i++) {
    const x = rng.nextInt(k);
    assert.ok(Number.isInteger(x) && x >= 0 && x < k);
    counts[x]++;
  }
  // 6 degrees of freedom: P(chi2 > 22.46) = 0.001.
  assert.ok(chiSquare(counts, n / k) < 22.46, `chi2 ${chiSquare(counts, n / k)} ${counts}`);
  assert.equal(rng.nextInt(1), 0);
  assert.throws(() => rng.nextInt(0), RangeError);
  assert.throws(() => rng.nextInt(2 ** 32 + 1), RangeError);
});

Deno.test("nextInt has no modulo bias for n close to 2^32", () => {
  // With plain modulo, n = 3·2^30 would put the lower third of [0, n) twice as often.
  const rng = Rng.fromSeed(8);
  const n = 3 * 2 ** 30;
  const thirds = [0, 0, 0];
  const draws = 60_000;
  for (let i = 0; i < draws; i++) {
    const x = rng.nextInt(n);
    assert.ok(x >= 0 && x < n);
    thirds[Math.floor(x / 2 ** 30)]++;
  }
  // 2 degrees of freedom: P(chi2 > 13.8) = 0.001.
  assert.ok(chiSquare(thirds, draws / 3) < 13.8, `thirds ${thirds}`);
  const full = rng.nextInt(2 ** 32);
  assert.ok(full >= 0 && full < 2 ** 32);
});

Deno.test("bernoulli frequency and shuffle uniformity", () => {
  const rng = Rng.fromSeed(13);
  let heads = 0;
  for (let i = 0; i < 100_000; i++) if (rng.bernoulli(0.3)) heads++;
  assert.ok(Math.abs(heads / 100_000 - 0.3) < 0.006, `heads ${heads}`);

  const perms = new Map<string, number>();
  for (let i = 0; i < 60_000; i++) {
    const key = rng.shuffle([1, 2, 3]).join("");
    perms.set(key, (perms.get(key) ?? 0) + 1);
  }
  assert.equal(perms.size, 6);
  // 5 degrees of freedom: P(chi2 > 20.5) = 0.001.
  assert.ok(chiSquare([...perms.values()], 10_000) < 20.5, `${[...perms]}`);

  const items = Array.from({ length: 50 }, (_, i) => i);
  const shuffled = Rng.fromSeed(1).shuffle([...items]);
  assert.deepEqual([...shuffled].sort((a, b) => a - b), items);
  assert.deepEqual(Rng.fromSeed(1).shuffle([...items]), shuffled);
  assert.notDeepEqual(shuffled, items);
});

Deno.test("rng: a saved state restores the cached normal draw too", () => {
  const a = Rng.fromSeed(11);
  a.normal(); // odd number of normal draws: one spare is cached
  const b = Rng.fromState(a.state());
  for (let i = 0; i < 5; i++) assert.equal(b.normal(), a.normal());
  assert.equal(b.nextU32(), a.nextU32());
});
