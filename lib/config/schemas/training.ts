/**
 * Schema of `configs/training.yaml` (`deno task train`): the `training:`
 * section (algorithm, compute backend, vectorised envs, budget, seed,
 * evaluation, checkpoints, the environment file) with its `mappo:` and
 * `maddpg:` hyper-parameter sections, whose keys and defaults are exactly
 * those of `MAPPO_DEFAULTS` and `MADDPG_DEFAULTS` (lib/rl/algorithms), plus
 * the `environment:` section of `configs/environment.yaml`.
 *
 * The environment: `training.environment_file` (default
 * `configs/environment.yaml`) is read first, then the `environment:` keys of
 * the training file override single values, then a preset, then the
 * command-line flags and `--set` (see lib/rl/training/config.ts).
 *
 * Budget and schedules count **iterations**: one MAPPO iteration collects
 * `mappo.rollout_steps` steps of every env and does one PPO update; one
 * MADDPG iteration collects `training.steps_per_iteration` steps and does the
 * gradient steps that fell due (`maddpg.updates_per_step` per step).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { TrainingConfigSchema, mappoConfigOf } from "./training.ts";
 * const cfg = TrainingConfigSchema.parse({ training: { algorithm: "mappo", mappo: { lr: 1e-3 } } });
 * assert.equal(cfg.training.envs, 8);
 * assert.equal(mappoConfigOf(cfg.training).lr, 1e-3);
 * assert.throws(() => TrainingConfigSchema.parse({ training: { algorithm: "ppo" } }));
 * ```
 * @module
 */

import { z } from "zod";
import { int, num, oneOf, posInt, probability, section } from "../schema_helpers.ts";
import { EnvironmentSectionSchema } from "./environment.ts";
import { MAPPO_DEFAULTS, type MappoConfig } from "../../rl/algorithms/mappo.ts";
import { MADDPG_DEFAULTS, type MaddpgConfigInput } from "../../rl/algorithms/maddpg.ts";

const M = MAPPO_DEFAULTS;
const D = MADDPG_DEFAULTS;
const hidden = (d: readonly number[]) => z.array(posInt()).min(1).default([...d]);

/** The `training.mappo:` section (MAPPO_DEFAULTS key by key). */
export const MappoSectionSchema = section({
  lr: num({ min: 0 }).default(M.lr).describe("Adam step size of actors and critic"),
  gamma: probability().default(M.gamma).describe("discount γ"),
  gae_lambda: probability().default(M.gae_lambda).describe("GAE λ"),
  clip: num({ gt: 0 }).default(M.clip).describe("PPO ratio clip ε"),
  value_clip: num({ gt: 0 }).nullable().default(M.value_clip).describe(
    "clip of the value change around the rollout's value (null = no value clipping)",
  ),
  epochs: posInt().default(M.epochs).describe("passes over the rollout per update"),
  minibatches: posInt().default(M.minibatches).describe("minibatches per epoch"),
  entropy_coef: num({ min: 0 }).default(M.entropy_coef).describe("entropy bonus coefficient"),
  value_loss_coef: num({ min: 0 }).default(M.value_loss_coef).describe("weight of the value loss"),
  max_grad_norm: num({ gt: 0 }).default(M.max_grad_norm).describe("global gradient-norm clip"),
  hidden: hidden(M.hidden).describe("hidden layer widths of actors and critic"),
  activation: oneOf(["tanh", "relu"]).default(M.activation).describe("hidden activation"),
  rollout_steps: posInt().default(M.rollout_steps).describe(
    "steps of every env per update (the rollout length T)",
  ),
  attention: z.boolean().default(M.attention).describe(
    "multi-head self-attention over per-agent embeddings in the critic",
  ),
  attention_heads: posInt().default(M.attention_heads).describe(
    "attention heads (must divide hidden[0])",
  ),
  share_within_role: z.boolean().default(M.share_within_role).describe(
    "one actor per role shared by its agents (false: one per agent)",
  ),
  schedule: section({
    kind: oneOf(["constant", "linear", "cosine", "kl_adaptive"]).default("constant").describe(
      "learning-rate schedule over updates",
    ),
    end_lr: num({ min: 0 }).default(0).describe("linear / cosine: final rate"),
    updates: posInt().default(1000).describe("linear / cosine: updates from lr to end_lr"),
    target_kl: num({ gt: 0 }).default(0.008).describe("kl_adaptive: target KL per update"),
    min_lr: num({ gt: 0 }).default(1e-6).describe("kl_adaptive: smallest rate"),
    max_lr: num({ gt: 0 }).default(1e-2).describe("kl_adaptive: largest rate"),
  }).prefault({}).describe("learning-rate schedule"),
  value_norm: z.boolean().default(M.value_norm).describe(
    "value normalisation (running mean and std of the returns)",
  ),
  advantage_norm: z.boolean().default(M.advantage_norm).describe(
    "normalise advantages over the rollout",
  ),
  log_std_init: num().default(M.log_std_init).describe("initial log σ of the Gaussian policies"),
  adam_eps: num({ gt: 0 }).default(M.adam_eps).describe("Adam ε"),
  target_kl: num({ gt: 0 }).nullable().default(M.target_kl).describe(
    "stop an update's epochs early above this approximate KL (null = never)",
  ),
});

