/**
 * MAPPO: multi-agent PPO with decentralised actors and a centralised value
 * function (Yu, Velu, Vinitsky, Gao, Wang, Bayen and Wu, 2022, "The
 * Surprising Effectiveness of PPO in Cooperative Multi-Agent Games"), on
 * TensorFlow.js. One file, top to bottom, in the order of the algorithm:
 *
 * 1. **Policies** (one per role, shared by the role's agents, or one per
 *    agent): a Gaussian over a pre-squash action `u ~ N(μ_θ(o), σ²)` with a
 *    state-independent `log σ`, squashed to the env's [−1, 1] by `a = tanh(u)`.
 *    The log-probability carries the change-of-variables correction (Haarnoja
 *    et al., 2018, "Soft Actor-Critic", appendix C, eq. 21):
 *    `log π(a|o) = Σ_j [log N(u_j; μ_j, σ_j) − log(1 − tanh(u_j)²)]`.
 * 2. **Centralised value function** `V_φ(s, i)` on the global state `s`
 *    (`VecEnv.states()`, or the agents' observations concatenated when the env
 *    has no state) and a one-hot agent id; optionally a multi-head
 *    self-attention block over per-agent embeddings (lib/rl/nn/attention.ts):
 *    `V_i = head([Z_i, s])`, `Z = X + MultiHead(X)`, `X_i = tanh(W_e [o_i, e_i])`.
 * 3. **Rollout**: `rollout_steps` steps of K envs, actions sampled from the
 *    policies, then the critic's values of all T·K stored states in one batch
 *    (lib/rl/rollout: RolloutStorage).
 * 4. **GAE(λ)** (Schulman et al., 2016, eq. 16), bootstrapping the final
 *    observation's value on truncation when the state is built from
 *    observations.
 * 5. **Update**: `epochs` passes over shuffled minibatches, actor and critic
 *    with their own Adam (as MAPPO's `R_MAPPO` trainer):
 *    - clipped surrogate (Schulman et al., 2017, "PPO", eq. 7):
 *      `L^CLIP = E[min(r_t Â_t, clip(r_t, 1 − ε, 1 + ε) Â_t)]`,
 *      `r_t = π_θ(a|o) / π_θold(a|o)`, minus `c_ent · H[π]`;
 *    - clipped value loss (MAPPO eq. in Sec. 4, "value clipping"):
 *      `L^V = ½ E[max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)]`;
 *    - value normalisation (MAPPO Sec. 4 "Value Normalization"; a running mean
 *      and std of the returns, lib/rl/normalizer.ts): the critic predicts
 *      `(R − μ) / σ`;
 *    - advantage normalisation over the rollout; global-norm gradient
 *      clipping; learning-rate schedules (constant, linear, cosine, or
 *      KL-adaptive, lib/rl/schedules.ts); optional early stop on a target KL.
 *
 * The entropy bonus uses the Gaussian's entropy `Σ_j (½ ln(2πe) + log σ_j)`
 * (the squashed distribution has none in closed form; its gradient only moves
 * `log σ`). Random draws (actions, minibatch order, env seeds) come from
 * seeded {@linkcode Rng} streams in JavaScript, so the same seed gives the same
 * run on the cpu backend. Every update runs inside `tf.tidy`/explicit
 * disposal: the tensor count does not grow (tested).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { Mappo } from "./mappo.ts";
 * await tf.setBackend("cpu");
 * const spec = {
 *   K: 2, A: 1, obsSize: 1, actSize: 1, actDims: Int32Array.of(1), agents: ["a"],
 *   roles: ["market_maker"] as const, stateSize: 1,
 * };
 * const mappo = new Mappo(spec, { rollout_steps: 4, name: "doc/mappo" }, 1);
 * const out = new Float32Array(2);
 * mappo.act(new Float32Array([0.5, -0.5]), "market_maker", true, out);
 * assert(out.every((a) => a > -1 && a < 1));
 * mappo.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import { Rng, type RngState } from "../../core/rng.ts";
import { ConfigError, UsageError } from "../../core/errors.ts";
import { Dense } from "../nn/dense.ts";
import { Mlp } from "../nn/mlp.ts";
import { SelfAttentionPool } from "../nn/attention.ts";
import { Adam } from "../nn/adam.ts";
import type { Module } from "../nn/module.ts";
import { RolloutStorage } from "../rollout/rollout_storage.ts";
import type { RolloutMinibatch } from "../rollout/rollout_storage.ts";
import { RunningMeanStd, type RunningMeanStdState } from "../normalizer.ts";
import { cosineSchedule, KlAdaptiveLr, linearSchedule, type Schedule } from "../schedules.ts";
import type { VecStep } from "../../env/vec_env.ts";
import type { AgentView, Policy } from "../../env/policy.ts";
import type { AlgorithmEnvSpec } from "./env_spec.ts";

// ───────────────────────────── configuration ─────────────────────────────

/** The learning-rate schedule over updates. */
export type MappoLrSchedule =
  | { kind: "constant" }
  /** Linear from `lr` to `end_lr` over `updates` updates (CleanRL's `anneal_lr` when end_lr = 0). */
  | { kind: "linear"; end_lr: number; updates: number }
  /** Half a cosine from `lr` to `end_lr` over `updates` updates. */
  | { kind: "cosine"; end_lr: number; updates: number }
  /** rl_games' KL-adaptive rate (lib/rl/schedules.ts KlAdaptiveLr), adapted after each update. */
  | { kind: "kl_adaptive"; target_kl?: number; min_lr?: number; max_lr?: number };

/**
 * MAPPO's hyper-parameters. Defaults follow the MAPPO paper's recommendations
 * (Yu et al., 2022, Sec. 4 and appendix tables for the MPE / continuous
 * tasks) where it gives one; the key names match the training YAML.
 */
