/**
 * Kernel-registry surgery for the wasm backend, done explicitly and
 * reversibly:
 *
 * - {@linkcode patchTransposedMatMul}: the wasm `BatchMatMul` and
 *   `_FusedMatMul` kernels are 12× slower when asked to transpose an operand
 *   (../shared/GUIDE.md: 30 ms against 2.5 ms for 256³), and every backward
 *   pass of a dense layer asks for exactly that (dW = xᵀ·dy, dx = dy·Wᵀ). The
 *   patch materialises the transposed operand with the backend's own
 *   `Transpose` kernel and calls the original kernel with both flags false:
 *   same arithmetic, different memory layout.
 * - {@linkcode registerCpuFallback}: a kernel the target backend lacks is
 *   registered as a copy-in, run-on-cpu, copy-out wrapper around the cpu
 *   backend's own kernel, so the op computes exactly what cpu computes
 *   instead of failing (or, worse, being replaced by something else).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { isTransposedMatMulPatched, patchTransposedMatMul, unpatchTransposedMatMul } from "./kernel_patches.ts";
 * import "@tensorflow/tfjs-backend-wasm";
 * patchTransposedMatMul("wasm");
 * assert(isTransposedMatMulPatched("wasm"));
 * unpatchTransposedMatMul("wasm");
 * assert(!isTransposedMatMulPatched("wasm"));
 * ```
 * @module
 */

import { tf } from "./tf.ts";

/** The minimal view of a backend a kernel wrapper needs (every tfjs backend has these). */
interface BackendLike {
  write(values: tf.backend_util.BackendValues, shape: number[], dtype: tf.DataType): tf.DataId;
  readSync(dataId: tf.DataId): tf.backend_util.BackendValues;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

type AnyKernelFunc = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

/** The original configs replaced by a patch, by `${backend}/${kernel}`. */
const originals = new Map<string, tf.KernelConfig>();

/** Kernels that have a cpu fallback registered, by `${backend}/${kernel}`. */
const fallbacks = new Set<string>();

const MATMUL_KERNELS = ["BatchMatMul", "_FusedMatMul"] as const;

function key(backendName: string, kernelName: string): string {
  return `${backendName}/${kernelName}`;
}

/** Swaps the last two axes of `x` with the backend's own `Transpose` kernel. */
function transposeLastTwo(
  x: tf.TensorInfo,
  backend: unknown,
  transposeFunc: AnyKernelFunc,
): tf.TensorInfo {
  const rank = x.shape.length;
  const perm: number[] = [];
  for (let i = 0; i < rank - 2; i++) perm.push(i);
  perm.push(rank - 1, rank - 2);
  return transposeFunc({ inputs: { x }, backend, attrs: { perm } }) as tf.TensorInfo;
}

/**
 * Replaces `BatchMatMul` and `_FusedMatMul` on `backendName` (default `wasm`)
 * by wrappers that transpose operands explicitly and then call the original
 * kernel with `transposeA = transposeB = false`. Idempotent. Call it before
 * or after the backend is initialised: the original `setupFunc` is kept, so
 * initialisation still prepares the original kernel.
 */
export function patchTransposedMatMul(backendName = "wasm"): void {
  const transposeConfig = tf.getKernel("Transpose", backendName);
  if (transposeConfig === undefined) {
    throw new Error(
      `patchTransposedMatMul: expected a Transpose kernel on backend "${backendName}", found none`,
    );
  }
  // Looked up per call: a faster Transpose registered later (./fast_kernels.ts) is used.
  const transposeFunc: AnyKernelFunc = (args) =>
    (tf.getKernel("Transpose", backendName) ?? transposeConfig).kernelFunc(
      args as unknown as Parameters<tf.KernelFunc>[0],
    ) as tf.TensorInfo;
  for (const kernelName of MATMUL_KERNELS) {
    const k = key(backendName, kernelName);
    if (originals.has(k)) continue;
    const original = tf.getKernel(kernelName, backendName);
    if (original === undefined) continue;
    const originalFunc = original.kernelFunc as unknown as AnyKernelFunc;
    const kernelFunc: AnyKernelFunc = ({ inputs, backend, attrs }) => {
      const transposeA = attrs?.transposeA === true;
      const transposeB = attrs?.transposeB === true;
      if (!transposeA && !transposeB) return originalFunc({ inputs, backend, attrs });
      const b = backend as BackendLike;
      const temps: tf.TensorInfo[] = [];
      const newInputs: tf.NamedTensorInfoMap = { ...inputs };
      if (transposeA) {
        newInputs.a = transposeLastTwo(inputs.a as tf.TensorInfo, backend, transposeFunc);
        temps.push(newInputs.a);
      }
      if (transposeB) {
        newInputs.b = transposeLastTwo(inputs.b as tf.TensorInfo, backend, transposeFunc);
        temps.push(newInputs.b);
      }
      try {
        return originalFunc({
          inputs: newInputs,
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false },
        });
      } finally {
        for (const t of temps) b.disposeData(t.dataId);
      }
    };
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    originals.set(k, original);
  }
}

