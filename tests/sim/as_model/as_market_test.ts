import { strict as assert } from "node:assert";
import { Rng } from "../../../lib/core/rng.ts";
import { AsModelMarket, asModelParams } from "../../../lib/sim/as_model/mod.ts";
import { referencePath } from "./_helpers.ts";

const P = asModelParams();
const DS = P.sigma * Math.sqrt(P.dt);

/** Per-step offsets for n trajectories: mixed values, negatives, NaN and ±Infinity. */
function offsetTable(n: number, steps: number, seed: number): Float64Array[][] {
  const rng = Rng.fromSeed(seed).derive("test/offsets");
  const draw = (): number => {
    const u = rng.nextFloat();
    if (u < 0.08) return NaN;
    if (u < 0.1) return u < 0.09 ? Infinity : -Infinity;
    return rng.uniform(-0.5, 2.5);
  };
  const table: Float64Array[][] = [];
  for (let j = 0; j < steps; j++) {
    const bid = new Float64Array(n), ask = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      bid[i] = draw();
      ask[i] = draw();
    }
    table.push([bid, ask]);
  }
  return table;
}

/** Every step's state of a market run over an offset table. */
function record(market: AsModelMarket, table: Float64Array[][]): Float64Array[] {
  const rows: Float64Array[] = [];
  const snap = () => {
    rows.push(market.mid.slice(), market.cash.slice(), market.inventory.slice());
    rows.push(Float64Array.from(market.bidFilled), Float64Array.from(market.askFilled));
  };
  snap();
  for (const [bid, ask] of table) {
    market.step(bid, ask);
    snap();
  }
  return rows;
}

Deno.test("as_market: matches the plainly written reference model exactly", () => {
  const n = 40, seed = 11;
  const table = offsetTable(n, 200, 5);
  const market = new AsModelMarket(P, n, seed);
  const rows = record(market, table);
  for (const i of [0, 1, 17, 39]) {
    const ref = referencePath(P, seed, i, (j) => [table[j][0][i], table[j][1][i]]);
    for (let j = 0; j <= 200; j++) {
      const at = `trajectory ${i}, step ${j}`;
      assert.equal(rows[5 * j][i], ref.mid[j], `mid, ${at}`);
      assert.equal(rows[5 * j + 1][i], ref.cash[j], `cash, ${at}`);
      assert.equal(rows[5 * j + 2][i], ref.inventory[j], `inventory, ${at}`);
      assert.equal(rows[5 * j + 3][i], ref.bidFilled[j], `bidFilled, ${at}`);
      assert.equal(rows[5 * j + 4][i], ref.askFilled[j], `askFilled, ${at}`);
    }
  }
  // The reference is not vacuous: fills of both kinds happened.
  const bids = rows.filter((_, r) => r % 5 === 3).reduce(
    (a, r) => a + r.reduce((x, y) => x + y),
    0,
  );
  const asks = rows.filter((_, r) => r % 5 === 4).reduce(
    (a, r) => a + r.reduce((x, y) => x + y),
    0,
  );
  assert(bids > 500 && asks > 500, `fills: ${bids} bid, ${asks} ask`);
});

Deno.test("as_market: accounting identity and ±σ√dt mid moves at every step", () => {
  const n = 64;
  const table = offsetTable(n, 200, 9);
  const market = new AsModelMarket(P, n, 3);
  for (const [bid, ask] of table) {
    const s = market.mid.slice(), cash = market.cash.slice(), q = market.inventory.slice();
    market.step(bid, ask);
    for (let i = 0; i < n; i++) {
      const fb = market.bidFilled[i], fa = market.askFilled[i];
      assert(fb === 0 || Number.isFinite(bid[i]), "no fill without a (finite) bid");
      assert(fa === 0 || Number.isFinite(ask[i]), "no fill without a (finite) ask");
      assert.equal(market.inventory[i], q[i] + fb - fa);
      const expectedCash = cash[i] - (fb === 1 ? s[i] - bid[i] : 0) +
        (fa === 1 ? s[i] + ask[i] : 0);
      assert(
        Math.abs(market.cash[i] - expectedCash) < 1e-9,
        `cash ${market.cash[i]} ≠ ${expectedCash}`,
      );
      assert(Math.abs(Math.abs(market.mid[i] - s[i]) - DS) < 1e-12, "mid moves by ±σ√dt");
      assert.equal(market.wealth(i), market.cash[i] + market.inventory[i] * market.mid[i]);
    }
  }
  const w = market.wealthInto();
  for (let i = 0; i < n; i++) assert.equal(w[i], market.wealth(i));
});

Deno.test("as_market: same seed → identical arrays; another seed differs", () => {
  const n = 32;
  const table = offsetTable(n, 200, 2);
  const a = record(new AsModelMarket(P, n, 42), table);
  const b = record(new AsModelMarket(P, n, 42), table);
  assert.deepEqual(a, b);
  const c = record(new AsModelMarket(P, n, 43), table);
  assert.notDeepEqual(a, c);
});

