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

import { Rng } from "../core/rng.ts";

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

/** From this many values on, {@linkcode quantilesLinear} brackets with a sample. */
const BRACKET_MIN = 32_768;

/** Brackets wider than this many sample positions on each side of the target. */
const BRACKET_SIGMAS = 3.5;

/** The machine stores float64 little-endian (the high 32-bit word second). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/** Coarse key bounds: every key lies in [KEY_MIN, KEY_MAX]. */
const KEY_MIN = -(2 ** 30), KEY_MAX = 2 ** 30 - 1;

/**
 * A coarse order-preserving 31-bit key of a float64 from its high 32-bit word
 * `hi` (sign, exponent, top 20 mantissa bits): flip the 31 low bits of a
 * negative number, then drop the lowest bit. x ≤ y implies key(x) ≤ key(y)
 * in the typed-array order (−0 before +0).
 */
function coarseKey(hi: number): number {
  return (hi ^ ((hi >> 31) & 0x7fffffff)) >> 1;
}

const keyView = new Float64Array(1);
const keyWords = new Int32Array(keyView.buffer);

function keyOf(x: number): number {
  keyView[0] = x;
  return coarseKey(keyWords[1]);
}

/** Ranks found together: consecutive ones, or merged where brackets overlap. */
interface Target {
  ranks: number[];
  /** Sample bounds: the ranks should lie among values in [lo, hi] (null: unbounded). */
  lo: number | null;
  hi: number | null;
  /** The sample's guess of the value at the first rank. */
  guess: number;
  /** The answers, once found. */
  got: number[] | null;
}

/** The sample size for n values. */
function sampleSize(n: number): number {
  return Math.min(8192, Math.max(1024, Math.round(4 * Math.sqrt(n))));
}

/**
 * The values at the sorted positions `ranks` (ascending, distinct, each in
 * 0 … n − 1) of `values` (left untouched, no NaN): the same numbers as
 * {@linkcode selectRanks}, except that a value equal to ±0 may come back
 * with either sign of zero (no linear-interpolation quantile can tell them
 * apart).
 *
 * Floyd–Rivest style bracketing: a seeded random sample of the values is
 * sorted and, around each run of consecutive wanted ranks, gives bounds
 * lo ≤ hi that hold those ranks with high probability. One branch-free pass
 * over the high 32-bit words of the values (up to three brackets per pass)
 * counts the values whose coarse key (sign, exponent, 19 mantissa bits) falls
 * below, inside and above each bracket, and copies those inside into a small
 * buffer, where the ranks are selected (recursively). A run of ranks that
 * falls on many copies of one value (few distinct values, mostly zeros) is
 * settled by an exact count of the values below and up to that value.
 * Whatever the counts cannot prove is found by {@linkcode selectRanks}, so the
 * result never depends on the sample; only the time does.
 */
export function bracketRanks(values: Float64Array, ranks: readonly number[]): number[] {
  const n = values.length;
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i];
    if (!(Number.isInteger(r) && r >= 0 && r < n) || (i > 0 && r <= ranks[i - 1])) {
      throw new RangeError(`bracketRanks: ranks must be ascending in 0 … ${n - 1}`);
    }
  }
  if (n < 4096 || !LITTLE_ENDIAN || ranks.length === 0) return selectRanks(values, ranks);
  // The sample: s values drawn with replacement by a fixed-seed stream.
  const s = sampleSize(n);
  const rng = SAMPLE_RNG.derive(String(n));
  const sample = new Float64Array(s);
  for (let i = 0; i < s; i++) sample[i] = values[rng.nextInt(n)];
  sample.sort();
  // Runs of consecutive ranks, each with its sample bracket.
  const targets: Target[] = [];
  for (let i = 0; i < ranks.length;) {
    let k = i;
    while (k + 1 < ranks.length && ranks[k + 1] === ranks[k] + 1) k++;
    const r0 = ranks[i], r1 = ranks[k];
    const p = (r0 + 0.5) / n;
    const margin = BRACKET_SIGMAS * Math.sqrt(s * p * (1 - p)) + 2;
    const iLo = Math.floor((r0 * s) / n - margin), iHi = Math.ceil(((r1 + 1) * s) / n + margin);
    targets.push({
      ranks: ranks.slice(i, k + 1),
      lo: iLo < 0 ? null : sample[iLo],
      hi: iHi >= s ? null : sample[iHi],
      guess: sample[Math.min(s - 1, Math.floor((r0 * s) / n))],
      got: null,
    });
    i = k + 1;
  }
  // Brackets holding one value: exact counts only; the others: coarse-key passes,
  // with overlapping brackets merged (the pass needs them disjoint and ascending).
  const ranged: Target[] = [];
  for (const t of targets) {
    if (t.lo !== null && t.hi !== null && t.lo === t.hi) continue;
    const last = ranged[ranged.length - 1];
    if (
      last !== undefined && (last.hi === null || t.lo === null || keyOf(t.lo) <= keyOf(last.hi))
    ) {
      last.ranks.push(...t.ranks);
      last.hi = t.hi;
      t.got = [];
    } else ranged.push({ ...t, ranks: [...t.ranks] });
  }
  const merged = new Map<number, number>(); // rank → value, from the ranged passes
  for (let i = 0; i < ranged.length; i += 3) rangePass(values, ranged.slice(i, i + 3), s);
  for (const t of ranged) t.got?.forEach((v, i) => merged.set(t.ranks[i], v));
  const out: number[] = [];
  for (const t of targets) {
    const got = t.ranks.map((r) => merged.get(r));
    if (got.every((v) => v !== undefined)) {
      out.push(...(got as number[]));
      continue;
    }
    const run = runCount(values, t.guess, t.ranks);
    out.push(...(run ?? selectRanks(values, t.ranks)));
  }
  return out;
}

