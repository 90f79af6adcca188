/**
 * Windows `[N, T, F]` without N×T×F copies. The scaled rows of a split are
 * stored once, as a contiguous row-major `Float32Array` matrix `X` of
 * `rows × F`; window i is the T consecutive rows `starts[i] … starts[i] + T − 1`
 * of that matrix (all in one symbol-day, none with a missing feature).
 * {@linkcode WindowDataset.windowView} returns it as a zero-copy `subarray`;
 * {@linkcode WindowDataset.gatherBatch} copies a batch into `[B, T, F]` for
 * training.
 *
 * Targets: y_i = ln(mid_{t+h} / mid_t) for the window's last row t and the
 * horizon h (rows), float32; windows whose t + h falls outside their
 * symbol-day, or whose mid at t or t + h is not a positive finite number,
 * are dropped. `ts[i]` is the epoch-ns time of row t.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { planWindows, WindowDataset } from "./windows.ts";
 * // one symbol-day of 6 rows, row 1 has a missing feature; T = 2, h = 1
 * const valid = new Uint8Array([1, 0, 1, 1, 1, 1]);
 * const mid = new Float64Array([10, 10, 10, 11, 12, 13]);
 * const plan = planWindows(valid, mid, new Int32Array([0]), { T: 2, horizon: 1 });
 * assert.deepEqual([...plan.last], [3, 4]); // windows end at rows 3 and 4 (row 5 has no t + 1)
 * assert.deepEqual([...plan.rows], [2, 3, 4]); // source rows stored, once each
 * const X = new Float32Array([0.2, 0.3, 0.4]); // F = 1: the stored rows' features
 * const ds = new WindowDataset({
 *   features: ["f"], T: 2, X, starts: plan.starts, y: plan.y,
 *   ts: new BigInt64Array([3n, 4n]),
 * });
 * assert.deepEqual([...ds.windowView(1)], [Math.fround(0.3), Math.fround(0.4)]);
 * assert.equal(ds.windowView(1).buffer, X.buffer); // a view, not a copy
 * assert.equal(ds.y[0], Math.fround(Math.log(12 / 11)));
 * ```
 * @module
 */

/** Window length and target horizon. */
export interface WindowOptions {
  /** Rows per window (`history_T`), ≥ 1. */
  T: number;
  /** Target horizon h in rows, ≥ 1. */
  horizon: number;
}

/** Which source rows to store and where each window starts (see {@linkcode planWindows}). */
export interface WindowPlan {
  /** Source rows to store, ascending: every row that some window uses, once. */
  rows: Int32Array;
  /** Per window: index into `rows` of its first row. */
  starts: Int32Array;
  /** Per window: source row of its last row t. */
  last: Int32Array;
  /** Per window: ln(mid[t + h] / mid[t]), float32. */
  y: Float32Array;
}

function checkOptions(opts: WindowOptions): void {
  if (!(Number.isInteger(opts.T) && opts.T >= 1)) {
    throw new RangeError(`history_T must be an integer ≥ 1, got ${opts.T}`);
  }
  if (!(Number.isInteger(opts.horizon) && opts.horizon >= 1)) {
    throw new RangeError(`target_horizon must be an integer ≥ 1, got ${opts.horizon}`);
  }
}

/**
 * Finds every window of a source: a window ends at row t when rows
 * t − T + 1 … t are all valid and in t's segment, t + h is in the same
 * segment, and mid[t], mid[t + h] are positive and finite. `segmentStarts`
 * lists the first row of each symbol-day segment (ascending, starting at 0).
 */
export function planWindows(
  valid: Uint8Array,
  mid: Float64Array,
  segmentStarts: Int32Array,
  opts: WindowOptions,
): WindowPlan {
  checkOptions(opts);
  const { T, horizon: h } = opts;
  const n = valid.length;
  if (mid.length !== n) throw new RangeError(`mid has ${mid.length} rows, valid has ${n}`);
  // Count first, then fill exactly sized arrays.
  const counts = countWindows(valid, mid, segmentStarts, T, h);
  const plan: WindowPlan = {
    rows: new Int32Array(counts.rows),
    starts: new Int32Array(counts.windows),
    last: new Int32Array(counts.windows),
    y: new Float32Array(counts.windows),
  };
  fillWindows(valid, mid, segmentStarts, T, h, plan.rows, plan.starts, plan.last, plan.y);
  return plan;
}

