/**
 * The Keras `Sequential` topology of an {@linkcode Mlp}, as tfjs-layers
 * writes it, so that a saved MLP's model.json loads in any TensorFlow.js
 * (`tf.loadLayersModel`) as a model computing the same function: layer
 * names equal the MLP's layer prefixes, hence the weight names
 * (`${layer}/kernel`, `${layer}/bias`) match.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { Mlp } from "./mlp.ts";
 * import { mlpTopology } from "./keras_topology.ts";
 * const net = new Mlp({ name: "demo/topo", inputSize: 3, hiddenSizes: [4], outputSize: 2, rng: Rng.fromSeed(1) });
 * const topo = mlpTopology(net);
 * assert.equal(topo.class_name, "Sequential");
 * assert.equal(topo.config.layers.length, 2);
 * net.dispose();
 * ```
 * @module
 */

import type { Mlp } from "./mlp.ts";

/** One Keras Dense layer config, as tfjs-layers serialises it. */
export interface KerasDenseLayer {
  class_name: "Dense";
  config: Record<string, unknown>;
}

/** A Keras Sequential model topology. */
export interface KerasSequentialTopology {
  class_name: "Sequential";
  config: { name: string; layers: KerasDenseLayer[] };
  keras_version: string;
  backend: string;
}

/** The Sequential topology equivalent to `mlp`. */
export function mlpTopology(mlp: Mlp): KerasSequentialTopology {
  const layers = mlp.layers.map((layer, i): KerasDenseLayer => {
    const config: Record<string, unknown> = {
      units: layer.outputSize,
      activation: layer.activation,
      use_bias: true,
      kernel_initializer: { class_name: "Zeros", config: {} },
      bias_initializer: { class_name: "Zeros", config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
      name: layer.name,
      trainable: layer.kernel.trainable,
    };
    if (i === 0) {
      config.batch_input_shape = [null, layer.inputSize];
      config.dtype = "float32";
    }
    return { class_name: "Dense", config };
  });
  return {
    class_name: "Sequential",
    config: { name: mlp.name, layers },
    keras_version: "tfjs-layers 4.22.0",
    backend: "tensor_flow.js",
  };
}