/** The `training.maddpg:` section (MADDPG_DEFAULTS key by key). */
export const MaddpgSectionSchema = section({
  lr_actor: num({ min: 0 }).default(D.lr_actor).describe("Adam step size of the actors"),
  lr_critic: num({ min: 0 }).default(D.lr_critic).describe("Adam step size of the critics"),
  gamma: probability().default(D.gamma).describe("discount γ"),
  tau: num({ gt: 0, max: 1 }).default(D.tau).describe("Polyak rate τ of the target networks"),
  batch: posInt().default(D.batch).describe("transitions per gradient step"),
  buffer: posInt().default(D.buffer).describe("replay capacity (joint transitions)"),
  warmup_steps: int({ min: 0 }).default(D.warmup_steps).describe(
    "transitions collected with uniform random actions before the actors act",
  ),
  updates_per_step: num({ min: 0 }).default(D.updates_per_step).describe(
    "gradient steps per vectorised env step once warm",
  ),
  noise: section({
    kind: oneOf(["gaussian", "ou"]).default(D.noise.kind).describe(
      "exploration noise: gaussian or ou (Ornstein-Uhlenbeck)",
    ),
    sigma: num({ min: 0 }).default(D.noise.sigma).describe("noise standard deviation / volatility"),
    theta: num({ gt: 0, lt: 2 }).default(D.noise.theta).describe("OU mean-reversion rate θ"),
    decay: num({ gt: 0, max: 1 }).default(D.noise.decay).describe(
      "noise scale factor per vectorised step (1 = no decay)",
    ),
    min_scale: num({ min: 0 }).default(D.noise.min_scale).describe("smallest noise scale"),
  }).prefault({}).describe("exploration noise"),
  per: section({
    enabled: z.boolean().default(D.per.enabled).describe("prioritised (true) or uniform replay"),
    alpha: num({ min: 0 }).default(D.per.alpha).describe("prioritisation exponent α"),
    beta0: probability().default(D.per.beta0).describe("initial importance-sampling exponent β"),
    beta_updates: int({ min: 0 }).default(D.per.beta_updates).describe(
      "gradient steps over which β anneals to 1",
    ),
    epsilon: num({ min: 0 }).default(D.per.epsilon).describe("ε added to |δ| in the priorities"),
  }).prefault({}).describe("prioritised experience replay"),
  twin: z.boolean().default(D.twin).describe(
    "twin critics, target-policy smoothing and delayed actor updates (TD3)",
  ),
  policy_delay: posInt().default(D.policy_delay).describe(
    "with twin: critic steps per actor step",
  ),
  target_noise: num({ min: 0 }).default(D.target_noise).describe(
    "with twin: σ of the target-policy smoothing noise",
  ),
  noise_clip: num({ min: 0 }).default(D.noise_clip).describe("with twin: clip of that noise"),
  max_grad_norm: num({ min: 0 }).default(D.max_grad_norm).describe(
    "global gradient-norm clip (0 = none)",
  ),
  variance_penalty: num({ min: 0 }).default(D.variance_penalty).describe(
    "λ_var of the risk-aware critic target (needs twin; 0 = off)",
  ),
  hidden: hidden(D.hidden).describe("hidden layer widths of actors and critics"),
  activation: oneOf(["relu", "tanh"]).default(D.activation).describe("hidden activation"),
  share_within_role: z.boolean().default(D.share_within_role).describe(
    "one actor per role shared by its agents (critics stay per agent)",
  ),
});

