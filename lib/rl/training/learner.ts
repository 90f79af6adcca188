/**
 * One interface over MAPPO and MADDPG for the training loop: an iteration
 * (collect, then update), deterministic actions for evaluation, the actors'
 * weights for model files, the full checkpoint state, and restarting the
 * envs from a seed at checkpoint boundaries.
 *
 * Environments cannot be checkpointed, so at every checkpoint the loop
 * restarts the envs from a seed it draws and stores (episodes in progress are
 * dropped, in the uninterrupted run exactly as in a resumed one): this is what
 * makes `--resume` reach the same result bit for bit on the cpu backend.
 * @module
 */

import { tf } from "../backend/tf.ts";
import { Mappo, mappoEnvSpec, type MappoState } from "../algorithms/mappo.ts";
import { Maddpg, type MaddpgState } from "../algorithms/maddpg.ts";
import { assertFinite, NonFiniteError } from "../nn/finite.ts";
import {
  maddpgConfigOf,
  mappoConfigOf,
  type TrainingSection,
} from "../../config/schemas/training.ts";
import type { TrackedVecEnv } from "./tracked_env.ts";

/** What one iteration did. */
export interface IterationResult {
  /** Vectorised steps collected. */
  steps: number;
  /** Agent-steps collected (steps · K · A). */
  agentSteps: number;
  /** Gradient updates done in this iteration. */
  updates: number;
  /** Mean return of the episodes that ended during the collect (NaN if none). */
  meanEpisodeReturn: number;
  /** Mean reward per agent-step. */
  meanReward: number;
  /** Loss and diagnostic values (NaN when no update ran), by column name. */
  losses: Record<string, number>;
  /** Wall-clock milliseconds spent collecting (env steps and actions) and updating (benchmarks). */
  ms: { collect: number; update: number };
}

/** One actor's weights, for a model file. */
export interface ActorExport {
  agent: string;
  role: string;
  obsSize: number;
  actDim: number;
  hidden: number[];
  activation: "tanh" | "relu";
  /** Kernel and bias of each layer, in order. */
  layers: { kernel: Float32Array; kernelShape: number[]; bias: Float32Array }[];
}

/** The loop's view of an algorithm. */
export interface Learner {
  readonly algorithm: "mappo" | "maddpg";
  /** Names of the loss columns {@linkcode iterate} reports. */
  readonly lossColumns: readonly string[];
  /** Network sizes, for reports. */
  readonly hidden: readonly number[];
  /** Collect and update once. */
  iterate(): IterationResult;
  /** Deterministic actions of agent `i` for `[N, obs]` observations into `[N, actDim_i]`. */
  act(i: number, obs: Float32Array, out: Float32Array): void;
  /** Restarts the envs from `seed` and aligns the learner's collector with them. */
  restartEnvs(seed: number): Promise<void>;
  /** After {@linkcode setState}: resets the envs from `seed` (the collector came with the state). */
  resumeEnvs(seed: number): void;
  getState(): Promise<unknown>;
  setState(state: unknown): void;
  /** Every actor's weights, one entry per agent. */
  actors(): Promise<ActorExport[]>;
  /** Throws {@linkcode NonFiniteError} naming the first non-finite parameter. */
  checkParameters(context: string): Promise<void>;
  dispose(): void;
}

type Weights = Record<string, { shape: number[]; values: Float32Array }>;

function layersOf(weights: Weights, prefix: string, count: number): ActorExport["layers"] {
  const out: ActorExport["layers"] = [];
  for (let l = 0; l < count; l++) {
    const k = weights[`${prefix}/dense_${l}/kernel`], b = weights[`${prefix}/dense_${l}/bias`];
    if (k === undefined || b === undefined) {
      throw new Error(`learner: expected weights ${prefix}/dense_${l}/kernel and bias, found none`);
    }
    out.push({ kernel: k.values.slice(), kernelShape: [...k.shape], bias: b.values.slice() });
  }
  return out;
}

function checkWeights(weights: Weights, context: string): void {
  for (const [name, w] of Object.entries(weights)) {
    for (let j = 0; j < w.values.length; j++) {
      if (!Number.isFinite(w.values[j])) throw new NonFiniteError(`parameter ${name}`, context);
    }
  }
}

