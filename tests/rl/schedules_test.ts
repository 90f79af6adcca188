import { strict as assert } from "node:assert";
import {
  constantSchedule,
  cosineSchedule,
  explorationNoiseSchedule,
  exponentialSchedule,
  KlAdaptiveLr,
  linearSchedule,
  makeSchedule,
  type ScheduleSpec,
} from "../../lib/rl/schedules.ts";

const close = (a: number, b: number, tol = 1e-12) =>
  assert(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

Deno.test("constant and linear schedules at chosen points, held after the end", () => {
  const c = constantSchedule(0.3);
  assert.equal(c(0), 0.3);
  assert.equal(c(1e9), 0.3);
  const lin = linearSchedule(1e-3, 1e-4, 90);
  close(lin(0), 1e-3);
  close(lin(30), 7e-4); // 1e-3 − 9e-4 · 1/3
  close(lin(45), 5.5e-4);
  close(lin(90), 1e-4);
  close(lin(1000), 1e-4);
  close(lin(-5), 1e-3); // before the start: the start value
  close(linearSchedule(0, 1, 0)(0), 1); // zero-length: the end at once
});

Deno.test("cosine schedule: start, the midpoint average, quarter points, end", () => {
  const cos = cosineSchedule(1, 0.2, 100);
  close(cos(0), 1);
  close(cos(50), 0.6); // (start + end) / 2
  // at a quarter: end + (start − end)·(1 + cos(π/4))/2 = 0.2 + 0.8·(1 + √2/2)/2
  close(cos(25), 0.2 + 0.4 * (1 + Math.SQRT1_2));
  close(cos(75), 0.2 + 0.4 * (1 - Math.SQRT1_2));
  close(cos(100), 0.2);
  close(cos(250), 0.2);
});

Deno.test("exponential schedule is geometric between start and end", () => {
  const e = exponentialSchedule(1, 1 / 16, 4); // halves every step
  [1, 0.5, 0.25, 0.125, 0.0625, 0.0625].forEach((v, t) => close(e(t), v));
  close(e(2.5), Math.pow(0.5, 2.5));
  assert.throws(
    () => exponentialSchedule(1, 0, 10),
    /finite start and end > 0, found start 1, end 0/,
  );
});

Deno.test("exploration-noise decay: geometric by default, linear on request", () => {
  const g = explorationNoiseSchedule(0.3, 0.03, 10);
  close(g(5), 0.3 * Math.sqrt(0.1));
  close(g(20), 0.03);
  const l = explorationNoiseSchedule(0.3, 0, 10, "linear");
  close(l(5), 0.15);
  close(l(10), 0);
});

Deno.test("makeSchedule builds each kind from data and rejects an unknown kind", () => {
  const specs: [ScheduleSpec, number, number][] = [
    [{ kind: "constant", value: 2 }, 7, 2],
    [{ kind: "linear", start: 2, end: 0, steps: 4 }, 1, 1.5],
    [{ kind: "cosine", start: 2, end: 0, steps: 4 }, 2, 1],
    [{ kind: "exponential", start: 8, end: 1, steps: 3 }, 1, 4],
  ];
  for (const [spec, t, v] of specs) close(makeSchedule(spec)(t), v);
  assert.throws(
    () => makeSchedule({ kind: "step" } as unknown as ScheduleSpec),
    /expected kind "constant", "linear", "cosine" or "exponential", found "step"/,
  );
  assert.throws(() => linearSchedule(1, NaN, 3), /finite end, found NaN/);
  assert.throws(() => cosineSchedule(1, 0, -1), /steps ≥ 0, found -1/);
});

Deno.test("KL-adaptive lr: divide by 1.5 above 2·target, multiply below target/2, hold between", () => {
  const s = new KlAdaptiveLr({ lr: 1e-3, targetKl: 0.01 });
  close(s.update(0.03), 1e-3 / 1.5); // 0.03 > 0.02
  close(s.update(0.02), 1e-3 / 1.5); // exactly 2·target: unchanged (strict comparison)
  close(s.update(0.01), 1e-3 / 1.5); // in the band
  close(s.update(0.005), 1e-3 / 1.5); // exactly target/2: unchanged
  close(s.update(0.001), 1e-3); // below target/2: × 1.5
  close(s.update(0), 1.5e-3);
  assert.equal(s.lr, s.update(0.01));
});

Deno.test("KL-adaptive lr: clamped to [minLr, maxLr]; state round-trips; bad input rejected", () => {
  const s = new KlAdaptiveLr({ lr: 1e-3, targetKl: 0.01, minLr: 5e-4, maxLr: 2e-3 });
  s.update(1); // 6.67e-4
  s.update(1); // 4.44e-4 → clamped
  assert.equal(s.lr, 5e-4);
  for (let k = 0; k < 10; k++) s.update(0);
  assert.equal(s.lr, 2e-3);
  const saved = s.state();
  const r = new KlAdaptiveLr({ lr: 1e-3, targetKl: 0.01, minLr: 5e-4, maxLr: 2e-3 });
  r.restore(saved);
  assert.equal(r.lr, 2e-3);
  assert.throws(() => s.update(NaN), /finite KL ≥ 0, found NaN/);
  assert.throws(() => new KlAdaptiveLr({ lr: 1 }), /lr in \[0.000001, 0.01\], found 1/);
  assert.throws(() => new KlAdaptiveLr({ lr: 1e-3, lrFactor: 1 }), /lrFactor > 1, found 1/);
  assert.throws(() => r.restore({ lr: 1 }), /lr in \[0.0005, 0.002\], found 1/);
  // rl_games defaults
  const d = new KlAdaptiveLr({ lr: 3e-4 });
  assert.deepEqual([d.targetKl, d.lrFactor, d.klFactor, d.minLr, d.maxLr], [
    0.008,
    1.5,
    2,
    1e-6,
    1e-2,
  ]);
});
