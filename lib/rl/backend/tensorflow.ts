/**
 * The optional native backend: `@tensorflow/tfjs-node-gpu` (CUDA) or
 * `@tensorflow/tfjs-node` (CPU, libtensorflow), registered by tfjs as the
 * backend named `tensorflow`.
 *
 * Neither package is in the import map or the lock file: their install
 * script downloads libtensorflow from Google's storage, which fails on
 * machines without that access, and the workspace must install and pass its
 * tests without them. They are looked for in `node_modules` first and only
 * then imported, through a computed specifier, so that a machine without
 * them never resolves (or downloads) anything.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TENSORFLOW_INSTALL_HINT, findTensorflowPackage } from "./tensorflow.ts";
 * const found = await findTensorflowPackage();
 * assert(found === null || found.startsWith("@tensorflow/tfjs-node"));
 * assert(TENSORFLOW_INSTALL_HINT.includes("--allow-scripts"));
 * ```
 * @module
 */

import { tf } from "./tf.ts";
import { errorText } from "./wasm.ts";

/** The native packages, best first, pinned to the tfjs version of the import map. */
export const TENSORFLOW_PACKAGES: readonly string[] = [
  "@tensorflow/tfjs-node-gpu",
  "@tensorflow/tfjs-node",
];

/** The tfjs version every package must match. */
export const TFJS_VERSION = "4.22.0";

/** How to install the native backend (printed when it is asked for and missing). */
export const TENSORFLOW_INSTALL_HINT =
  `deno install --allow-scripts=npm:@tensorflow/tfjs-node-gpu@${TFJS_VERSION} ` +
  `npm:@tensorflow/tfjs-node-gpu@${TFJS_VERSION}   (CUDA 11.8 + cuDNN 8.6; ` +
  `or tfjs-node@${TFJS_VERSION} for the CPU build; its install script downloads libtensorflow)`;

/** The workspace's node_modules folder (three levels up from lib/rl/backend/). */
const NODE_MODULES = new URL("../../../node_modules/", import.meta.url);

/**
 * The first native package present in `node_modules`, or null. Checks for
 * the package's folder only; no module is resolved or downloaded.
 */
export async function findTensorflowPackage(
  nodeModules: URL = NODE_MODULES,
): Promise<string | null> {
  for (const name of TENSORFLOW_PACKAGES) {
    try {
      const info = await Deno.stat(new URL(`${name}/package.json`, nodeModules));
      if (info.isFile) return name;
    } catch {
      // Absent, or unreadable under the granted permissions: not usable.
    }
  }
  return null;
}

/** The outcome of {@linkcode loadTensorflowBackend}. */
export type TensorflowLoad =
  | { ok: true; packageName: string }
  | { ok: false; reason: string };

/**
 * Imports the native package found by {@linkcode findTensorflowPackage} and
 * activates the `tensorflow` backend. Never throws: says why it failed.
 */
export async function loadTensorflowBackend(
  nodeModules: URL = NODE_MODULES,
): Promise<TensorflowLoad> {
  const packageName = await findTensorflowPackage(nodeModules);
  if (packageName === null) {
    return {
      ok: false,
      reason: `neither ${TENSORFLOW_PACKAGES.join(" nor ")} is installed in node_modules`,
    };
  }
  const specifier = `npm:${packageName}@${TFJS_VERSION}`;
  try {
    await import(specifier);
  } catch (err) {
    return {
      ok: false,
      reason: `${packageName} is present but failed to load (${errorText(err)}); ` +
        "its install script must have run to fetch libtensorflow",
    };
  }
  if (tf.findBackendFactory("tensorflow") === null) {
    return { ok: false, reason: `${packageName} loaded but registered no "tensorflow" backend` };
  }
  try {
    if (!(await tf.setBackend("tensorflow"))) {
      return { ok: false, reason: `${packageName}: the tensorflow backend failed to initialise` };
    }
  } catch (err) {
    return { ok: false, reason: `${packageName}: ${errorText(err)}` };
  }
  return { ok: true, packageName };
}
