/**
 * Sampling an event-time series on a fixed clock: for each grid time
 * `t_j = startNs + j × stepNs` (j = 0, 1, … while t_j ≤ endNs), the index of
 * the last row whose time is at or before t_j (−1 when there is none yet).
 * The state a decision-maker sees at t_j is the state after that row.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { sampleOnGrid } from "./snapshot_grid.ts";
 * const ts = new Float64Array([5, 10, 10, 27]);
 * const g = sampleOnGrid(ts, ts.length, 0, 30, 10);
 * assert.deepEqual([...g.timesNs], [0, 10, 20, 30]);
 * assert.deepEqual([...g.rows], [-1, 2, 2, 3]);
 * ```
 * @module
 */

/** Grid times and the row each one samples. */
export interface GridSample {
  /** Grid times, ns after midnight. */
  timesNs: Float64Array;
  /** Index of the last row at or before each grid time; −1 before the first row. */
  rows: Int32Array;
}

/**
 * Samples rows `0 … count−1` of the non-decreasing times `tsNs` on the grid
 * from `startNs` to `endNs` (both included when on the grid) every `stepNs`.
 * Throws `RangeError` for a step that is not a positive integer or an end
 * before the start.
 */
export function sampleOnGrid(
  tsNs: Float64Array,
  count: number,
  startNs: number,
  endNs: number,
  stepNs: number,
): GridSample {
  if (!(Number.isSafeInteger(stepNs) && stepNs > 0)) {
    throw new RangeError(`grid step: expected a positive integer of ns, found ${stepNs}`);
  }
  if (!(endNs >= startNs)) {
    throw new RangeError(`grid: expected end ≥ start, found start ${startNs}, end ${endNs}`);
  }
  const n = Math.floor((endNs - startNs) / stepNs) + 1;
  const timesNs = new Float64Array(n);
  const rows = new Int32Array(n);
  let k = -1;
  for (let j = 0; j < n; j++) {
    const t = startNs + j * stepNs;
    while (k + 1 < count && tsNs[k + 1] <= t) k++;
    timesNs[j] = t;
    rows[j] = k;
  }
  return { timesNs, rows };
}
