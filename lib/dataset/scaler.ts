/**
 * Feature scalers, fitted on the dev split only and applied unchanged to
 * every split.
 *
 * - **robust** (default): center = median, scale = IQR = q75 − q25, quantiles
 *   by linear interpolation (NumPy's default method; see
 *   {@linkcode QUANTILE_METHOD}); an IQR of 0 becomes 1.
 * - **standard**: center = mean, scale = population standard deviation
 *   (divide by n); a std of 0 becomes 1.
 *
 * Scaled value (scaler_apply.ts): z = (x − center) / scale, then clipped to
 * [−clip, clip] when `clip` is set; stored datasets round z to float32. Statistics are per
 * feature and per group: a symbol, or a symbol and a value of a regime
 * column. Only rows with every feature finite (and a regime) enter the fit.
 *
 * The scaler JSON records the features, method, clip, statistics per symbol
 * (and regime), the fit's date range and row count, and `data_sha256`: a
 * SHA-256 of exactly the values fitted (see {@linkcode fitScalerFromSources}).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { fitScaler } from "./scaler.ts";
 * import { applyScaler } from "./scaler_apply.ts";
 * const dev = pl.DataFrame({
 *   ts: [1, 2, 3, 4, 5], symbol: ["A", "A", "A", "A", "A"], date: Array(5).fill("2024-01-02"),
 *   mid: [1, 1, 1, 1, 1], spread: [1, 2, 3, 4, null],
 * });
 * const scaler = await fitScaler(dev);
 * // rows 1…4: median 2.5, q25 1.75, q75 3.25 → IQR 1.5
 * assert.deepEqual(scaler.stats.A.all.center, [2.5]);
 * assert.deepEqual(scaler.stats.A.all.scale, [1.5]);
 * const scaled = applyScaler(dev, scaler);
 * assert.deepEqual(scaled.getColumn("spread").toArray(), [-1, -1 / 3, 1 / 3, 1, null]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { InputError } from "../core/errors.ts";
import { createHash } from "node:crypto";
import {
  compareGroupKeys,
  groupIndex,
  type GroupKey,
  resolveFeatures,
  validColumns,
  validMask,
} from "./frames.ts";
import { meanStd, QUANTILE_METHOD, quantilesLinear } from "./quantile.ts";
import { NativeMemoryBudget } from "../core/native_memory.ts";

/** Scaling method. */
export type ScalerMethod = "robust" | "standard";

/** How to fit a scaler. */
export interface ScalerOptions {
  /** "robust" (median, IQR; default) or "standard" (mean, population std). */
  method?: ScalerMethod;
  /** Clip scaled values to [−clip, clip]; null (default) = no clipping. */
  clip?: number | null;
  /** Column whose values split each symbol's statistics further; default none. */
  regimeColumn?: string | null;
}

/** Statistics of one group (symbol, regime); every array has one entry per feature. */
export interface GroupStats {
  /** Rows fitted. */
  rows: number;
  /** Subtracted: the median (robust) or mean (standard). */
  center: number[];
  /** Divided by: the IQR or std, 1 where that is 0. */
  scale: number[];
  /** Robust only: the quartiles the IQR came from. */
  q25?: number[];
  /** Robust only. */
  q75?: number[];
  /** Standard only: the population std before the 0 → 1 rule. */
  std?: number[];
}

/** Where the fitted data came from. */
export interface ScalerFit {
  /** The split fitted on (always "dev" from the dataset builder). */
  split: string;
  /** The split's configured date range, when known. */
  range: { start: string; end: string } | null;
  /** First and last session date present in the fitted rows. */
  first_date: string;
  /** Last session date present in the fitted rows. */
  last_date: string;
  /** Rows fitted, all groups together. */
  rows: number;
  /** SHA-256 of the fitted values (see `hash_method`). */
  data_sha256: string;
  /** How `data_sha256` is computed, in words. */
  hash_method: string;
}

