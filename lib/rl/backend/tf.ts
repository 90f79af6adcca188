/**
 * The one TensorFlow.js namespace the workspace computes with: `tfjs-core`
 * with every gradient registered and the `cpu` backend available.
 *
 * Why `tfjs-layers` is imported: `tfjs-core` ships its gradient functions
 * only as extension-less ES modules (`dist/register_all_gradients.js`
 * imports `./gradients/Abs_grad`), which Deno refuses to resolve; the
 * CommonJS bundle of `tfjs-layers` carries the same gradient configs and
 * registers them on load into the global kernel registry, which every copy
 * of `tfjs-core` shares. Without it `tf.grad` throws "gradient function not
 * found" for every op. The gaps tfjs 4.22 leaves even then are filled by
 * {@linkcode completeGradients} (./gradients.ts), applied here on import.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "./tf.ts";
 * await tf.setBackend("cpu");
 * const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2]));
 * assert.deepEqual(Array.from(g.dataSync()), [2, 4]);
 * ```
 * @module
 */

import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-layers";
import { completeGradients } from "./gradients.ts";

completeGradients();

export { tf };

quietCpuBanner();

/** True when the gradient of `kernelName` is registered (it is, for every op tfjs differentiates). */
export function hasGradient(kernelName: string): boolean {
  return tf.getGradient(kernelName) !== undefined && tf.getGradient(kernelName) !== null;
}

/**
 * Silences the "looks like you are running TensorFlow.js in Node.js" banner
 * the cpu backend prints on its first write in Deno (it would interleave
 * with progress bars); the advice it gives is what `selectBackend` logs.
 * Applied on import of this module.
 */
export function quietCpuBanner(): void {
  type Quiet = { firstUse?: boolean };
  const engine = tf.engine() as unknown as {
    registryFactory: Record<string, { factory: () => unknown; quiet?: boolean }>;
  };
  const entry = engine.registryFactory["cpu"];
  // The engine may build a fresh cpu backend from its factory at any time,
  // so the factory is wrapped as well as the instance that exists now.
  if (entry !== undefined && entry.quiet !== true) {
    const factory = entry.factory;
    entry.factory = () => {
      const backend = factory() as Quiet;
      backend.firstUse = false;
      return backend;
    };
    entry.quiet = true;
  }
  const cpu = tf.findBackend("cpu") as unknown as Quiet | null;
  if (cpu !== null && cpu !== undefined) cpu.firstUse = false;
}
