/**
 * Running mean and variance per dimension, for observation normalisation and
 * value normalisation (MAPPO's value normaliser, Yu et al., 2022, Sec. 5).
 * One sample at a time with Welford's update (Welford, 1962), a batch at a
 * time and whole normalisers by the parallel merge of Chan, Golub and LeVeque
 * (1979, "Updating formulae and a pairwise algorithm for computing sample
 * variances"): with counts `n_a, n_b`, means `μ_a, μ_b`, sums of squared
 * deviations `M2_a, M2_b` and `δ = μ_b − μ_a`,
 *
 *     n = n_a + n_b,   μ = μ_a + δ · n_b / n,   M2 = M2_a + M2_b + δ² · n_a · n_b / n.
 *
 * Statistics are kept in float64. The variance is the population variance
 * `M2 / n` (1 before any data, so that normalising is then the identity).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { RunningMeanStd } from "./normalizer.ts";
 * const rms = new RunningMeanStd(2, { epsilon: 0 });
 * rms.update([1, 10, 3, 30], 2); // two rows of two dimensions
 * assert.deepEqual(Array.from(rms.mean), [2, 20]);
 * assert.deepEqual(Array.from(rms.variance()), [1, 100]);
 * const z = rms.normalize([3, 10], new Float32Array(2));
 * assert.deepEqual(Array.from(z), [1, -1]);
 * ```
 * @module
 */

/** Options of {@linkcode RunningMeanStd}. */
export interface RunningMeanStdOptions {
  /** Added to the variance before the square root when (de)normalising. Default 1e-8. */
  epsilon?: number;
  /** Normalised values are clipped to [−clip, clip]. Default: no clipping. */
  clip?: number;
}

/** A checkpoint of a {@linkcode RunningMeanStd}. */
export interface RunningMeanStdState {
  count: number;
  mean: Float64Array;
  /** Sum of squared deviations from the mean, per dimension. */
  m2: Float64Array;
}

/** Running mean and variance of vectors of `size` values. */
export class RunningMeanStd {
  readonly size: number;
  readonly epsilon: number;
  readonly clip: number;
  /** Mean per dimension. */
  readonly mean: Float64Array;
  /** Sum of squared deviations per dimension. */
  readonly m2: Float64Array;
  #count = 0;
  readonly #batchMean: Float64Array;
  readonly #batchM2: Float64Array;
  readonly #variance: Float64Array;

