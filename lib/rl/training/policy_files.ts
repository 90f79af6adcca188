/**
 * The trained actors as TensorFlow.js model files, one folder per agent
 * (`<dir>/<agent>/model.json` + `weights.bin`), written and read in Deno
 * without tfjs-node (lib/rl/nn/model_io.ts). Each file is a Keras
 * `Sequential` MLP whose output layer is `tanh`, so it computes the
 * deterministic action in [−1, 1] directly (MAPPO's `tanh(μ(o))`, MADDPG's
 * `μ(o)`); `userDefinedMetadata` records the algorithm, agent, role, sizes
 * and activation. {@linkcode loadPolicy} turns one back into a
 * {@linkcode Policy} for evaluation.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { loadPolicyFile, saveActors } from "./policy_files.ts";
 * await tf.setBackend("cpu");
 * const dir = await Deno.makeTempDir();
 * const layers = [{ kernel: Float32Array.of(1, 0), kernelShape: [2, 1], bias: Float32Array.of(0) }];
 * await saveActors(dir, "mappo", [
 *   { agent: "a", role: "market_maker", obsSize: 2, actDim: 1, hidden: [], activation: "tanh", layers },
 * ]);
 * const policy = await loadPolicyFile(`${dir}/a`);
 * const out = new Float32Array(1);
 * policy.act(Float32Array.of(0.5, 3), {} as never, out);
 * assert(Math.abs(out[0] - Math.tanh(0.5)) < 1e-6);
 * policy.dispose();
 * await Deno.remove(dir, { recursive: true });
 * ```
 * @module
 */

import { join } from "node:path";
import { tf } from "../backend/tf.ts";
import { Rng } from "../../core/rng.ts";
import { InputError } from "../../core/errors.ts";
import { Mlp } from "../nn/mlp.ts";
import { loadTensors, saveModules } from "../nn/model_io.ts";
import { mlpTopology } from "../nn/keras_topology.ts";
import type { AgentView, Policy } from "../../env/policy.ts";
import type { ActorExport } from "./learner.ts";

/** Metadata stored in each model.json: the actor's description without its weights. */
export type PolicyFileMetadata = Omit<ActorExport, "layers"> & { algorithm: string };

let loaded = 0;

function actorMlp(m: PolicyFileMetadata, name = `policy_${m.agent}`): Mlp {
  return new Mlp({
    name,
    inputSize: m.obsSize,
    hiddenSizes: m.hidden,
    outputSize: m.actDim,
    activation: m.activation,
    outputActivation: "tanh",
    rng: Rng.fromSeed(0),
  });
}

/** Writes one folder per actor under `dir` (atomic files; the folder is replaced). */
export async function saveActors(
  dir: string,
  algorithm: string,
  actors: readonly ActorExport[],
): Promise<void> {
  for (const a of actors) {
    const meta: PolicyFileMetadata = {
      algorithm,
      agent: a.agent,
      role: a.role,
      obsSize: a.obsSize,
      actDim: a.actDim,
      hidden: a.hidden,
      activation: a.activation,
    };
    const net = actorMlp(meta);
    try {
      const vars = net.variables();
      a.layers.forEach((l, j) => {
        tf.tidy(() => {
          vars[2 * j].assign(tf.tensor(l.kernel, l.kernelShape));
          vars[2 * j + 1].assign(tf.tensor(l.bias, [l.bias.length]));
        });
      });
      const sub = join(dir, a.agent);
      await Deno.mkdir(sub, { recursive: true });
      await saveModules(sub, [net], {
        modelTopology: mlpTopology(net),
        metadata: meta as unknown as Record<string, unknown>,
      });
    } finally {
      net.dispose();
    }
  }
}

/** A loaded policy; `dispose` releases its weights. */
export type LoadedPolicy = Policy & { metadata: PolicyFileMetadata; dispose(): void };

/** Loads one actor folder (`model.json` + `weights.bin`) as a deterministic {@linkcode Policy}. */
export async function loadPolicyFile(dir: string): Promise<LoadedPolicy> {
  const { metadata, tensors } = await loadTensors(dir);
  const m = metadata as unknown as PolicyFileMetadata;
  if (typeof m.obsSize !== "number" || typeof m.actDim !== "number" || !Array.isArray(m.hidden)) {
    throw new InputError({
      file: join(dir, "model.json"),
      keyPath: "userDefinedMetadata",
      expected: "a policy written by deno task train (obsSize, actDim, hidden)",
      found: JSON.stringify(metadata).slice(0, 80),
    });
  }
  // A unique variable prefix, so that several loaded policies can live side by side.
  const net = actorMlp(m, `policy_${m.agent}_loaded${loaded++}`);
  try {
    const saved = `policy_${m.agent}`;
    for (const v of net.variables()) {
      const key = saved + v.name.slice(net.name.length);
      const t = tensors[key];
      if (t === undefined || t.shape.join() !== v.shape.join()) {
        throw new InputError({
          file: join(dir, "model.json"),
          keyPath: `weightsManifest.${key}`,
          expected: `a weight of shape [${v.shape}]`,
          found: t === undefined ? "none" : `[${t.shape}]`,
        });
      }
      v.assign(t);
    }
  } catch (err) {
    net.dispose();
    throw err;
  } finally {
    tf.dispose(Object.values(tensors));
  }
  return {
    name: m.algorithm,
    actionDim: m.actDim,
    metadata: m,
    reset() {},
    act(obs: Float32Array, _view: AgentView, out: Float32Array) {
      const y = tf.tidy(() => net.apply(tf.tensor2d(obs, [1, m.obsSize])));
      out.set(y.dataSync());
      y.dispose();
    },
    dispose: () => net.dispose(),
  };
}

/**
 * The policy of `agent` from a training run folder: `models/final/<agent>`
 * (or `models/best/<agent>` with `which: "best"`).
 */
export function loadPolicy(
  runFolder: string,
  agent: string,
  which: "final" | "best" = "final",
): Promise<LoadedPolicy> {
  return loadPolicyFile(join(runFolder, "models", which, agent));
}
