/**
 * Seeded episode starts (lib/env/episode_start.ts): reproducible per seed,
 * varied across seeds, on the decision grid, inside the jitter window and the
 * data, clipped when the window leaves the data, and an error naming the file
 * and times when the episode cannot fit at all.
 */

import { strict as assert } from "node:assert";
import { InputError } from "../../lib/core/errors.ts";
import { drawEpisodeStart, type EpisodeStartOptions } from "../../lib/env/episode_start.ts";

const S = 1e9;
const BASE: EpisodeStartOptions = {
  baseNs: 34_500 * S, // 09:35:00
  jitterNs: 1200 * S, // 20 min
  decisionNs: 0.1 * S,
  steps: 1200, // 120 s
  span: { file: "X_2024-01-02_message_5.csv", firstNs: 34_200 * S, lastNs: 36_000 * S },
};

Deno.test("drawEpisodeStart: the same seed gives the same start, other seeds other starts", () => {
  const starts = Array.from({ length: 50 }, (_, s) => drawEpisodeStart(s + 1, BASE));
  assert.deepEqual(starts, Array.from({ length: 50 }, (_, s) => drawEpisodeStart(s + 1, BASE)));
  // 12,001 possible starts: 50 seeds give (nearly) all different ones.
  assert.ok(new Set(starts).size >= 48, `only ${new Set(starts).size} distinct starts`);
});

Deno.test("drawEpisodeStart: starts lie on the grid, inside the window and inside the data", () => {
  for (let seed = 0; seed < 300; seed++) {
    const t = drawEpisodeStart(seed, BASE);
    const j = (t - BASE.baseNs) / BASE.decisionNs;
    assert.ok(Math.abs(j - Math.round(j)) < 1e-6, `seed ${seed}: ${t} is off the grid`);
    assert.ok(t >= BASE.baseNs && t <= BASE.baseNs + BASE.jitterNs, `seed ${seed}: ${t}`);
    assert.ok(t + BASE.steps * BASE.decisionNs <= BASE.span!.lastNs, `seed ${seed}: past the data`);
  }
});

Deno.test("drawEpisodeStart: every grid start of a small window is drawn", () => {
  const o = { ...BASE, jitterNs: 0.35 * S }; // offsets 0..3 (0.35 s rounds down to 3 steps)
  const seen = new Set<number>();
  for (let seed = 0; seed < 200; seed++) {
    seen.add(Math.round((drawEpisodeStart(seed, o) - o.baseNs) / o.decisionNs));
  }
  assert.deepEqual([...seen].sort(), [0, 1, 2, 3]);
});

Deno.test("drawEpisodeStart: jitter 0 is always the configured start, unchecked against the data", () => {
  for (const seed of [0, 1, 2, 99]) {
    assert.equal(drawEpisodeStart(seed, { ...BASE, jitterNs: 0 }), BASE.baseNs);
  }
  const past = { ...BASE, jitterNs: 0, baseNs: 40_000 * S };
  assert.equal(drawEpisodeStart(5, past), 40_000 * S); // the market, not the draw, reports this
});

Deno.test("drawEpisodeStart: the window is cut where the episode would run past the data", () => {
  // Data to 10:00:00, 120 s episodes: the last start that fits is 09:58:00.
  const o = { ...BASE, baseNs: 35_700 * S, jitterNs: 600 * S };
  const starts = Array.from({ length: 100 }, (_, s) => drawEpisodeStart(s, o));
  assert.ok(starts.every((t) => t >= 35_700 * S && t <= 35_880 * S));
  assert.ok(new Set(starts).size > 50, "still drawn across what fits");
});

Deno.test("drawEpisodeStart: a window wholly outside the data is clipped to the nearest start that fits", () => {
  const late = { ...BASE, baseNs: 35_950 * S, jitterNs: 30 * S };
  for (const seed of [1, 2, 3]) assert.equal(drawEpisodeStart(seed, late), 35_880 * S);
  const early = { ...BASE, baseNs: 34_000 * S, jitterNs: 60 * S };
  for (const seed of [1, 2, 3]) assert.equal(drawEpisodeStart(seed, early), 34_200 * S);
});

Deno.test("drawEpisodeStart: an episode longer than the data fails naming the file and times", () => {
  const o = { ...BASE, steps: 20_000 }; // 2,000 s against 1,800 s of data
  assert.throws(
    () => drawEpisodeStart(1, o),
    (e: unknown) =>
      e instanceof InputError && /X_2024-01-02_message_5\.csv/.test(e.message) &&
      /09:30:00\.000 to 10:00:00\.000/.test(e.message) && /2000 s/.test(e.message),
  );
  assert.throws(() => drawEpisodeStart(1, { ...BASE, jitterNs: -1 }), RangeError);
});
