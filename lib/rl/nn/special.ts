/**
 * Special functions tfjs lacks, built from differentiable ops: the log-gamma
 * function and the log of the Beta function, for a Beta policy's
 * log-density. Their gradients (digamma) come from automatic
 * differentiation of the same formula.
 *
 * ln Γ(x) for x > 0: shift up by six with ln Γ(x) = ln Γ(x + 6) − Σₖ₌₀⁵
 * ln(x + k), then Stirling's series at z = x + 6 ≥ 6:
 * ln Γ(z) ≈ (z − ½) ln z − z + ½ ln 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵),
 * whose truncation error is below 1/(1680 z⁷) < 2·10⁻⁹ (Abramowitz and
 * Stegun, 6.1.41). Every term is well conditioned in float32 (no
 * cancelling large coefficients, unlike a Lanczos sum).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { lgamma } from "./special.ts";
 * await tf.setBackend("cpu");
 * const y = lgamma(tf.tensor1d([1, 5, 0.5])).dataSync();
 * assert(Math.abs(y[0]) < 1e-6); // Γ(1) = 1
 * assert(Math.abs(y[1] - Math.log(24)) < 1e-5); // Γ(5) = 4!
 * assert(Math.abs(y[2] - 0.5 * Math.log(Math.PI)) < 1e-5); // Γ(½) = √π
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x), elementwise, for x > 0 (NaN for x ≤ 0). Differentiable. */
export function lgamma(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const xs = [0, 1, 2, 3, 4, 5].map((k) => tf.log(tf.add(x, k)));
    const shift = tf.addN(xs);
    const z = tf.add(x, 6);
    const inv = tf.reciprocal(z);
    const inv2 = tf.square(inv);
    // 1/(12z) − 1/(360z³) + 1/(1260z⁵) = inv·(1/12 − inv²·(1/360 − inv²/1260))
    const series = tf.mul(inv, tf.sub(1 / 12, tf.mul(inv2, tf.sub(1 / 360, tf.div(inv2, 1260)))));
    const stirling = tf.add(
      tf.sub(tf.mul(tf.sub(z, 0.5), tf.log(z)), z),
      tf.add(series, HALF_LOG_2PI),
    );
    return tf.sub(stirling, shift);
  });
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), elementwise, for a, b > 0. */
export function logBeta(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.sub(tf.add(lgamma(a), lgamma(b)), lgamma(tf.add(a, b))));
}