/** A fitted scaler, exactly as saved to JSON. */
export interface Scaler {
  /** File format tag. */
  format: "hft-marl.scaler.v1";
  /** Scaling method. */
  method: ScalerMethod;
  /** The quantile method (robust), or null. */
  quantile_method: string | null;
  /** Feature names, in column order. */
  features: string[];
  /** Clip bound after scaling, or null. */
  clip: number | null;
  /** Regime column, or null (then every symbol has the single regime "all"). */
  regime_column: string | null;
  /** The data fitted. */
  fit: ScalerFit;
  /** Statistics: `stats[symbol][regime]`. */
  stats: Record<string, Record<string, GroupStats>>;
}

/** The text recorded as `fit.hash_method`. */
export const HASH_METHOD =
  "sha256 of the concatenated sha256 digests (32 bytes each) of the fitted values of every (group, feature): groups sorted by symbol then regime, features in list order; each value vector is float64 little-endian over the group's valid dev rows in (symbol, date, ts) order";

/**
 * Rows for a fit, e.g. the valid rows of one file: `rows` of them;
 * `groups[i]` is row i's index into the fit's group keys (or one index for
 * every row); `column(name)` returns a feature's `rows` Float64 values, all
 * finite.
 */
export interface FitSource {
  /** Number of rows. */
  rows: number;
  /** Group index per row, or the same index for all rows. */
  groups: Int32Array | number;
  /** A feature's values, one per row. */
  column(name: string): Float64Array | Promise<Float64Array>;
}

/** What {@linkcode fitScalerFromSources} needs besides the sources. */
export interface FitSpec extends ScalerOptions {
  /** Feature names, in order. */
  features: readonly string[];
  /** Group keys that source group indices point into. */
  keys: readonly GroupKey[];
  /** Split name recorded in the JSON; default "dev". */
  split?: string;
  /** Configured date range recorded in the JSON. */
  range?: { start: string; end: string } | null;
  /** First and last dates of the fitted rows. */
  dates: { first: string; last: string };
}

function checkClip(clip: number | null): void {
  if (clip !== null && !(clip > 0 && Number.isFinite(clip))) {
    throw new RangeError(`scaler clip must be a positive number or null, got ${clip}`);
  }
}

function groupStats(values: Float64Array, method: ScalerMethod): {
  center: number;
  scale: number;
  extra: number[];
} {
  if (method === "standard") {
    const { mean, std } = meanStd(values);
    return { center: mean, scale: std === 0 ? 1 : std, extra: [std] };
  }
  const [q25, median, q75] = quantilesLinear(values, [0.25, 0.5, 0.75]);
  const iqr = q75 - q25;
  return { center: median, scale: iqr === 0 ? 1 : iqr, extra: [q25, q75] };
}

/**
 * The statistics and value digests of some features (by index into
 * `spec.features`): the part of a fit that one worker can do while another
 * does the rest. {@linkcode fitScalerFromSources} is one part over every
 * feature, then {@linkcode assembleScaler}.
 */
export interface FeatureFitPart {
  /** Feature indices, ascending. */
  features: number[];
  /** Rows per group of `spec.keys` (all groups, fitted or not). */
  counts: number[];
  /** Per used group (groups with rows, in `spec.keys` order), per feature of `features`. */
  center: number[][];
  scale: number[][];
  /** q25 and q75 (robust) or std (standard; second row unused). */
  extra: [number[], number[]][];
  /** SHA-256 of each (used group, feature of `features`) value vector. */
  digests: Uint8Array[][];
}

/** Rows per group of `spec.keys` over `sources`. */
function groupCounts(sources: readonly FitSource[], G: number): number[] {
  const counts = new Array<number>(G).fill(0);
  for (const src of sources) {
    if (typeof src.groups === "number") counts[src.groups] += src.rows;
    else for (let r = 0; r < src.rows; r++) counts[src.groups[r]]++;
  }
  return counts;
}

/**
 * Fits the features `featureIndices` (default all) on the valid rows of
 * `sources`, one feature at a time: for each feature, the values of each
 * group are gathered into one Float64Array (so peak extra memory is one
 * feature column of the fitted rows), hashed, then reduced to statistics by
 * selection.
 */
