/**
 * Model files in the TensorFlow.js format, written and read in Deno without
 * tfjs-node: `model.json` (topology, metadata and the weights manifest) and
 * `weights.bin` (the raw little-endian float32/int32 values, concatenated in
 * manifest order), exactly what tfjs's own file handlers produce, so that
 * `tf.loadLayersModel` / `tf.io.loadWeights` read them too.
 *
 * - {@linkcode fileIO}: a `tf.io.IOHandler` on a folder (for
 *   `model.save(fileIO(dir))` and `tf.loadLayersModel(fileIO(dir))`).
 * - {@linkcode saveTensors} / {@linkcode loadTensors}: named tensors plus
 *   JSON metadata; {@linkcode saveModules} / {@linkcode loadModules}: the
 *   variables of networks, assigned back by name with shape checks.
 * - {@linkcode saveOptimizer} / {@linkcode loadOptimizer}: Adam's moments
 *   and step in the same format (`optimizer.json` + `optimizer.bin`).
 *
 * Both files are written atomically (lib/core/atomic_write.ts), weights
 * first; model.json records the SHA-256 of the weights file
 * (`weightsSha256`, a key tfjs ignores), so a pair torn by a crash between
 * the two writes is detected on load rather than read as a model.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { loadTensors, saveTensors } from "./model_io.ts";
 * await tf.setBackend("cpu");
 * const dir = await Deno.makeTempDir();
 * await saveTensors(dir, { w: tf.tensor2d([[1, 2], [3, 4]]) }, { metadata: { step: 7 } });
 * const { tensors, metadata } = await loadTensors(dir);
 * assert.deepEqual(Array.from(tensors.w.dataSync()), [1, 2, 3, 4]);
 * assert.equal(metadata.step, 7);
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import { join } from "node:path";
import { writeFileAtomic, writeTextAtomic } from "../../core/atomic_write.ts";
import { sha256Hex } from "../../core/hash.ts";
import { InputError } from "../../core/errors.ts";
import type { Module } from "./module.ts";
import type { Adam } from "./adam.ts";

/** File names of one model (defaults: `model.json`, `weights.bin`). */
export interface ModelFileNames {
  /** The JSON file (topology, metadata, manifest). */
  modelFile?: string;
  /** The binary weights file, named in the manifest relative to the JSON. */
  weightsFile?: string;
}

/** Options of {@linkcode saveTensors}. */
export interface SaveOptions extends ModelFileNames {
  /** JSON metadata, stored as tfjs's `userDefinedMetadata`. */
  metadata?: Record<string, unknown>;
  /** A model topology (e.g. `mlpTopology(net)`); default `{}` (weights only). */
  modelTopology?: object;
}

/** What {@linkcode loadTensors} returns. */
export interface LoadedTensors {
  /** The tensors by name (the caller disposes them). */
  tensors: tf.NamedTensorMap;
  /** `userDefinedMetadata` (empty when none). */
  metadata: Record<string, unknown>;
  /** The topology stored with them. */
  modelTopology: unknown;
}

function joinWeightData(data: tf.io.WeightData): Uint8Array {
  const buffer = Array.isArray(data) ? tf.io.CompositeArrayBuffer.join(data) : data as ArrayBuffer;
  return new Uint8Array(buffer);
}

/** A `tf.io.IOHandler` reading and writing a model in folder `dir`. */
export function fileIO(dir: string, names: ModelFileNames = {}): tf.io.IOHandler {
  const modelFile = names.modelFile ?? "model.json";
  const weightsFile = names.weightsFile ?? "weights.bin";
  const modelPath = join(dir, modelFile);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weights = artifacts.weightData === undefined
        ? new Uint8Array(0)
        : joinWeightData(artifacts.weightData);
      const json: Record<string, unknown> = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [weightsFile], weights: artifacts.weightSpecs ?? [] }],
        weightsSha256: await sha256Hex(weights),
      };
      for (
        const k of [
          "trainingConfig",
          "signature",
          "userDefinedMetadata",
          "modelInitializer",
          "initializerSignature",
        ] as const
      ) {
        if (artifacts[k] !== undefined) json[k] = artifacts[k];
      }
      await writeFileAtomic(join(dir, weightsFile), weights);
      await writeTextAtomic(modelPath, `${JSON.stringify(json)}\n`);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      let text: string;
      try {
        text = await Deno.readTextFile(modelPath);
      } catch (err) {
        throw new InputError({
          file: modelPath,
          expected: "a TensorFlow.js model.json",
          found: err instanceof Deno.errors.NotFound ? "no such file" : String(err),
        });
      }
      let json: tf.io.ModelJSON & { weightsSha256?: string };
      try {
        json = JSON.parse(text);
      } catch (err) {
        throw new InputError({ file: modelPath, expected: "JSON", found: String(err) });
      }
      if (!Array.isArray(json.weightsManifest)) {
        throw new InputError({
          file: modelPath,
          keyPath: "weightsManifest",
          expected: "an array of weight groups",
          found: typeof json.weightsManifest,
        });
      }
      return await tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: Uint8Array[] = [];
        for (const group of manifest) {
          for (const p of group.paths) parts.push(await Deno.readFile(join(dir, p)));
          specs.push(...group.weights);
        }
        const total = parts.reduce((n, p) => n + p.length, 0);
        const bytes = new Uint8Array(total);
        let offset = 0;
        for (const p of parts) {
          bytes.set(p, offset);
          offset += p.length;
        }
        if (json.weightsSha256 !== undefined) {
          const actual = await sha256Hex(bytes);
          if (actual !== json.weightsSha256) {
            throw new InputError({
              file: modelPath,
              keyPath: "weightsSha256",
              expected: `weights with SHA-256 ${json.weightsSha256} (a torn or mixed save?)`,
              found: actual,
            });
          }
        }
        const plain = specs.every((sp) =>
          (sp.dtype === "float32" || sp.dtype === "int32") && sp.quantization === undefined
        );
        const expectedBytes = specs.reduce(
          (n, sp) => n + sp.shape.reduce((a, d) => a * d, 1) * 4,
          0,
        );
        if (plain && expectedBytes !== total) {
          throw new InputError({
            file: modelPath,
            keyPath: "weightsManifest",
            expected: `${expectedBytes} bytes of weights`,
            found: `${total}`,
          });
        }
        return [specs, bytes.buffer];
      });
    },
  };
}

