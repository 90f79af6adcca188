/**
 * Order statistics for the scalers, on plain `Float64Array`s of finite values:
 * linear-interpolation quantiles found by radix selection (no sort of the
 * whole array) and the population mean and standard deviation.
 *
 * **Quantile method**: "linear", Hyndman and Fan (1996) type 7, the default of
 * NumPy (`np.quantile(..., method="linear")`), R (`type = 7`) and polars
 * (`interpolation="linear"`): with the n values sorted, x₍₀₎ ≤ … ≤ x₍ₙ₋₁₎, the
 * q-quantile is x₍ⱼ₎ + g·(x₍ⱼ₊₁₎ − x₍ⱼ₎) where j = ⌊q·(n − 1)⌋ and
 * g = q·(n − 1) − j (x₍ⱼ₎ itself when g = 0). The interpolation is evaluated
 * as NumPy's `_lerp` does, so results match `np.quantile` bit for bit:
 * a + g·(b − a) when g < 0.5, b − (1 − g)·(b − a) when g ≥ 0.5, with
 * a = x₍ⱼ₎ and b = x₍ⱼ₊₁₎.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { meanStd, quantilesLinear } from "./quantile.ts";
 * // sorted: 1 2 3 4 → q25 at position 0.75: 2 − 0.25·(2 − 1) = 1.75
 * assert.deepEqual(quantilesLinear(new Float64Array([4, 1, 3, 2]), [0.25, 0.5, 0.75]), [1.75, 2.5, 3.25]);
 * assert.deepEqual(meanStd(new Float64Array([1, 3])), { mean: 2, std: 1 });
 * ```
 * @module
 */

/** A description of the quantile method, as recorded in scaler files. */
export const QUANTILE_METHOD =
  "linear (Hyndman-Fan type 7, numpy default): j = floor(q*(n-1)), g = q*(n-1) - j, a = x[j], b = x[j+1] (x sorted ascending); a + g*(b - a) if g < 0.5 else b - (1 - g)*(b - a), as numpy evaluates it";

/** Below this many candidates a bucket is sorted instead of split further. */
const SORT_BELOW = 4096;

/**
 * Writes into `out` the 16-bit digit `level` (0 = most significant) of the
 * order-preserving key of each float64 (`words` holds their lo, hi 32-bit
 * halves), and counts the digits into `hist`. The key flips every bit of a
 * negative number and only the sign bit of others, so unsigned key order is
 * numeric order (−0 just before +0).
 */
function digits(words: Uint32Array, level: number, out: Uint16Array, hist: Uint32Array): void {
  const n = out.length;
  const off = level < 2 ? 1 : 0; // hi word for levels 0, 1
  const shift = level % 2 === 0 ? 16 : 0;
  const flipTop = level === 0 ? 0x8000 : 0;
  for (let i = 0, w = 0; i < n; i++, w += 2) {
    const mask = (words[w + 1] >> 31) & 0xffff; // 0xffff when negative, else 0
    const d = ((words[w + off] >>> shift) & 0xffff) ^ (mask | (flipTop & ~mask));
    out[i] = d;
    hist[d]++;
  }
}

/**
 * The values at the sorted positions `ranks` (ascending, distinct, each in
 * 0 … n − 1) of `values`, which is left untouched; values must not be NaN.
 * Most-significant-digit radix selection: per 16-bit digit, one histogram
 * pass over the candidates and one pass keeping only the buckets that hold a
 * wanted rank; buckets under 4,096 values are sorted. Branch-free passes:
 * on random data a comparison-based pass (quickselect, or sample pivots)
 * measured slower here, its branches being unpredictable.
 */
export function selectRanks(values: Float64Array, ranks: readonly number[]): number[] {
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    if (!(Number.isInteger(r) && r >= 0 && r < values.length) || (i > 0 && r <= ranks[i - 1])) {
      throw new RangeError(`selectRanks: ranks must be ascending in 0 … ${values.length - 1}`);
    }
  }
  return selectLevel(values, ranks, 0, false);
}

function selectLevel(
  cands: Float64Array,
  ranks: readonly number[],
  level: number,
  owned: boolean,
): number[] {
  const n = cands.length;
  // Past level 3 every 16-bit digit of the keys matched: the values are bitwise equal.
  if (level === 4) return ranks.map(() => cands[0]);
  if (n <= SORT_BELOW) {
    const sorted = owned ? cands.sort() : cands.slice().sort();
    return ranks.map((r) => sorted[r]);
  }
  const words = new Uint32Array(cands.buffer, cands.byteOffset, n * 2);
  const dig = new Uint16Array(n);
  const hist = new Uint32Array(65536);
  digits(words, level, dig, hist);
  // One digit for every candidate (prices sharing their top bits, runs of zeros):
  // the next digit on the same candidates, without copying them.
  if (hist[dig[0]] === n) return selectLevel(cands, ranks, level + 1, owned);
  // The bucket of each wanted rank, and the ranks inside it.
  const bucketOf = new Int32Array(65536).fill(-1);
  const buckets: { digit: number; ranks: number[] }[] = [];
  let cum = 0, j = 0;
  for (let d = 0; d < 65536 && j < ranks.length; d++) {
    const c = hist[d];
    if (c === 0) continue;
    if (ranks[j] < cum + c) {
      const b = { digit: d, ranks: [] as number[] };
      while (j < ranks.length && ranks[j] < cum + c) b.ranks.push(ranks[j++] - cum);
      bucketOf[d] = buckets.length;
      buckets.push(b);
    }
    cum += c;
  }
  const parts = buckets.map((b) => new Float64Array(hist[b.digit]));
  const fill = new Int32Array(buckets.length);
  for (let i = 0; i < n; i++) {
    const k = bucketOf[dig[i]];
    if (k >= 0) parts[k][fill[k]++] = cands[i];
  }
  const out: number[] = [];
  buckets.forEach((b, k) => out.push(...selectLevel(parts[k], b.ranks, level + 1, true)));
  return out;
}

/** NumPy's `_lerp`: a + g·(b − a), evaluated from b's side when g ≥ 0.5. */
function lerp(a: number, b: number, g: number): number {
  if (g === 0) return a;
  const d = b - a;
  return g >= 0.5 ? b - d * (1 - g) : a + d * g;
}

/**
 * The linear-interpolation quantiles (see the module doc) of `values` at each
 * probability in `qs` (each in [0, 1]), via {@linkcode selectRanks}; `values`
 * is left untouched. A −0 result is returned as 0.
 */
export function quantilesLinear(values: Float64Array, qs: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("quantilesLinear: no values");
  const wanted = new Set<number>();
  const at = qs.map((q) => {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantilesLinear: q must be in [0, 1], got ${q}`);
    const pos = q * (n - 1);
    const j = Math.floor(pos);
    wanted.add(j);
    if (j + 1 < n) wanted.add(j + 1);
    return { j, g: pos - j };
  });
  const ranks = [...wanted].sort((a, b) => a - b);
  const got = selectRanks(values, ranks);
  const value = new Map(ranks.map((r, i) => [r, got[i]]));
  return at.map(({ j, g }) => lerp(value.get(j)!, value.get(j + 1) ?? NaN, g) + 0);
}

/**
 * Mean and population standard deviation (divide by n), two passes:
 * mean = Σx / n, std = sqrt(Σ(x − mean)² / n), sums in index order.
 */
export function meanStd(values: Float64Array): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) throw new RangeError("meanStd: no values");
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  return { mean: mean + 0, std: Math.sqrt(ss / n) };
}
