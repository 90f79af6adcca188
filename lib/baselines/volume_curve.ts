/**
 * Intraday volume curves for VWAP execution: the share of a day's traded
 * volume expected in each time-of-day bucket between the open and the close,
 * as a piecewise-constant volume rate.
 *
 * - {@linkcode estimateVolumeCurve}: the mean volume per bucket over sample
 *   days (rows with an unknown volume are skipped), normalised to sum to 1.
 * - {@linkcode loadVolumeCurve}: the same from the interim store
 *   (`<root>/<symbol>/<date>.parquet`, columns `ts` and `trade_volume`, see
 *   lib/data/interim/schema.ts) for the dates of the dev split only — so the
 *   curve never sees validation or test days.
 * - {@linkcode uShapedVolumeCurve}: the default when no data set is at hand:
 *   rate ∝ 1 + 2·(2x − 1)² at the bucket midpoint x ∈ (0, 1) of the session,
 *   i.e. the open and the close trade about three times the midday rate (the
 *   familiar U shape of equity volume, e.g. Jain & Joh, 1988; Admati &
 *   Pfleiderer, 1988). A stated assumption, not an estimate.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { estimateVolumeCurve, uShapedVolumeCurve } from "./volume_curve.ts";
 * const u = uShapedVolumeCurve();
 * assert(u.weights[0] > 2.5 * u.weights[6]);          // heavier at the open than at midday
 * const c = estimateVolumeCurve([{ timeNs: [5, 10, 15, 20], volume: [1, 0, 3, NaN] }], { openNs: 0, closeNs: 20, buckets: 2 });
 * assert.deepEqual([...c.weights], [0.25, 0.75]);
 * assert.equal(c.shareBetween(0, 20, 10), 0.25);
 * ```
 * @module
 */

import { join } from "node:path";
import { parseClockNs } from "../config/clock.ts";
import { InputError } from "../core/errors.ts";
import type { DateRange } from "../dataset/splits.ts";

/** A day's volume profile: equal-width buckets from the open to the close. */
export class VolumeCurve {
  readonly openNs: number;
  readonly closeNs: number;
  /** Share of the day's volume per bucket (sums to 1). */
  readonly weights: Float64Array;
  /** Where the curve came from ("u-shape default", or the files it was estimated on). */
  readonly source: string;
  readonly #cum: Float64Array;

  constructor(openNs: number, closeNs: number, weights: ArrayLike<number>, source: string) {
    if (!(closeNs > openNs) || weights.length < 1) {
      throw new RangeError(
        `VolumeCurve: expected open < close and ≥ 1 bucket, found ${openNs}, ${closeNs}, ${weights.length}`,
      );
    }
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      if (!(weights[i] >= 0 && weights[i] < Infinity)) {
        throw new RangeError(
          `VolumeCurve: expected weights ≥ 0, found ${weights[i]} in bucket ${i}`,
        );
      }
      total += weights[i];
    }
    if (!(total > 0)) {
      throw new RangeError("VolumeCurve: expected some volume, found all weights 0");
    }
    this.openNs = openNs;
    this.closeNs = closeNs;
    this.weights = Float64Array.from(weights, (w) => w / total);
    this.source = source;
    this.#cum = new Float64Array(weights.length + 1);
    for (let i = 0; i < weights.length; i++) this.#cum[i + 1] = this.#cum[i] + this.weights[i];
  }

  /** Share of the day's volume traded between the open and `tNs` (0 before, 1 after the close). */
  cumulative(tNs: number): number {
    if (tNs <= this.openNs) return 0;
    if (tNs >= this.closeNs) return 1;
    const B = this.weights.length;
    const x = ((tNs - this.openNs) / (this.closeNs - this.openNs)) * B;
    const b = Math.min(B - 1, Math.floor(x));
    return this.#cum[b] + (x - b) * this.weights[b];
  }

  /**
   * Share of the volume of [fromNs, toNs] that falls before `atNs`; linear in
   * time when the curve has no volume in the window (e.g. outside the session).
   */
  shareBetween(fromNs: number, toNs: number, atNs: number): number {
    if (atNs <= fromNs) return 0;
    if (atNs >= toNs) return 1;
    const total = this.cumulative(toNs) - this.cumulative(fromNs);
    if (!(total > 1e-12)) return (atNs - fromNs) / (toNs - fromNs);
    return (this.cumulative(atNs) - this.cumulative(fromNs)) / total;
  }
}

/** Options shared by the curve builders. */
export interface VolumeCurveOptions {
  /** Session open and close, ns after midnight (default 09:30 and 16:00). */
  openNs?: number;
  closeNs?: number;
  /** Buckets between them (default 13: half hours of a US equity session). */
  buckets?: number;
}

