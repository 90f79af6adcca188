/**
 * Faster wasm kernels for the element-wise or data-movement ops that
 * dominate a dense network's training step on the wasm backend (measured on
 * a [4096, 64] activation: MAPPO's update on 64 envs × 64 steps), done
 * explicitly and reversibly like the matMul patch in ./kernel_patches.ts:
 *
 * - `Tanh`: the wasm kernel calls libm's `tanh` per element (≈ 10 ms); the
 *   patch uses the identity `tanh(x) = 2σ(2x) − 1` with the backend's own
 *   vectorised (XNNPACK) `Sigmoid` kernel (≈ 2.5 ms). Same function, float32
 *   rounding differs by at most a few 1e-7 (absolute).
 * - `Transpose` of the last two axes (leading axes kept): the wasm kernel's
 *   generic strided copy takes ≈ 4 ms; a cache-blocked copy on the wasm heap
 *   in JavaScript ≈ 0.5 ms. Exact (a copy). The matMul patch transposes
 *   through this kernel, so every backward pass of a dense layer gains.
 * - `Sum` over leading axes (a dense layer's bias gradient, `Σ_rows dy`):
 *   the wasm kernel transposes first (≈ 2 ms); the patch accumulates rows on
 *   the heap in float64 and rounds once (≈ 0.3 ms; at least as accurate).
 *
 * - `Identity` (what `tf.clone` runs, and the engine runs on every tensor a
 *   gradient saves, ≈ 130 times per MAPPO epoch): the wasm kernel copies the
 *   data; the patch shares it and counts a reference, as the wasm `Reshape`
 *   kernel and the cpu backend's `Identity` do. Tensors are immutable (every
 *   kernel writes only its own new outputs), so sharing is exact.
 *
 * Other dtypes, permutations and axes run the original kernels.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "./tf.ts";
 * import "@tensorflow/tfjs-backend-wasm";
 * import { isFastKernelsPatched, patchFastKernels, unpatchFastKernels } from "./fast_kernels.ts";
 * patchFastKernels("wasm");
 * assert(isFastKernelsPatched("wasm"));
 * unpatchFastKernels("wasm");
 * assert(!isFastKernelsPatched("wasm"));
 * ```
 * @module
 */

import { tf } from "./tf.ts";

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  incRef(dataId: tf.DataId): void;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}

type AnyKernelFunc = (args: KernelArgs) => tf.TensorInfo | tf.TensorInfo[];

const FAST_KERNELS = ["Tanh", "Transpose", "Sum", "Identity"] as const;

/** The original configs replaced by the patch, by `${backend}/${kernel}`. */
const originals = new Map<string, tf.KernelConfig>();

function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** `tanh(x) = 2σ(2x) − 1` with the backend's Sigmoid kernel. */
function tanhFunc(original: AnyKernelFunc, sigmoid: AnyKernelFunc): AnyKernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype !== "float32") return original(args);
    const b = args.backend as WasmBackendLike;
    const twoX = b.makeOutput(x.shape, "float32");
    const src = b.typedArrayFromHeap(x), dst = b.typedArrayFromHeap(twoX);
    for (let i = 0; i < src.length; i++) dst[i] = 2 * src[i];
    let y: tf.TensorInfo;
    try {
      y = sigmoid({ inputs: { x: twoX }, backend: args.backend }) as tf.TensorInfo;
    } finally {
      b.disposeData(twoX.dataId);
    }
    const out = b.typedArrayFromHeap(y);
    for (let i = 0; i < out.length; i++) out[i] = 2 * out[i] - 1;
    return y;
  };
}

/** Shares the input's data (one more reference) instead of copying it; strings: the original. */
function identityFunc(original: AnyKernelFunc): AnyKernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.dtype === "string") return original(args);
    (args.backend as WasmBackendLike).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}

