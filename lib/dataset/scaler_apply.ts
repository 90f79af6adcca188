/**
 * Applying a fitted {@linkcode Scaler}, never refitting: dense per-group
 * tables ({@linkcode scalerTables}), the typed-array kernel
 * ({@linkcode scaleInto}: z = (x − center) / scale, clipped to [−clip, clip]
 * when set) and the frame stage {@linkcode applyScaler}. A symbol or regime
 * the scaler has no statistics for is an error, never a refit.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { fitScaler } from "./scaler.ts";
 * import { applyScaler } from "./scaler_apply.ts";
 * const frame = (x: number[]) =>
 *   pl.DataFrame({
 *     ts: x.map((_, i) => i), symbol: x.map(() => "A"), date: x.map(() => "2024-01-02"),
 *     mid: x.map(() => 1), x,
 *   });
 * const scaler = await fitScaler(frame([1, 2, 3]), { clip: 5 }); // median 2, IQR 1
 * assert.deepEqual(applyScaler(frame([2, 3, 100]), scaler).getColumn("x").toArray(), [0, 1, 5]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../core/errors.ts";
import {
  ALL_REGIMES,
  columnFloat64,
  compareGroupKeys,
  groupIndex,
  type GroupKey,
  resolveFeatures,
} from "./frames.ts";
import type { Scaler } from "./scaler.ts";

/** Dense per-group tables of a scaler, for applying it to typed arrays. */
export interface ScalerTables {
  /** Groups in table order (sorted by symbol, then regime). */
  keys: GroupKey[];
  /** Features per row. */
  F: number;
  /** `center[g·F + f]`. */
  center: Float64Array;
  /** `scale[g·F + f]`. */
  scale: Float64Array;
  /** Clip bound, or null. */
  clip: number | null;
}

/** Flattens a scaler's statistics into {@linkcode ScalerTables}. */
export function scalerTables(scaler: Scaler): ScalerTables {
  const keys: GroupKey[] = [];
  for (const symbol of Object.keys(scaler.stats)) {
    for (const regime of Object.keys(scaler.stats[symbol])) keys.push({ symbol, regime });
  }
  keys.sort(compareGroupKeys);
  const F = scaler.features.length;
  const center = new Float64Array(keys.length * F);
  const scale = new Float64Array(keys.length * F);
  keys.forEach((k, g) => {
    const s = scaler.stats[k.symbol][k.regime];
    center.set(s.center, g * F);
    scale.set(s.scale, g * F);
  });
  return { keys, F, center, scale, clip: scaler.clip };
}

/**
 * Maps a source's group keys to scaler table rows. Throws
 * {@linkcode InputError} naming the group (and `source`) when the scaler has
 * no statistics for it: a symbol or regime absent from dev cannot be scaled
 * without refitting, which is never done.
 */
export function mapGroups(
  tables: ScalerTables,
  keys: readonly GroupKey[],
  source = "feature frame",
): Int32Array {
  const index = new Map(tables.keys.map((k, g) => [`${k.symbol}\u001f${k.regime}`, g]));
  const out = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    const g = index.get(`${k.symbol}\u001f${k.regime}`);
    if (g === undefined) {
      const known = tables.keys.map((t) =>
        t.regime === ALL_REGIMES ? t.symbol : `${t.symbol}/${t.regime}`
      );
      throw new InputError({
        file: source,
        keyPath: k.regime === ALL_REGIMES ? "symbol" : "symbol/regime",
        expected: `a group the scaler was fitted on (${known.join(", ")})`,
        found: k.regime === ALL_REGIMES ? k.symbol : `${k.symbol}/${k.regime}`,
      });
    }
    out[i] = g;
  });
  return out;
}

/**
 * Scales feature `f` of the source rows `rows`: the value of source row
 * `rows[j]` goes to `out[offset + j·stride]` (for a row-major matrix of F
 * columns: offset = firstRow·F + f, stride = F). `group[r]` is source row r's
 * table row, or one table row for all. Float32 stores round to nearest.
 */
export function scaleInto(
  col: Float64Array,
  rows: Int32Array,
  group: Int32Array | number,
  tables: ScalerTables,
  f: number,
  out: Float32Array | Float64Array,
  offset: number,
  stride: number,
): void {
  const F = tables.F;
  const { center, scale } = tables;
  const clip = tables.clip ?? Infinity;
  const nclip = -clip;
  const n = rows.length;
  let o = offset;
  if (typeof group === "number") {
    const c = center[group * F + f], s = scale[group * F + f];
    if (clip === Infinity) {
      for (let j = 0; j < n; j++, o += stride) out[o] = (col[rows[j]] - c) / s;
    } else {
      for (let j = 0; j < n; j++, o += stride) {
        out[o] = Math.min(clip, Math.max(nclip, (col[rows[j]] - c) / s));
      }
    }
    return;
  }
  for (let j = 0; j < n; j++, o += stride) {
    const r = rows[j];
    const g = group[r] * F + f;
    out[o] = Math.min(clip, Math.max(nclip, (col[r] - center[g]) / scale[g]));
  }
}

/**
 * The frame with every scaler feature replaced by its scaled value (Float64,
 * clipped; null where the input is not finite or the regime is null). Never
 * refits: a symbol (or regime) the scaler has no statistics for is an
 * {@linkcode InputError}.
 */
export function applyScaler(df: pl.DataFrame, scaler: Scaler): pl.DataFrame {
  const tables = scalerTables(scaler);
  resolveFeatures(df.schema, { features: scaler.features, regimeColumn: scaler.regime_column });
  const { keys, ids } = groupIndex(df, scaler.regime_column);
  const map = mapGroups(tables, keys);
  const n = df.height;
  const group = new Int32Array(n);
  const rows = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    rows[r] = r;
    group[r] = ids[r] < 0 ? 0 : map[ids[r]];
  }
  const scaled: pl.Series[] = [];
  scaler.features.forEach((name, f) => {
    const col = columnFloat64(df, name);
    for (let r = 0; r < n; r++) if (ids[r] < 0 || !Number.isFinite(col[r])) col[r] = NaN;
    const out = new Float64Array(n);
    scaleInto(col, rows, group, tables, f, out, 0, 1);
    scaled.push(pl.Series(name, out));
  });
  return df.withColumns(...scaled).withColumns(
    ...scaler.features.map((name) =>
      pl.when(pl.col(name).isNan()).then(pl.lit(null)).otherwise(pl.col(name)).alias(name)
    ),
  );
}
