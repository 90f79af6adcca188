/**
 * The catalogue of ops the networks and losses of this workspace use, each
 * with inputs chosen away from kinks and ties (so that a gradient is defined
 * and two backends must agree on it). {@linkcode checkBackendOps} runs every
 * case forward and backward on a backend and on cpu and compares them.
 *
 * When a new loss or layer uses an op not listed here, add a case: the
 * backend test then proves the op (and its gradient) on wasm.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { OP_CASES } from "./op_cases.ts";
 * const names = OP_CASES.map((c) => c.name);
 * assert(names.includes("matMul/transposeA"));
 * assert.equal(new Set(names).size, names.length);
 * ```
 * @module
 */

import { tf } from "./tf.ts";

/** One input of an op case: its shape, and the interval its values are drawn from. */
export interface OpInput {
  /** Tensor shape. */
  shape: number[];
  /** Values are drawn uniformly from [lo, hi). */
  lo: number;
  /** Upper end of the value interval. */
  hi: number;
  /** Integer tensor (indices); never differentiated. */
  int?: boolean;
}

/** One op (or small op composition) to verify on a backend. */
export interface OpCase {
  /** Unique name, e.g. "matMul/transposeA". */
  name: string;
  /** The inputs, in the order `fn` takes them. */
  inputs: OpInput[];
  /** The op under test; returns one float tensor. */
  fn: (...xs: tf.Tensor[]) => tf.Tensor;
  /** Also compare gradients with respect to every float input (default true). */
  grad?: boolean;
}

const u = (shape: number[], lo = -1, hi = 1): OpInput => ({ shape, lo, hi });
const pos = (shape: number[], lo = 0.5, hi = 2): OpInput => ({ shape, lo, hi });
const idx = (shape: number[], n: number): OpInput => ({ shape, lo: 0, hi: n, int: true });

/** A float tensor with values 0/1 from a comparison, for ops that take masks. */
const asFloat = (t: tf.Tensor): tf.Tensor => tf.cast(t, "float32");