/** Swaps the last two axes with a blocked copy when `perm` is exactly that swap. */
function transposeFunc(original: AnyKernelFunc): AnyKernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const perm = (args.attrs?.perm ?? []) as number[];
    const r = x.shape.length;
    let swapLastTwo = r >= 2 && perm.length === r && perm[r - 2] === r - 1 &&
      perm[r - 1] === r - 2;
    for (let i = 0; swapLastTwo && i < r - 2; i++) swapLastTwo = perm[i] === i;
    if (!swapLastTwo || (x.dtype !== "float32" && x.dtype !== "int32")) return original(args);
    const b = args.backend as WasmBackendLike;
    const R = x.shape[r - 2], C = x.shape[r - 1];
    const outShape = [...x.shape.slice(0, r - 2), C, R];
    const out = b.makeOutput(outShape, x.dtype);
    const src = b.typedArrayFromHeap(x), dst = b.typedArrayFromHeap(out);
    const batches = sizeOf(x.shape.slice(0, r - 2)), plane = R * C, BLOCK = 64;
    for (let n = 0; n < batches; n++) {
      const o = n * plane;
      for (let r0 = 0; r0 < R; r0 += BLOCK) {
        const r1 = Math.min(R, r0 + BLOCK);
        for (let c = 0; c < C; c++) {
          const d = o + c * R;
          for (let i = r0; i < r1; i++) dst[d + i] = src[o + i * C + c];
        }
      }
    }
    return out;
  };
}

/** Sums over leading axes `[0, k)` (k < rank) row by row, in float64. */
function sumFunc(original: AnyKernelFunc): AnyKernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    const r = x.shape.length;
    const raw = args.attrs?.axis as number | number[] | undefined;
    if (x.dtype !== "float32" || raw === undefined || raw === null) return original(args);
    const axes = [...new Set((Array.isArray(raw) ? raw : [raw]).map((a) => a < 0 ? a + r : a))]
      .sort((a, b) => a - b);
    const k = axes.length;
    if (k === 0 || k >= r || axes.some((a, i) => a !== i)) return original(args);
    const keepDims = args.attrs?.keepDims === true;
    const rest = x.shape.slice(k);
    const outShape = keepDims ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest;
    const R = sizeOf(x.shape.slice(0, k)), C = sizeOf(rest);
    const b = args.backend as WasmBackendLike;
    const out = b.makeOutput(outShape, "float32");
    const src = b.typedArrayFromHeap(x), dst = b.typedArrayFromHeap(out);
    const acc = new Float64Array(C);
    for (let i = 0; i < R; i++) {
      const o = i * C;
      for (let c = 0; c < C; c++) acc[c] += src[o + c];
    }
    for (let c = 0; c < C; c++) dst[c] = acc[c];
    return out;
  };
}

/**
 * Replaces `Tanh`, `Transpose`, `Sum` and `Identity` on `backendName` (default `wasm`)
 * by the faster paths above. Idempotent; apply it before
 * `patchTransposedMatMul` so the matMul patch transposes through it.
 */
export function patchFastKernels(backendName = "wasm"): void {
  for (const kernelName of FAST_KERNELS) {
    const k = `${backendName}/${kernelName}`;
    if (originals.has(k)) continue;
    const original = tf.getKernel(kernelName, backendName);
    if (original === undefined) continue;
    const originalFunc = original.kernelFunc as unknown as AnyKernelFunc;
    let kernelFunc: AnyKernelFunc;
    if (kernelName === "Tanh") {
      const sigmoid = tf.getKernel("Sigmoid", backendName);
      if (sigmoid === undefined) continue;
      kernelFunc = tanhFunc(originalFunc, sigmoid.kernelFunc as unknown as AnyKernelFunc);
    } else if (kernelName === "Transpose") kernelFunc = transposeFunc(originalFunc);
    else if (kernelName === "Identity") kernelFunc = identityFunc(originalFunc);
    else kernelFunc = sumFunc(originalFunc);
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ ...original, kernelFunc: kernelFunc as unknown as tf.KernelFunc });
    originals.set(k, original);
  }
}

/** Restores the original kernels replaced by {@linkcode patchFastKernels}. */
export function unpatchFastKernels(backendName = "wasm"): void {
  for (const kernelName of FAST_KERNELS) {
    const k = `${backendName}/${kernelName}`;
    const original = originals.get(k);
    if (original === undefined) continue;
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel(original);
    originals.delete(k);
  }
}

/** True when {@linkcode patchFastKernels} is in effect on `backendName`. */
export function isFastKernelsPatched(backendName = "wasm"): boolean {
  return FAST_KERNELS.some((n) => originals.has(`${backendName}/${n}`));
}
