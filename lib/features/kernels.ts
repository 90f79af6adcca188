/**
 * Typed-array kernels the features' `batch` forms share: rolling sums,
 * means and standard deviations in O(1) per row, lagged ratios, and the EMA
 * and Wilder recursions, each with the null semantics of the polars
 * expressions (NaN = null): a window of n rows is NaN unless all n values
 * exist (inside the day) and are known.
 *
 * Running sums are re-summed from scratch on the first complete window after
 * a NaN (or the day's start) and every {@linkcode RESUM_EVERY} rows after
 * that, so rounding drift stays at a few ulps of the window's terms.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { rollingSum } from "./kernels.ts";
 * const out = new Float64Array(4);
 * rollingSum(new Float64Array([1, 2, NaN, 4]), 2, 1, out);
 * assert.deepEqual(Array.from(out).map((v) => Number.isNaN(v) ? null : v), [null, 3, null, null]);
 * ```
 * @module
 */

/** Rows between two from-scratch sums of a running window. */
export const RESUM_EVERY = 1024;

/**
 * End (exclusive) of the run of known values of `x` starting at `i`
 * (x[i] known), at most `len`.
 */
function runEnd(x: Float64Array, i: number, len: number): number {
  let end = i + 1;
  while (end < len && x[end] === x[end]) end++;
  return end;
}

/**
 * out[i] = (Σ of x over the last n rows)/divisor (divisor 1: the sum; n: the
 * mean); NaN unless the window is complete and known.
 */
export function rollingSum(x: Float64Array, n: number, divisor: number, out: Float64Array): void {
  const len = out.length;
  let i = 0;
  while (i < len) {
    if (x[i] !== x[i]) {
      out[i++] = NaN;
      continue;
    }
    const end = runEnd(x, i, len);
    const first = Math.min(end, i + n - 1);
    for (let j = i; j < first; j++) out[j] = NaN;
    for (let a = first; a < end; a += RESUM_EVERY) {
      let s = 0;
      for (let j = a - n + 1; j <= a; j++) s += x[j];
      out[a] = s / divisor;
      const b = Math.min(end, a + RESUM_EVERY);
      for (let j = a + 1; j < b; j++) {
        s += x[j] - x[j - n];
        out[j] = s / divisor;
      }
    }
    i = end;
  }
}

/**
 * out[i] = sqrt(Σ x over the last n rows / n), and exactly 0 when every
 * value of the window is 0 (counted exactly); NaN unless complete.
 * Parkinson's estimator over a window.
 */
export function rollingRootMean(x: Float64Array, n: number, out: Float64Array): void {
  const len = out.length;
  let i = 0;
  while (i < len) {
    if (x[i] !== x[i]) {
      out[i++] = NaN;
      continue;
    }
    const end = runEnd(x, i, len);
    const first = Math.min(end, i + n - 1);
    for (let j = i; j < first; j++) out[j] = NaN;
    for (let a = first; a < end; a += RESUM_EVERY) {
      let s = 0, nz = 0;
      for (let j = a - n + 1; j <= a; j++) {
        const w = x[j];
        s += w;
        if (w !== 0) nz++;
      }
      out[a] = nz === 0 ? 0 : Math.sqrt(s / n);
      const b = Math.min(end, a + RESUM_EVERY);
      for (let j = a + 1; j < b; j++) {
        const v = x[j], old = x[j - n];
        s += v - old;
        nz += +(v !== 0) - +(old !== 0); // branch-free: zeros come and go at random
        out[j] = nz === 0 ? 0 : Math.sqrt(s / n);
      }
    }
    i = end;
  }
}

/**
 * out[i] = sample standard deviation (ddof = 1) of x over the last n ≥ 2
 * rows, exactly 0 when every value of the window is 0; NaN unless complete.
 * A sliding Welford update between from-scratch two-pass sums.
 */