export interface MappoConfig {
  /** Adam step size for actors and critic (MAPPO: 5e-4, 7e-4 for MPE). */
  lr: number;
  /** Discount γ. */
  gamma: number;
  /** GAE λ. */
  gae_lambda: number;
  /** PPO clip ε of the ratio (MAPPO: 0.2; ≤ 0.2 recommended). */
  clip: number;
  /** Clip ε of the value change around the rollout's value (value clipping); null disables it. */
  value_clip: number | null;
  /** Passes over the rollout per update (MAPPO: 5 to 15; fewer for hard tasks). */
  epochs: number;
  /** Minibatches per epoch (MAPPO: 1, i.e. no splitting, recommended). */
  minibatches: number;
  /** Entropy bonus coefficient c_ent. */
  entropy_coef: number;
  /** Weight of the value loss (the critic has its own optimiser; matters with clipping). */
  value_loss_coef: number;
  /** Global gradient-norm clip for actor and critic (MAPPO: 10). */
  max_grad_norm: number;
  /** Hidden layer widths of actors and critic (MAPPO: [64, 64]). */
  hidden: readonly number[];
  /** Hidden activation (MAPPO's code defaults to relu; tanh suits small continuous tasks). */
  activation: "tanh" | "relu";
  /** Steps per env between updates (T of the rollout). */
  rollout_steps: number;
  /** Multi-head self-attention over per-agent embeddings in the critic. */
  attention: boolean;
  /** Heads of the attention block (must divide hidden[0]). */
  attention_heads: number;
  /** One actor per role, shared by its agents (parameter sharing); false: one actor per agent. */
  share_within_role: boolean;
  /** Learning-rate schedule. */
  schedule: MappoLrSchedule;
  /** Value normalisation with a running mean and std of the returns. */
  value_norm: boolean;
  /** Normalise the advantages over the rollout to mean 0, std 1. */
  advantage_norm: boolean;
  /** Initial log σ of every Gaussian policy (state-independent, learned). */
  log_std_init: number;
  /** Adam ε (CleanRL's PPO: 1e-5). */
  adam_eps: number;
  /** Stop the epochs early when the approximate KL of an epoch exceeds this; null: never. */
  target_kl: number | null;
  /** Prefix of every variable name (two live instances need two names). */
  name: string;
}

/** The default {@linkcode MappoConfig}. */
export const MAPPO_DEFAULTS: Readonly<MappoConfig> = Object.freeze({
  lr: 5e-4,
  gamma: 0.99,
  gae_lambda: 0.95,
  clip: 0.2,
  value_clip: 0.2,
  epochs: 5,
  minibatches: 1,
  entropy_coef: 0.01,
  value_loss_coef: 1,
  max_grad_norm: 10,
  hidden: Object.freeze([64, 64]),
  activation: "tanh",
  rollout_steps: 128,
  attention: false,
  attention_heads: 4,
  share_within_role: true,
  schedule: Object.freeze({ kind: "constant" }),
  value_norm: true,
  advantage_norm: true,
  log_std_init: 0,
  adam_eps: 1e-5,
  target_kl: null,
  name: "mappo",
}) as Readonly<MappoConfig>;

/** What MAPPO needs to know about the environment. */
export type MappoEnvSpec = AlgorithmEnvSpec;

/** The stepping API MAPPO drives: `VecEnv`, `AsModelVecEnv` or a test env. */
export interface MappoVecEnv {
  readonly K: number;
  readonly A: number;
  readonly obsSize: number;
  readonly actSize: number;
  reset(seed: number): Float32Array;
  step(actions: Float32Array): VecStep;
  /** Global states `[K, stateSize]`; absent: the observations concatenated. */
  states?(out?: Float32Array): Float32Array;
}

/**
 * The {@linkcode MappoEnvSpec} of a vectorised env: roles from
 * `envs[0].role(agent)` (a `VecEnv`), else from `roles`, else every agent a
 * market maker (the AS-model fast path); the state size from `states()`, else
 * `A · obsSize`.
 */
export function mappoEnvSpec(
  vec: MappoVecEnv & {
    agents: readonly string[];
    actDims?: Int32Array;
    roles?: readonly string[];
    envs?: readonly { role(agent: string): string }[];
  },
): MappoEnvSpec {
  const roles = vec.roles ??
    (vec.envs !== undefined
      ? vec.agents.map((a) => vec.envs![0].role(a))
      : vec.agents.map(() => "market_maker"));
  const stateSize = vec.states !== undefined ? vec.states().length / vec.K : vec.A * vec.obsSize;
  return {
    K: vec.K,
    A: vec.A,
    obsSize: vec.obsSize,
    actSize: vec.actSize,
    actDims: vec.actDims ?? new Int32Array(vec.A).fill(vec.actSize),
    agents: vec.agents,
    roles,
    stateSize,
  };
}

// ───────────────────────────── results and state ─────────────────────────────

/** What {@linkcode Mappo.collect} saw. */
export interface RolloutStats {
  /** Env steps (per env). */
  steps: number;
  /** Agent-steps: steps · K · A. */
  agentSteps: number;
  /** Env episodes that ended during the rollout. */
  episodes: number;
  /** Mean over ended episodes and agents of the episode's summed reward (NaN when none ended). */
  meanEpisodeReturn: number;
  /** Mean reward per active agent-step. */
  meanReward: number;
}

/** What {@linkcode Mappo.update} measured (means over minibatches unless said). */
export interface UpdateMetrics {
  /** Updates done so far, this one included. */
  update: number;
  /** Learning rate used. */
  lr: number;
  /** −L^CLIP (the clipped surrogate, to minimise). */
  policyLoss: number;
  /** Clipped value loss (in normalised units when value_norm). */
  valueLoss: number;
  /** Entropy of the Gaussian policies (per agent, summed over action dims). */
  entropy: number;
  /** Approximate KL(π_old ‖ π), E[(r − 1) − log r] (Schulman's k3 estimator). */
  approxKl: number;
  /** Fraction of samples whose ratio was clipped. */
  clipFraction: number;
  /** 1 − Var(R − V_old) / Var(R) over the rollout. */
  explainedVariance: number;
  /** Mean global gradient norm (before clipping) of the actor steps. */
  actorGradNorm: number;
  /** Mean global gradient norm (before clipping) of the critic steps. */
  criticGradNorm: number;
  /** Epochs run (fewer than configured after a target-KL stop). */
  epochs: number;
}

/** A checkpoint of a {@linkcode Mappo}: plain arrays, independent of variable-name prefixes. */
export interface MappoState {
  /** Updates done. */
  updates: number;
  /** Weights by variable name without the instance prefix. */
  weights: Record<string, { shape: number[]; values: Float32Array }>;
  /** Adam state per optimiser (by network name): step, rate, moments in variable order. */
  optimizers: Record<string, { step: number; lr: number; m: Float32Array[]; v: Float32Array[] }>;
  /** Value normaliser statistics. */
  valueNorm: RunningMeanStdState;
  /** RNG streams. */
  rng: { sample: RngState; minibatch: RngState; env: RngState };
  /** The KL-adaptive rate, when that schedule is used. */
  klLr: number | null;
}

