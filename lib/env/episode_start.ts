/**
 * Seeded episode starts: where on the decision grid an episode begins, so
 * that a deterministic market (the replay) gives each episode seed its own
 * window of the day.
 *
 * With a jitter J > 0 the start is `base + j·Δ` (Δ the decision interval),
 * j drawn uniformly from {0, …, ⌊J/Δ⌋} on the stream
 * `Rng.fromSeed(seed).derive("env/episode_start")`, restricted to the starts
 * whose whole episode lies inside the data span [first, last message]; when
 * no start of the jitter window fits, the nearest grid start that fits is
 * taken (clipped). When the episode is longer than the data, it fails with an
 * {@linkcode InputError} naming the file and the times. With J = 0 the start
 * is `base`, unchecked (the market reports what it cannot replay).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { drawEpisodeStart } from "./episode_start.ts";
 * const opts = { baseNs: 100e9, jitterNs: 60e9, decisionNs: 1e9, steps: 30 };
 * const a = drawEpisodeStart(1, opts);
 * assert.equal(a, drawEpisodeStart(1, opts));            // same seed, same start
 * assert(a >= 100e9 && a <= 160e9 && (a - 100e9) % 1e9 === 0);
 * assert.equal(drawEpisodeStart(1, { ...opts, jitterNs: 0 }), 100e9);
 * // The data ends at 140 s: a 30 s episode must start by 110 s.
 * const span = { file: "m.csv", firstNs: 0, lastNs: 140e9 };
 * assert(drawEpisodeStart(2, { ...opts, span }) <= 110e9);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";
import { Rng } from "../core/rng.ts";

/** The data an episode must fit in (a replay file's time span). */
export interface DataSpan {
  /** The data file (named in errors). */
  file: string;
  /** Times of the first and last message, ns after midnight. */
  firstNs: number;
  lastNs: number;
}

/** Options of {@linkcode drawEpisodeStart}. */
export interface EpisodeStartOptions {
  /** Earliest start (the configured episode start), ns after midnight. */
  baseNs: number;
  /** Width of the start window (ns, ≥ 0); 0 = always `baseNs`. */
  jitterNs: number;
  /** Decision interval Δ (ns): starts lie on base + j·Δ. */
  decisionNs: number;
  /** Episode length in decision steps. */
  steps: number;
  /** The data the episode must fit in; absent = no bounds (a simulated market). */
  span?: DataSpan;
}

/** Name of the random stream the start is drawn from (derived from the episode seed). */
export const EPISODE_START_STREAM = "env/episode_start";

/** Formats ns after midnight as HH:MM:SS.sss. */
function clockOf(ns: number): string {
  const ms = Math.round(ns / 1e6);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  const s = Math.floor(ms / 1000);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${
    pad(ms % 1000, 3)
  }`;
}

/** The episode start for `seed` (see the module docs). */
export function drawEpisodeStart(seed: number, o: EpisodeStartOptions): number {
  if (!(Number.isFinite(o.jitterNs) && o.jitterNs >= 0)) {
    throw new RangeError(`drawEpisodeStart: jitterNs: expected a number ≥ 0, found ${o.jitterNs}`);
  }
  if (!(o.decisionNs > 0)) {
    throw new RangeError(`drawEpisodeStart: decisionNs: expected > 0, found ${o.decisionNs}`);
  }
  if (o.jitterNs === 0) return o.baseNs;
  const d = o.decisionNs;
  const lengthNs = o.steps * d;
  // Grid offsets j of the jitter window, then those whose episode fits the data.
  const J = Math.floor(o.jitterNs / d + 1e-9);
  let lo = 0, hi = J;
  if (o.span !== undefined) {
    const { file, firstNs, lastNs } = o.span;
    const fitLo = Math.ceil((firstNs - o.baseNs) / d - 1e-9);
    const fitHi = Math.floor((lastNs - lengthNs - o.baseNs) / d + 1e-9);
    if (fitLo > fitHi) {
      throw new InputError({
        file,
        keyPath: "environment.episode_seconds",
        expected: `an episode of ${lengthNs / 1e9} s on the ${d / 1e6} ms grid from ${
          clockOf(o.baseNs)
        } that fits in the data (${clockOf(firstNs)} to ${clockOf(lastNs)})`,
        found: `a span of ${(lastNs - firstNs) / 1e9} s, too short`,
      });
    }
    if (hi < fitLo) lo = hi = fitLo; // the whole window starts too early: clip
    else if (lo > fitHi) lo = hi = fitHi; // the whole window starts too late: clip
    else {
      lo = Math.max(lo, fitLo);
      hi = Math.min(hi, fitHi);
    }
  }
  const rng = Rng.fromSeed(seed).derive(EPISODE_START_STREAM);
  return o.baseNs + (lo + rng.nextInt(hi - lo + 1)) * d;
}
