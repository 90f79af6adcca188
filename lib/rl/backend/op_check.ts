/**
 * Differential check of a backend against cpu: every op case runs forward and
 * backward on both backends with identical inputs, and the outputs and
 * gradients are compared with a normwise relative error,
 * `max|a − b| / max(max|b|, 1e-6)`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { checkBackendOps } from "./op_check.ts";
 * import { OP_CASES } from "./op_cases.ts";
 * import { initWasmBackend } from "./wasm.ts";
 * await initWasmBackend();
 * const cases = OP_CASES.filter((c) => c.name.startsWith("matMul"));
 * const report = await checkBackendOps("wasm", { cases });
 * assert.equal(report.filter((r) => !r.ok).length, 0);
 * ```
 * @module
 */

import { tf } from "./tf.ts";
import { Rng } from "../../core/rng.ts";
import type { OpCase } from "./op_cases.ts";
import { OP_CASES } from "./op_cases.ts";
import { errorText } from "./wasm.ts";

/** The outcome of one op case. */
export interface OpCheckResult {
  /** The case name. */
  name: string;
  /** Within tolerance, forward and backward (false on any error). */
  ok: boolean;
  /** Relative error of the forward output (NaN when it failed to run). */
  forwardError: number;
  /** Largest relative error over the input gradients (0 when not checked). */
  gradientError: number;
  /** Why it failed to run on one backend, when it did. */
  error?: string;
}

/** Options of {@linkcode checkBackendOps}. */
export interface OpCheckOptions {
  /** Cases to run (default: all of {@linkcode OP_CASES}). */
  cases?: readonly OpCase[];
  /** Reference backend (default "cpu"). */
  reference?: string;
  /** Relative tolerance (default 1e-4). */
  tolerance?: number;
  /** Seed of the input values (default 7). */
  seed?: number;
}

interface CaseOutput {
  forward: Float32Array;
  grads: Float32Array[];
}

/** The normwise relative error of `a` against reference `b` (Infinity on shape mismatch). */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let maxDiff = 0;
  let maxRef = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (Number.isNaN(x) !== Number.isNaN(y)) return Infinity;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return Infinity;
      continue;
    }
    maxDiff = Math.max(maxDiff, Math.abs(x - y));
    maxRef = Math.max(maxRef, Math.abs(y));
  }
  return maxDiff / Math.max(maxRef, 1e-6);
}

function makeInputs(c: OpCase, rng: Rng): { values: Float32Array | Int32Array; int: boolean }[] {
  return c.inputs.map((inp) => {
    const n = inp.shape.reduce((p, d) => p * d, 1);
    if (inp.int === true) {
      const v = new Int32Array(n);
      for (let i = 0; i < n; i++) v[i] = inp.lo + rng.nextInt(inp.hi - inp.lo);
      return { values: v, int: true };
    }
    const v = new Float32Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.uniform(inp.lo, inp.hi);
    return { values: v, int: false };
  });
}

function runCase(
  c: OpCase,
  data: { values: Float32Array | Int32Array; int: boolean }[],
  upstreamSeed: number,
): CaseOutput {
  return tf.tidy(() => {
    const xs = c.inputs.map((inp, i) =>
      data[i].int
        ? tf.tensor(data[i].values, inp.shape, "int32")
        : tf.tensor(data[i].values, inp.shape, "float32")
    );
    const y = c.fn(...xs);
    const forward = y.dataSync() as Float32Array;
    const grads: Float32Array[] = [];
    if (c.grad !== false) {
      // Loss = Σ y ⊙ w with a fixed random w, so every output element's
      // gradient path is weighted differently (a plain sum can hide errors).
      const wRng = Rng.fromSeed(upstreamSeed);
      const w = new Float32Array(y.size);
      for (let i = 0; i < w.length; i++) w[i] = wRng.uniform(-1, 1);
      const wt = tf.tensor(w, y.shape, "float32");
      const floatIdx = xs.map((_, i) => i).filter((i) => !data[i].int);
      const f = (...fx: tf.Tensor[]) => {
        const all = xs.slice();
        floatIdx.forEach((k, j) => (all[k] = fx[j]));
        return tf.sum(tf.mul(c.fn(...all), wt));
      };
      const gs = tf.grads(f)(floatIdx.map((k) => xs[k]));
      for (const g of gs) grads.push(g.dataSync() as Float32Array);
    }
    return { forward: Float32Array.from(forward), grads: grads.map((g) => Float32Array.from(g)) };
  });
}

/**
 * Runs each case on `backendName` and on the reference backend and compares.
 * Leaves `backendName` active afterwards. The backends must be registered
 * (and wasm initialised: see `initWasmBackend`).
 */
export async function checkBackendOps(
  backendName: string,
  opts: OpCheckOptions = {},
): Promise<OpCheckResult[]> {
  const cases = opts.cases ?? OP_CASES;
  const reference = opts.reference ?? "cpu";
  const tolerance = opts.tolerance ?? 1e-4;
  const rng = Rng.fromSeed(opts.seed ?? 7);
  const results: OpCheckResult[] = [];
  try {
    for (const c of cases) {
      const data = makeInputs(c, rng.derive(c.name));
      const upstreamSeed = rng.derive(`${c.name}/upstream`).nextU32();
      let ref: CaseOutput, got: CaseOutput;
      try {
        await tf.setBackend(reference);
        ref = runCase(c, data, upstreamSeed);
      } catch (err) {
        results.push(failed(c.name, `on ${reference}: ${errorText(err)}`));
        continue;
      }
      try {
        await tf.setBackend(backendName);
        got = runCase(c, data, upstreamSeed);
      } catch (err) {
        results.push(failed(c.name, `on ${backendName}: ${errorText(err)}`));
        continue;
      }
      const forwardError = relativeError(got.forward, ref.forward);
      let gradientError = 0;
      for (let i = 0; i < ref.grads.length; i++) {
        gradientError = Math.max(gradientError, relativeError(got.grads[i], ref.grads[i]));
      }
      results.push({
        name: c.name,
        ok: forwardError <= tolerance && gradientError <= tolerance,
        forwardError,
        gradientError,
      });
    }
  } finally {
    await tf.setBackend(backendName);
  }
  return results;
}

function failed(name: string, error: string): OpCheckResult {
  return { name, ok: false, forwardError: NaN, gradientError: NaN, error };
}
