/**
 * `stopGradient(x)`: the value of `x`, with no gradient flowing back through
 * it (TensorFlow's `tf.stop_gradient`, which tfjs lacks). For targets built
 * inside a differentiated function: a TD target, a normaliser statistic, a
 * detached log-probability.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { stopGradient } from "./stop_gradient.ts";
 * await tf.setBackend("cpu");
 * // d/dx [x · stop(x)] = stop(x) = 3, not 2x = 6.
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(x, stopGradient(x))))(tf.scalar(3));
 * assert.equal(g.dataSync()[0], 3);
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";

const stop = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
  value: tf.clone(args[0] as tf.Tensor),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
}));

/** `x`'s value, treated as a constant by gradients. */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  return stop(x) as T;
}