Deno.test("as_market: trajectory i's path does not depend on how many run beside it", () => {
  const wide = 1000;
  const table = offsetTable(wide, 200, 4);
  const rowsWide = record(new AsModelMarket(P, wide, 8), table);
  const narrowTable = (i: number, width: number) =>
    table.map(([bid, ask]) => [bid.slice(i, i + width), ask.slice(i, i + width)]);
  const rows64 = record(new AsModelMarket(P, 64, 8), narrowTable(0, 64));
  for (const i of [0, 5, 63, 64, 999]) {
    const rows1 = record(new AsModelMarket(P, 1, 8, i), narrowTable(i, 1));
    for (let r = 0; r < rows1.length; r++) {
      assert.equal(rows1[r][0], rowsWide[r][i], `trajectory ${i}, row ${r}: N = 1 vs 1000`);
      if (i < 64) assert.equal(rows1[r][0], rows64[r][i], `trajectory ${i}, row ${r}: N = 1 vs 64`);
    }
  }
});

Deno.test("as_market: reset() continues the streams, reset(seed) replays", () => {
  const n = 16;
  const bid = new Float64Array(n).fill(0.5), ask = new Float64Array(n).fill(0.8);
  const market = new AsModelMarket(P, n, 5);
  const run = () => {
    while (!market.done) market.step(bid, ask);
    return [market.mid.slice(), market.cash.slice(), market.inventory.slice()];
  };
  const first = run();
  assert.equal(market.stepIndex, 200);
  assert.equal(market.time, 200 * P.dt);
  assert.throws(() => market.step(bid, ask), /all 200 steps taken/);
  market.reset();
  assert.equal(market.stepIndex, 0);
  for (let i = 0; i < n; i++) {
    assert.equal(market.mid[i], P.s0);
    assert.equal(market.cash[i], 0);
    assert.equal(market.inventory[i], P.q0);
    assert.equal(market.bidFilled[i] + market.askFilled[i], 0);
  }
  const second = run();
  assert.notDeepEqual(first, second, "a plain reset starts a new episode");
  market.reset(5);
  assert.deepEqual(run(), first, "reset(seed) replays the first episode");
  assert.equal(market.seed, 5);
});

Deno.test("as_market: q0 and s0 are the starting state; wealth starts at q0·s0", () => {
  const p = asModelParams({ q0: -3, s0: 50 });
  const market = new AsModelMarket(p, 4, 1);
  assert.deepEqual([...market.inventory], [-3, -3, -3, -3]);
  assert.equal(market.wealth(2), -150);
});

Deno.test("as_market: no quotes → no fills, cash and inventory stay put", () => {
  const n = 50;
  const none = new Float64Array(n).fill(NaN);
  const far = new Float64Array(n).fill(Infinity);
  const market = new AsModelMarket(P, n, 1);
  for (let j = 0; j < 100; j++) market.step(none, far);
  for (let j = 0; j < 100; j++) market.step(far, none);
  for (let i = 0; i < n; i++) {
    assert.equal(market.cash[i], 0);
    assert.equal(market.inventory[i], 0);
  }
});

Deno.test("as_market: rejects bad arguments", () => {
  assert.throws(() => new AsModelMarket(P, 0, 1), /trajectories to be an integer ≥ 1, found 0/);
  assert.throws(() => new AsModelMarket(P, 2.5, 1), /found 2.5/);
  assert.throws(() => new AsModelMarket(P, 2, 1, -1), /firstTrajectory/);
  assert.throws(() => new AsModelMarket(P, 2, 0.5), /safe integer/);
  assert.throws(() => new AsModelMarket({ ...P, sigma: -1 }, 2, 1), /sigma/);
  const market = new AsModelMarket(P, 3, 1);
  assert.throws(
    () => market.step(new Float64Array(2), new Float64Array(3)),
    /expected 3 bid and ask offsets, found 2 and 3/,
  );
});

/** Every step's state of a market moved by `move` over an offset table. */
function recordWith(
  market: AsModelMarket,
  table: Float64Array[][],
  move: (bid: Float64Array, ask: Float64Array) => void,
): Float64Array[] {
  const rows: Float64Array[] = [];
  for (const [bid, ask] of table) {
    move(bid, ask);
    rows.push(market.mid.slice(), market.cash.slice(), market.inventory.slice());
    rows.push(Float64Array.from(market.bidFilled), Float64Array.from(market.askFilled));
  }
  return rows;
}

Deno.test("as_market: advance() moves the trajectories exactly as step()", () => {
  const n = 6;
  const table = offsetTable(n, 200, 21);
  const stepped = new AsModelMarket(P, n, 9);
  const advanced = new AsModelMarket(P, n, 9);
  const expected = recordWith(stepped, table, (b, a) => stepped.step(b, a));
  assert.deepEqual(recordWith(advanced, table, (b, a) => advanced.advance(b, a)), expected);
  // Neither advances the shared clock; step() does.
  assert.equal(stepped.stepIndex, 200);
  assert.equal(advanced.stepIndex, 0);
  assert.throws(() => advanced.advance(new Float64Array(2), new Float64Array(n)), /advance/);
});