/** Builds the learner `t.algorithm` names for `vec` (the inner env supplies roles and state size). */
export function createLearner(
  t: TrainingSection,
  vec: TrackedVecEnv,
  seed: number,
): Learner {
  const spec = mappoEnvSpec(
    vec.inner as Parameters<typeof mappoEnvSpec>[0],
  );
  return t.algorithm === "mappo"
    ? mappoLearner(t, vec, spec, seed)
    : maddpgLearner(t, vec, spec, seed);
}

function mappoLearner(
  t: TrainingSection,
  vec: TrackedVecEnv,
  spec: ReturnType<typeof mappoEnvSpec>,
  seed: number,
): Learner {
  const cfg = mappoConfigOf(t);
  const mappo = new Mappo(spec, cfg, seed);
  const keyOf = (i: number) => cfg.share_within_role ? spec.roles[i] : spec.agents[i];
  const cols = [
    "lr",
    "policy_loss",
    "value_loss",
    "entropy",
    "approx_kl",
    "clip_fraction",
    "explained_variance",
    "actor_grad_norm",
    "critic_grad_norm",
  ];
  return {
    algorithm: "mappo",
    lossColumns: cols,
    hidden: cfg.hidden,
    iterate() {
      const t0 = performance.now();
      const s = mappo.collect(vec);
      const t1 = performance.now();
      const m = mappo.update();
      const ms = { collect: t1 - t0, update: performance.now() - t1 };
      return {
        ms,
        steps: s.steps,
        agentSteps: s.agentSteps,
        updates: 1,
        meanEpisodeReturn: s.meanEpisodeReturn,
        meanReward: s.meanReward,
        losses: {
          lr: m.lr,
          policy_loss: m.policyLoss,
          value_loss: m.valueLoss,
          entropy: m.entropy,
          approx_kl: m.approxKl,
          clip_fraction: m.clipFraction,
          explained_variance: m.explainedVariance,
          actor_grad_norm: m.actorGradNorm,
          critic_grad_norm: m.criticGradNorm,
        },
      };
    },
    act(i, obs, out) {
      mappo.act(obs, keyOf(i), true, out);
    },
    restartEnvs(s) {
      mappo.attach(vec, s);
      return Promise.resolve();
    },
    resumeEnvs(s) {
      mappo.attach(vec, s);
    },
    getState: () => mappo.getState(),
    setState: (s) => mappo.setState(s as MappoState),
    async actors() {
      const st = await mappo.getState();
      return spec.agents.map((agent, i) => ({
        agent,
        role: spec.roles[i],
        obsSize: spec.obsSize,
        actDim: spec.actDims[i],
        hidden: [...cfg.hidden],
        activation: cfg.activation,
        layers: layersOf(st.weights, `actor_${keyOf(i)}/mu`, cfg.hidden.length + 1),
      }));
    },
    checkParameters(context) {
      const vars = mappo.variables();
      assertFinite(vars.map((v) => ({ name: `parameter ${v.name}`, tensor: v })), context);
      return Promise.resolve();
    },
    dispose: () => mappo.dispose(),
  };
}

