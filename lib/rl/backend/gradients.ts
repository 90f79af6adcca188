/**
 * Fixes to TensorFlow.js 4.22's gradient registry, found by running every op
 * of {@linkcode OP_CASES} forward and backward (they fail on every backend,
 * cpu included, without these):
 *
 * 1. `BatchMatMul` with broadcast batch dimensions (`[3,4,5]·[1,5,2]`)
 *    returns a gradient of the broadcast shape for the smaller operand, and
 *    the engine rejects it ("gradient of input 'b' has shape '3,5,2', which
 *    does not match ... '1,5,2'"). The wrapper sums the gradient over the
 *    broadcast axes, as TensorFlow's `MatMul` gradient does.
 * 2. Comparison, logical and `is*` kernels have no gradient, so a loss
 *    that builds a mask from a differentiable tensor (`where(greater(x, 0),
 *    …)`) throws "gradient function not found for Greater". TensorFlow
 *    declares them not differentiable; the same is registered here: a zero
 *    gradient, the value any path through a step function has.
 * 3. The `Prod` gradient and the batched `gather` gradient call the chained
 *    tensor methods `reshape`, `slice` and `split`, which `tfjs-core` no
 *    longer installs unless `register_all_chained_ops` is loaded (an ES
 *    module Deno cannot resolve, see ./tf.ts). They are installed on the
 *    tensor class exactly as that module defines them.
 *
 * ./tf.ts applies them on import, so every user of `tf` gets them.
 *
 * `StridedSlice`, `Einsum`, `GatherNd` and `TopK` have no gradient in tfjs
 * and none is added: differentiate through `slice`, `gather`, `split` and
 * `matMul` instead (using them inside a gradient throws, loudly).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { completeGradients } from "./gradients.ts";
 * completeGradients();
 * await tf.setBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.where(tf.greater(x, 0), x, tf.neg(x))));
 * assert.deepEqual(Array.from(g(tf.tensor1d([-2, 3])).dataSync()), [-1, 1]);
 * ```
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-layers";

/** Kernels TensorFlow treats as not differentiable, given a zero gradient here. */
export const ZERO_GRADIENT_KERNELS: readonly string[] = [
  "Greater",
  "GreaterEqual",
  "Less",
  "LessEqual",
  "Equal",
  "NotEqual",
  "LogicalAnd",
  "LogicalOr",
  "LogicalNot",
  "IsNan",
  "IsInf",
  "IsFinite",
];

/** Inputs of each zero-gradient kernel, by name, in the order tfjs saves them. */
const UNARY = new Set(["LogicalNot", "IsNan", "IsInf", "IsFinite"]);

let completed = false;

/** Sums `g` over the axes broadcast to reach its shape from `shape`, then reshapes to `shape`. */
function reduceToShape(g: tf.Tensor, shape: number[]): tf.Tensor {
  if (g.shape.length === shape.length && g.shape.every((d, i) => d === shape[i])) return g;
  const rank = g.shape.length;
  const padded = new Array<number>(rank - shape.length).fill(1).concat(shape);
  const axes: number[] = [];
  for (let i = 0; i < rank; i++) if (padded[i] === 1 && g.shape[i] !== 1) axes.push(i);
  const summed = axes.length > 0 ? tf.sum(g, axes, true) : g;
  return tf.reshape(summed, shape);
}

function fixBatchMatMulGradient(): void {
  const original = tf.getGradient("BatchMatMul");
  if (original === undefined || original === null) {
    throw new Error("completeGradients: expected a BatchMatMul gradient to wrap, found none");
  }
  const gradFunc = original.gradFunc;
  tf.registerGradient({
    ...original,
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      const g = gradFunc(dy, saved, attrs);
      return {
        a: () => reduceToShape(g.a(), a.shape),
        b: () => reduceToShape(g.b(), b.shape),
      };
    },
  });
}

function registerZeroGradients(): void {
  for (const kernelName of ZERO_GRADIENT_KERNELS) {
    if (tf.getGradient(kernelName) !== undefined && tf.getGradient(kernelName) !== null) continue;
    const inputs = UNARY.has(kernelName) ? ["x"] : ["a", "b"];
    tf.registerGradient({
      kernelName,
      inputsToSave: inputs,
      gradFunc: (_dy, saved) => {
        const out: Record<string, () => tf.Tensor> = {};
        inputs.forEach((name, i) => (out[name] = () => tf.zeros(saved[i].shape)));
        return out;
      },
    });
  }
}

interface ChainedMethods {
  reshape?: (this: tf.Tensor, shape: number[]) => tf.Tensor;
  slice?: (this: tf.Tensor, begin: number | number[], size?: number | number[]) => tf.Tensor;
  split?: (this: tf.Tensor, sizes: number | number[], axis?: number) => tf.Tensor[];
}

function installChainedMethods(): void {
  const proto = tf.Tensor.prototype as unknown as ChainedMethods;
  // As in tfjs-core/src/public/chained_ops/{reshape,slice,split}.ts.
  proto.reshape ??= function (this: tf.Tensor, shape: number[]) {
    return tf.reshape(this, shape);
  };
  proto.slice ??= function (this: tf.Tensor, begin: number | number[], size?: number | number[]) {
    return tf.slice(this, begin, size);
  };
  proto.split ??= function (this: tf.Tensor, sizes: number | number[], axis?: number) {
    return tf.split(this, sizes, axis);
  };
}

/** Applies the three fixes above once per process (later calls do nothing). */
export function completeGradients(): void {
  if (completed) return;
  fixBatchMatMulGradient();
  registerZeroGradients();
  installChainedMethods();
  completed = true;
}