// ───────────────────────────── networks ─────────────────────────────

/** A Gaussian actor: μ_θ(o) from an MLP, and a free log σ. Agents of `agents` use it. */
interface ActorGroup {
  key: string;
  role: string;
  agents: number[];
  actDim: number;
  mu: Mlp;
  logStd: tf.Variable;
  optimizer: Adam;
  /** log σ read back after each update (sampling is done in JavaScript). */
  logStdValues: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);
const LN2 = Math.LN2;

/** log(1 − tanh(u)²) = 2 (ln 2 − u − softplus(−2u)), stable for large |u| (SAC, Spinning Up). */
function logOneMinusTanhSq(u: number): number {
  const x = -2 * u;
  const softplus = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  return 2 * (LN2 - u - softplus);
}

/**
 * Log-density of `a = tanh(u)` for one action dimension when
 * `u ~ N(mu, exp(logStd)²)`: `log N(u; μ, σ) − log(1 − tanh(u)²)` (SAC
 * appendix C, eq. 21). A policy's log π sums this over dimensions.
 */
export function squashedGaussianLogProb(u: number, mu: number, logStd: number): number {
  const z = (u - mu) / Math.exp(logStd);
  return -0.5 * z * z - logStd - 0.5 * LOG_2PI - logOneMinusTanhSq(u);
}

function checkConfig(c: MappoConfig): void {
  const bad = (key: string, expected: string, found: unknown) => {
    throw new ConfigError({ keyPath: `training.mappo.${key}`, expected, found: String(found) });
  };
  if (!(c.lr >= 0 && c.lr < Infinity)) bad("lr", "a learning rate ≥ 0", c.lr);
  if (!(c.gamma >= 0 && c.gamma <= 1)) bad("gamma", "a discount in [0, 1]", c.gamma);
  if (!(c.gae_lambda >= 0 && c.gae_lambda <= 1)) bad("gae_lambda", "λ in [0, 1]", c.gae_lambda);
  if (!(c.clip > 0)) bad("clip", "a clip ε > 0", c.clip);
  if (c.value_clip !== null && !(c.value_clip > 0)) bad("value_clip", "null or > 0", c.value_clip);
  if (!(Number.isInteger(c.epochs) && c.epochs >= 1)) bad("epochs", "an integer ≥ 1", c.epochs);
  if (!(Number.isInteger(c.minibatches) && c.minibatches >= 1)) {
    bad("minibatches", "an integer ≥ 1", c.minibatches);
  }
  if (!(c.max_grad_norm > 0)) bad("max_grad_norm", "a norm > 0", c.max_grad_norm);
  if (!(Number.isInteger(c.rollout_steps) && c.rollout_steps >= 1)) {
    bad("rollout_steps", "an integer ≥ 1", c.rollout_steps);
  }
  if (c.hidden.length === 0 || c.hidden.some((h) => !(Number.isInteger(h) && h >= 1))) {
    bad("hidden", "a non-empty list of positive integers", JSON.stringify(c.hidden));
  }
  if (c.attention && c.hidden[0] % c.attention_heads !== 0) {
    bad("attention_heads", `a divisor of hidden[0] = ${c.hidden[0]}`, c.attention_heads);
  }
}

// ───────────────────────────── the algorithm ─────────────────────────────

/** MAPPO with per-role (or per-agent) Gaussian actors and a centralised critic. */
export class Mappo {
  /** The environment layout. */
  readonly spec: MappoEnvSpec;
  /** The resolved configuration. */
  readonly config: Readonly<MappoConfig>;
  /** Actor groups (one per role when shared, else one per agent). */
  readonly #groups: ActorGroup[];
  /** Group index of each agent. */
  readonly #groupOf: Int32Array;
  // Critic: plain MLP on [s, onehot(i)], or embed → attention → head on [Z_i, s].
  readonly #critic: Mlp;
  readonly #embed: Dense | null;
  readonly #attention: SelfAttentionPool | null;
  readonly #criticOptimizer: Adam;
  readonly #valueNorm = new RunningMeanStd(1);
  readonly #lrSchedule: Schedule;
  readonly #klLr: KlAdaptiveLr | null;
  #rngSample: Rng;
  #rngMinibatch: Rng;
  #rngEnv: Rng;
  #updates = 0;
  #storage: RolloutStorage | null = null;
  // Env tracking between collects.
  #vec: MappoVecEnv | null = null;
  readonly #obs: Float32Array;
  readonly #alive: Uint8Array;
  readonly #episodeReturn: Float64Array;
  // Scratch buffers (allocated once).
  readonly #states: Float32Array;
  readonly #finalStates: Float32Array;
  readonly #actions: Float32Array;
  readonly #envActions: Float32Array;
  readonly #logProbs: Float32Array;
  readonly #valueBuf: Float32Array;
  readonly #finalValues: Float32Array;
  readonly #active: Float32Array;

