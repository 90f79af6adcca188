/**
 * Seeded weight initialisers, computed in plain JavaScript (float64, then
 * rounded to float32) so that the same seed gives bit-identical weights on
 * every backend. No unseeded randomness: every draw comes from an {@linkcode Rng}.
 *
 * - {@linkcode orthogonal}: Saxe et al. (2014), "Exact solutions to the
 *   nonlinear dynamics of learning in deep linear neural networks"; the
 *   initialiser PPO implementations use (CleanRL's `layer_init`, gain √2 for
 *   hidden layers, 0.01 for the policy head, 1 for the value head).
 * - {@linkcode glorotUniform}: Glorot and Bengio (2010), U(−l, l) with
 *   l = √(6 / (fanIn + fanOut)).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { orthogonal } from "./init.ts";
 * const w = orthogonal(Rng.fromSeed(1), 4, 3); // 4×3, orthonormal columns
 * let dot01 = 0, norm0 = 0;
 * for (let i = 0; i < 4; i++) {
 *   dot01 += w[i * 3] * w[i * 3 + 1];
 *   norm0 += w[i * 3] * w[i * 3];
 * }
 * assert(Math.abs(dot01) < 1e-6 && Math.abs(norm0 - 1) < 1e-6);
 * ```
 * @module
 */

import type { Rng } from "../../core/rng.ts";

/** The initialisers a dense layer accepts. */
export type InitKind = "orthogonal" | "glorot";

/**
 * A `rows × cols` matrix (row-major) with orthonormal columns when
 * rows ≥ cols, orthonormal rows otherwise, times `gain`. Built by modified
 * Gram-Schmidt (applied twice, for float64-level orthogonality) on a matrix
 * of standard normal draws; that is the Q of a QR decomposition with the
 * signs fixed so that R has a positive diagonal, as in TensorFlow's and
 * PyTorch's orthogonal initialisers.
 */
export function orthogonal(rng: Rng, rows: number, cols: number, gain = 1): Float32Array {
  const n = Math.max(rows, cols);
  const m = Math.min(rows, cols);
  // q holds m column vectors of length n.
  const q: Float64Array[] = [];
  for (let j = 0; j < m; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += u[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * u[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (!(norm > 1e-12)) {
      throw new Error(`orthogonal: degenerate draw for a ${rows}×${cols} matrix`);
    }
    for (let i = 0; i < n; i++) v[i] /= norm;
    q.push(v);
  }
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // rows ≥ cols: W[r][c] = q_c[r]; rows < cols: W = Qᵀ, W[r][c] = q_r[c].
      out[r * cols + c] = gain * (rows >= cols ? q[c][r] : q[r][c]);
    }
  }
  return out;
}

/** A `fanIn × fanOut` matrix (row-major) drawn from Glorot's uniform distribution, times `gain`. */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number, gain = 1): Float32Array {
  const limit = gain * Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = rng.uniform(-limit, limit);
  return out;
}

/** Weights of kind `kind` for a `fanIn × fanOut` dense kernel. */
export function initKernel(
  kind: InitKind,
  rng: Rng,
  fanIn: number,
  fanOut: number,
  gain = 1,
): Float32Array {
  return kind === "orthogonal"
    ? orthogonal(rng, fanIn, fanOut, gain)
    : glorotUniform(rng, fanIn, fanOut, gain);
}
