/**
 * Time-of-day features from the grid time t (exchange local time): cyclic
 * encodings of the hour of the day and the minute of the hour, both with
 * their fraction, and the elapsed fraction of the session. With s = ns after
 * midnight: hour = s / (3.6·10¹²), minute = (s mod 3.6·10¹²) / (6·10¹⁰).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TIME_FEATURES } from "./time.ts";
 * assert.deepEqual(TIME_FEATURES.map((f) => f.name), [
 *   "hour_sin", "hour_cos", "minute_sin", "minute_cos", "time_since_open",
 * ]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { BASE } from "./base.ts";
import { HOURS_PER_NS, MINUTES_PER_NS, NS_PER_HOUR, SECONDS_PER_NS } from "./numeric.ts";
import { type FeatureDef, pointwise } from "./types.ts";

const HOUR_ANGLE = (2 * Math.PI) / 24;
const MINUTE_ANGLE = (2 * Math.PI) / 60;

/** Hour of the day with its fraction. */
const hour = () => pl.col(BASE.nsOfDay).cast(pl.Float64).mul(HOURS_PER_NS);
/** Minute of the hour with its fraction. */
const minute = () =>
  pl.col(BASE.nsOfDay).modulo(pl.lit(NS_PER_HOUR).cast(pl.Int64)).cast(pl.Float64)
    .mul(MINUTES_PER_NS);

/** Rows between two direct evaluations of the rotation in {@linkcode cyclic}. */
const ROTATE_EVERY = 256;

/**
 * out = sin (or cos) of x = (ns of day, or ns within the hour)·perNs·angle,
 * as the expressions order it. Over a run of equal grid steps the angle
 * advances by a constant δ, so (sin, cos) is rotated by δ (four products a
 * row) and evaluated directly every {@linkcode ROTATE_EVERY} rows and
 * wherever the step changes: the error stays below 10⁻¹³ absolute.
 */
function cyclic(
  timeNs: Float64Array,
  withinHour: boolean,
  perNs: number,
  angle: number,
  cos: boolean,
  out: Float64Array,
): void {
  const len = out.length;
  let step = NaN, sd = 0, cd = 1, s = 0, c = 1, run = 0;
  for (let i = 0; i < len; i++) {
    if (run > 0 && run < ROTATE_EVERY && timeNs[i] - timeNs[i - 1] === step) {
      const ns = s * cd + c * sd;
      c = c * cd - s * sd;
      s = ns;
      run++;
    } else {
      const ns = withinHour ? timeNs[i] % NS_PER_HOUR : timeNs[i];
      const x = ns * perNs * angle;
      s = Math.sin(x);
      c = Math.cos(x);
      run = 1;
      if (i + 1 < len && timeNs[i + 1] - timeNs[i] !== step) {
        step = timeNs[i + 1] - timeNs[i];
        const delta = step * perNs * angle;
        sd = Math.sin(delta);
        cd = Math.cos(delta);
      }
    }
    out[i] = cos ? c : s;
  }
}

/** `hour_sin` = sin(2π·hour/24). */
export const hourSin: FeatureDef = {
  name: "hour_sin",
  family: "time",
  definition: "sin(2π·hour/24), hour of the day with its fraction",
  expr: () => hour().mul(HOUR_ANGLE).sin(),
  online: pointwise((r) => Math.sin(r.timeNs * HOURS_PER_NS * HOUR_ANGLE)),
  batch: (_p, s, out) => cyclic(s.timeNs, false, HOURS_PER_NS, HOUR_ANGLE, false, out),
};

/** `hour_cos` = cos(2π·hour/24). */
export const hourCos: FeatureDef = {
  name: "hour_cos",
  family: "time",
  definition: "cos(2π·hour/24)",
  expr: () => hour().mul(HOUR_ANGLE).cos(),
  online: pointwise((r) => Math.cos(r.timeNs * HOURS_PER_NS * HOUR_ANGLE)),
  batch: (_p, s, out) => cyclic(s.timeNs, false, HOURS_PER_NS, HOUR_ANGLE, true, out),
};

/** `minute_sin` = sin(2π·minute/60). */
export const minuteSin: FeatureDef = {
  name: "minute_sin",
  family: "time",
  definition: "sin(2π·minute/60), minute of the hour with its fraction",
  expr: () => minute().mul(MINUTE_ANGLE).sin(),
  online: pointwise((r) => Math.sin((r.timeNs % NS_PER_HOUR) * MINUTES_PER_NS * MINUTE_ANGLE)),
  batch: (_p, s, out) => cyclic(s.timeNs, true, MINUTES_PER_NS, MINUTE_ANGLE, false, out),
};

/** `minute_cos` = cos(2π·minute/60). */
export const minuteCos: FeatureDef = {
  name: "minute_cos",
  family: "time",
  definition: "cos(2π·minute/60)",
  expr: () => minute().mul(MINUTE_ANGLE).cos(),
  online: pointwise((r) => Math.cos((r.timeNs % NS_PER_HOUR) * MINUTES_PER_NS * MINUTE_ANGLE)),
  batch: (_p, s, out) => cyclic(s.timeNs, true, MINUTES_PER_NS, MINUTE_ANGLE, true, out),
};

/** `time_since_open` = (t − open)/(close − open). */
export const timeSinceOpen: FeatureDef = {
  name: "time_since_open",
  family: "time",
  definition: "(t − open)/(close − open), t the grid time (features.session); not clipped",
  expr: (p) =>
    pl.col(BASE.nsOfDay).cast(pl.Float64).mul(SECONDS_PER_NS).sub(p.sessionOpenS)
      .mul(1 / (p.sessionCloseS - p.sessionOpenS)),
  online: (p) => {
    const perSession = 1 / (p.sessionCloseS - p.sessionOpenS);
    return {
      update: (r) => (r.timeNs * SECONDS_PER_NS - p.sessionOpenS) * perSession,
      reset: () => {},
    };
  },
  batch: (p, s, out) => {
    const perSession = 1 / (p.sessionCloseS - p.sessionOpenS), t = s.timeNs;
    for (let i = 0; i < out.length; i++) {
      out[i] = (t[i] * SECONDS_PER_NS - p.sessionOpenS) * perSession;
    }
  },
};

/** The time family, in table order. */
export const TIME_FEATURES: readonly FeatureDef[] = [
  hourSin,
  hourCos,
  minuteSin,
  minuteCos,
  timeSinceOpen,
];