/** The counting pass of {@linkcode planWindows}: stored rows and windows. */
function countWindows(
  valid: Uint8Array,
  mid: Float64Array,
  segmentStarts: Int32Array,
  T: number,
  h: number,
): { rows: number; windows: number } {
  const n = valid.length;
  let nRows = 0, nWin = 0;
  for (let s = 0; s < segmentStarts.length; s++) {
    const a = segmentStarts[s];
    const b = s + 1 < segmentStarts.length ? segmentStarts[s + 1] : n;
    let run = 0;
    let covered = a - 1; // last source row already stored
    for (let t = a; t + h < b; t++) {
      run = valid[t] === 1 ? run + 1 : 0;
      if (run < T) continue;
      const m0 = mid[t], m1 = mid[t + h];
      if (!(m0 > 0 && m0 < Infinity && m1 > 0 && m1 < Infinity)) continue;
      const first = t - T + 1;
      nRows += t - (first > covered ? first : covered + 1) + 1;
      covered = t;
      nWin++;
    }
  }
  return { rows: nRows, windows: nWin };
}

/** The filling pass of {@linkcode planWindows} (the same walk as {@linkcode countWindows}). */
function fillWindows(
  valid: Uint8Array,
  mid: Float64Array,
  segmentStarts: Int32Array,
  T: number,
  h: number,
  rows: Int32Array,
  starts: Int32Array,
  last: Int32Array,
  y: Float32Array,
): void {
  const n = valid.length;
  let nRows = 0, nWin = 0;
  for (let s = 0; s < segmentStarts.length; s++) {
    const a = segmentStarts[s];
    const b = s + 1 < segmentStarts.length ? segmentStarts[s + 1] : n;
    let run = 0;
    let covered = a - 1;
    for (let t = a; t + h < b; t++) {
      run = valid[t] === 1 ? run + 1 : 0;
      if (run < T) continue;
      const m0 = mid[t], m1 = mid[t + h];
      if (!(m0 > 0 && m0 < Infinity && m1 > 0 && m1 < Infinity)) continue;
      const first = t - T + 1;
      // Rows first … covered are already stored, contiguously (windows overlap).
      starts[nWin] = first > covered ? nRows : nRows - 1 - (covered - first);
      last[nWin] = t;
      y[nWin] = Math.log(m1 / m0);
      for (let r = first > covered ? first : covered + 1; r <= t; r++) rows[nRows++] = r;
      covered = t;
      nWin++;
    }
  }
}

/** Fields of a {@linkcode WindowDataset}. */
export interface WindowDatasetInit {
  /** Feature names, in column order of `X`. */
  features: readonly string[];
  /** Rows per window. */
  T: number;
  /** Scaled features, row-major `rows × F`. */
  X: Float32Array;
  /** Per window: first row in `X`. */
  starts: Int32Array;
  /** Per window: target. */
  y: Float32Array;
  /** Per window: epoch ns of its last row. */
  ts: BigInt64Array;
}

/** A split's windows over one stored feature matrix (see the module doc). */
export class WindowDataset {
  /** Feature names (F of them), in column order. */
  readonly features: readonly string[];
  /** Rows per window. */
  readonly T: number;
  /** Features per row. */
  readonly F: number;
  /** Stored rows, `rows × F`, row-major, float32. */
  readonly X: Float32Array;
  /** First row of each window. */
  readonly starts: Int32Array;
  /** Target of each window, float32. */
  readonly y: Float32Array;
  /** Epoch ns of each window's last row. */
  readonly ts: BigInt64Array;