export async function fitFeaturePart(
  sources: readonly FitSource[],
  spec: FitSpec,
  featureIndices: readonly number[] = spec.features.map((_, f) => f),
): Promise<FeatureFitPart> {
  const method = spec.method ?? "robust";
  const G = spec.keys.length;
  const counts = groupCounts(sources, G);
  const used = counts.map((c, g) => ({ c, g })).filter((x) => x.c > 0);
  const slot = new Int32Array(G).fill(-1);
  used.forEach((u, k) => (slot[u.g] = k));
  const part: FeatureFitPart = {
    features: [...featureIndices],
    counts,
    center: used.map(() => []),
    scale: used.map(() => []),
    extra: used.map(() => [[], []]),
    digests: used.map(() => []),
  };
  // One buffer per group, reused for every feature.
  const bufs = used.map((u) => new Float64Array(u.c));
  for (const f of featureIndices) {
    const fill = new Int32Array(used.length);
    for (const src of sources) {
      const col = await src.column(spec.features[f]);
      if (col.length !== src.rows) {
        throw new RangeError(
          `fit source: column ${spec.features[f]} has ${col.length} rows, expected ${src.rows}`,
        );
      }
      const { groups } = src;
      if (typeof groups === "number") {
        const k = slot[groups];
        bufs[k].set(col, fill[k]);
        fill[k] += col.length;
      } else {
        for (let r = 0; r < col.length; r++) {
          const k = slot[groups[r]];
          bufs[k][fill[k]++] = col[r];
        }
      }
    }
    for (let k = 0; k < used.length; k++) {
      part.digests[k].push(sha256(new Uint8Array(bufs[k].buffer)));
      const s = groupStats(bufs[k], method);
      part.center[k].push(s.center);
      part.scale[k].push(s.scale);
      part.extra[k][0].push(s.extra[0]);
      part.extra[k][1].push(method === "robust" ? s.extra[1] : NaN);
    }
  }
  return part;
}

/**
 * The scaler from parts that together cover every feature once (see
 * {@linkcode fitFeaturePart}). `data_sha256` follows {@linkcode HASH_METHOD}.
 */
export function assembleScaler(parts: readonly FeatureFitPart[], spec: FitSpec): Scaler {
  const method = spec.method ?? "robust";
  const clip = spec.clip ?? null;
  checkClip(clip);
  const F = spec.features.length;
  if (parts.length === 0) throw new RangeError("assembleScaler: no parts");
  const counts = parts[0].counts;
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) {
    throw new InputError({
      keyPath: spec.split ?? "dev",
      expected: "rows with every feature present to fit the scaler on",
      found: "none",
    });
  }
  const used = counts.map((c, g) => ({ c, g })).filter((x) => x.c > 0);
  const center = used.map(() => new Array<number>(F));
  const scale = used.map(() => new Array<number>(F));
  const extra = used.map(() => [new Array<number>(F), new Array<number>(F)]);
  const digests = used.map(() => new Array<Uint8Array>(F));
  const seen = new Uint8Array(F);
  for (const part of parts) {
    part.features.forEach((f, i) => {
      if (seen[f]++ !== 0) throw new RangeError(`assembleScaler: feature ${f} in two parts`);
      for (let k = 0; k < used.length; k++) {
        center[k][f] = part.center[k][i];
        scale[k][f] = part.scale[k][i];
        extra[k][0][f] = part.extra[k][0][i];
        extra[k][1][f] = part.extra[k][1][i];
        digests[k][f] = part.digests[k][i];
      }
    });
  }
  const missing = seen.findIndex((x) => x === 0);
  if (missing >= 0) throw new RangeError(`assembleScaler: feature ${missing} in no part`);
  const order = used.map((u, k) => ({ key: spec.keys[u.g], k }))
    .sort((a, b) => compareGroupKeys(a.key, b.key));
  const all = new Uint8Array(order.length * F * 32);
  let off = 0;
  for (const { k } of order) {
    for (let f = 0; f < F; f++) {
      all.set(digests[k][f], off);
      off += 32;
    }
  }
  const stats: Record<string, Record<string, GroupStats>> = {};
  for (const { key, k } of order) {
    const g: GroupStats = { rows: used[k].c, center: center[k], scale: scale[k] };
    if (method === "robust") {
      g.q25 = extra[k][0];
      g.q75 = extra[k][1];
    } else g.std = extra[k][0];
    (stats[key.symbol] ??= {})[key.regime] = g;
  }
  return {
    format: "hft-marl.scaler.v1",
    method,
    quantile_method: method === "robust" ? QUANTILE_METHOD : null,
    features: [...spec.features],
    clip,
    regime_column: spec.regimeColumn ?? null,
    fit: {
      split: spec.split ?? "dev",
      range: spec.range ?? null,
      first_date: spec.dates.first,
      last_date: spec.dates.last,
      rows: total,
      data_sha256: Array.from(sha256(all), (b) => b.toString(16).padStart(2, "0")).join(""),
      hash_method: HASH_METHOD,
    },
    stats,
  };
}

