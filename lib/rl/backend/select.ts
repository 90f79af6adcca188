/**
 * `training.backend: auto | tensorflow | wasm | cpu`: picks and activates the
 * TensorFlow.js backend, says which one it got and why, and returns the
 * name to record in the run manifest.
 *
 * - `tensorflow`: `@tensorflow/tfjs-node-gpu` or `-node` (optional; see
 *   ./tensorflow.ts). Asked for and missing → {@linkcode UsageError} with
 *   the install command.
 * - `wasm`: WebAssembly with SIMD, the fast-matMul patch and the cpu
 *   fallbacks (see ./wasm.ts).
 * - `cpu`: plain JavaScript, the reference every other backend is checked
 *   against.
 * - `auto`: tensorflow, then wasm, then cpu; the first that loads and
 *   passes the op check.
 *
 * A non-cpu backend is verified on selection (`verify`, default true): every
 * op in {@linkcode OP_CASES} runs forward and backward on it and on cpu, in
 * about 0.3 s; a backend that disagrees is refused (explicit choice: an
 * error naming the ops; auto: the next one), never used silently.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "./tf.ts";
 * import { selectBackend } from "./select.ts";
 * const lines: string[] = [];
 * const chosen = await selectBackend("wasm", { log: (l) => lines.push(l) });
 * assert.equal(chosen.name, "wasm");
 * assert.equal(tf.getBackend(), "wasm");
 * assert(lines[0].startsWith("backend: wasm"));
 * ```
 * @module
 */

import { quietCpuBanner, tf } from "./tf.ts";
import { UsageError } from "../../core/errors.ts";
import { errorText, initWasmBackend } from "./wasm.ts";
import type { WasmOptions } from "./wasm.ts";
import { loadTensorflowBackend, TENSORFLOW_INSTALL_HINT } from "./tensorflow.ts";
import { checkBackendOps } from "./op_check.ts";

/** The values `training.backend` accepts. */
export const BACKEND_CHOICES = ["auto", "tensorflow", "wasm", "cpu"] as const;

/** A `training.backend` value. */
export type BackendChoice = typeof BACKEND_CHOICES[number];

/** A concrete backend. */
export type BackendName = "tensorflow" | "wasm" | "cpu";

/** Options of {@linkcode selectBackend}. */
export interface SelectOptions {
  /** Receives one line per decision (default: discarded). */
  log?: (line: string) => void;
  /** Verify the chosen non-cpu backend against cpu, op by op (default true). */
  verify?: boolean;
  /** Options for the wasm backend. */
  wasm?: WasmOptions;
}

/** The backend in use and why. */
export interface SelectedBackend {
  /** The active backend, as recorded in run manifests. */
  name: BackendName;
  /** Why it was chosen (and why better ones were not). */
  reason: string;
  /** Details: package, SIMD, patches, fallbacks. */
  details: Record<string, unknown>;
}

/** True when `value` is one of {@linkcode BACKEND_CHOICES}. */
export function isBackendChoice(value: unknown): value is BackendChoice {
  return typeof value === "string" && (BACKEND_CHOICES as readonly string[]).includes(value);
}

type Attempt = { ok: true; details: Record<string, unknown>; note: string } | {
  ok: false;
  reason: string;
};

async function verified(name: BackendName, verify: boolean): Promise<string | null> {
  if (!verify || name === "cpu") return null;
  const report = await checkBackendOps(name);
  const bad = report.filter((r) => !r.ok);
  if (bad.length === 0) return null;
  return `${bad.length} of ${report.length} ops disagree with cpu: ` +
    bad.map((r) => `${r.name} (${r.error ?? `err ${r.forwardError}/${r.gradientError}`})`)
      .join(", ");
}

async function tryTensorflow(verify: boolean): Promise<Attempt> {
  const load = await loadTensorflowBackend();
  if (!load.ok) return { ok: false, reason: load.reason };
  const mismatch = await verified("tensorflow", verify);
  if (mismatch !== null) return { ok: false, reason: `tensorflow: ${mismatch}` };
  return { ok: true, details: { package: load.packageName }, note: load.packageName };
}

async function tryWasm(verify: boolean, opts: WasmOptions | undefined): Promise<Attempt> {
  let info;
  try {
    info = await initWasmBackend(opts);
  } catch (err) {
    return { ok: false, reason: errorText(err) };
  }
  const mismatch = await verified("wasm", verify);
  if (mismatch !== null) return { ok: false, reason: `wasm: ${mismatch}` };
  const note = `SIMD ${info.simd ? "on" : "off"}, threads off, ` +
    `${info.fastMatMul ? "explicit-transpose matMul" : "stock matMul"}, ` +
    `cpu fallbacks: ${info.cpuFallbacks.join(", ") || "none"}`;
  return { ok: true, details: { ...info }, note };
}

async function useCpu(): Promise<void> {
  await tf.setBackend("cpu");
  await tf.ready();
  quietCpuBanner();
}

/**
 * Activates a backend per `choice` and returns it. Throws
 * {@linkcode UsageError} when an explicitly chosen backend is unavailable.
 */
export async function selectBackend(
  choice: BackendChoice,
  opts: SelectOptions = {},
): Promise<SelectedBackend> {
  const log = opts.log ?? (() => {});
  const verify = opts.verify ?? true;
  if (!isBackendChoice(choice)) {
    throw new UsageError(
      `training.backend: expected one of ${BACKEND_CHOICES.join(", ")}, found ${String(choice)}`,
    );
  }
  // The cpu backend is always initialised: it is the reference and the fallback.
  await useCpu();

  const done = (name: BackendName, reason: string, details: Record<string, unknown>) => {
    log(`backend: ${name} (${reason})`);
    return { name, reason, details };
  };

  if (choice === "cpu") {
    return done("cpu", "asked for cpu", {});
  }
  if (choice === "tensorflow") {
    const t = await tryTensorflow(verify);
    if (!t.ok) {
      await useCpu();
      throw new UsageError(
        `training.backend: expected the tensorflow backend to load, found ${t.reason}. ` +
          `Install it with: ${TENSORFLOW_INSTALL_HINT}; or choose wasm or cpu`,
      );
    }
    return done("tensorflow", `asked for tensorflow: ${t.note}`, t.details);
  }
  if (choice === "wasm") {
    const w = await tryWasm(verify, opts.wasm);
    if (!w.ok) {
      await useCpu();
      throw new UsageError(
        `training.backend: expected the wasm backend to work, found ${w.reason}; choose cpu`,
      );
    }
    return done("wasm", `asked for wasm: ${w.note}`, w.details);
  }

  // auto
  const t = await tryTensorflow(verify);
  if (t.ok) return done("tensorflow", `auto: ${t.note}`, t.details);
  const w = await tryWasm(verify, opts.wasm);
  if (w.ok) return done("wasm", `auto: tensorflow unavailable (${t.reason}); ${w.note}`, w.details);
  await useCpu();
  return done(
    "cpu",
    `auto: tensorflow unavailable (${t.reason}); wasm unavailable (${w.reason})`,
    {},
  );
}