/** Restores the original `BatchMatMul` and `_FusedMatMul` kernels (for benchmarks). */
export function unpatchTransposedMatMul(backendName = "wasm"): void {
  for (const kernelName of MATMUL_KERNELS) {
    const k = key(backendName, kernelName);
    const original = originals.get(k);
    if (original === undefined) continue;
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel(original);
    originals.delete(k);
  }
}

/** True when {@linkcode patchTransposedMatMul} is in effect on `backendName`. */
export function isTransposedMatMulPatched(backendName = "wasm"): boolean {
  return originals.has(key(backendName, "BatchMatMul"));
}

/** Copies a tensor's values out of `backend` (a fresh array, never a view on a heap). */
function readCopy(backend: BackendLike, info: tf.TensorInfo): tf.backend_util.BackendValues {
  const values = backend.readSync(info.dataId);
  return ArrayBuffer.isView(values) ? (values as Float32Array).slice() : values;
}

/**
 * A kernel function that runs the cpu backend's `kernelName` on copies of
 * its inputs and copies the outputs into the calling backend. Slower than a
 * native kernel (two copies), but exact: it is the cpu kernel.
 */
function cpuKernelFunc(kernelName: string): AnyKernelFunc {
  const cpuConfig = tf.getKernel(kernelName, "cpu");
  if (cpuConfig === undefined) {
    throw new Error(`cpu fallback for ${kernelName}: expected a cpu kernel, found none`);
  }
  const cpuFunc = cpuConfig.kernelFunc as unknown as AnyKernelFunc;
  return ({ inputs, backend, attrs }) => {
    const cpu = tf.findBackend("cpu") as unknown as BackendLike | null;
    if (cpu === null) {
      throw new Error(`cpu fallback for ${kernelName}: expected the cpu backend, found none`);
    }
    const target = backend as BackendLike;
    // Some kernels (Einsum, Concat, AddN, Pack) take an array of inputs: keep its form.
    const cpuInputs = (Array.isArray(inputs) ? [] : {}) as Record<string, tf.TensorInfo>;
    const temps: tf.DataId[] = [];
    for (const [name, info] of Object.entries(inputs)) {
      if (info === undefined || info === null) continue;
      const dataId = cpu.write(readCopy(target, info), info.shape, info.dtype);
      temps.push(dataId);
      cpuInputs[name] = { dataId, shape: info.shape, dtype: info.dtype };
    }
    try {
      const out = cpuFunc({ inputs: cpuInputs as tf.NamedTensorInfoMap, backend: cpu, attrs });
      const outs = Array.isArray(out) ? out : [out];
      const copied = outs.map((o) => {
        const values = readCopy(cpu, o);
        cpu.disposeData(o.dataId);
        return { dataId: target.write(values, o.shape, o.dtype), shape: o.shape, dtype: o.dtype };
      });
      return Array.isArray(out) ? copied : copied[0];
    } finally {
      for (const id of temps) cpu.disposeData(id);
    }
  };
}

/**
 * Registers `kernelName` on `backendName` as the cpu backend's kernel run on
 * copies of the inputs, with the outputs copied back. Returns false (and
 * changes nothing) when the backend already has the kernel or cpu lacks it.
 */
export function registerCpuFallback(kernelName: string, backendName = "wasm"): boolean {
  if (tf.getKernel(kernelName, backendName) !== undefined) return false;
  if (tf.getKernel(kernelName, "cpu") === undefined) return false;
  tf.registerKernel({
    kernelName,
    backendName,
    kernelFunc: cpuKernelFunc(kernelName) as unknown as tf.KernelFunc,
  });
  fallbacks.add(key(backendName, kernelName));
  return true;
}

/**
 * Routes the calls of `kernelName` on `backendName` for which `when(attrs)`
 * holds to the cpu kernel (see {@linkcode registerCpuFallback}); other calls
 * keep the native kernel. For kernels that are wrong only in some modes.
 * Idempotent per kernel.
 */
export function routeToCpuWhen(
  kernelName: string,
  backendName: string,
  when: (attrs: tf.NamedAttrMap) => boolean,
): void {
  const k = key(backendName, kernelName);
  if (originals.has(k)) return;
  const original = tf.getKernel(kernelName, backendName);
  if (original === undefined) {
    throw new Error(
      `routeToCpuWhen: expected a ${kernelName} kernel on ${backendName}, found none`,
    );
  }
  const nativeFunc = original.kernelFunc as unknown as AnyKernelFunc;
  const cpuFunc = cpuKernelFunc(kernelName);
  const kernelFunc: AnyKernelFunc = (args) =>
    when(args.attrs ?? {}) ? cpuFunc(args) : nativeFunc(args);
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
  originals.set(k, original);
  fallbacks.add(`${k} (some modes)`);
}

/** The kernels that currently run through a cpu fallback on `backendName`. */
export function cpuFallbackKernels(backendName = "wasm"): string[] {
  const prefix = `${backendName}/`;
  return [...fallbacks].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))
    .sort();
}
