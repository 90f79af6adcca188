/**
 * Exact duplicate rows: equal to an earlier row in every column but the
 * provenance (`row`, `file_id`). Rows are sorted by time first, so only rows
 * sharing a time can be copies: just those are hashed (polars `hashRows`),
 * and rows with equal hashes are then compared value by value (null equals
 * null, NaN equals NaN), so a hash collision can never drop a row.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { findDuplicates } from "./duplicates.ts";
 * const frame = pl.DataFrame({ row: [1, 2, 3, 4], x: [5, 5, 6, 5] });
 * const copyOf = findDuplicates(frame, new Float64Array([0, 0, 0, 1]));
 * assert.deepEqual([...copyOf!], [-1, 0, -1, -1]); // row 2 copies row 1; row 4 has another time
 * ```
 * @module
 */

import pl from "nodejs-polars";

/** Null-safe (and for floats NaN-safe) equality of rows `a` and `b` of column `name`. */
function sameValue(name: string, a: pl.Series, b: pl.Series, float: boolean): pl.Expr {
  const x = pl.col(name).gather(a), y = pl.col(name).gather(b);
  let eq = x.eq(y).fillNull(pl.lit(false)).or(x.isNull().and(y.isNull()));
  if (float) eq = eq.or(x.isNan().and(y.isNan()).fillNull(pl.lit(false)));
  return eq.alias(name);
}

/**
 * Rows that equal an earlier row in every column but `row` and `file_id`:
 * answers, per row, the index of the earlier copy (−1 when unique), or null
 * when there is none. Only rows sharing a time can be copies: those are
 * hashed, and rows with equal hashes are then compared value by value.
 */
export function findDuplicates(frame: pl.DataFrame, tod: Float64Array): Int32Array | null {
  const n = tod.length;
  const candidates: number[] = [];
  for (let i = 0; i < n; i++) {
    if ((i > 0 && tod[i] === tod[i - 1]) || (i + 1 < n && tod[i] === tod[i + 1])) {
      candidates.push(i);
    }
  }
  if (candidates.length === 0) return null;
  const keyCols = frame.columns.filter((c) => c !== "row" && c !== "file_id");
  const index = pl.Series("i", new Uint32Array(candidates));
  const gathered = frame.select(...keyCols.map((c) => pl.col(c).gather(index)));
  const hashes = gathered.hashRows(1, 2, 3, 4).toTypedArray() as BigUint64Array;
  // Pairs (later, earlier) of equal hash within a run of equal times.
  const later: number[] = [], earlier: number[] = [];
  let runStart = 0;
  while (runStart < candidates.length) {
    let runEnd = runStart + 1;
    while (
      runEnd < candidates.length && candidates[runEnd] === candidates[runEnd - 1] + 1 &&
      tod[candidates[runEnd]] === tod[candidates[runStart]]
    ) runEnd++;
    const seen = new Map<bigint, number[]>();
    for (let j = runStart; j < runEnd; j++) {
      const same = seen.get(hashes[j]);
      if (same === undefined) seen.set(hashes[j], [j]);
      else {
        for (const k of same) {
          later.push(j);
          earlier.push(k);
        }
        same.push(j);
      }
    }
    runStart = runEnd;
  }
  if (later.length === 0) return null;
  const a = pl.Series("a", new Uint32Array(later)), b = pl.Series("b", new Uint32Array(earlier));
  const floats = new Set(
    gathered.getColumns().filter((s) => s.dtype.variant.startsWith("Float")).map((s) => s.name),
  );
  const equal = gathered.select(
    pl.allHorizontal(keyCols.map((c) => sameValue(c, a, b, floats.has(c)))).cast(pl.UInt8)
      .alias("eq"),
  );
  const eq = equal.getColumn("eq").toTypedArray() as Uint8Array;
  const copyOf = new Int32Array(n).fill(-1);
  let found = false;
  for (let p = 0; p < later.length; p++) {
    const row = candidates[later[p]];
    if (eq[p] === 1 && copyOf[row] < 0) {
      // The earlier row is the first copy: rows are compared with earlier rows only.
      copyOf[row] = candidates[earlier[p]];
      found = true;
    }
  }
  return found ? copyOf : null;
}
