/**
 * Neural-network building blocks on tfjs-core: seeded initialisers, dense
 * layers, the MLP, multi-head self-attention pooled over agents, Adam with
 * exact checkpoints, global-norm clipping, Polyak averaging, NaN/∞ checks,
 * `stopGradient`, `lgamma`/`logBeta`, and TensorFlow.js model files written
 * and read without tfjs-node.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { tf } from "../backend/tf.ts";
 * import { Adam, Mlp } from "./mod.ts";
 * await tf.setBackend("cpu");
 * const net = new Mlp({ name: "demo/nn", inputSize: 2, hiddenSizes: [16], outputSize: 1, rng: Rng.fromSeed(1) });
 * const adam = new Adam(net, { learningRate: 1e-2 });
 * const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0]]);
 * const y = tf.tensor2d([[1], [1], [0], [0]]);
 * const first = adam.minimize(() => tf.mean(tf.square(tf.sub(net.apply(x), y)))).loss;
 * let last = first;
 * for (let i = 0; i < 200; i++) last = adam.minimize(() => tf.mean(tf.square(tf.sub(net.apply(x), y)))).loss;
 * assert(last < first / 4);
 * adam.dispose();
 * net.dispose();
 * ```
 * @module
 */

export * from "./init.ts";
export * from "./module.ts";
export * from "./dense.ts";
export * from "./mlp.ts";
export * from "./attention.ts";
export * from "./clip.ts";
export * from "./polyak.ts";
export * from "./finite.ts";
export * from "./stop_gradient.ts";
export * from "./special.ts";
export * from "./adam.ts";
export * from "./keras_topology.ts";
export * from "./model_io.ts";