/** Every op the MLP, attention block, MADDPG and MAPPO losses use. */
export const OP_CASES: readonly OpCase[] = [
  // Dense layers and attention (BatchMatMul, _FusedMatMul) in every transpose mode.
  { name: "matMul", inputs: [u([6, 5]), u([5, 4])], fn: (a, b) => tf.matMul(a, b) },
  {
    name: "matMul/transposeA",
    inputs: [u([5, 6]), u([5, 4])],
    fn: (a, b) => tf.matMul(a, b, true, false),
  },
  {
    name: "matMul/transposeB",
    inputs: [u([6, 5]), u([4, 5])],
    fn: (a, b) => tf.matMul(a, b, false, true),
  },
  {
    name: "matMul/transposeAB",
    inputs: [u([5, 6]), u([4, 5])],
    fn: (a, b) => tf.matMul(a, b, true, true),
  },
  {
    name: "matMul/batched",
    inputs: [u([3, 4, 5]), u([3, 5, 2])],
    fn: (a, b) => tf.matMul(a, b),
  },
  {
    name: "matMul/batchedTransposeB",
    inputs: [u([3, 4, 5]), u([3, 6, 5])],
    fn: (a, b) => tf.matMul(a, b, false, true),
  },
  {
    name: "matMul/broadcastBatch",
    inputs: [u([3, 4, 5]), u([1, 5, 2])],
    fn: (a, b) => tf.matMul(a, b),
  },
  {
    name: "fused.matMul/relu",
    inputs: [u([6, 5]), u([5, 4]), u([4])],
    fn: (a, b, bias) => tf.fused.matMul({ a, b, bias, activation: "relu" }),
  },
  {
    name: "fused.matMul/linear",
    inputs: [u([6, 5]), u([5, 4]), u([4])],
    fn: (a, b, bias) => tf.fused.matMul({ a, b, bias, activation: "linear" }),
  },
  // Elementwise arithmetic with broadcasting.
  { name: "add/broadcast", inputs: [u([4, 3]), u([3])], fn: (a, b) => tf.add(a, b) },
  { name: "sub/broadcast", inputs: [u([4, 3]), u([4, 1])], fn: (a, b) => tf.sub(a, b) },
  {
    name: "sub/broadcast3d",
    inputs: [u([2, 3, 4]), u([2, 1, 4])],
    fn: (a, b) => tf.square(tf.sub(a, b)),
  },
  { name: "mul/broadcast", inputs: [u([2, 4, 3]), u([3])], fn: (a, b) => tf.mul(a, b) },
  { name: "div", inputs: [u([4, 3]), pos([4, 3])], fn: (a, b) => tf.div(a, b) },
  { name: "addN", inputs: [u([4, 3]), u([4, 3]), u([4, 3])], fn: (a, b, c) => tf.addN([a, b, c]) },
  { name: "neg", inputs: [u([4, 3])], fn: (a) => tf.neg(a) },
  { name: "square", inputs: [u([4, 3])], fn: (a) => tf.square(a) },
  {
    name: "squaredDifference",
    inputs: [u([4, 3]), u([4, 3])],
    fn: (a, b) => tf.squaredDifference(a, b),
  },
  { name: "pow", inputs: [pos([4, 3]), u([4, 3])], fn: (a, b) => tf.pow(a, b) },
  { name: "pow/scalarExponent", inputs: [pos([4, 3])], fn: (a) => tf.pow(a, tf.scalar(1.5)) },
  { name: "sqrt", inputs: [pos([4, 3])], fn: (a) => tf.sqrt(a) },
  { name: "rsqrt", inputs: [pos([4, 3])], fn: (a) => tf.rsqrt(a) },
  { name: "reciprocal", inputs: [pos([4, 3])], fn: (a) => tf.reciprocal(a) },
  { name: "exp", inputs: [u([4, 3], -3, 3)], fn: (a) => tf.exp(a) },
  { name: "expm1", inputs: [u([4, 3])], fn: (a) => tf.expm1(a) },
  { name: "log", inputs: [pos([4, 3], 0.1, 5)], fn: (a) => tf.log(a) },
  { name: "log1p", inputs: [u([4, 3], -0.5, 3)], fn: (a) => tf.log1p(a) },
  { name: "abs", inputs: [u([4, 3])], fn: (a) => tf.abs(a) },
  { name: "minimum", inputs: [u([4, 3]), u([4, 3])], fn: (a, b) => tf.minimum(a, b) },
  { name: "maximum", inputs: [u([4, 3]), u([4, 3])], fn: (a, b) => tf.maximum(a, b) },
  {
    name: "clipByValue",
    inputs: [u([4, 3], -2, 2)],
    fn: (a) => tf.clipByValue(a, -0.8, 0.8),
  },
  {
    name: "where",
    inputs: [u([4, 3]), u([4, 3]), u([4, 3])],
    fn: (c, a, b) => tf.where(tf.greater(c, 0), a, b),
  },
  { name: "sign", inputs: [u([4, 3])], fn: (a) => tf.sign(a) },
  // Activations and the distributions' special functions.
  { name: "tanh", inputs: [u([4, 3], -3, 3)], fn: (a) => tf.tanh(a) },
  { name: "atanh", inputs: [u([4, 3], -0.9, 0.9)], fn: (a) => tf.atanh(a) },
  { name: "sigmoid", inputs: [u([4, 3], -4, 4)], fn: (a) => tf.sigmoid(a) },
  { name: "relu", inputs: [u([4, 3])], fn: (a) => tf.relu(a) },
  { name: "relu6", inputs: [u([4, 3], -2, 8)], fn: (a) => tf.relu6(a) },
  { name: "leakyRelu", inputs: [u([4, 3])], fn: (a) => tf.leakyRelu(a, 0.1) },
  { name: "elu", inputs: [u([4, 3])], fn: (a) => tf.elu(a) },
  { name: "softplus", inputs: [u([4, 3], -5, 5)], fn: (a) => tf.softplus(a) },
  { name: "erf", inputs: [u([4, 3], -2, 2)], fn: (a) => tf.erf(a) },
  { name: "softmax", inputs: [u([4, 5], -3, 3)], fn: (a) => tf.softmax(a) },
  { name: "logSoftmax", inputs: [u([4, 5], -3, 3)], fn: (a) => tf.logSoftmax(a) },
  { name: "logSumExp", inputs: [u([4, 5], -3, 3)], fn: (a) => tf.logSumExp(a, 1) },
  // Reductions.
  { name: "sum/all", inputs: [u([4, 3])], fn: (a) => tf.sum(a) },
  { name: "sum/axis1keepDims", inputs: [u([4, 3])], fn: (a) => tf.sum(a, 1, true) },
  { name: "mean/axis0", inputs: [u([4, 3])], fn: (a) => tf.mean(a, 0) },
  { name: "mean/axis1of3d", inputs: [u([2, 4, 3])], fn: (a) => tf.mean(a, 1) },
  { name: "sum/axes02of3d", inputs: [u([2, 3, 4])], fn: (a) => tf.sum(a, [0, 2]) },
  { name: "max/axis1", inputs: [u([4, 5])], fn: (a) => tf.max(a, 1) },
  { name: "min/axis1", inputs: [u([4, 5])], fn: (a) => tf.min(a, 1) },
  { name: "prod/axis1", inputs: [pos([4, 3])], fn: (a) => tf.prod(a, 1) },
  {
    name: "moments",
    inputs: [u([6, 4])],
    fn: (a) => {
      const m = tf.moments(a, -1, true);
      return tf.div(tf.sub(a, m.mean), tf.sqrt(tf.add(m.variance, 1e-5)));
    },
  },
  { name: "norm/euclidean", inputs: [u([4, 3])], fn: (a) => tf.norm(a) },
  { name: "cumsum", inputs: [u([4, 5])], fn: (a) => tf.cumsum(a, 1) },
  // Shapes, indexing and assembly.
  { name: "reshape", inputs: [u([4, 6])], fn: (a) => tf.reshape(a, [2, 3, 4]) },
  { name: "transpose/3d", inputs: [u([2, 3, 4])], fn: (a) => tf.transpose(a, [0, 2, 1]) },
  { name: "transpose/4d", inputs: [u([2, 3, 4, 2])], fn: (a) => tf.transpose(a, [0, 2, 1, 3]) },
  { name: "concat/axis1", inputs: [u([4, 3]), u([4, 2])], fn: (a, b) => tf.concat([a, b], 1) },
  { name: "concat/axis0", inputs: [u([2, 3]), u([4, 3])], fn: (a, b) => tf.concat([a, b], 0) },
  { name: "slice", inputs: [u([4, 6])], fn: (a) => tf.slice(a, [1, 2], [2, 3]) },
  { name: "slice/3d", inputs: [u([3, 4, 5])], fn: (a) => tf.slice(a, [0, 1, 2], [3, 2, -1]) },
  {
    name: "concat/axis2of3d",
    inputs: [u([2, 3, 4]), u([2, 3, 1])],
    fn: (a, b) => tf.concat([a, b], 2),
  },
  {
    name: "stridedSlice",
    inputs: [u([4, 6])],
    fn: (a) => tf.stridedSlice(a, [0, 1], [4, 6], [2, 2]),
    grad: false, // tfjs has no StridedSlice gradient: see ./gradients.ts
  },
  {
    name: "gather/batchDims1",
    inputs: [u([3, 5]), idx([3, 2], 5)],
    fn: (a, i) => tf.gather(a, i, 1, 1),
  },
  { name: "stack", inputs: [u([4, 3]), u([4, 3])], fn: (a, b) => tf.stack([a, b], 1) },
  { name: "unstack", inputs: [u([3, 4])], fn: (a) => tf.mul(tf.unstack(a, 0)[1], 2) },
  { name: "split", inputs: [u([4, 6])], fn: (a) => tf.split(a, [2, 4], 1)[1] },
  { name: "expandDims", inputs: [u([4, 3])], fn: (a) => tf.expandDims(a, 1) },
  { name: "squeeze", inputs: [u([4, 1, 3])], fn: (a) => tf.squeeze(a, [1]) },
  { name: "tile", inputs: [u([2, 3])], fn: (a) => tf.tile(a, [3, 2]) },
  { name: "broadcastTo", inputs: [u([1, 3])], fn: (a) => tf.broadcastTo(a, [4, 3]) },
  { name: "pad", inputs: [u([3, 2])], fn: (a) => tf.pad(a, [[1, 0], [0, 2]]) },
  { name: "reverse", inputs: [u([4, 3])], fn: (a) => tf.reverse(a, 0) },
  {
    name: "gather/axis0",
    inputs: [u([5, 3]), idx([7], 5)],
    fn: (a, i) => tf.gather(a, i, 0),
  },
  {
    name: "gather/axis1",
    inputs: [u([4, 5]), idx([3], 5)],
    fn: (a, i) => tf.gather(a, i, 1),
  },
  {
    name: "unsortedSegmentSum",
    inputs: [u([6, 3]), idx([6], 4)],
    fn: (a, i) => tf.unsortedSegmentSum(a, i as tf.Tensor1D, 4),
  },
  {
    name: "oneHot·mul",
    inputs: [u([4, 5]), idx([4], 5)],
    fn: (a, i) => tf.sum(tf.mul(a, tf.oneHot(i, 5)), 1),
  },
  // Forward-only ops (no gradient in tfjs: einsum, comparisons, tests, arg-reductions).
  {
    name: "einsum",
    inputs: [u([3, 4]), u([4, 2])],
    fn: (a, b) => tf.einsum("ij,jk->ik", a, b),
    grad: false,
  },
  {
    name: "greater·less·equal",
    inputs: [u([4, 3]), u([4, 3])],
    fn: (a, b) =>
      tf.addN([asFloat(tf.greater(a, b)), asFloat(tf.less(a, 0)), asFloat(tf.equal(a, a))]),
    grad: false,
  },
  {
    name: "isFinite·isNaN",
    inputs: [u([4, 3])],
    fn: (a) => {
      const x = tf.div(a, tf.sub(a, a)); // ±Inf and NaN (0/0 where a = 0 never; a/0 = ±Inf)
      return tf.add(asFloat(tf.isFinite(x)), asFloat(tf.isNaN(tf.sub(x, x))));
    },
    grad: false,
  },
  { name: "argMax", inputs: [u([4, 5])], fn: (a) => asFloat(tf.argMax(a, 1)), grad: false },
  { name: "floor", inputs: [u([4, 3], -3, 3)], fn: (a) => tf.floor(a), grad: false },
];
