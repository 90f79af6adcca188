/**
 * MADDPG: multi-agent deep deterministic policy gradient (Lowe, Wu, Tamar,
 * Harb, Abbeel and Mordatch, 2017, "Multi-Agent Actor-Critic for Mixed
 * Cooperative-Competitive Environments", NeurIPS), with the original
 * design's enhancements:
 *
 * - decentralised deterministic actors `μ_i(o_i)` (tanh outputs in [−1, 1]);
 *   agents of one role share one actor when `share_within_role` is on;
 * - centralised critics `Q_i(x, a_1, …, a_N)` on the global state `x` (or all
 *   observations concatenated, the paper's `x = (o_1, …, o_N)`, when the
 *   environment has no state) and every agent's action (paper, Eq. 6);
 * - target actors and critics with Polyak averaging `θ′ ← τθ + (1 − τ)θ′`
 *   (paper, Algorithm 1, last line);
 * - proportional prioritised replay (Schaul et al., 2016) whose
 *   importance-sampling weights scale the critic loss and whose priorities
 *   are the batch's TD errors (mean |δ| over the agents' critics);
 * - optional twin critics with clipped double-Q targets, target-policy
 *   smoothing and delayed actor updates (TD3: Fujimoto, van Hoof and Meger,
 *   2018, "Addressing Function Approximation Error in Actor-Critic Methods",
 *   Eqs. 10, 14, 15 and Sec. 5.2) — the original design's "double Q";
 * - Gaussian or Ornstein-Uhlenbeck exploration noise with decay (../noise.ts);
 * - gradient clipping by global norm (../nn/clip.ts, through Adam.minimize);
 * - an optional variance penalty on the critic's target (see
 *   {@linkcode MaddpgConfig.variance_penalty}).
 *
 * The file reads top to bottom: configuration, networks, `collect` (acting
 * and storing joint transitions), `update` (critic, actor, targets),
 * `act`, and the checkpoint state.
 *
 * Truncation versus termination (Pardo et al., 2018): a transition whose
 * episode was cut by a time limit stores the *final* observation and state as
 * next ones with `done = 0`, so the target bootstraps from them; a terminated
 * agent stores `done = 1` and is not bootstrapped.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { Maddpg } from "./maddpg.ts";
 * await tf.setBackend("cpu");
 * const env = {
 *   K: 1, A: 1, obsSize: 2, actSize: 1, actDims: Int32Array.of(1),
 *   agents: ["a0"], roles: ["maker"], stateSize: 0,
 * };
 * const agent = new Maddpg(env, { batch: 4, buffer: 64, hidden: [8] }, 1);
 * const out = new Float32Array(3);
 * agent.act(new Float32Array(6), 0, true, out); // 3 observations → 3 actions
 * assert(out.every((a) => a >= -1 && a <= 1));
 * agent.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import { Rng, type RngState } from "../../core/rng.ts";
import { ConfigError, describeValue, UsageError } from "../../core/errors.ts";
import { Mlp } from "../nn/mlp.ts";
import { Adam } from "../nn/adam.ts";
import { hardUpdate, softUpdate } from "../nn/polyak.ts";
import type { Module } from "../nn/module.ts";
import { PrioritizedReplay } from "../buffers/prioritized_replay.ts";
import { UniformReplay } from "../buffers/uniform_replay.ts";
import type { ReplayBuffer, ReplaySnapshot } from "../buffers/replay_buffer.ts";
import {
  type ExplorationNoise,
  GaussianNoise,
  type NoiseState,
  OrnsteinUhlenbeckNoise,
} from "../noise.ts";
import type { VecStep } from "../../env/vec_env.ts";
import type { AlgorithmEnvSpec } from "./env_spec.ts";

// ───────────────────────────── configuration ─────────────────────────────

/** Exploration noise added to the actors' actions while collecting. */
export interface MaddpgNoiseConfig {
  /** `gaussian` (independent N(0, σ²)) or `ou` (Ornstein-Uhlenbeck, reset at each episode). */
  kind: "gaussian" | "ou";
  /** Standard deviation σ (Gaussian) or volatility σ (OU). */
  sigma: number;
  /** OU mean-reversion rate θ (unused by Gaussian noise). */
  theta: number;
  /** Factor applied to the noise scale after every vectorised step (1 = no decay). */
  decay: number;
  /** The scale never decays below this. */
  min_scale: number;
}

/** Prioritised experience replay (Schaul et al., 2016). */
export interface MaddpgPerConfig {
  /** Prioritised replay (true) or uniform replay (false). */
  enabled: boolean;
  /** Prioritisation exponent α (0 = uniform). */
  alpha: number;
  /** Initial importance-sampling exponent β0; annealed linearly to 1. */
  beta0: number;
  /** Updates over which β goes from β0 to 1. */
  beta_updates: number;
  /** ε added to |δ| so that no priority is 0. */
  epsilon: number;
}

