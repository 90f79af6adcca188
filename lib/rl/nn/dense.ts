/**
 * A dense layer y = act(x·W + b) with a seeded initial kernel and a zero
 * bias. Inputs of rank > 2 (`[B, agents, d]`) are flattened to 2-D for the
 * matMul and reshaped back, which keeps every matMul a plain 2-D product
 * (fastest on wasm, and its gradient needs no batch broadcasting).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { tf } from "../backend/tf.ts";
 * import { Dense } from "./dense.ts";
 * await tf.setBackend("cpu");
 * const layer = new Dense({ name: "demo/dense", inputSize: 3, outputSize: 2, rng: Rng.fromSeed(1) });
 * const y = layer.apply(tf.ones([5, 4, 3]));
 * assert.deepEqual(y.shape, [5, 4, 2]);
 * assert.deepEqual(layer.variables().map((v) => v.name), ["demo/dense/kernel", "demo/dense/bias"]);
 * layer.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import type { Rng } from "../../core/rng.ts";
import { initKernel } from "./init.ts";
import type { InitKind } from "./init.ts";
import type { Module } from "./module.ts";

/** Activations of dense layers. */
export type Activation = "linear" | "tanh" | "relu";

/** The activations, for config validation. */
export const ACTIVATIONS: readonly Activation[] = ["linear", "tanh", "relu"];

/** Options of {@linkcode Dense}. */
export interface DenseOptions {
  /** Variable-name prefix: variables are `${name}/kernel` and `${name}/bias`. */
  name: string;
  /** Input features. */
  inputSize: number;
  /** Output features. */
  outputSize: number;
  /** Activation (default linear). */
  activation?: Activation;
  /** Kernel initialiser (default orthogonal). */
  init?: InitKind;
  /** Initialiser gain (default 1). */
  gain?: number;
  /** Stream the initial kernel is drawn from. */
  rng: Rng;
  /** Trainable variables (default true). */
  trainable?: boolean;
}

/** Applies `activation` to `x`. */
export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case "linear":
      return x;
    case "tanh":
      return tf.tanh(x);
    case "relu":
      return tf.relu(x);
  }
}

/** A dense (fully connected) layer. */
export class Dense implements Module {
  /** Variable-name prefix. */
  readonly name: string;
  /** Input features. */
  readonly inputSize: number;
  /** Output features. */
  readonly outputSize: number;
  /** Activation applied after the affine map. */
  readonly activation: Activation;
  /** `[inputSize, outputSize]` weights. */
  readonly kernel: tf.Variable;
  /** `[outputSize]` bias. */
  readonly bias: tf.Variable;

  constructor(opts: DenseOptions) {
    for (
      const [k, v] of [["inputSize", opts.inputSize], ["outputSize", opts.outputSize]] as const
    ) {
      if (!Number.isInteger(v) || v < 1) {
        throw new RangeError(`Dense ${opts.name}: expected ${k} a positive integer, found ${v}`);
      }
    }
    this.name = opts.name;
    this.inputSize = opts.inputSize;
    this.outputSize = opts.outputSize;
    this.activation = opts.activation ?? "linear";
    const trainable = opts.trainable ?? true;
    const w = initKernel(
      opts.init ?? "orthogonal",
      opts.rng,
      opts.inputSize,
      opts.outputSize,
      opts.gain ?? 1,
    );
    this.kernel = tf.tidy(() =>
      tf.variable(
        tf.tensor2d(w, [opts.inputSize, opts.outputSize]),
        trainable,
        `${opts.name}/kernel`,
      )
    );
    this.bias = tf.tidy(() =>
      tf.variable(tf.zeros([opts.outputSize]), trainable, `${opts.name}/bias`)
    );
  }

  /** act(x·W + b) over the last axis of `x` (any rank ≥ 2). Not wrapped in a tidy. */
  apply(x: tf.Tensor): tf.Tensor {
    const shape = x.shape;
    if (shape[shape.length - 1] !== this.inputSize) {
      throw new RangeError(
        `Dense ${this.name}: expected input [..., ${this.inputSize}], found [${shape.join(", ")}]`,
      );
    }
    const x2 = shape.length === 2 ? x : tf.reshape(x, [-1, this.inputSize]);
    // One fused kernel for x·W + b (and relu): half the kernels of matMul then add.
    const act = this.activation;
    const z = tf.fused.matMul({
      a: x2,
      b: this.kernel,
      bias: this.bias,
      activation: act === "relu" ? "relu" : "linear",
    });
    const y2 = act === "tanh" ? tf.tanh(z) : z;
    return shape.length === 2 ? y2 : tf.reshape(y2, [...shape.slice(0, -1), this.outputSize]);
  }

  /** `[kernel, bias]`. */
  variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }

  /** Releases the variables. */
  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
  }
}