  /** Checks the shapes and that every window lies inside `X`. */
  constructor(init: WindowDatasetInit) {
    const F = init.features.length;
    if (F === 0) throw new RangeError("WindowDataset: no features");
    if (!(Number.isInteger(init.T) && init.T >= 1)) {
      throw new RangeError(`WindowDataset: T must be an integer ≥ 1, got ${init.T}`);
    }
    if (init.X.length % F !== 0) {
      throw new RangeError(
        `WindowDataset: X has ${init.X.length} values, not a multiple of F = ${F}`,
      );
    }
    const n = init.starts.length;
    if (init.y.length !== n || init.ts.length !== n) {
      throw new RangeError(
        `WindowDataset: ${n} starts but ${init.y.length} targets and ${init.ts.length} timestamps`,
      );
    }
    const rows = init.X.length / F;
    for (let i = 0; i < n; i++) {
      const s = init.starts[i];
      if (!(s >= 0 && s + init.T <= rows)) {
        throw new RangeError(
          `WindowDataset: window ${i} starts at row ${s}, outside 0 … ${
            rows - init.T
          } (rows ${rows}, T ${init.T})`,
        );
      }
    }
    this.features = [...init.features];
    this.T = init.T;
    this.F = F;
    this.X = init.X;
    this.starts = init.starts;
    this.y = init.y;
    this.ts = init.ts;
  }

  /** Number of windows N. */
  get length(): number {
    return this.starts.length;
  }

  /** Number of stored rows. */
  get rows(): number {
    return this.X.length / this.F;
  }

  /** Window i as a `[T, F]` row-major view into `X` (zero-copy; do not write to it). */
  windowView(i: number): Float32Array {
    this.checkIndex(i);
    const s = this.starts[i] * this.F;
    return this.X.subarray(s, s + this.T * this.F);
  }

  /**
   * Copies the windows `indices` into `out` (`[B, T, F]` row-major, B =
   * `indices.length`), allocating it when absent; returns `out`.
   */
  gatherBatch(indices: ArrayLike<number>, out?: Float32Array): Float32Array {
    const size = this.T * this.F;
    const B = indices.length;
    const dest = out ?? new Float32Array(B * size);
    if (dest.length < B * size) {
      throw new RangeError(`gatherBatch: out holds ${dest.length} values, needs ${B * size}`);
    }
    for (let b = 0; b < B; b++) {
      const i = indices[b];
      this.checkIndex(i);
      const s = this.starts[i] * this.F;
      dest.set(this.X.subarray(s, s + size), b * size);
    }
    return dest;
  }

  /**
   * Windows `from … to − 1` copied into one `[n, T, F]` array (for export;
   * training should use views or {@linkcode gatherBatch}).
   */
  materialize(from = 0, to = this.length, out?: Float32Array): Float32Array {
    if (
      !(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to &&
        to <= this.length)
    ) {
      throw new RangeError(`materialize: bad range ${from} … ${to} of ${this.length} windows`);
    }
    const size = this.T * this.F;
    const dest = out ?? new Float32Array((to - from) * size);
    for (let i = from; i < to; i++) {
      const s = this.starts[i] * this.F;
      dest.set(this.X.subarray(s, s + size), (i - from) * size);
    }
    return dest;
  }

  private checkIndex(i: number): void {
    if (!(Number.isInteger(i) && i >= 0 && i < this.starts.length)) {
      throw new RangeError(`window index ${i} outside 0 … ${this.starts.length - 1}`);
    }
  }
}

/**
 * The number of valid rows, and for each stored source row (`rows`, from
 * {@linkcode planWindows}) its index among the valid rows.
 */
export function storedValidRows(
  valid: Uint8Array,
  rows: Int32Array,
): { rowsValid: number; storedValid: Int32Array } {
  const n = valid.length;
  // Valid-row number of every source row (−1 where invalid).
  const validIndex = new Int32Array(n);
  let rowsValid = 0;
  for (let r = 0; r < n; r++) validIndex[r] = valid[r] === 1 ? rowsValid++ : -1;
  const storedValid = new Int32Array(rows.length);
  for (let j = 0; j < storedValid.length; j++) storedValid[j] = validIndex[rows[j]];
  return { rowsValid, storedValid };
}