/** Every hyper-parameter of {@linkcode Maddpg}. */
export interface MaddpgConfig {
  /** Adam step size of the actors. */
  lr_actor: number;
  /** Adam step size of the critics. */
  lr_critic: number;
  /** Discount factor γ (0.95 in the paper's particle environments; up to 0.99). */
  gamma: number;
  /** Polyak rate τ of the target networks. */
  tau: number;
  /** Transitions per update (the paper uses 1024; 256 is the usual TD3 setting). */
  batch: number;
  /** Replay capacity in joint transitions. */
  buffer: number;
  /** Joint transitions (K per vectorised step) collected with uniform random actions before the actors act. */
  warmup_steps: number;
  /** Updates due per vectorised step once warm (see {@linkcode Maddpg.pendingUpdates}); may be fractional. */
  updates_per_step: number;
  /** Exploration noise. */
  noise: MaddpgNoiseConfig;
  /** Prioritised replay. */
  per: MaddpgPerConfig;
  /** Twin critics, target-policy smoothing and delayed actor updates (TD3). */
  twin: boolean;
  /** With `twin`: critic updates per actor (and target) update. */
  policy_delay: number;
  /** With `twin`: σ̃ of the target-policy smoothing noise (TD3, Eq. 14). */
  target_noise: number;
  /** With `twin`: the smoothing noise is clipped to [−c, c] (TD3, Eq. 15). */
  noise_clip: number;
  /** Clip every network's gradients to this global L2 norm; 0 turns clipping off. */
  max_grad_norm: number;
  /**
   * λ_var ≥ 0 of the risk-aware target `y = r + γ(1 − d)(min_k Q′_k − λ_var · Var[Q′])`.
   * Var[Q′] is estimated from the twin target critics' disagreement,
   * `Var = ((Q′_1 − Q′_2) / 2)²`, the σ_Q = |Q_1 − Q_2| / 2 of Optimistic
   * Actor-Critic (Ciosek et al., 2019, Sec. 4.1) squared; it needs `twin`.
   * 0 turns it off.
   */
  variance_penalty: number;
  /** Widths of the hidden layers of actors and critics. */
  hidden: number[];
  /** Hidden activation of actors and critics. */
  activation: "relu" | "tanh";
  /** One actor per role (shared by that role's agents) instead of one per agent. Critics stay per agent. */
  share_within_role: boolean;
}

/** A config where every field (and nested field) may be left out. */
export type MaddpgConfigInput = Partial<Omit<MaddpgConfig, "noise" | "per">> & {
  noise?: Partial<MaddpgNoiseConfig>;
  per?: Partial<MaddpgPerConfig>;
};

/** Defaults of {@linkcode MaddpgConfig}. */
export const MADDPG_DEFAULTS: Readonly<MaddpgConfig> = Object.freeze<MaddpgConfig>({
  lr_actor: 1e-3,
  lr_critic: 1e-3,
  gamma: 0.95,
  tau: 0.01,
  batch: 256,
  buffer: 1_000_000,
  warmup_steps: 1_000,
  updates_per_step: 1,
  noise: { kind: "gaussian", sigma: 0.1, theta: 0.15, decay: 1, min_scale: 0 },
  per: { enabled: true, alpha: 0.6, beta0: 0.4, beta_updates: 100_000, epsilon: 1e-6 },
  twin: true,
  policy_delay: 2,
  target_noise: 0.2,
  noise_clip: 0.5,
  max_grad_norm: 10,
  variance_penalty: 0,
  hidden: [64, 64],
  activation: "relu",
  share_within_role: false,
});

/** Fills defaults into `input` and validates every field (ConfigError at `maddpg.<key>`). */
export function resolveMaddpgConfig(input: MaddpgConfigInput = {}): MaddpgConfig {
  const d = MADDPG_DEFAULTS;
  const c: MaddpgConfig = {
    ...d,
    ...input,
    noise: { ...d.noise, ...input.noise },
    per: { ...d.per, ...input.per },
    hidden: [...(input.hidden ?? d.hidden)],
  };
  const fail = (key: string, expected: string, found: unknown): never => {
    throw new ConfigError({ keyPath: `maddpg.${key}`, expected, found: describeValue(found) });
  };
  const num = (key: string, v: unknown, ok: (x: number) => boolean, expected: string) => {
    if (typeof v !== "number" || !Number.isFinite(v) || !ok(v)) fail(key, expected, v);
  };
  const int = (key: string, v: unknown, min: number) => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      fail(key, `an integer ≥ ${min}`, v);
    }
  };
  num("lr_actor", c.lr_actor, (x) => x >= 0, "a number ≥ 0");
  num("lr_critic", c.lr_critic, (x) => x >= 0, "a number ≥ 0");
  num("gamma", c.gamma, (x) => x >= 0 && x <= 1, "a number in [0, 1]");
  num("tau", c.tau, (x) => x > 0 && x <= 1, "a number in (0, 1]");
  int("batch", c.batch, 1);
  int("buffer", c.buffer, 1);
  int("warmup_steps", c.warmup_steps, 0);
  num("updates_per_step", c.updates_per_step, (x) => x >= 0, "a number ≥ 0");
  if (c.noise.kind !== "gaussian" && c.noise.kind !== "ou") {
    fail("noise.kind", `"gaussian" or "ou"`, c.noise.kind);
  }
  num("noise.sigma", c.noise.sigma, (x) => x >= 0, "a number ≥ 0");
  num("noise.theta", c.noise.theta, (x) => x > 0 && x < 2, "a number in (0, 2)");
  num("noise.decay", c.noise.decay, (x) => x > 0 && x <= 1, "a number in (0, 1]");
  num("noise.min_scale", c.noise.min_scale, (x) => x >= 0, "a number ≥ 0");
  if (typeof c.per.enabled !== "boolean") fail("per.enabled", "true or false", c.per.enabled);
  num("per.alpha", c.per.alpha, (x) => x >= 0, "a number ≥ 0");
  num("per.beta0", c.per.beta0, (x) => x >= 0 && x <= 1, "a number in [0, 1]");
  int("per.beta_updates", c.per.beta_updates, 0);
  num("per.epsilon", c.per.epsilon, (x) => x >= 0, "a number ≥ 0");
  if (typeof c.twin !== "boolean") fail("twin", "true or false", c.twin);
  int("policy_delay", c.policy_delay, 1);
  num("target_noise", c.target_noise, (x) => x >= 0, "a number ≥ 0");
  num("noise_clip", c.noise_clip, (x) => x >= 0, "a number ≥ 0");
  num("max_grad_norm", c.max_grad_norm, (x) => x >= 0, "a number ≥ 0 (0 = no clipping)");
  num("variance_penalty", c.variance_penalty, (x) => x >= 0, "a number ≥ 0");
  if (c.variance_penalty > 0 && !c.twin) {
    fail("variance_penalty", "0 unless twin is true (Var is the twin critics' disagreement)", 1);
  }
  if (!Array.isArray(c.hidden) || c.hidden.some((h) => !Number.isInteger(h) || h < 1)) {
    fail("hidden", "a list of positive integers", c.hidden);
  }
  if (c.activation !== "relu" && c.activation !== "tanh") {
    fail("activation", `"relu" or "tanh"`, c.activation);
  }
  if (typeof c.share_within_role !== "boolean") {
    fail("share_within_role", "true or false", c.share_within_role);
  }
  return c;
}