const SAMPLE_RNG = Rng.fromSeed(0x51a7e).derive("quantile-sample");

/**
 * One pass for up to three targets with disjoint, ascending brackets: each
 * value's coarse key is compared with the six bracket bounds (below key(lo),
 * up to key(hi)); the number of bounds it is below indexes a histogram, and
 * an odd number means inside a bracket, so the value is copied to a shared
 * buffer. A target whose ranks lie among its bracket's values is then settled
 * by selection among them.
 */
function rangePass(values: Float64Array, ts: Target[], s: number): void {
  const n = values.length;
  // Thresholds (key < bound ⇔ below), padded with never-below bounds past the top.
  const bounds = [KEY_MIN, KEY_MIN, KEY_MIN, KEY_MIN, KEY_MIN, KEY_MIN];
  ts.forEach((t, i) => {
    bounds[6 - 2 * ts.length + 2 * i] = t.lo === null ? KEY_MIN : keyOf(t.lo);
    bounds[7 - 2 * ts.length + 2 * i] = t.hi === null ? KEY_MAX + 1 : keyOf(t.hi) + 1;
  });
  const b0 = bounds[0] | 0, b1 = bounds[1] | 0, b2 = bounds[2] | 0;
  const b3 = bounds[3] | 0, b4 = bounds[4] | 0, b5 = bounds[5] | 0;
  // Buffer: 1.5× the share of the values the brackets are expected to hold.
  let spread = 0;
  for (const t of ts) {
    const p = (t.ranks[0] + 0.5) / n;
    spread += 2 * (BRACKET_SIGMAS * Math.sqrt(s * p * (1 - p)) + 3) + (t.ranks.length * s) / n;
  }
  const cap = Math.min(n, Math.ceil((1.5 * spread * n) / s) + 1024);
  const buf = new Float64Array(cap);
  const tag = new Uint8Array(cap); // each copied value's region
  const hist = new Int32Array(8);
  const w = new Int32Array(values.buffer, values.byteOffset, n * 2);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const hw = w[2 * i + 1];
    const key = (hw ^ ((hw >> 31) & 0x7fffffff)) >> 1;
    // (key − bound) >>> 31 is 1 when key < bound (no int32 overflow: both in ±2^30).
    const r = ((key - b0) >>> 31) + ((key - b1) >>> 31) + ((key - b2) >>> 31) +
      ((key - b3) >>> 31) + ((key - b4) >>> 31) + ((key - b5) >>> 31);
    hist[r]++;
    if ((r & 1) !== 0) {
      if (m < cap) {
        buf[m] = values[i];
        tag[m] = r;
      }
      m++;
    }
  }
  if (m > cap) return;
  // Region r (bounds above the key) = 6 − bounds passed; bracket i (from the top
  // slot) holds region 5 − 2·slot. Split the buffer by bracket, in key order.
  const first = 6 - 2 * ts.length;
  ts.forEach((t, i) => {
    const slot = first / 2 + i; // bracket slot 0..2
    const region = 5 - 2 * slot;
    let below = 0;
    for (let r = region + 1; r < 8; r++) below += hist[r];
    const inside = hist[region];
    if (!(below <= t.ranks[0] && t.ranks[t.ranks.length - 1] < below + inside)) return;
    const mine = new Float64Array(inside);
    let k = 0;
    for (let j = 0; j < m; j++) if (tag[j] === region) mine[k++] = buf[j];
    const rs = t.ranks.map((r) => r - below);
    t.got = inside * 2 <= n ? bracketRanks(mine, rs) : selectRanks(mine, rs);
  });
}

/**
 * Exact counts of the values below and up to `v` (numeric comparison, so −0
 * and +0 count as equal): when every rank lies in [below, upTo), each is v;
 * otherwise null.
 */
function runCount(values: Float64Array, v: number, ranks: readonly number[]): number[] | null {
  const n = values.length;
  let below = 0, upTo = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    below += +(x < v);
    upTo += +(x <= v);
  }
  return below <= ranks[0] && ranks[ranks.length - 1] < upTo ? ranks.map(() => v) : null;
}

/** NumPy's `_lerp`: a + g·(b − a), evaluated from b's side when g ≥ 0.5. */
function lerp(a: number, b: number, g: number): number {
  if (g === 0) return a;
  const d = b - a;
  return g >= 0.5 ? b - d * (1 - g) : a + d * g;
}

/**
 * The linear-interpolation quantiles (see the module doc) of `values` at each
 * probability in `qs` (each in [0, 1]); `values` is left untouched and must
 * hold no NaN. A −0 result is returned as 0. Exact: from 32,768 values on, the
 * needed order statistics are found by {@linkcode bracketRanks} (sample
 * bracketing, one counting pass), below that, or where a bracket misses, by
 * {@linkcode selectRanks}; both give the same numbers.
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
  const got = n < BRACKET_MIN ? selectRanks(values, ranks) : bracketRanks(values, ranks);
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
