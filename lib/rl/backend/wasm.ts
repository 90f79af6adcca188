/**
 * The WebAssembly backend in Deno, offline.
 *
 * How the binary is found: the package's Node bundle is an Emscripten module
 * that detects Node (Deno defines `process.versions.node`) and reads
 * `tfjs-backend-wasm-simd.wasm` from its own folder inside `node_modules`
 * with `fs.readFileSync`, so nothing is fetched over the network and no
 * permission beyond reading `node_modules` is needed. `wasmDir` (a folder
 * path or `file:` URL ending in `/`) points it elsewhere through
 * `setWasmPaths`, for bundled or relocated copies.
 *
 * Threads stay off (the threaded build needs Web Workers sharing memory,
 * which tfjs disables under Node); SIMD stays on: 128-bit vector kernels,
 * about 4× the plain build's matMul throughput.
 *
 * After initialisation the wasm kernels are made fast and complete:
 * transposed matMuls go through {@linkcode patchTransposedMatMul}, and the
 * kernels wasm lacks but training can reach (`UnsortedSegmentSum`, the
 * gradient of `gather`; `Einsum`; convolution back-props) run the cpu
 * kernel through {@linkcode registerCpuFallback}; `gather` with batch
 * dimensions, which the wasm kernel gets wrong, runs on cpu too.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { initWasmBackend } from "./wasm.ts";
 * const info = await initWasmBackend();
 * assert.equal(tf.getBackend(), "wasm");
 * assert.equal(info.simd, true);
 * const y = tf.matMul(tf.ones([2, 3]), tf.ones([2, 3]), false, true);
 * assert.deepEqual(Array.from(y.dataSync()), [3, 3, 3, 3]);
 * ```
 * @module
 */

import { tf } from "./tf.ts";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import {
  cpuFallbackKernels,
  isTransposedMatMulPatched,
  patchTransposedMatMul,
  registerCpuFallback,
  routeToCpuWhen,
} from "./kernel_patches.ts";
import { patchFastKernels } from "./fast_kernels.ts";

/**
 * Kernels the cpu backend has and the wasm backend (4.22) lacks that a
 * network or a loss can reach. Complex-number, string and ragged kernels are
 * left out: wasm cannot store their dtypes, so they fail loudly instead.
 */
export const WASM_CPU_FALLBACK_KERNELS: readonly string[] = [
  "UnsortedSegmentSum",
  "Einsum",
  "Conv2DBackpropFilter",
  "DepthwiseConv2dNativeBackpropFilter",
  "DepthwiseConv2dNativeBackpropInput",
];

/** Options of {@linkcode initWasmBackend}. */
export interface WasmOptions {
  /** Folder holding the `.wasm` binaries (path or `file:` URL ending in `/`); default: the package's own. */
  wasmDir?: string;
  /** Apply the explicit-transpose matMul patch (default true; false only to measure without it). */
  fastMatMul?: boolean;
  /** Apply the faster Tanh, Transpose and Sum kernels (./fast_kernels.ts; default true). */
  fastKernels?: boolean;
}

/** What {@linkcode initWasmBackend} found. */
export interface WasmInfo {
  /** SIMD instructions in use. */
  simd: boolean;
  /** Multi-threading in use (always false in Deno). */
  threads: boolean;
  /** The explicit-transpose matMul patch is in effect. */
  fastMatMul: boolean;
  /** Kernels registered as cpu fallbacks. */
  cpuFallbacks: string[];
}

let pathsSet = false;

/**
 * Initialises the wasm backend and makes it the active one. Throws an Error
 * saying why when it cannot (the binary is missing or fails to compile).
 */
export async function initWasmBackend(opts: WasmOptions = {}): Promise<WasmInfo> {
  if (opts.wasmDir !== undefined && !pathsSet && tf.findBackend("wasm") === null) {
    setWasmPaths(opts.wasmDir);
    pathsSet = true;
  }
  // Threads off explicitly (tfjs already says false under Node; be certain).
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  // Before the matMul patch: it transposes through the (then faster) Transpose kernel.
  if (opts.fastKernels !== false) patchFastKernels("wasm");
  if (opts.fastMatMul !== false) patchTransposedMatMul("wasm");
  for (const k of WASM_CPU_FALLBACK_KERNELS) registerCpuFallback(k, "wasm");
  // The wasm GatherV2 kernel returns garbage with batchDims > 0 when the
  // gather axis directly follows the batch axes (gather([3,5], idx[3,2],
  // axis 1, batchDims 1) read [0,4,13,12,0,1.3e-40] where cpu reads
  // [0,4,11,13,22,22]); such calls run the cpu kernel.
  routeToCpuWhen("GatherV2", "wasm", (attrs) => Number(attrs.batchDims ?? 0) > 0);
  const cpuFallbacks = cpuFallbackKernels("wasm");
  let ok: boolean;
  try {
    ok = await tf.setBackend("wasm");
  } catch (err) {
    throw new Error(`wasm backend failed to initialise: ${errorText(err)}`);
  }
  if (!ok) {
    const where = opts.wasmDir ?? "node_modules/@tensorflow/tfjs-backend-wasm/dist/";
    throw new Error(
      `wasm backend failed to initialise (tfjs printed the cause above): ` +
        `expected tfjs-backend-wasm-simd.wasm in ${where}`,
    );
  }
  await tf.ready();
  const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT") as boolean;
  return {
    simd,
    threads: false,
    fastMatMul: isTransposedMatMulPatched("wasm"),
    cpuFallbacks,
  };
}

/** A one-line description of anything thrown (tfjs sometimes rejects with plain objects). */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === "object" && err !== null && "message" in err) {
    return String((err as { message: unknown }).message);
  }
  return String(err);
}