// ─────────────────────────────── interfaces ───────────────────────────────

/** What MADDPG needs to know of the environment. */
export type MaddpgEnvSpec = AlgorithmEnvSpec;

/**
 * The step/reset/states API of lib/env/vec_env.ts that {@linkcode Maddpg.collect}
 * drives. `finalStates` (`[K, state]`, rows of envs whose episode ended this
 * step) is optional: without it the state before the last step stands in for
 * the final one (counted in {@linkcode MaddpgCollectStats.approximatedFinalStates}).
 */
export interface MaddpgVecEnv {
  readonly K: number;
  readonly A: number;
  reset(seed: number): Float32Array;
  step(actions: Float32Array): VecStep & { finalStates?: Float32Array };
  states?(out?: Float32Array): Float32Array;
}

/** What one {@linkcode Maddpg.collect} call did. */
export interface MaddpgCollectStats {
  /** Vectorised steps taken. */
  steps: number;
  /** Joint transitions stored (K per step). */
  transitions: number;
  /** Episodes that ended. */
  episodes: number;
  /** Mean over ended episodes of the agents' mean undiscounted return (NaN if none ended). */
  meanEpisodeReturn: number;
  /** Mean reward per agent-step. */
  meanReward: number;
  /** Exploration noise scale after the call. */
  noiseScale: number;
  /** True while actions are uniform random (warm-up). */
  warmup: boolean;
  /** Rows held by the replay buffer. */
  bufferSize: number;
  /** Ended episodes whose final state had to be approximated (the env gives no `finalStates`). */
  approximatedFinalStates: number;
}

/** What one {@linkcode Maddpg.update} measured (means over agents / actor groups). */
export interface MaddpgUpdateMetrics {
  /** Updates so far, this one included. */
  update: number;
  /** IS-weighted critic loss, Eq. 6 (summed over the twins). */
  criticLoss: number;
  /** −Q_i(x, …, μ_i(o_i), …) averaged over the batch; NaN when the actors were not updated. */
  actorLoss: number;
  /** Mean Q_1(x, a) over the batch. */
  meanQ: number;
  /** Mean |δ| = |y − Q_1(x, a)|. */
  tdError: number;
  /** Critic gradient global norm before clipping. */
  criticGradNorm: number;
  /** Actor gradient global norm before clipping (NaN when not updated). */
  actorGradNorm: number;
  /** Mean variance estimate Var[Q′] used by the penalty (0 without twin critics). */
  targetVariance: number;
  /** IS exponent β of this batch (1 for uniform replay). */
  beta: number;
  /** Whether the actors and the targets were updated (TD3's delay). */
  actorUpdated: boolean;
}

/** Named float32 values with their shape (backend independent, for checkpoints). */
export interface MaddpgStoredTensor {
  shape: number[];
  values: Float32Array;
}

/** Everything needed to continue exactly (see {@linkcode Maddpg.getState}). */
export interface MaddpgState {
  version: 1;
  config: MaddpgConfig;
  seed: number;
  /** Variables by name relative to the instance (`actor_0/dense_0/kernel`). */
  weights: Record<string, MaddpgStoredTensor>;
  /** Adam states by network group name. */
  optimizers: Record<
    string,
    { step: number; learningRate: number; tensors: Record<string, MaddpgStoredTensor> }
  >;
  replay: ReplaySnapshot;
  rng: { explore: RngState; replay: RngState; target: RngState; act: RngState };
  noise: NoiseState[];
  counters: { envSteps: number; transitions: number; updates: number; dueFrom: number };
  /** The collector's position in the current episodes (null before the first collect). */
  rollout: {
    obs: Float32Array;
    states: Float32Array;
    finished: Uint8Array;
    episodeReturn: Float64Array;
  } | null;
}

let instances = 0;

// ───────────────────────────────── MADDPG ─────────────────────────────────

/** MADDPG with the enhancements listed in the module docs. */
export class Maddpg {
  /** The resolved hyper-parameters. */
  readonly config: MaddpgConfig;
  /** The environment layout. */
  readonly env: MaddpgEnvSpec;
  /** Variable-name prefix of this instance (unique in the process). */
  readonly name: string;
  /** Actor index of each agent (agents of a role share one when `share_within_role`). */
  readonly actorOf: Int32Array;
  /** Agents of each actor. */
  readonly actorAgents: readonly number[][];
  /** Critic input width: state (or all observations) + every agent's action row. */
  readonly criticInputSize: number;

  readonly #seed: number;
  readonly #actors: Mlp[] = [];
  readonly #actorTargets: Mlp[] = [];
  readonly #critics1: Mlp[] = [];
  readonly #critics2: Mlp[] = [];
  readonly #critic1Targets: Mlp[] = [];
  readonly #critic2Targets: Mlp[] = [];
  readonly #actorOptims: Adam[] = [];
  readonly #criticOptims: Adam[] = [];
  readonly #replay: ReplayBuffer;
  #rngExplore: Rng;
  #rngReplay: Rng;
  #rngTarget: Rng;
  #rngAct: Rng;
  readonly #noise: ExplorationNoise[] = [];
  // Counters: vectorised steps, stored transitions, updates, and the step from which updates fall due.
  #envSteps = 0;
  #transitions = 0;
  #updates = 0;
  #dueFrom = -1;
  // Collector state: current observations/states, agents done this episode, running returns.
  #obs: Float32Array | null = null;
  #states: Float32Array;
  #finished: Uint8Array;
  #episodeReturn: Float64Array;
  readonly #actions: Float32Array;
  readonly #actionViews: Float32Array[];
  readonly #nextObs: Float32Array;
  readonly #nextStates: Float32Array;
  readonly #dones: Float32Array;
  readonly #groupObs: Float32Array[];
  readonly #tdSum: Float32Array;