export function rollingStd(x: Float64Array, n: number, out: Float64Array): void {
  const len = out.length;
  const inv = 1 / (n - 1), invN = 1 / n;
  let i = 0;
  while (i < len) {
    if (x[i] !== x[i]) {
      out[i++] = NaN;
      continue;
    }
    const end = runEnd(x, i, len);
    const first = Math.min(end, i + n - 1);
    for (let j = i; j < first; j++) out[j] = NaN;
    for (let a = first; a < end; a += RESUM_EVERY) {
      let s = 0, nz = 0;
      for (let j = a - n + 1; j <= a; j++) {
        const w = x[j];
        s += w;
        if (w !== 0) nz++;
      }
      let mean = s / n, m2 = 0;
      for (let j = a - n + 1; j <= a; j++) {
        const d = x[j] - mean;
        m2 += d * d;
      }
      out[a] = nz === 0 ? 0 : Math.sqrt(m2 * inv);
      const b = Math.min(end, a + RESUM_EVERY);
      for (let j = a + 1; j < b; j++) {
        const v = x[j], old = x[j - n];
        const d = v - old;
        const next = mean + d * invN;
        m2 += d * (v - next + old - mean);
        mean = next;
        nz += +(v !== 0) - +(old !== 0); // branch-free: zeros come and go at random
        out[j] = nz === 0 ? 0 : Math.sqrt(m2 > 0 ? m2 * inv : 0);
      }
    }
    i = end;
  }
}

/**
 * out[i] = ln(x_i / x_{i−k}) (`log`) or x_i / x_{i−k} − 1; NaN on the first
 * k rows. An unchanged value gives exactly 0 without the logarithm, and a
 * pair equal to the last one computed reuses its value.
 */
export function lagRatio(x: Float64Array, k: number, log: boolean, out: Float64Array): void {
  const len = out.length;
  const head = Math.min(k, len);
  for (let i = 0; i < head; i++) out[i] = NaN;
  if (log) {
    // The previous row's pair often repeats (neither mid moved): reuse its logarithm.
    let pa = NaN, pb = NaN, pv = NaN;
    for (let i = k; i < len; i++) {
      const a = x[i], b = x[i - k];
      if (a === b) out[i] = 0;
      else if (a === pa && b === pb) out[i] = pv;
      else {
        pa = a;
        pb = b;
        out[i] = pv = Math.log(a / b);
      }
    }
  } else {
    for (let i = k; i < len; i++) out[i] = x[i] / x[i - k] - 1;
  }
}

/**
 * The step of polars' `ewm_mean` without adjustment, as it rounds: from
 * average `w` and a new value `x`, w + α·(x − w).
 */
function ewmStep(w: number, x: number, alpha: number): number {
  return w + alpha * (x - w);
}

/**
 * Exponential moving average, no bias adjustment (w + α·(x − w), as polars
 * rounds it), started at the first
 * known value; a NaN gives NaN and leaves the average as it was (polars'
 * `ewmMean({ alpha, adjust: false, minPeriods: 1, ignoreNulls: true })`).
 */
export function ewmMean(x: Float64Array, alpha: number, out: Float64Array): void {
  const len = out.length;
  let w = NaN;
  for (let i = 0; i < len; i++) {
    const v = x[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    w = w !== w ? v : ewmStep(w, v, alpha);
    out[i] = w;
  }
}

/**
 * Wilder's RSI of the moves `up` and `down` (NaN on the same rows): both
 * averages start as the means of the first complete window of `period`
 * moves, then follow the EMA with α = 1/period (a NaN move gives NaN and
 * leaves them); RSI = 100·U/(U + D), 50 where U + D = 0.
 */
export function wilderRsi(
  up: Float64Array,
  down: Float64Array,
  period: number,
  out: Float64Array,
): void {
  const len = out.length;
  const alpha = 1 / period;
  let lastNaN = -1, i = 0, u = NaN, d = NaN;
  for (; i < len; i++) {
    if (up[i] !== up[i]) lastNaN = i;
    if (i - lastNaN < period) {
      out[i] = NaN;
      continue;
    }
    let su = 0, sd = 0;
    for (let j = i - period + 1; j <= i; j++) {
      su += up[j];
      sd += down[j];
    }
    u = su / period;
    d = sd / period;
    out[i] = u + d === 0 ? 50 : (u * 100) / (u + d);
    i++;
    break;
  }
  for (; i < len; i++) {
    const x = up[i], y = down[i];
    if (x !== x) {
      out[i] = NaN;
      continue;
    }
    u = ewmStep(u, x, alpha);
    d = ewmStep(d, y, alpha);
    out[i] = u + d === 0 ? 50 : (u * 100) / (u + d);
  }
}