function maddpgLearner(
  t: TrainingSection,
  vec: TrackedVecEnv,
  spec: ReturnType<typeof mappoEnvSpec>,
  seed: number,
): Learner {
  const stateSize = vec.states !== undefined ? spec.stateSize : 0;
  const maddpg = new Maddpg({ ...spec, stateSize }, maddpgConfigOf(t), seed);
  const cols = [
    "critic_loss",
    "actor_loss",
    "mean_q",
    "td_error",
    "critic_grad_norm",
    "actor_grad_norm",
    "beta",
    "noise_scale",
  ];
  const { K, A } = spec;
  return {
    algorithm: "maddpg",
    lossColumns: cols,
    hidden: maddpg.config.hidden,
    iterate() {
      const t0 = performance.now();
      const s = maddpg.collect(vec, t.steps_per_iteration);
      const t1 = performance.now();
      const n = maddpg.pendingUpdates();
      const sum: Record<string, number> = {};
      for (const c of cols) sum[c] = 0;
      let actorSteps = 0;
      for (let u = 0; u < n; u++) {
        const m = maddpg.update();
        sum.critic_loss += m.criticLoss;
        sum.mean_q += m.meanQ;
        sum.td_error += m.tdError;
        sum.critic_grad_norm += m.criticGradNorm;
        sum.beta += m.beta;
        if (m.actorUpdated) {
          actorSteps++;
          sum.actor_loss += m.actorLoss;
          sum.actor_grad_norm += m.actorGradNorm;
        }
      }
      const losses: Record<string, number> = {};
      for (const c of cols) {
        const div = c.startsWith("actor") ? actorSteps : n;
        losses[c] = div > 0 ? sum[c] / div : NaN;
      }
      losses.noise_scale = s.noiseScale;
      return {
        ms: { collect: t1 - t0, update: performance.now() - t1 },
        steps: s.steps,
        agentSteps: s.steps * K * A,
        updates: n,
        meanEpisodeReturn: s.meanEpisodeReturn,
        meanReward: s.meanReward,
        losses,
      };
    },
    act(i, obs, out) {
      maddpg.act(obs, i, true, out);
    },
    async restartEnvs(s) {
      const obs = vec.reset(s).slice();
      const states = stateSize > 0 ? vec.states!().slice() : new Float32Array(0);
      const st = await maddpg.getState();
      st.rollout = {
        obs,
        states,
        finished: new Uint8Array(K * A),
        episodeReturn: new Float64Array(K * A),
      };
      maddpg.setState(st);
    },
    resumeEnvs(s) {
      vec.reset(s);
    },
    getState: () => maddpg.getState(),
    setState: (s) => maddpg.setState(s as MaddpgState),
    async actors() {
      const st = await maddpg.getState();
      const c = maddpg.config;
      return spec.agents.map((agent, i) => ({
        agent,
        role: spec.roles[i],
        obsSize: spec.obsSize,
        actDim: spec.actDims[i],
        hidden: [...c.hidden],
        activation: c.activation,
        layers: layersOf(st.weights, `actor_${maddpg.actorOf[i]}`, c.hidden.length + 1),
      }));
    },
    async checkParameters(context) {
      checkWeights((await maddpg.getState()).weights, context);
    },
    dispose: () => maddpg.dispose(),
  };
}

/** Mean deterministic return per agent over one episode of each env of `vec` from `seed`. */
export function evaluate(
  learner: Learner,
  vec: TrackedVecEnv,
  seed: number,
  maxSteps = 1_000_000,
): { meanReturn: number; perAgent: Record<string, number> } {
  const { K, A, obsSize, actSize, actDims } = vec;
  let obs = vec.reset(seed);
  const done = new Uint8Array(K);
  const returns = new Float64Array(K * A);
  const actions = new Float32Array(K * A * actSize);
  const rows = new Float32Array(K * obsSize);
  let remaining = K;
  for (let t = 0; t < maxSteps && remaining > 0; t++) {
    actions.fill(0);
    for (let i = 0; i < A; i++) {
      for (let k = 0; k < K; k++) {
        rows.set(obs.subarray((k * A + i) * obsSize, (k * A + i + 1) * obsSize), k * obsSize);
      }
      const d = actDims[i];
      const out = new Float32Array(K * d);
      learner.act(i, rows, out);
      for (let k = 0; k < K; k++) {
        actions.set(out.subarray(k * d, (k + 1) * d), (k * A + i) * actSize);
      }
    }
    const r = vec.step(actions);
    for (let k = 0; k < K; k++) {
      if (done[k] === 1) continue;
      for (let i = 0; i < A; i++) returns[k * A + i] += r.rewards[k * A + i];
      if (r.episodeEnded[k] === 1) {
        done[k] = 1;
        remaining--;
      }
    }
    obs = r.observations;
  }
  vec.drain();
  const perAgent: Record<string, number> = {};
  let total = 0;
  for (let i = 0; i < A; i++) {
    let s = 0;
    for (let k = 0; k < K; k++) s += returns[k * A + i];
    perAgent[vec.agents[i]] = s / K;
    total += s / K;
  }
  return { meanReturn: total / A, perAgent };
}

/** The active backend's name (for logs). */
export function activeBackend(): string {
  return tf.getBackend();
}