  constructor(env: MaddpgEnvSpec, config: MaddpgConfigInput = {}, seed = 0) {
    const c = resolveMaddpgConfig(config);
    this.config = c;
    this.env = env;
    this.#seed = seed;
    this.name = `maddpg_${instances++}`;
    const { K, A, obsSize, actSize, actDims, roles, stateSize } = env;
    if (actDims.length !== A || roles.length !== A || env.agents.length !== A) {
      throw new UsageError(
        `Maddpg: expected ${A} agents, action sizes and roles, found ${env.agents.length}, ${actDims.length} and ${roles.length}`,
      );
    }
    for (let i = 0; i < A; i++) {
      if (!(actDims[i] >= 1 && actDims[i] <= actSize)) {
        throw new UsageError(
          `Maddpg: expected actDims[${i}] in [1, ${actSize}], found ${actDims[i]}`,
        );
      }
    }

    // Actor groups: one per agent, or one per role with sharing on.
    this.actorOf = new Int32Array(A);
    const groups: number[][] = [];
    const roleGroup = new Map<string, number>();
    for (let i = 0; i < A; i++) {
      let g = c.share_within_role ? roleGroup.get(roles[i]) : undefined;
      if (g === undefined) {
        g = groups.length;
        groups.push([]);
        roleGroup.set(roles[i], g);
      } else if (actDims[groups[g][0]] !== actDims[i]) {
        throw new UsageError(
          `Maddpg: agents sharing the actor of role ${roles[i]} must have one action size, found ${
            actDims[groups[g][0]]
          } and ${actDims[i]}`,
        );
      }
      groups[g].push(i);
      this.actorOf[i] = g;
    }
    this.actorAgents = groups;

    // Networks. μ_g: o → tanh(·) ∈ [−1, 1]^d;  Q_i: (x, a_1..a_N) → ℝ (Eq. 6's centralised critic).
    const root = Rng.fromSeed(seed);
    const xSize = stateSize > 0 ? stateSize : A * obsSize;
    this.criticInputSize = xSize + A * actSize;
    const mlp = (name: string, inputSize: number, outputSize: number, tanh: boolean) => {
      const opts = {
        inputSize,
        outputSize,
        hiddenSizes: c.hidden,
        activation: c.activation,
        outputActivation: tanh ? "tanh" as const : "linear" as const,
        rng: root.derive(`init/${name}`),
      };
      const online = new Mlp({ ...opts, name: `${this.name}/${name}` });
      const target = new Mlp({ ...opts, name: `${this.name}/${name}_target`, trainable: false });
      hardUpdate(target, online);
      return [online, target] as const;
    };
    for (let g = 0; g < groups.length; g++) {
      const [actor, target] = mlp(`actor_${g}`, obsSize, actDims[groups[g][0]], true);
      this.#actors.push(actor);
      this.#actorTargets.push(target);
      this.#actorOptims.push(new Adam(actor, { learningRate: c.lr_actor }));
    }
    for (let i = 0; i < A; i++) {
      const [q1, q1t] = mlp(`critic1_${i}`, this.criticInputSize, 1, false);
      this.#critics1.push(q1);
      this.#critic1Targets.push(q1t);
      const nets: Module[] = [q1];
      if (c.twin) {
        const [q2, q2t] = mlp(`critic2_${i}`, this.criticInputSize, 1, false);
        this.#critics2.push(q2);
        this.#critic2Targets.push(q2t);
        nets.push(q2);
      }
      this.#criticOptims.push(new Adam(nets, { learningRate: c.lr_critic }));
    }

    // Replay of joint transitions [N, A, ·] with the global state.
    const layout = { capacity: c.buffer, agents: A, obsSize, actSize, stateSize };
    this.#replay = c.per.enabled
      ? new PrioritizedReplay(layout, {
        alpha: c.per.alpha,
        beta0: c.per.beta0,
        betaUpdates: c.per.beta_updates,
        epsilon: c.per.epsilon,
      })
      : new UniformReplay(layout);

    // Random streams and one exploration process per (environment, agent).
    this.#rngExplore = root.derive("explore");
    this.#rngReplay = root.derive("replay");
    this.#rngTarget = root.derive("target_noise");
    this.#rngAct = root.derive("act");
    for (let k = 0; k < K; k++) {
      for (let i = 0; i < A; i++) {
        const rng = root.derive(`noise/${k}/${i}`);
        const o = { sigma: c.noise.sigma, decay: c.noise.decay, minScale: c.noise.min_scale };
        this.#noise.push(
          c.noise.kind === "ou"
            ? new OrnsteinUhlenbeckNoise(actDims[i], rng, { ...o, theta: c.noise.theta })
            : new GaussianNoise(actDims[i], rng, o),
        );
      }
    }