Deno.test("as_market: resetTrajectory(i, seed) replays a one-trajectory market reset with seed, alone", () => {
  const n = 3;
  const table = offsetTable(n, 120, 4);
  const multi = new AsModelMarket(P, n, 5);
  const untouched = new AsModelMarket(P, n, 5);
  for (const [bid, ask] of table.slice(0, 30)) {
    multi.advance(bid, ask);
    untouched.advance(bid, ask);
  }
  multi.resetTrajectory(1, 42);
  assert.equal(multi.mid[1], P.s0);
  assert.equal(multi.cash[1], 0);
  assert.equal(multi.inventory[1], P.q0);
  const single = new AsModelMarket(P, 1, 42);
  for (const [bid, ask] of table.slice(30)) {
    multi.advance(bid, ask);
    untouched.advance(bid, ask);
    single.step(bid.subarray(1, 2), ask.subarray(1, 2));
    assert.equal(multi.mid[1], single.mid[0]);
    assert.equal(multi.cash[1], single.cash[0]);
    assert.equal(multi.inventory[1], single.inventory[0]);
    for (const i of [0, 2]) {
      assert.equal(multi.mid[i], untouched.mid[i], `trajectory ${i} is not disturbed`);
      assert.equal(multi.cash[i], untouched.cash[i]);
    }
  }
  // The stream argument picks which trajectory of a `seed` market to replay.
  const wide = new AsModelMarket(P, 4, 42);
  multi.resetTrajectory(0, 42, 3);
  const bid = new Float64Array(4).fill(0.5), ask = new Float64Array(4).fill(0.5);
  for (let j = 0; j < 50; j++) {
    wide.step(bid, ask);
    multi.advance(bid, ask);
    assert.equal(multi.mid[0], wide.mid[3]);
    assert.equal(multi.cash[0], wide.cash[3]);
  }
  assert.throws(() => multi.resetTrajectory(3, 1), /resetTrajectory.*\[0, 3\).*found 3/);
  assert.throws(() => multi.resetTrajectory(-1, 1), /found -1/);
});

Deno.test("as_market: belowScaledExp decides u < scale·Math.exp(x) exactly, at and around the threshold", async () => {
  const { belowScaledExp, scaledExpEstimate } = await import(
    "../../../lib/sim/as_model/as_market.ts"
  );
  const scale = 140 * 0.005 * 2 ** 32;
  const rng = Rng.fromSeed(11).derive("below-scaled-exp");
  let near = 0;
  for (let i = 0; i < 20_000; i++) {
    const x = (rng.nextU32() / 2 ** 32) * 130 - 65; // inside and outside the estimate's range
    const t = scale * Math.exp(x);
    const e = scaledExpEstimate(scale, x);
    if (Math.abs(x) < 60) assert(Math.abs(e / t - 1) < 3.5e-6, `estimate at x = ${x}`);
    else assert(Number.isNaN(e), `no estimate at x = ${x}`);
    // Integers u straddling the exact threshold (where the estimate cannot decide),
    // and uniform ones.
    const base = Math.floor(t);
    for (const u of [base - 1, base, base + 1, base + 2, rng.nextU32()]) {
      if (u < 0) continue;
      if (Math.abs(u - t) <= 2) near++;
      assert.equal(belowScaledExp(u, scale, x), u < t, `u = ${u}, x = ${x}`);
    }
  }
  assert(near > 10_000, "the threshold neighbourhood was exercised");
  // Non-finite exponents: exp(−∞) = 0 never fills, exp(NaN) never fills.
  assert.equal(belowScaledExp(0, scale, -Infinity), false);
  assert.equal(belowScaledExp(0, scale, NaN), false);
  assert.equal(belowScaledExp(4294967295, scale, Infinity), true);
});

Deno.test("as_market: step() fills as the exact Math.exp threshold decides, for offsets near every fill boundary", () => {
  // Offsets chosen so that A·dt·2³²·exp(−kδ) lands within a few units of the
  // draw u₁ of the next step: the fast estimate must defer to Math.exp there.
  const p = asModelParams();
  const n = 64;
  const scale = p.A * p.dt * 2 ** 32;
  for (let seed = 1; seed <= 20; seed++) {
    const m = new AsModelMarket(p, n, seed);
    const bid = new Float64Array(n), ask = new Float64Array(n).fill(NaN);
    for (let i = 0; i < n; i++) {
      // Peek trajectory i's next u₁ from a replica of its stream.
      const u1 = Rng.fromSeed(seed).derive(`as-model/traj/${i}`).nextU32();
      const delta = -Math.log((u1 + ((i % 3) - 1)) / scale) / p.k;
      bid[i] = delta;
    }
    m.step(bid, ask);
    for (let i = 0; i < n; i++) {
      const u1 = Rng.fromSeed(seed).derive(`as-model/traj/${i}`).nextU32();
      assert.equal(
        m.bidFilled[i],
        u1 < scale * Math.exp(-p.k * bid[i]) ? 1 : 0,
        `seed ${seed}, i ${i}`,
      );
      assert.equal(m.askFilled[i], 0);
    }
  }
});