/** Writes named tensors (float32 or int32) with optional metadata and topology. */
export async function saveTensors(
  dir: string,
  tensors: Readonly<tf.NamedTensorMap>,
  opts: SaveOptions = {},
): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(tensors as tf.NamedTensorMap);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: opts.modelTopology ?? {},
    format: "layers-model",
    generatedBy: `TensorFlow.js tfjs-core v${tf.version_core}`,
    convertedBy: null,
    weightSpecs: specs,
    weightData: data,
  };
  if (opts.metadata !== undefined) {
    artifacts.userDefinedMetadata = opts.metadata as Record<string, object>;
  }
  await fileIO(dir, opts).save!(artifacts);
}

/** Reads what {@linkcode saveTensors} (or tfjs) wrote. */
export async function loadTensors(dir: string, names: ModelFileNames = {}): Promise<LoadedTensors> {
  const artifacts = await fileIO(dir, names).load!();
  const tensors = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs ?? []);
  return {
    tensors,
    metadata: (artifacts.userDefinedMetadata ?? {}) as Record<string, unknown>,
    modelTopology: artifacts.modelTopology,
  };
}

/** Saves every variable of `modules` under its own name. */
export async function saveModules(
  dir: string,
  modules: readonly Module[],
  opts: SaveOptions = {},
): Promise<void> {
  const tensors: tf.NamedTensorMap = {};
  for (const m of modules) for (const v of m.variables()) tensors[v.name] = v;
  await saveTensors(dir, tensors, opts);
}

/**
 * Assigns the saved values to the variables of `modules`, matched by name.
 * Every variable must be in the file with its shape (an {@linkcode InputError}
 * names the first that is not); extra tensors in the file are an error too,
 * unless `allowExtra`. Returns the metadata.
 */
export async function loadModules(
  dir: string,
  modules: readonly Module[],
  opts: ModelFileNames & { allowExtra?: boolean } = {},
): Promise<Record<string, unknown>> {
  const { tensors, metadata } = await loadTensors(dir, opts);
  const file = join(dir, opts.modelFile ?? "model.json");
  try {
    const wanted = new Set<string>();
    for (const m of modules) {
      for (const v of m.variables()) {
        wanted.add(v.name);
        const t = tensors[v.name];
        if (t === undefined) {
          throw new InputError({
            file,
            keyPath: "weightsManifest",
            expected: `a weight named ${v.name}`,
            found: `only ${Object.keys(tensors).slice(0, 6).join(", ")}${
              Object.keys(tensors).length > 6 ? ", …" : ""
            }`,
          });
        }
        if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
          throw new InputError({
            file,
            keyPath: `weightsManifest.${v.name}`,
            expected: `shape [${v.shape}]`,
            found: `[${t.shape}]`,
          });
        }
      }
    }
    if (opts.allowExtra !== true) {
      const extra = Object.keys(tensors).filter((n) => !wanted.has(n));
      if (extra.length > 0) {
        throw new InputError({
          file,
          keyPath: "weightsManifest",
          expected: "only the networks' own weights",
          found: `extra ${extra.slice(0, 6).join(", ")}`,
        });
      }
    }
    for (const m of modules) for (const v of m.variables()) v.assign(tensors[v.name]);
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return metadata;
}

const OPTIMIZER_FILES: Required<ModelFileNames> = {
  modelFile: "optimizer.json",
  weightsFile: "optimizer.bin",
};

/** Saves Adam's moments, step and hyper-parameters (`optimizer.json` + `optimizer.bin`). */
export async function saveOptimizer(
  dir: string,
  adam: Adam,
  names: ModelFileNames = OPTIMIZER_FILES,
): Promise<void> {
  const state = adam.getState();
  try {
    await saveTensors(dir, state.tensors, {
      ...names,
      metadata: { optimizer: "adam", step: state.step, config: state.config },
    });
  } finally {
    tf.dispose(Object.values(state.tensors));
  }
}

/** Restores what {@linkcode saveOptimizer} wrote into `adam` (same variables, by name). */
export async function loadOptimizer(
  dir: string,
  adam: Adam,
  names: ModelFileNames = OPTIMIZER_FILES,
): Promise<void> {
  const { tensors, metadata } = await loadTensors(dir, names);
  const file = join(dir, names.modelFile ?? OPTIMIZER_FILES.modelFile);
  try {
    const step = metadata.step;
    if (metadata.optimizer !== "adam" || typeof step !== "number") {
      throw new InputError({
        file,
        keyPath: "userDefinedMetadata",
        expected: "Adam state (optimizer: adam, step: integer)",
        found: JSON.stringify(metadata).slice(0, 80),
      });
    }
    const config = (metadata.config ?? {}) as { learningRate?: number };
    try {
      adam.setState({ step, config, tensors });
    } catch (err) {
      throw new InputError({
        file,
        expected: "moments for every variable of the optimiser",
        found: err instanceof Error ? err.message : String(err),
      });
    }
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