    // Collector buffers, allocated once.
    this.#states = new Float32Array(K * stateSize);
    this.#finished = new Uint8Array(K * A);
    this.#episodeReturn = new Float64Array(K * A);
    this.#actions = new Float32Array(K * A * actSize);
    this.#actionViews = [];
    for (let j = 0; j < K * A; j++) {
      const base = j * actSize;
      this.#actionViews.push(this.#actions.subarray(base, base + actDims[j % A]));
    }
    this.#nextObs = new Float32Array(K * A * obsSize);
    this.#nextStates = new Float32Array(K * stateSize);
    this.#dones = new Float32Array(K * A);
    this.#groupObs = groups.map((g) => new Float32Array(K * g.length * obsSize));
    this.#tdSum = new Float32Array(c.batch);
  }

  /** Rows held by the replay buffer. */
  get bufferSize(): number {
    return this.#replay.size;
  }

  /** Updates done so far. */
  get updates(): number {
    return this.#updates;
  }

  /** Vectorised steps collected so far. */
  get envSteps(): number {
    return this.#envSteps;
  }

  /** True once the warm-up is over and the buffer holds a batch. */
  get ready(): boolean {
    return this.#transitions >= this.config.warmup_steps &&
      this.#replay.size >= this.config.batch;
  }

  /**
   * Updates due now: `updates_per_step` per vectorised step collected since
   * the agent became {@linkcode ready}, minus the updates done since. The
   * training loop calls `update()` that many times after each `collect`.
   */
  pendingUpdates(): number {
    if (!this.ready) return 0;
    if (this.#dueFrom < 0) this.#dueFrom = this.#envSteps;
    const due = Math.floor((this.#envSteps - this.#dueFrom) * this.config.updates_per_step);
    return Math.max(0, due - this.#updates);
  }

  // ─────────────────────────────── collect ───────────────────────────────

  /**
   * Steps `vec` `steps` times with exploratory actions and stores every
   * joint transition. The first call resets `vec` with the constructor's
   * seed. Actions are uniform in [−1, 1] during the warm-up, then
   * `clip(μ_i(o_i) + 𝒩_t, −1, 1)` (paper, Algorithm 1: "select action
   * a_i = μ_θi(o_i) + 𝒩_t").
   */
  collect(vec: MaddpgVecEnv, steps: number): MaddpgCollectStats {
    const { K, A, obsSize, stateSize } = this.env;
    if (vec.K !== K || vec.A !== A) {
      throw new UsageError(
        `Maddpg.collect: expected an environment with K = ${K}, A = ${A}, found K = ${vec.K}, A = ${vec.A}`,
      );
    }
    if (stateSize > 0 && vec.states === undefined) {
      throw new UsageError(
        `Maddpg.collect: expected an environment with states() (stateSize ${stateSize}), found none`,
      );
    }
    if (this.#obs === null) {
      this.#obs = vec.reset(this.#seed).slice();
      if (stateSize > 0) vec.states!(this.#states);
    }
    const obs = this.#obs;
    let episodes = 0, returnSum = 0, rewardSum = 0, approximated = 0;
    let warmup = false;
    for (let s = 0; s < steps; s++) {
      // Actions a_i = μ_i(o_i) + 𝒩_t, or uniform random while warming up.
      warmup = this.#transitions < this.config.warmup_steps;
      if (warmup) {
        for (let j = 0; j < K * A; j++) {
          const a = this.#actionViews[j];
          for (let d = 0; d < a.length; d++) a[d] = 2 * this.#rngExplore.nextFloat() - 1;
        }
      } else {
        this.#policyActions(obs);
        for (let j = 0; j < K * A; j++) this.#noise[j].perturb(this.#actionViews[j], -1, 1);
        for (const n of this.#noise) n.decay();
      }

      // Step, then assemble (o, a, r, o′, d, x, x′) for every environment.
      const r = vec.step(this.#actions);
      this.#nextObs.set(r.observations);
      if (stateSize > 0) vec.states!(this.#nextStates);
      for (let k = 0; k < K; k++) {
        for (let i = 0; i < A; i++) {
          const j = k * A + i;
          // An agent already done this episode is absent (zero observations): never bootstrap it.
          this.#dones[j] = r.terminations[j] === 1 || this.#finished[j] === 1 ? 1 : 0;
          if (r.terminations[j] === 1 || r.truncations[j] === 1) this.#finished[j] = 1;
          this.#episodeReturn[j] += r.rewards[j];
          rewardSum += r.rewards[j];
        }
        if (r.episodeEnded[k] === 1) {
          // The episode ended and env k reset: o′ and x′ are the final ones (bootstrap on truncation).
          const o = k * A * obsSize;
          this.#nextObs.set(r.finalObservations.subarray(o, o + A * obsSize), o);
          if (stateSize > 0) {
            const x = k * stateSize;
            const src = r.finalStates ?? this.#states;
            if (r.finalStates === undefined) approximated++;
            this.#nextStates.set(src.subarray(x, x + stateSize), x);
          }
          let ret = 0;
          for (let i = 0; i < A; i++) ret += this.#episodeReturn[k * A + i];
          returnSum += ret / A;
          episodes++;
          this.#episodeReturn.fill(0, k * A, (k + 1) * A);
          for (let i = 0; i < A; i++) this.#noise[k * A + i].reset();
        }
      }
      this.#replay.addBatch(K, {
        obs,
        actions: this.#actions,
        rewards: r.rewards,
        nextObs: this.#nextObs,
        dones: this.#dones,
        states: this.#states,
        nextStates: this.#nextStates,
      });
      // Move on: o ← o′ (the reset observation where an episode ended), x ← x′.
      obs.set(r.observations);
      if (stateSize > 0) vec.states!(this.#states);
      for (let k = 0; k < K; k++) {
        if (r.episodeEnded[k] === 1) this.#finished.fill(0, k * A, (k + 1) * A);
      }
      this.#envSteps++;
      this.#transitions += K;
    }
    return {
      steps,
      transitions: steps * K,
      episodes,
      meanEpisodeReturn: episodes > 0 ? returnSum / episodes : NaN,
      meanReward: steps > 0 ? rewardSum / (steps * K * A) : NaN,
      noiseScale: this.#noise[0].scale,
      warmup,
      bufferSize: this.#replay.size,
      approximatedFinalStates: approximated,
    };
  }

  /** Writes μ_g(o_i) of every agent into the action rows (one forward pass per actor). */
  #policyActions(obs: Float32Array): void {
    const { K, A, obsSize, actSize, actDims } = this.env;
    for (let g = 0; g < this.#actors.length; g++) {
      const agents = this.actorAgents[g];
      const n = agents.length;
      const x = this.#groupObs[g];
      for (let k = 0; k < K; k++) {
        for (let m = 0; m < n; m++) {
          const src = (k * A + agents[m]) * obsSize;
          x.set(obs.subarray(src, src + obsSize), (k * n + m) * obsSize);
        }
      }
      const d = actDims[agents[0]];
      const mu = tf.tidy(() => this.#actors[g].apply(tf.tensor2d(x, [K * n, obsSize])));
      const values = mu.dataSync();
      mu.dispose();
      for (let k = 0; k < K; k++) {
        for (let m = 0; m < n; m++) {
          const dst = (k * A + agents[m]) * actSize;
          for (let q = 0; q < d; q++) this.#actions[dst + q] = values[(k * n + m) * d + q];
        }
      }
    }
  }

  // ─────────────────────────────── update ────────────────────────────────

  /**
   * One MADDPG update on a replay batch (paper, Algorithm 1, inner loop):
   * every critic Q_i by Eq. 6, then (every `policy_delay` updates with twin
   * critics, else always) every actor by the deterministic policy gradient
   * and every target network by Polyak averaging.
   */
  update(): MaddpgUpdateMetrics {
    const c = this.config;
    const { A, obsSize, actSize, actDims, stateSize } = this.env;
    if (!this.ready) {
      throw new UsageError(
        `Maddpg.update: expected ≥ ${c.warmup_steps} warm-up transitions and ≥ ${c.batch} stored, found ${this.#transitions} and ${this.#replay.size}`,
      );
    }
    const B = c.batch;
    const beta = this.#replay instanceof PrioritizedReplay ? this.#replay.beta : 1;
    const batch = this.#replay.sample(B, this.#rngReplay);
    this.#updates++;
    const updateActors = !c.twin || this.#updates % c.policy_delay === 0;
    const clip = c.max_grad_norm > 0 ? { maxGradNorm: c.max_grad_norm } : {};

    // Target-policy smoothing noise ε ~ clip(𝒩(0, σ̃), −c, c) (TD3, Eq. 14), drawn in JS for every backend alike.
    const smoothing: Float32Array[] = [];
    if (c.twin) {
      for (let i = 0; i < A; i++) {
        const e = new Float32Array(B * actDims[i]);
        for (let q = 0; q < e.length; q++) {
          const v = c.target_noise * this.#rngTarget.normal();
          e[q] = v < -c.noise_clip ? -c.noise_clip : v > c.noise_clip ? c.noise_clip : v;
        }
        smoothing.push(e);
      }
    }

    let criticLoss = 0, criticGradNorm = 0, meanQ = 0, tdError = 0, targetVariance = 0;
    let actorLoss = 0, actorGradNorm = 0;
    this.#tdSum.fill(0);
    tf.tidy(() => {
      const w = tf.tensor1d(batch.weights); // importance-sampling weights w_b
      const r = tf.tensor2d(batch.rewards, [B, A]);
      const d = tf.tensor2d(batch.dones, [B, A]);
      const o = tf.unstack(tf.tensor3d(batch.obs, [B, A, obsSize]), 1); // o_i: [B, obs]
      const o2 = tf.unstack(tf.tensor3d(batch.nextObs, [B, A, obsSize]), 1);
      const a = tf.unstack(tf.tensor3d(batch.actions, [B, A, actSize]), 1); // a_i: [B, act]
      // x: the global state, or (o_1, …, o_N) when there is none.
      const x = stateSize > 0 ? tf.tensor2d(batch.states, [B, stateSize]) : tf.concat(o, 1);
      const x2 = stateSize > 0 ? tf.tensor2d(batch.nextStates, [B, stateSize]) : tf.concat(o2, 1);
      const pad = (ai: tf.Tensor, i: number) =>
        actDims[i] === actSize ? ai : tf.concat([ai, tf.zeros([B, actSize - actDims[i]])], 1);

      // a′_j = μ′_j(o′_j) (+ clipped smoothing noise with twin critics, TD3 Eq. 14).
      const a2: tf.Tensor[] = [];
      for (let j = 0; j < A; j++) {
        let mu = this.#actorTargets[this.actorOf[j]].apply(o2[j]);
        if (c.twin) {
          mu = tf.clipByValue(tf.add(mu, tf.tensor2d(smoothing[j], [B, actDims[j]])), -1, 1);
        }
        a2.push(pad(mu, j));
      }
      const criticIn = tf.concat([x, ...a], 1); // (x, a_1, …, a_N)
      const criticIn2 = tf.concat([x2, ...a2], 1); // (x′, a′_1, …, a′_N)

      for (let i = 0; i < A; i++) {
        // y = r_i + γ Q′_i(x′, a′_1, …, a′_N) (Eq. 6), not bootstrapped where agent i terminated;
        // twin: min of the two target critics (TD3, Eq. 10) less λ_var · ((Q′_1 − Q′_2)/2)².
        const ri = tf.reshape(tf.slice(r, [0, i], [B, 1]), [B]);
        const notDone = tf.sub(1, tf.reshape(tf.slice(d, [0, i], [B, 1]), [B]));
        const q1Next = tf.reshape(this.#critic1Targets[i].apply(criticIn2), [B]);
        let qNext = q1Next;
        let variance: tf.Tensor = tf.zerosLike(q1Next);
        if (c.twin) {
          const q2Next = tf.reshape(this.#critic2Targets[i].apply(criticIn2), [B]);
          qNext = tf.minimum(q1Next, q2Next);
          variance = tf.square(tf.mul(tf.sub(q1Next, q2Next), 0.5));
          if (c.variance_penalty > 0) qNext = tf.sub(qNext, tf.mul(variance, c.variance_penalty));
        }
        const y = tf.add(ri, tf.mul(tf.mul(notDone, c.gamma), qNext));

        // L(θ_i) = E_b[w_b (Q_i(x, a_1, …, a_N) − y)²] (Eq. 6 with PER's IS weights), each twin alike.
        const kept: { absDelta?: tf.Tensor; q1?: tf.Tensor } = {};
        const critic = this.#criticOptims[i].minimize(() => {
          const q1 = tf.reshape(this.#critics1[i].apply(criticIn), [B]);
          const td1 = tf.sub(y, q1);
          kept.absDelta = tf.keep(tf.abs(td1));
          kept.q1 = tf.keep(q1);
          let loss = tf.mean(tf.mul(w, tf.square(td1)));
          if (c.twin) {
            const q2 = tf.reshape(this.#critics2[i].apply(criticIn), [B]);
            loss = tf.add(loss, tf.mean(tf.mul(w, tf.square(tf.sub(y, q2)))));
          }
          return loss as tf.Scalar;
        }, { ...clip, context: `maddpg update ${this.#updates}: critic of agent ${i}` });
        criticLoss += critic.loss / A;
        criticGradNorm += critic.gradNorm / A;
        // One read-back: |δ_b| for the priorities, then mean Q_1 and mean Var[Q′].
        const stats = tf.concat([kept.absDelta!, tf.stack([tf.mean(kept.q1!), tf.mean(variance)])]);
        const values = stats.dataSync();
        for (let b = 0; b < B; b++) this.#tdSum[b] += values[b] / A;
        meanQ += values[B] / A;
        targetVariance += values[B + 1] / A;
        tf.dispose([kept.absDelta!, kept.q1!]);
      }

      if (updateActors) {
        // ∇_θ J(μ_i) = E[∇_θ μ_i(o_i) ∇_{a_i} Q_i(x, a_1, …, a_N)|_{a_i = μ_i(o_i)}] (Eq. 5 with the
        // centralised critic; the sampled gradient of Algorithm 1), summed over a shared actor's agents.
        for (let g = 0; g < this.#actors.length; g++) {
          const agents = this.actorAgents[g];
          const actor = this.#actorOptims[g].minimize(() => {
            let loss = tf.scalar(0);
            for (const i of agents) {
              const ai = pad(this.#actors[g].apply(o[i]), i);
              const acts = a.map((aj, j) => (j === i ? ai : aj));
              const q = this.#critics1[i].apply(tf.concat([x, ...acts], 1));
              loss = tf.sub(loss, tf.mean(q));
            }
            return tf.div(loss, agents.length) as tf.Scalar;
          }, { ...clip, context: `maddpg update ${this.#updates}: actor ${g}` });
          actorLoss += actor.loss / this.#actors.length;
          actorGradNorm += actor.gradNorm / this.#actors.length;
        }
        // θ′ ← τθ + (1 − τ)θ′ (Algorithm 1, last line), every target network.
        for (let g = 0; g < this.#actors.length; g++) {
          softUpdate(this.#actorTargets[g], this.#actors[g], c.tau);
        }
        for (let i = 0; i < A; i++) {
          softUpdate(this.#critic1Targets[i], this.#critics1[i], c.tau);
          if (c.twin) softUpdate(this.#critic2Targets[i], this.#critics2[i], c.tau);
        }
      }
    });

    // Priorities p_b = (mean_i |δ_i,b| + ε)^α (Schaul et al., 2016, Sec. 3.3).
    this.#replay.updatePriorities(batch.indices, this.#tdSum, B);
    for (let b = 0; b < B; b++) tdError += this.#tdSum[b] / B;
    return {
      update: this.#updates,
      criticLoss,
      actorLoss: updateActors ? actorLoss : NaN,
      meanQ,
      tdError,
      criticGradNorm,
      actorGradNorm: updateActors ? actorGradNorm : NaN,
      targetVariance,
      beta,
      actorUpdated: updateActors,
    };
  }

  // ───────────────────────────────── act ─────────────────────────────────

  /**
   * Agent `agentIndex`'s actions for `N` observations `obs` (`[N, obsSize]`):
   * `μ_i(o)`, plus Gaussian noise of σ = `noise.sigma` × the current noise
   * scale unless `deterministic`, clipped to [−1, 1]. `out` holds `N` rows of
   * either the agent's action size or `actSize` (the VecEnv row; the values
   * past the agent's size are set to 0).
   */
  act(obs: Float32Array, agentIndex: number, deterministic: boolean, out: Float32Array): void {
    const { A, obsSize, actSize, actDims } = this.env;
    if (!(Number.isInteger(agentIndex) && agentIndex >= 0 && agentIndex < A)) {
      throw new UsageError(`Maddpg.act: expected an agent index in [0, ${A}), found ${agentIndex}`);
    }
    const N = obs.length / obsSize;
    const d = actDims[agentIndex];
    if (!Number.isInteger(N) || (out.length !== N * d && out.length !== N * actSize)) {
      throw new UsageError(
        `Maddpg.act: expected [N, ${obsSize}] observations and N × ${d} or N × ${actSize} outputs, found ${obs.length} and ${out.length}`,
      );
    }
    const width = out.length / Math.max(N, 1);
    const mu = tf.tidy(() =>
      this.#actors[this.actorOf[agentIndex]].apply(tf.tensor2d(obs, [N, obsSize]))
    );
    const values = mu.dataSync();
    mu.dispose();
    const sigma = deterministic ? 0 : this.config.noise.sigma * this.#noise[agentIndex].scale;
    out.fill(0);
    for (let n = 0; n < N; n++) {
      for (let q = 0; q < d; q++) {
        let v = values[n * d + q];
        if (sigma > 0) v = Math.min(1, Math.max(-1, v + sigma * this.#rngAct.normal()));
        out[n * width + q] = v;
      }
    }
  }

  // ────────────────────────────── checkpoints ──────────────────────────────

  /** Every network of this instance, in a fixed order. */
  #modules(): Mlp[] {
    return [
      ...this.#actors,
      ...this.#actorTargets,
      ...this.#critics1,
      ...this.#critic1Targets,
      ...this.#critics2,
      ...this.#critic2Targets,
    ];
  }

  #optimizers(): [string, Adam][] {
    return [
      ...this.#actorOptims.map((o, g) => [`actor_${g}`, o] as [string, Adam]),
      ...this.#criticOptims.map((o, i) => [`critic_${i}`, o] as [string, Adam]),
    ];
  }

  /**
   * Weights, targets, optimiser moments, the replay buffer, the noise
   * processes, every random stream, the counters and the collector's place in
   * its episodes: with {@linkcode setState} on a fresh instance of the same
   * layout and config, training continues bit for bit on cpu (the
   * environment itself must be restored by its owner).
   */
  async getState(): Promise<MaddpgState> {
    const prefix = `${this.name}/`;
    const rel = (name: string) => name.startsWith(prefix) ? name.slice(prefix.length) : name;
    const read = async (t: tf.Tensor): Promise<MaddpgStoredTensor> => ({
      shape: [...t.shape],
      values: Float32Array.from(await t.data()),
    });
    const weights: Record<string, MaddpgStoredTensor> = {};
    for (const m of this.#modules()) {
      for (const v of m.variables()) weights[rel(v.name)] = await read(v);
    }
    const optimizers: MaddpgState["optimizers"] = {};
    for (const [key, opt] of this.#optimizers()) {
      const s = opt.getState();
      const tensors: Record<string, MaddpgStoredTensor> = {};
      for (const [name, t] of Object.entries(s.tensors)) tensors[rel(name)] = await read(t);
      tf.dispose(Object.values(s.tensors));
      optimizers[key] = { step: s.step, learningRate: s.config.learningRate, tensors };
    }
    return {
      version: 1,
      config: structuredClone(this.config),
      seed: this.#seed,
      weights,
      optimizers,
      replay: this.#replay.snapshot(),
      rng: {
        explore: this.#rngExplore.state(),
        replay: this.#rngReplay.state(),
        target: this.#rngTarget.state(),
        act: this.#rngAct.state(),
      },
      noise: this.#noise.map((n) => n.state()),
      counters: {
        envSteps: this.#envSteps,
        transitions: this.#transitions,
        updates: this.#updates,
        dueFrom: this.#dueFrom,
      },
      rollout: this.#obs === null ? null : {
        obs: this.#obs.slice(),
        states: this.#states.slice(),
        finished: this.#finished.slice(),
        episodeReturn: this.#episodeReturn.slice(),
      },
    };
  }

  /** Restores {@linkcode getState} output (same environment layout and network sizes). */
  setState(state: MaddpgState): void {
    if (state.version !== 1) {
      throw new UsageError(`Maddpg.setState: expected state version 1, found ${state.version}`);
    }
    const prefix = `${this.name}/`;
    const tensorOf = (key: string, s: MaddpgStoredTensor | undefined, want: readonly number[]) => {
      if (s === undefined || s.shape.join() !== want.join()) {
        throw new UsageError(
          `Maddpg.setState: expected ${key} of shape [${want}], found ${
            s === undefined ? "none" : `[${s.shape}]`
          }`,
        );
      }
      return tf.tensor(s.values, s.shape);
    };
    for (const m of this.#modules()) {
      for (const v of m.variables()) {
        const key = v.name.slice(prefix.length);
        const t = tensorOf(key, state.weights[key], v.shape);
        v.assign(t);
        t.dispose();
      }
    }
    for (const [key, opt] of this.#optimizers()) {
      const s = state.optimizers[key];
      if (s === undefined) {
        throw new UsageError(`Maddpg.setState: expected optimizer state ${key}, found none`);
      }
      const tensors: tf.NamedTensorMap = {};
      for (const v of opt.variables) {
        const k = v.name.slice(prefix.length);
        for (const part of ["m", "v"]) {
          tensors[`${v.name}/${part}`] = tensorOf(
            `${k}/${part}`,
            s.tensors[`${k}/${part}`],
            v.shape,
          );
        }
      }
      try {
        opt.setState({ step: s.step, config: { learningRate: s.learningRate }, tensors });
      } finally {
        tf.dispose(Object.values(tensors));
      }
    }
    this.#replay.restore(state.replay);
    this.#rngExplore = Rng.fromState(state.rng.explore);
    this.#rngReplay = Rng.fromState(state.rng.replay);
    this.#rngTarget = Rng.fromState(state.rng.target);
    this.#rngAct = Rng.fromState(state.rng.act);
    if (state.noise.length !== this.#noise.length) {
      throw new UsageError(
        `Maddpg.setState: expected ${this.#noise.length} noise states, found ${state.noise.length}`,
      );
    }
    state.noise.forEach((s, j) => this.#noise[j].restore(s));
    this.#envSteps = state.counters.envSteps;
    this.#transitions = state.counters.transitions;
    this.#updates = state.counters.updates;
    this.#dueFrom = state.counters.dueFrom;
    if (state.rollout === null) {
      this.#obs = null;
    } else {
      this.#obs = state.rollout.obs.slice();
      this.#states.set(state.rollout.states);
      this.#finished.set(state.rollout.finished);
      this.#episodeReturn.set(state.rollout.episodeReturn);
    }
  }

  /** Releases every network and optimiser. */
  dispose(): void {
    for (const o of [...this.#actorOptims, ...this.#criticOptims]) o.dispose();
    for (const m of this.#modules()) m.dispose();
  }
}