  constructor(size: number, options: RunningMeanStdOptions = {}) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`RunningMeanStd: expected an integer size ≥ 1, found ${size}`);
    }
    this.size = size;
    this.epsilon = options.epsilon ?? 1e-8;
    this.clip = options.clip ?? Infinity;
    if (!(this.epsilon >= 0 && this.epsilon < Infinity)) {
      throw new RangeError(`RunningMeanStd: expected epsilon ≥ 0, found ${this.epsilon}`);
    }
    if (!(this.clip > 0)) {
      throw new RangeError(`RunningMeanStd: expected clip > 0, found ${this.clip}`);
    }
    this.mean = new Float64Array(size);
    this.m2 = new Float64Array(size);
    this.#batchMean = new Float64Array(size);
    this.#batchM2 = new Float64Array(size);
    this.#variance = new Float64Array(size);
  }

  /** Samples seen. */
  get count(): number {
    return this.#count;
  }

  /** Population variance per dimension (1 before any data); writes into `out` when given. */
  variance(out: Float64Array = this.#variance): Float64Array {
    const n = this.#count;
    for (let d = 0; d < this.size; d++) out[d] = n > 0 ? this.m2[d] / n : 1;
    return out;
  }

  /** Adds one sample (Welford's update). */
  push(x: ArrayLike<number>): void {
    this.#checkRows("push", x, 1);
    const n = ++this.#count;
    const mean = this.mean, m2 = this.m2;
    for (let d = 0; d < this.size; d++) {
      const delta = x[d] - mean[d];
      mean[d] += delta / n;
      m2[d] += delta * (x[d] - mean[d]);
    }
  }

  /** Adds `rows` samples laid out row after row (two passes over the batch, then Chan's merge). */
  update(data: ArrayLike<number>, rows: number): void {
    if (rows === 0) return;
    this.#checkRows("update", data, rows);
    const S = this.size, bm = this.#batchMean, b2 = this.#batchM2;
    bm.fill(0);
    b2.fill(0);
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < S; d++) bm[d] += data[r * S + d];
    }
    for (let d = 0; d < S; d++) bm[d] /= rows;
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < S; d++) {
        const e = data[r * S + d] - bm[d];
        b2[d] += e * e;
      }
    }
    this.#merge(rows, bm, b2);
  }

  /** Folds in the statistics of another normaliser (or a saved state) of the same size. */
  merge(other: RunningMeanStd | RunningMeanStdState): void {
    if (other.mean.length !== this.size || other.m2.length !== this.size) {
      throw new RangeError(
        `RunningMeanStd.merge: expected statistics of size ${this.size}, found ${other.mean.length}`,
      );
    }
    this.#merge(other.count, other.mean, other.m2);
  }

  /** `(x − μ) / sqrt(σ² + ε)`, clipped, for rows of `size` values; written into `out`. */
  normalize<T extends Float32Array | Float64Array>(x: ArrayLike<number>, out: T): T {
    const rows = this.#checkRows("normalize", x, undefined);
    this.#checkOut("normalize", out, x.length);
    const S = this.size, mean = this.mean, v = this.variance(), clip = this.clip;
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < S; d++) {
        const i = r * S + d;
        const z = (x[i] - mean[d]) / Math.sqrt(v[d] + this.epsilon);
        out[i] = z > clip ? clip : z < -clip ? -clip : z;
      }
    }
    return out;
  }

  /** `z · sqrt(σ² + ε) + μ`, the inverse of `normalize` (without clipping); written into `out`. */
  denormalize<T extends Float32Array | Float64Array>(z: ArrayLike<number>, out: T): T {
    const rows = this.#checkRows("denormalize", z, undefined);
    this.#checkOut("denormalize", out, z.length);
    const S = this.size, mean = this.mean, v = this.variance();
    for (let r = 0; r < rows; r++) {
      for (let d = 0; d < S; d++) {
        const i = r * S + d;
        out[i] = z[i] * Math.sqrt(v[d] + this.epsilon) + mean[d];
      }
    }
    return out;
  }

  /** A copy of the statistics, for a checkpoint. */
  state(): RunningMeanStdState {
    return { count: this.#count, mean: this.mean.slice(), m2: this.m2.slice() };
  }

  /** Replaces the statistics with a saved {@linkcode RunningMeanStd.state}. */
  restore(state: RunningMeanStdState): void {
    if (state.mean.length !== this.size || state.m2.length !== this.size) {
      throw new RangeError(
        `RunningMeanStd.restore: expected statistics of size ${this.size}, found ${state.mean.length}`,
      );
    }
    if (!(state.count >= 0 && state.count < Infinity)) {
      throw new RangeError(`RunningMeanStd.restore: expected a count ≥ 0, found ${state.count}`);
    }
    this.#count = state.count;
    this.mean.set(state.mean);
    this.m2.set(state.m2);
  }

  // Chan, Golub and LeVeque (1979): pairwise combination of (n, μ, M2).
  #merge(nb: number, meanB: ArrayLike<number>, m2B: ArrayLike<number>): void {
    if (nb === 0) return;
    const na = this.#count;
    const n = na + nb;
    const mean = this.mean, m2 = this.m2;
    for (let d = 0; d < this.size; d++) {
      const delta = meanB[d] - mean[d];
      mean[d] += (delta * nb) / n;
      m2[d] += m2B[d] + (delta * delta * na * nb) / n;
    }
    this.#count = n;
  }

  #checkRows(where: string, x: ArrayLike<number>, rows: number | undefined): number {
    const r = rows ?? x.length / this.size;
    if (!Number.isInteger(r) || x.length !== r * this.size) {
      throw new RangeError(
        `RunningMeanStd.${where}: expected ${
          rows === undefined ? "a multiple of" : `${rows} ×`
        } ${this.size} values, found ${x.length}`,
      );
    }
    return r;
  }

  #checkOut(where: string, out: ArrayLike<number>, length: number): void {
    if (out.length !== length) {
      throw new RangeError(
        `RunningMeanStd.${where}: expected an output of ${length} values, found ${out.length}`,
      );
    }
  }
}