/**
 * Fits a scaler on the valid rows of `sources` ({@linkcode fitFeaturePart}
 * over every feature, then {@linkcode assembleScaler}).
 */
export async function fitScalerFromSources(
  sources: readonly FitSource[],
  spec: FitSpec,
): Promise<Scaler> {
  checkClip(spec.clip ?? null);
  if (groupCounts(sources, spec.keys.length).every((c) => c === 0)) {
    return assembleScaler([{
      features: [],
      counts: new Array(spec.keys.length).fill(0),
      center: [],
      scale: [],
      extra: [],
      digests: [],
    }], spec);
  }
  return assembleScaler([await fitFeaturePart(sources, spec)], spec);
}

/** SHA-256 of `bytes` (node:crypto: synchronous, about twice as fast as Web Crypto here). */
function sha256(bytes: Uint8Array): Uint8Array {
  return createHash("sha256").update(bytes).digest();
}

/** Options of {@linkcode fitScaler}. */
export interface FitScalerOptions extends ScalerOptions {
  /** Features (default: every non-key column, in frame order; each must be numeric). */
  features?: readonly string[] | null;
  /** Split name recorded; default "dev". */
  split?: string;
  /** Configured date range recorded. */
  range?: { start: string; end: string } | null;
}

/**
 * Fits a scaler on a (dev) feature frame: rows with every feature finite
 * (and a regime, when a regime column is given), grouped by symbol (and regime).
 */
export async function fitScaler(df: pl.DataFrame, opts: FitScalerOptions = {}): Promise<Scaler> {
  const regimeColumn = opts.regimeColumn ?? null;
  const features = resolveFeatures(df.schema, { features: opts.features, regimeColumn });
  const valid = validMask(df, features, regimeColumn);
  const { keys, ids } = groupIndex(df, regimeColumn);
  let rows = 0;
  for (let r = 0; r < valid.length; r++) rows += valid[r];
  let groups: Int32Array | number = 0; // one symbol: every row in group 0
  if (keys.length > 1) {
    groups = new Int32Array(rows);
    for (let r = 0, j = 0; r < valid.length; r++) if (valid[r] === 1) groups[j++] = ids[r];
  }
  const dates = df.select("date").withColumn(pl.Series("__valid", valid).cast(pl.Bool))
    .filter(pl.col("__valid"))
    .select(pl.col("date").min().alias("first"), pl.col("date").max().alias("last"));
  const budget = new NativeMemoryBudget();
  const source: FitSource = {
    rows,
    groups,
    column: async (f) => {
      await budget.note(rows * 16); // the previous column's filtered copy
      return validColumns(df, [f], valid)[0];
    },
  };
  return await fitScalerFromSources([source], {
    ...opts,
    features,
    keys,
    dates: {
      first: String(dates.getColumn("first").get(0)),
      last: String(dates.getColumn("last").get(0)),
    },
  });
}