const OPEN = parseClockNs("09:30:00");
const CLOSE = parseClockNs("16:00:00");

/** The stated default: rate ∝ 1 + 2·(2x − 1)² over the session (see the module docs). */
export function uShapedVolumeCurve(opts: VolumeCurveOptions = {}): VolumeCurve {
  const B = opts.buckets ?? 13;
  const w = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const x = (b + 0.5) / B;
    w[b] = 1 + 2 * (2 * x - 1) ** 2;
  }
  return new VolumeCurve(
    opts.openNs ?? OPEN,
    opts.closeNs ?? CLOSE,
    w,
    "u-shape default: rate ∝ 1 + 2·(2x − 1)²",
  );
}

/** One day of samples: grid times (ns after midnight) and the volume traded in each interval. */
export interface VolumeSamples {
  timeNs: ArrayLike<number>;
  volume: ArrayLike<number>;
}

/** The mean volume per time-of-day bucket over `days`, normalised (see the module docs). */
export function estimateVolumeCurve(
  days: readonly VolumeSamples[],
  opts: VolumeCurveOptions & { source?: string } = {},
): VolumeCurve {
  const open = opts.openNs ?? OPEN, close = opts.closeNs ?? CLOSE;
  const B = opts.buckets ?? 13;
  const w = new Float64Array(B);
  for (const d of days) {
    for (let i = 0; i < d.timeNs.length; i++) {
      const t = d.timeNs[i], v = d.volume[i];
      // A grid row at t describes (t − Δ, t]: it belongs to the bucket holding t, the open itself excluded.
      if (!(v >= 0) || t <= open || t > close) continue;
      const b = Math.max(0, Math.min(B - 1, Math.ceil(((t - open) / (close - open)) * B) - 1));
      w[b] += v;
    }
  }
  return new VolumeCurve(open, close, w, opts.source ?? `estimated on ${days.length} day(s)`);
}

/** Where {@linkcode loadVolumeCurve} reads from. */
export interface LoadVolumeCurveOptions extends VolumeCurveOptions {
  /** Root of the interim store (holds `<symbol>/<date>.parquet`). */
  root: string;
  symbol: string;
  /** The dev split: only these dates are read. */
  dev: DateRange;
}

/**
 * Estimates the curve from the interim store's `trade_volume` on the dev
 * split's dates. Throws an {@linkcode InputError} when no file of the split is
 * there or none has volume. Needs --allow-ffi and --allow-sys (polars, loaded
 * on the first call).
 */
export async function loadVolumeCurve(
  opts: LoadVolumeCurveOptions,
): Promise<{ curve: VolumeCurve; files: string[] }> {
  const dir = join(opts.root, opts.symbol);
  const files: string[] = [];
  try {
    for await (const e of Deno.readDir(dir)) {
      const m = /^(\d{4}-\d{2}-\d{2})\.parquet$/.exec(e.name);
      if (e.isFile && m !== null && m[1] >= opts.dev.start && m[1] <= opts.dev.end) {
        files.push(join(dir, e.name));
      }
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  files.sort();
  if (files.length === 0) {
    throw new InputError({
      file: dir,
      expected:
        `interim files <date>.parquet for the dev split ${opts.dev.start} … ${opts.dev.end}`,
      found: "none",
    });
  }
  const { default: pl } = await import("nodejs-polars");
  const days: VolumeSamples[] = [];
  for (const file of files) {
    let df;
    try {
      df = pl.readParquet(file, { columns: ["ts", "trade_volume"] });
    } catch (err) {
      throw new InputError({
        file,
        expected: "a Parquet file with columns ts, trade_volume",
        found: (err as Error).message,
      });
    }
    const ns = df.select(
      pl.col("ts").cast(pl.Int64).modulo(pl.lit(86_400_000_000_000).cast(pl.Int64)).cast(pl.Float64)
        .alias("ns"),
    ).getColumn("ns");
    const timeNs = Float64Array.from(ns.toArray() as number[]);
    const volume = Float64Array.from(
      df.getColumn("trade_volume").cast(pl.Float64).toArray() as (number | null)[],
      (v) => v ?? NaN,
    );
    days.push({ timeNs, volume });
  }
  try {
    return {
      curve: estimateVolumeCurve(days, {
        ...opts,
        source: `trade_volume of ${files.length} dev day(s) in ${dir}`,
      }),
      files,
    };
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new InputError({
      file: dir,
      expected: "trade_volume inside the session on the dev days",
      found: "no volume",
    });
  }
}