  constructor(spec: MappoEnvSpec, config: Partial<MappoConfig> = {}, seed = 0) {
    const c: MappoConfig = { ...MAPPO_DEFAULTS, ...config };
    checkConfig(c);
    this.config = Object.freeze(c);
    this.spec = spec;
    const { K, A, obsSize, stateSize } = spec;
    if (spec.agents.length !== A || spec.roles.length !== A || spec.actDims.length !== A) {
      throw new UsageError(
        `Mappo: expected ${A} agent names, roles and action sizes, found ${spec.agents.length}, ${spec.roles.length} and ${spec.actDims.length}`,
      );
    }
    const rng = Rng.fromSeed(seed);
    this.#rngSample = rng.derive("sample");
    this.#rngMinibatch = rng.derive("minibatch");
    this.#rngEnv = rng.derive("env");
    const netRng = rng.derive("networks");
    const hidden = c.hidden;
    const act = c.activation;

    // Actor groups: per role (parameter sharing) or per agent. Heterogeneous roles
    // get their own networks and action sizes.
    const keys: string[] = [];
    const members = new Map<string, number[]>();
    for (let i = 0; i < A; i++) {
      const key = c.share_within_role ? spec.roles[i] : spec.agents[i];
      if (!members.has(key)) {
        members.set(key, []);
        keys.push(key);
      }
      members.get(key)!.push(i);
    }
    this.#groupOf = new Int32Array(A);
    this.#groups = keys.map((key, g) => {
      const agents = members.get(key)!;
      const actDim = spec.actDims[agents[0]];
      for (const i of agents) {
        this.#groupOf[i] = g;
        if (spec.actDims[i] !== actDim) {
          throw new UsageError(
            `Mappo: expected every agent of role ${
              spec.roles[i]
            } to have action size ${actDim}, found ${spec.actDims[i]} for ${spec.agents[i]}`,
          );
        }
      }
      const mu = new Mlp({
        name: `${c.name}/actor_${key}/mu`,
        inputSize: obsSize,
        hiddenSizes: hidden,
        outputSize: actDim,
        activation: act,
        outputGain: 0.01, // CleanRL's layer_init(std=0.01) for the policy head
        rng: netRng.derive(`actor_${key}`),
      });
      const logStd = tf.tidy(() =>
        tf.variable(tf.fill([actDim], c.log_std_init), true, `${c.name}/actor_${key}/log_std`)
      );
      const optimizer = new Adam([...mu.variables(), logStd], {
        learningRate: c.lr,
        epsilon: c.adam_eps,
      });
      return {
        key,
        role: spec.roles[agents[0]],
        agents,
        actDim,
        mu,
        logStd,
        optimizer,
        logStdValues: new Float64Array(actDim).fill(c.log_std_init),
      };
    });

    // Centralised critic.
    const criticRng = netRng.derive("critic");
    if (c.attention) {
      const d = hidden[0];
      this.#embed = new Dense({
        name: `${c.name}/critic/embed`,
        inputSize: obsSize + A,
        outputSize: d,
        activation: "tanh",
        gain: Math.SQRT2,
        rng: criticRng.derive("embed"),
      });
      this.#attention = new SelfAttentionPool({
        name: `${c.name}/critic/attention`,
        modelSize: d,
        heads: c.attention_heads,
        rng: criticRng.derive("attention"),
      });
      this.#critic = new Mlp({
        name: `${c.name}/critic/head`,
        inputSize: d + stateSize,
        hiddenSizes: hidden.slice(1).length > 0 ? hidden.slice(1) : [d],
        outputSize: 1,
        activation: act,
        rng: criticRng.derive("head"),
      });
    } else {
      this.#embed = null;
      this.#attention = null;
      this.#critic = new Mlp({
        name: `${c.name}/critic/v`,
        inputSize: stateSize + A,
        hiddenSizes: hidden,
        outputSize: 1,
        activation: act,
        rng: criticRng.derive("v"),
      });
    }
    this.#criticOptimizer = new Adam(this.#criticModules(), {
      learningRate: c.lr,
      epsilon: c.adam_eps,
    });

    // Learning-rate schedule over updates.
    const s = c.schedule;
    this.#klLr = null;
    if (s.kind === "linear") this.#lrSchedule = linearSchedule(c.lr, s.end_lr, s.updates);
    else if (s.kind === "cosine") this.#lrSchedule = cosineSchedule(c.lr, s.end_lr, s.updates);
    else if (s.kind === "kl_adaptive") {
      this.#klLr = new KlAdaptiveLr({
        lr: c.lr,
        targetKl: s.target_kl,
        minLr: s.min_lr,
        maxLr: s.max_lr,
      });
      this.#lrSchedule = () => this.#klLr!.lr;
    } else this.#lrSchedule = () => c.lr;

    const KA = K * A;
    this.#obs = new Float32Array(KA * obsSize);
    this.#alive = new Uint8Array(KA).fill(1);
    this.#episodeReturn = new Float64Array(KA);
    this.#states = new Float32Array(K * stateSize);
    this.#finalStates = new Float32Array(K * stateSize);
    this.#actions = new Float32Array(KA * spec.actSize);
    this.#envActions = new Float32Array(KA * spec.actSize);
    this.#logProbs = new Float32Array(KA);
    this.#valueBuf = new Float32Array(KA);
    this.#finalValues = new Float32Array(KA);
    this.#active = new Float32Array(KA);
  }

  /** Updates done so far. */
  get updates(): number {
    return this.#updates;
  }

  #criticModules(): Module[] {
    return [this.#embed, this.#attention, this.#critic].filter((m): m is NonNullable<typeof m> =>
      m !== null
    );
  }

  #modules(): { key: string; modules: Module[] }[] {
    return [
      ...this.#groups.map((g) => ({
        key: `actor_${g.key}`,
        modules: [g.mu, { name: g.logStd.name, variables: () => [g.logStd], dispose() {} }],
      })),
      { key: "critic", modules: this.#criticModules() },
    ];
  }

  // ───────────── policy: the squashed Gaussian ─────────────

  /**
   * Gaussian means μ_θ(o) of `group` for `rows` observations `[rows, obs]`,
   * read back into a float32 array `[rows, actDim]`.
   */
  #means(group: ActorGroup, obs: Float32Array, rows: number): Float32Array {
    const x = tf.tensor2d(obs, [rows, this.spec.obsSize]);
    const mu = group.mu.apply(x);
    const out = mu.dataSync() as Float32Array;
    tf.dispose([x, mu]);
    return out;
  }

  /**
   * Actions for `N` observation rows `[N, obs]` of one role (or one agent):
   * `tanh(μ)` when deterministic, else `tanh(μ + σ ε)` with ε from the
   * sampling stream. Written into `out` `[N, actDim]`. With per-agent actors
   * and a role, rows cycle over the role's agents (`[N / n, n, obs]`).
   */
  act(obs: Float32Array, role: string, deterministic: boolean, out: Float32Array): void {
    const groups = this.#groups.filter((g) => g.role === role || g.key === role);
    if (groups.length === 0) {
      throw new UsageError(
        `Mappo.act: expected a role or agent among ${
          this.#groups.map((g) => g.key).join(", ")
        }, found ${role}`,
      );
    }
    const o = this.spec.obsSize, n = groups.length, d = groups[0].actDim;
    const N = obs.length / o;
    if (!Number.isInteger(N / n) || out.length !== N * d) {
      throw new UsageError(
        `Mappo.act: expected [N, ${o}] observations with N a multiple of ${n} and an output of N × ${d}, found ${obs.length} and ${out.length} values`,
      );
    }
    for (let j = 0; j < n; j++) {
      const g = groups[j];
      const rows = N / n;
      const x = new Float32Array(rows * o);
      for (let r = 0; r < rows; r++) {
        x.set(obs.subarray((r * n + j) * o, (r * n + j + 1) * o), r * o);
      }
      const mu = this.#means(g, x, rows);
      for (let r = 0; r < rows; r++) {
        for (let k = 0; k < d; k++) {
          const m = mu[r * d + k];
          const u = deterministic ? m : m + Math.exp(g.logStdValues[k]) * this.#rngSample.normal();
          out[(r * n + j) * d + k] = Math.tanh(u);
        }
      }
    }
  }

  /** A {@linkcode Policy} for one agent (runEpisodes, evaluation against baselines). */
  asPolicy(agent: string, deterministic = true): Policy {
    const i = this.spec.agents.indexOf(agent);
    if (i < 0) {
      throw new UsageError(
        `Mappo.asPolicy: expected an agent among ${this.spec.agents.join(", ")}, found ${agent}`,
      );
    }
    const g = this.#groups[this.#groupOf[i]];
    const buf = new Float32Array(g.actDim);
    return {
      name: "mappo",
      actionDim: g.actDim,
      reset: () => {},
      act: (obs: Float32Array, _view: AgentView, out: Float32Array) => {
        const mu = this.#means(g, obs, 1);
        for (let k = 0; k < g.actDim; k++) {
          const u = deterministic
            ? mu[k]
            : mu[k] + Math.exp(g.logStdValues[k]) * this.#rngSample.normal();
          buf[k] = Math.tanh(u);
        }
        out.set(buf);
      },
    };
  }

  // ───────────── centralised value function ─────────────

  /**
   * V(s, i) of the attention critic for rows `[B]` of states `[B, S]` and all
   * agents' observations `[B, A, obs]`; returns `[B, A]` (normalised units),
   * not in a tidy. (The plain critic reads `#criticRows`.)
   */
  #valueTensor(states: tf.Tensor2D, obs: tf.Tensor3D): tf.Tensor2D {
    const { A, stateSize } = this.spec;
    const B = states.shape[0];
    // One-hot agent ids and the state repeated per agent (a reshape when A = 1).
    const ids = A === 1 ? tf.ones([B, 1, 1]) : tf.tile(tf.reshape(tf.eye(A), [1, A, A]), [B, 1, 1]);
    const sRows = tf.reshape(states, [B, 1, stateSize]);
    const sTiled = A === 1 ? sRows : tf.tile(sRows, [1, A, 1]);
    // X_i = tanh(W_e [o_i, e_i]);  Z = X + MultiHead(X);  V_i = head([Z_i, s]).
    const X = this.#embed!.apply(tf.concat([obs, ids], 2));
    const Z = this.#attention!.attend(X);
    return tf.reshape(this.#critic.apply(tf.concat([Z, sTiled], 2)), [B, A]) as tf.Tensor2D;
  }

  /**
   * The plain critic's inputs `[s, onehot(i)]`, built in JavaScript (no tile
   * or concat kernels): `[rows, A, S + A]` for every agent of each state row,
   * or, with `agentIds`, `[rows, 1, S + A]` for agent `agentIds[r]` of row r.
   */
  #criticRows(states: Float32Array, rows: number, agentIds: ArrayLike<number> | null): tf.Tensor3D {
    const { A, stateSize: S } = this.spec;
    const n = agentIds === null ? A : 1, w = S + A;
    const x = new Float32Array(rows * n * w);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) {
        const o = (r * n + j) * w;
        for (let q = 0; q < S; q++) x[o + q] = states[r * S + q];
        x[o + S + (agentIds === null ? j : agentIds[r])] = 1;
      }
    }
    return tf.tensor3d(x, [rows, n, w]);
  }

  /**
   * Denormalised values `[rows, A]` of `states` `[rows, S]` (and `obs`
   * `[rows, A, obs]`), written into `out`; `rows` defaults to K (one env step).
   */
  #values(states: Float32Array, obs: Float32Array, out: Float32Array, rows = this.spec.K): void {
    const { A, obsSize, stateSize } = this.spec;
    const v = tf.tidy(() =>
      this.#attention === null
        ? tf.reshape(this.#critic.apply(this.#criticRows(states, rows, null)), [rows, A])
        : this.#valueTensor(
          tf.tensor2d(states, [rows, stateSize]),
          tf.tensor3d(obs, [rows, A, obsSize]),
        )
    );
    const z = v.dataSync();
    v.dispose();
    if (this.config.value_norm) {
      const mean = this.#valueNorm.mean[0];
      const std = Math.sqrt(this.#valueNorm.variance()[0] + this.#valueNorm.epsilon);
      for (let j = 0; j < z.length; j++) out[j] = z[j] * std + mean;
    } else out.set(z);
  }

  #readStates(vec: MappoVecEnv, obs: Float32Array, out: Float32Array): void {
    if (vec.states !== undefined) vec.states(out);
    else out.set(obs); // the state is every agent's observation, concatenated
  }

  // ───────────── rollout ─────────────

  /** Resets `vec` with `seed` (default: drawn from the env stream) and starts collecting from it. */
  attach(vec: MappoVecEnv, seed?: number): void {
    const { K, A, obsSize } = this.spec;
    if (
      vec.K !== K || vec.A !== A || vec.obsSize !== obsSize || vec.actSize !== this.spec.actSize
    ) {
      throw new UsageError(
        `Mappo: expected an env with K=${K}, A=${A}, obs ${obsSize}, act ${this.spec.actSize}, found K=${vec.K}, A=${vec.A}, obs ${vec.obsSize}, act ${vec.actSize}`,
      );
    }
    this.#vec = vec;
    this.#obs.set(vec.reset(seed ?? this.#rngEnv.nextInt(2 ** 30)));
    this.#alive.fill(1);
    this.#episodeReturn.fill(0);
  }

  /**
   * Steps `vec` for `steps` steps (default `rollout_steps`) with actions
   * sampled from the policies, storing everything the update needs, then
   * computes GAE(λ). The first call on an env resets it ({@linkcode attach}).
   */
  collect(vec: MappoVecEnv, steps: number = this.config.rollout_steps): RolloutStats {
    if (this.#vec !== vec) this.attach(vec);
    const { K, A, obsSize, stateSize, actSize } = this.spec;
    const c = this.config;
    if (this.#storage === null || this.#storage.steps !== steps) {
      this.#storage = new RolloutStorage({
        steps,
        envs: K,
        agents: A,
        obsSize,
        actSize,
        stateSize,
      });
    }
    const store = this.#storage;
    store.reset();
    const KA = K * A;
    const obs = this.#obs, states = this.#states;
    let episodes = 0, returnSum = 0, returnCount = 0, rewardSum = 0, activeCount = 0;
    const rowsByGroup = this.#groups.map((g) => new Float32Array(K * g.agents.length * obsSize));

    for (let t = 0; t < steps; t++) {
      this.#readStates(vec, obs, states);
      // 1. Sample u ~ N(μ, σ²), a = tanh(u); log π(a|o) with the tanh correction (SAC eq. 21).
      this.#actions.fill(0);
      this.#envActions.fill(0);
      for (let gi = 0; gi < this.#groups.length; gi++) {
        const g = this.#groups[gi], n = g.agents.length, d = g.actDim;
        const x = rowsByGroup[gi];
        for (let k = 0; k < K; k++) {
          for (let j = 0; j < n; j++) {
            const src = (k * A + g.agents[j]) * obsSize;
            x.set(obs.subarray(src, src + obsSize), (k * n + j) * obsSize);
          }
        }
        const mu = this.#means(g, x, K * n);
        for (let k = 0; k < K; k++) {
          for (let j = 0; j < n; j++) {
            const e = k * A + g.agents[j];
            let logp = 0;
            for (let q = 0; q < d; q++) {
              const m = mu[(k * n + j) * d + q];
              const logStd = g.logStdValues[q];
              const eps = this.#rngSample.normal();
              const u = Math.fround(m + Math.exp(logStd) * eps);
              logp += squashedGaussianLogProb(u, m, logStd);
              this.#actions[e * actSize + q] = u;
              this.#envActions[e * actSize + q] = Math.tanh(u);
            }
            this.#logProbs[e] = logp;
          }
        }
      }
      // 2. V(s_t) does not change the actions: computed for the whole rollout at once (step 6).
      for (let e = 0; e < KA; e++) this.#active[e] = this.#alive[e];
      // 3. Step the envs.
      const r = vec.step(this.#envActions);
      // 4. Bootstrap values of final observations on truncation (state built from observations).
      this.#finalValues.fill(0);
      let truncated = false;
      for (let e = 0; e < KA; e++) {
        if (r.truncations[e] === 1 && this.#alive[e] === 1) truncated = true;
      }
      if (truncated && vec.states === undefined) {
        this.#finalStates.set(r.finalObservations);
        this.#values(this.#finalStates, r.finalObservations, this.#finalValues);
      }
      store.insert({
        obs,
        states,
        actions: this.#actions,
        logProbs: this.#logProbs,
        values: this.#valueBuf, // a placeholder: overwritten by step 6
        rewards: r.rewards,
        terminations: r.terminations,
        truncations: r.truncations,
        finalValues: this.#finalValues,
        active: this.#active,
      });
      // 5. Episode book-keeping.
      for (let k = 0; k < K; k++) {
        for (let i = 0; i < A; i++) {
          const e = k * A + i;
          if (this.#alive[e] === 0) continue;
          rewardSum += r.rewards[e];
          activeCount++;
          this.#episodeReturn[e] += r.rewards[e];
          if (r.terminations[e] === 1 || r.truncations[e] === 1) this.#alive[e] = 0;
        }
        if (r.episodeEnded[k] === 1) {
          episodes++;
          for (let i = 0; i < A; i++) {
            const e = k * A + i;
            returnSum += this.#episodeReturn[e];
            returnCount++;
            this.#episodeReturn[e] = 0;
            this.#alive[e] = 1;
          }
        }
      }
      obs.set(r.observations);
    }
    // 6. V(s_t) of every step in one batch of T·K rows, then GAE(λ) with V of the
    // observations after the last step.
    this.#values(store.states, store.obs, store.values, steps * K);
    this.#readStates(vec, obs, states);
    this.#values(states, obs, this.#valueBuf);
    store.computeReturns(this.#valueBuf, c.gamma, c.gae_lambda);
    return {
      steps,
      agentSteps: steps * KA,
      episodes,
      meanEpisodeReturn: returnCount > 0 ? returnSum / returnCount : NaN,
      meanReward: activeCount > 0 ? rewardSum / activeCount : NaN,
    };
  }

  // ───────────── update ─────────────

  /** PPO epochs over the collected rollout. Call after {@linkcode collect}. */
  update(): UpdateMetrics {
    const store = this.#storage;
    if (store === null || !store.full) {
      throw new UsageError(
        "Mappo.update: expected a full rollout (call collect first), found none",
      );
    }
    const c = this.config;
    const lr = this.#lrSchedule(this.#updates);
    for (const g of this.#groups) g.optimizer.learningRate = lr;
    this.#criticOptimizer.learningRate = lr;

    // Explained variance of the rollout's values (before the update), active entries only.
    const explainedVariance = explainedVarianceOf(store.values, store.returns, store.active);

    // Value normalisation: fold this rollout's returns into the running statistics.
    const n = store.returns.length;
    let vMean = 0, vStd = 1;
    if (c.value_norm) {
      const active: number[] = [];
      for (let e = 0; e < n; e++) if (store.active[e] === 1) active.push(store.returns[e]);
      this.#valueNorm.update(active, active.length);
      vMean = this.#valueNorm.mean[0];
      vStd = Math.sqrt(this.#valueNorm.variance()[0] + this.#valueNorm.epsilon);
    }
    if (c.advantage_norm) store.normalizeAdvantages();

    const sums = { pl: 0, vl: 0, ent: 0, kl: 0, cf: 0, agn: 0, cgn: 0, na: 0, nc: 0 };
    let epochsRun = 0;
    for (let epoch = 0; epoch < c.epochs; epoch++) {
      epochsRun++;
      let epochKl = 0, epochBatches = 0;
      // Actors: one pass per group over its agents' entries.
      for (const g of this.#groups) {
        for (
          const mb of store.minibatches(c.minibatches, this.#rngMinibatch, { agents: g.agents })
        ) {
          const s = this.#actorStep(g, mb);
          sums.pl += s.policyLoss;
          sums.ent += s.entropy;
          sums.kl += s.approxKl;
          sums.cf += s.clipFraction;
          sums.agn += s.gradNorm;
          sums.na++;
          epochKl += s.approxKl;
          epochBatches++;
        }
      }
      // Critic: per entry, or per env step (all agents together) for the attention block.
      const joint = this.#attention !== null;
      for (const mb of store.minibatches(c.minibatches, this.#rngMinibatch, { joint })) {
        const s = this.#criticStep(mb, vMean, vStd);
        sums.vl += s.valueLoss;
        sums.cgn += s.gradNorm;
        sums.nc++;
      }
      if (c.target_kl !== null && epochKl / epochBatches > c.target_kl) break;
    }
    const approxKl = sums.kl / sums.na;
    if (this.#klLr !== null) this.#klLr.update(Math.max(0, approxKl));
    for (const g of this.#groups) {
      g.logStdValues.set(g.logStd.dataSync() as Float32Array);
    }
    this.#updates++;
    return {
      update: this.#updates,
      lr,
      policyLoss: sums.pl / sums.na,
      valueLoss: sums.vl / sums.nc,
      entropy: sums.ent / sums.na,
      approxKl,
      clipFraction: sums.cf / sums.na,
      explainedVariance,
      actorGradNorm: sums.agn / sums.na,
      criticGradNorm: sums.cgn / sums.nc,
      epochs: epochsRun,
    };
  }

  /** One clipped-surrogate step of one actor group on a minibatch (PPO eq. 7). */
  #actorStep(g: ActorGroup, mb: RolloutMinibatch): {
    policyLoss: number;
    entropy: number;
    approxKl: number;
    clipFraction: number;
    gradNorm: number;
  } {
    const c = this.config;
    const B = mb.size, d = g.actDim, W = this.spec.actSize, o = this.spec.obsSize;
    const obs = tf.tensor2d(mb.obs, [B, o]);
    const uAll = tf.tensor2d(mb.actions, [B, W]);
    const u = d === W ? uAll : tf.slice(uAll, [0, 0], [B, d]);
    const logpOld = tf.tensor1d(mb.logProbs);
    const adv = tf.tensor1d(mb.advantages);
    const mask = tf.tensor1d(mb.active);
    const count = Math.max(1, sumOf(mb.active));
    // The tanh correction Σ log(1 − tanh(u)²) does not depend on θ (u is data).
    const squash = tf.tidy(() =>
      tf.sum(tf.mul(2, tf.sub(tf.sub(LN2, u), tf.softplus(tf.mul(-2, u)))), 1)
    );
    let stats: tf.Tensor | null = null;
    const { loss, gradNorm } = g.optimizer.minimize(() => {
      const mu = g.mu.apply(obs);
      const logStd = g.logStd;
      // log π_θ(a|o) = Σ_j [−½((u − μ)/σ)² − log σ − ½ log 2π] − Σ_j log(1 − tanh(u)²)
      const z = tf.div(tf.sub(u, mu), tf.exp(logStd));
      const logp = tf.sub(
        tf.sum(tf.sub(tf.mul(-0.5, tf.square(z)), tf.add(logStd, 0.5 * LOG_2PI)), 1),
        squash,
      );
      const logRatio = tf.sub(logp, logpOld);
      const ratio = tf.exp(logRatio); // r_t(θ)
      // L^CLIP = E[min(r Â, clip(r, 1 − ε, 1 + ε) Â)]  (PPO eq. 7)
      const surr1 = tf.mul(ratio, adv);
      const surr2 = tf.mul(tf.clipByValue(ratio, 1 - c.clip, 1 + c.clip), adv);
      const lClip = tf.div(tf.sum(tf.mul(tf.minimum(surr1, surr2), mask)), count);
      // Entropy of N(μ, σ²): Σ_j (½ ln(2πe) + log σ_j).
      const entropy = tf.sum(tf.add(logStd, 0.5 * (1 + LOG_2PI)));
      const lossT = tf.sub(tf.neg(lClip), tf.mul(c.entropy_coef, entropy)) as tf.Scalar;
      // Diagnostics (no gradient): approx KL (k3) and the clipped fraction.
      stats = tf.keep(tf.stack([
        tf.neg(lClip),
        entropy,
        tf.div(tf.sum(tf.mul(tf.sub(tf.sub(ratio, 1), logRatio), mask)), count),
        tf.div(
          tf.sum(tf.mul(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), c.clip), "float32"), mask)),
          count,
        ),
      ]));
      return lossT;
    }, {
      maxGradNorm: c.max_grad_norm,
      context: `mappo update ${this.#updates + 1} (actor ${g.key})`,
    });
    const s = (stats as tf.Tensor | null)!.dataSync();
    tf.dispose([stats!, obs, uAll, u, logpOld, adv, mask, squash]);
    void loss;
    return { policyLoss: s[0], entropy: s[1], approxKl: s[2], clipFraction: s[3], gradNorm };
  }

  /** One clipped value-loss step of the critic on a minibatch (normalised targets). */
  #criticStep(mb: RolloutMinibatch, vMean: number, vStd: number): {
    valueLoss: number;
    gradNorm: number;
  } {
    const c = this.config;
    const { A, obsSize, stateSize } = this.spec;
    const B = mb.size, g = mb.agentsPerRow;
    // Plain critic: the rows' own [s, onehot(i)] inputs; attention: states and all observations.
    const plain = this.#attention === null;
    const rowsIn = plain ? this.#criticRows(mb.states, B, g === 1 ? mb.agentIds : null) : null;
    const states = plain ? null : tf.tensor2d(mb.states, [B, stateSize]);
    const obs = plain ? null : tf.tensor3d(mb.obs, [B, A, obsSize]);
    // Targets and old values in normalised units: (x − μ) / σ.
    const norm = (x: Float32Array) => {
      const out = new Float32Array(x.length);
      for (let j = 0; j < x.length; j++) out[j] = (x[j] - vMean) / vStd;
      return out;
    };
    const returns = tf.tensor1d(norm(mb.returns));
    const oldValues = tf.tensor1d(norm(mb.values));
    const mask = tf.tensor1d(mb.active);
    // Non-joint rows hold one agent: pick its column of the [B, A] value matrix.
    const pick = !plain && g === 1 && A > 1
      ? tf.tidy(() => tf.oneHot(tf.tensor1d(mb.agentIds, "int32"), A))
      : null;
    const count = Math.max(1, sumOf(mb.active));
    const { loss, gradNorm } = this.#criticOptimizer.minimize(() => {
      const all = rowsIn !== null
        ? this.#critic.apply(rowsIn) // [B, g, 1]
        : this.#valueTensor(states!, obs!); // [B, A]
      const v = pick !== null ? tf.sum(tf.mul(all, pick), 1) : tf.reshape(all, [-1]);
      const errUnclipped = tf.square(tf.sub(v, returns));
      let err = errUnclipped;
      if (c.value_clip !== null) {
        // V_clip = V_old + clip(V − V_old, −ε, ε)  (value clipping, MAPPO Sec. 4)
        const vClip = tf.add(
          oldValues,
          tf.clipByValue(tf.sub(v, oldValues), -c.value_clip, c.value_clip),
        );
        err = tf.maximum(errUnclipped, tf.square(tf.sub(vClip, returns)));
      }
      const lv = tf.div(tf.sum(tf.mul(err, mask)), 2 * count);
      return tf.mul(c.value_loss_coef, lv) as tf.Scalar;
    }, { maxGradNorm: c.max_grad_norm, context: `mappo update ${this.#updates + 1} (critic)` });
    tf.dispose([returns, oldValues, mask]);
    for (const t of [rowsIn, states, obs]) if (t !== null) t.dispose();
    if (pick !== null) pick.dispose();
    return { valueLoss: c.value_loss_coef > 0 ? loss / c.value_loss_coef : loss, gradNorm };
  }

  // ───────────── checkpoints ─────────────

  /** Weights, optimiser moments, normaliser statistics, RNG streams and the schedule step. */
  async getState(): Promise<MappoState> {
    const prefix = `${this.config.name}/`;
    const weights: MappoState["weights"] = {};
    const optimizers: MappoState["optimizers"] = {};
    for (const { key, modules } of this.#modules()) {
      for (const m of modules) {
        for (const v of m.variables()) {
          weights[v.name.slice(prefix.length)] = {
            shape: [...v.shape],
            values: (await v.data()) as Float32Array,
          };
        }
      }
      const opt = key === "critic"
        ? this.#criticOptimizer
        : this.#groups.find((g) => `actor_${g.key}` === key)!.optimizer;
      const st = opt.getState();
      const m: Float32Array[] = [], vv: Float32Array[] = [];
      for (const v of opt.variables) {
        m.push((await st.tensors[`${v.name}/m`].data()) as Float32Array);
        vv.push((await st.tensors[`${v.name}/v`].data()) as Float32Array);
      }
      tf.dispose(Object.values(st.tensors));
      optimizers[key] = { step: st.step, lr: opt.learningRate, m, v: vv };
    }
    return {
      updates: this.#updates,
      weights,
      optimizers,
      valueNorm: this.#valueNorm.state(),
      rng: {
        sample: this.#rngSample.state(),
        minibatch: this.#rngMinibatch.state(),
        env: this.#rngEnv.state(),
      },
      klLr: this.#klLr === null ? null : this.#klLr.lr,
    };
  }

  /** Restores {@linkcode getState} (from an instance with the same spec and network sizes). */
  setState(state: MappoState): void {
    const prefix = `${this.config.name}/`;
    for (const { key, modules } of this.#modules()) {
      for (const m of modules) {
        for (const v of m.variables()) {
          const w = state.weights[v.name.slice(prefix.length)];
          if (w === undefined || w.values.length !== v.size) {
            throw new UsageError(
              `Mappo.setState: expected weights ${
                v.name.slice(prefix.length)
              } of shape [${v.shape}], found ${
                w === undefined ? "none" : `${w.values.length} values`
              }`,
            );
          }
          tf.tidy(() => v.assign(tf.tensor(w.values, v.shape)));
        }
      }
      const opt = key === "critic"
        ? this.#criticOptimizer
        : this.#groups.find((g) => `actor_${g.key}` === key)!.optimizer;
      const o = state.optimizers[key];
      if (o === undefined || o.m.length !== opt.variables.length) {
        throw new UsageError(`Mappo.setState: expected optimiser state for ${key}, found none`);
      }
      const tensors: tf.NamedTensorMap = {};
      opt.variables.forEach((v, j) => {
        tensors[`${v.name}/m`] = tf.tensor(o.m[j], v.shape);
        tensors[`${v.name}/v`] = tf.tensor(o.v[j], v.shape);
      });
      opt.setState({ step: o.step, config: { learningRate: o.lr }, tensors });
      tf.dispose(Object.values(tensors));
    }
    for (const g of this.#groups) g.logStdValues.set(g.logStd.dataSync() as Float32Array);
    this.#valueNorm.restore(state.valueNorm);
    this.#rngSample = Rng.fromState(state.rng.sample);
    this.#rngMinibatch = Rng.fromState(state.rng.minibatch);
    this.#rngEnv = Rng.fromState(state.rng.env);
    if (this.#klLr !== null && state.klLr !== null) this.#klLr.restore({ lr: state.klLr });
    this.#updates = state.updates;
  }

  /** Every network variable (actors then critic), e.g. for model files or finite checks. */
  variables(): tf.Variable[] {
    return this.#modules().flatMap(({ modules }) => modules.flatMap((m) => m.variables()));
  }

  /** Releases every variable and optimiser moment. */
  dispose(): void {
    for (const g of this.#groups) {
      g.optimizer.dispose();
      g.mu.dispose();
      g.logStd.dispose();
    }
    this.#criticOptimizer.dispose();
    for (const m of this.#criticModules()) m.dispose();
  }
}

// ───────────────────────────── helpers ─────────────────────────────

function sumOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** 1 − Var(R − V) / Var(R) over entries with `active` 1 (NaN when Var(R) is 0). */
export function explainedVarianceOf(
  values: ArrayLike<number>,
  returns: ArrayLike<number>,
  active: ArrayLike<number>,
): number {
  let n = 0, mr = 0, mr2 = 0, md = 0, md2 = 0;
  for (let i = 0; i < values.length; i++) {
    if (active[i] === 0) continue;
    n++;
    const r = returns[i], dd = r - values[i];
    mr += r;
    mr2 += r * r;
    md += dd;
    md2 += dd * dd;
  }
  if (n === 0) return NaN;
  const varR = mr2 / n - (mr / n) ** 2;
  const varD = md2 / n - (md / n) ** 2;
  return varR > 0 ? 1 - varD / varR : NaN;
}
