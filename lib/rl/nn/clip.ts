/**
 * Gradient clipping by global norm (Pascanu et al., 2013; TensorFlow's
 * `tf.clip_by_global_norm`): every gradient is scaled by
 * `maxNorm / max(globalNorm, maxNorm)`, where `globalNorm` is the L2 norm of
 * all gradients concatenated. Directions are kept; only the step shrinks.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { clipByGlobalNorm } from "./clip.ts";
 * await tf.setBackend("cpu");
 * const { grads, globalNorm } = clipByGlobalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }, 1);
 * assert.equal(globalNorm.dataSync()[0], 5);
 * assert(Math.abs(grads.a.dataSync()[0] - 0.6) < 1e-6);
 * assert(Math.abs(grads.b.dataSync()[0] - 0.8) < 1e-6);
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";

/** The L2 norm of all `tensors` concatenated, as a scalar tensor. */
export function globalNorm(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    if (tensors.length === 0) return tf.scalar(0);
    const squares = tensors.map((t) => tf.sum(tf.square(t)));
    return tf.sqrt(squares.length === 1 ? squares[0] : tf.addN(squares)) as tf.Scalar;
  });
}

/**
 * Scales `grads` (a name → tensor map, as `tf.variableGrads` returns) so that
 * their global norm is at most `maxNorm`. Returns new tensors (the inputs are
 * left to the caller) and the norm before clipping. A non-finite norm gives
 * non-finite gradients, as in TensorFlow: check them (./finite.ts).
 */
export function clipByGlobalNorm(
  grads: Readonly<tf.NamedTensorMap>,
  maxNorm: number,
): { grads: tf.NamedTensorMap; globalNorm: tf.Scalar } {
  if (!(maxNorm > 0)) {
    throw new RangeError(`clipByGlobalNorm: expected maxNorm > 0, found ${maxNorm}`);
  }
  const names = Object.keys(grads);
  const norm = globalNorm(names.map((n) => grads[n]));
  const clipped = tf.tidy(() => {
    const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
    const out: tf.NamedTensorMap = {};
    for (const n of names) out[n] = tf.mul(grads[n], scale);
    return out;
  });
  return { grads: clipped, globalNorm: norm };
}
