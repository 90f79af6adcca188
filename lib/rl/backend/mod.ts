/**
 * The compute backend for learning: one TensorFlow.js namespace with every
 * gradient registered ({@linkcode tf}), and {@linkcode selectBackend} for
 * `training.backend: auto | tensorflow | wasm | cpu`. The wasm backend is
 * made fast (explicit-transpose matMul) and complete (cpu fallbacks for the
 * kernels it lacks or gets wrong), and every backend is checked op by op
 * against cpu before use.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { selectBackend, tf } from "./mod.ts";
 * const chosen = await selectBackend("cpu");
 * assert.equal(chosen.name, "cpu");
 * assert.equal(tf.getBackend(), "cpu");
 * ```
 * @module
 */

export { hasGradient, quietCpuBanner, tf } from "./tf.ts";
export * from "./gradients.ts";
export * from "./kernel_patches.ts";
export * from "./fast_kernels.ts";
export * from "./wasm.ts";
export * from "./tensorflow.ts";
export * from "./op_cases.ts";
export * from "./op_check.ts";
export * from "./select.ts";