/** The `training:` section. */
export const TrainingSectionSchema = section({
  algorithm: oneOf(["mappo", "maddpg"]).default("mappo").describe("learning algorithm"),
  backend: oneOf(["auto", "tensorflow", "wasm", "cpu"]).default("auto").describe(
    "TensorFlow.js backend (auto: tensorflow, then wasm, then cpu; recorded in the run)",
  ),
  envs: posInt().default(8).describe("vectorised environments stepped together (K)"),
  episodes: posInt().nullable().default(200).describe(
    "budget: stop after the iteration in which this many training episodes have ended (null = no episode budget)",
  ),
  updates: posInt().nullable().default(null).describe(
    "budget: stop after this many iterations (null = no iteration budget; at least one budget must be set)",
  ),
  seed: int({ min: 0 }).default(1).describe("master seed (networks, sampling, env seeds)"),
  steps_per_iteration: posInt().default(100).describe(
    "maddpg: vectorised steps collected per iteration (mappo uses mappo.rollout_steps)",
  ),
  eval_every: int({ min: 0 }).default(10).describe(
    "evaluate the deterministic policy every this many iterations (0 = only at the end)",
  ),
  eval_episodes: posInt().default(8).describe("episodes per evaluation (one per eval env)"),
  eval_seed: int({ min: 0 }).default(0).describe(
    "evaluation episode i uses seed 2^31 + eval_seed + i (training seeds stay below 2^30)",
  ),
  eval_environment: z.record(z.string(), z.unknown()).default({}).describe(
    "environment keys overridden for evaluation, the validation setting (e.g. replay.message_file of a validation day); {} = the training environment with the evaluation seeds",
  ),
  checkpoint_every: posInt().default(50).describe(
    "checkpoint every this many iterations (and at the end)",
  ),
  keep_last: posInt().default(3).describe("checkpoints kept (older ones are deleted)"),
  preset: z.string().nullable().default(null).describe(
    "preset merged over this file (set by --preset; configs/presets/<name>.yaml)",
  ),
  environment_file: z.string().nullable().default("configs/environment.yaml").describe(
    "environment config read under the environment: section of this file (null = schema defaults)",
  ),
  mappo: MappoSectionSchema.prefault({}).describe("MAPPO hyper-parameters"),
  maddpg: MaddpgSectionSchema.prefault({}).describe("MADDPG hyper-parameters"),
});

/** Typed `training:` section. */
export type TrainingSection = z.infer<typeof TrainingSectionSchema>;

/** The whole config of `deno task train`. */
export const TrainingConfigSchema = section({
  training: TrainingSectionSchema.prefault({}).describe("the training run"),
  environment: EnvironmentSectionSchema.prefault({}).describe(
    "the multi-agent market environment (configs/environment.yaml)",
  ),
});

/** Typed config of `deno task train`. */
export type TrainingConfig = z.infer<typeof TrainingConfigSchema>;

/** The {@linkcode MappoConfig} a `training:` section describes (name: "mappo"). */
export function mappoConfigOf(t: TrainingSection): MappoConfig {
  const m = t.mappo;
  const s = m.schedule;
  const schedule: MappoConfig["schedule"] = s.kind === "linear" || s.kind === "cosine"
    ? { kind: s.kind, end_lr: s.end_lr, updates: s.updates }
    : s.kind === "kl_adaptive"
    ? { kind: "kl_adaptive", target_kl: s.target_kl, min_lr: s.min_lr, max_lr: s.max_lr }
    : { kind: "constant" };
  return { ...m, hidden: [...m.hidden], schedule, name: "mappo" };
}

/** The MADDPG config input a `training:` section describes. */
export function maddpgConfigOf(t: TrainingSection): MaddpgConfigInput {
  const m = t.maddpg;
  return { ...m, hidden: [...m.hidden], noise: { ...m.noise }, per: { ...m.per } };
}
