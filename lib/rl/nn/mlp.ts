/**
 * A multi-layer perceptron: dense hidden layers with tanh or relu, a dense
 * output layer (linear by default), seeded orthogonal or Glorot weights and
 * zero biases. The building block of actors and critics.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { tf } from "../backend/tf.ts";
 * import { Mlp } from "./mlp.ts";
 * await tf.setBackend("cpu");
 * const net = new Mlp({
 *   name: "demo/mlp", inputSize: 4, hiddenSizes: [8, 8], outputSize: 2, rng: Rng.fromSeed(3),
 * });
 * const y = net.apply(tf.ones([5, 4]));
 * assert.deepEqual(y.shape, [5, 2]);
 * assert.equal(net.variables().length, 6);
 * const twin = new Mlp({ ...net.options, name: "demo/mlp2", rng: Rng.fromSeed(3) });
 * assert.deepEqual(twin.apply(tf.ones([5, 4])).dataSync(), y.dataSync()); // same seed, same net
 * net.dispose();
 * twin.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import type { Rng } from "../../core/rng.ts";
import { Dense } from "./dense.ts";
import type { Activation } from "./dense.ts";
import type { InitKind } from "./init.ts";
import type { Module } from "./module.ts";

/** Options of {@linkcode Mlp}. */
export interface MlpOptions {
  /** Variable-name prefix; layers are `${name}/dense_${i}`. */
  name: string;
  /** Input features. */
  inputSize: number;
  /** Widths of the hidden layers (may be empty: a linear model). */
  hiddenSizes: readonly number[];
  /** Output features. */
  outputSize: number;
  /** Hidden activation (default tanh). */
  activation?: "tanh" | "relu";
  /** Output activation (default linear). */
  outputActivation?: Activation;
  /** Kernel initialiser (default orthogonal). */
  init?: InitKind;
  /** Gain of hidden kernels (default √2, CleanRL's `layer_init`). */
  hiddenGain?: number;
  /** Gain of the output kernel (default 1; 0.01 for a policy head). */
  outputGain?: number;
  /** Stream the weights are drawn from (layer i uses `rng.derive("dense_i")`). */
  rng: Rng;
  /** Trainable variables (default true; false for target networks). */
  trainable?: boolean;
}

/** A multi-layer perceptron. */
export class Mlp implements Module {
  /** Variable-name prefix. */
  readonly name: string;
  /** The options it was built with. */
  readonly options: MlpOptions;
  /** Hidden layers then the output layer. */
  readonly layers: readonly Dense[];

  constructor(opts: MlpOptions) {
    this.name = opts.name;
    this.options = { ...opts, hiddenSizes: [...opts.hiddenSizes] };
    const sizes = [opts.inputSize, ...opts.hiddenSizes, opts.outputSize];
    const layers: Dense[] = [];
    for (let i = 0; i + 1 < sizes.length; i++) {
      const isOutput = i + 2 === sizes.length;
      layers.push(
        new Dense({
          name: `${opts.name}/dense_${i}`,
          inputSize: sizes[i],
          outputSize: sizes[i + 1],
          activation: isOutput ? (opts.outputActivation ?? "linear") : (opts.activation ?? "tanh"),
          init: opts.init ?? "orthogonal",
          gain: isOutput ? (opts.outputGain ?? 1) : (opts.hiddenGain ?? Math.SQRT2),
          rng: opts.rng.derive(`dense_${i}`),
          trainable: opts.trainable ?? true,
        }),
      );
    }
    this.layers = layers;
  }

  /** The network's output for `x` (`[..., inputSize]` → `[..., outputSize]`), in a tidy. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      let h = x;
      for (const layer of this.layers) h = layer.apply(h);
      return h;
    });
  }

  /** Every kernel and bias, layer by layer. */
  variables(): tf.Variable[] {
    return this.layers.flatMap((l) => l.variables());
  }

  /** Releases the variables. */
  dispose(): void {
    for (const l of this.layers) l.dispose();
  }
}
