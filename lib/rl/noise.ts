/**
 * Exploration noise for deterministic policies (DDPG, Lillicrap et al., 2016;
 * MADDPG, Lowe et al., 2017): independent Gaussian noise, or the
 * Ornstein-Uhlenbeck process (Uhlenbeck and Ornstein, 1930, "On the theory of
 * the Brownian motion"), `dx = θ (μ − x) dt + σ dW`, whose samples are
 * correlated in time (DDPG, Sec. 3 and 7: θ = 0.15, σ = 0.2).
 *
 * Each noise owns a seeded {@linkcode Rng} stream (derive one per agent), a
 * `scale` multiplying what it returns, and a multiplicative `decay()` of that
 * scale down to `minScale`; a schedule from `schedules.ts` can set
 * `scale` instead. `state()` / `restore()` carry the process and the stream
 * through a checkpoint.
 *
 * The OU process is stepped by Euler-Maruyama by default,
 * `x ← x + θ (μ − x) dt + σ √dt · N(0, 1)` (as in DDPG implementations such as
 * OpenAI Baselines' `OrnsteinUhlenbeckActionNoise`), whose stationary variance
 * is `σ² / (θ (2 − θ dt))`; `discretisation: "exact"` uses the exact
 * transition `x ← μ + (x − μ) e^(−θ dt) + σ √((1 − e^(−2θ dt)) / (2θ)) · N(0, 1)`,
 * whose stationary variance is the continuous process's `σ² / (2θ)`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../core/rng.ts";
 * import { GaussianNoise, OrnsteinUhlenbeckNoise } from "./noise.ts";
 * const ou = new OrnsteinUhlenbeckNoise(2, Rng.fromSeed(1).derive("ou"), { theta: 0.15, sigma: 0.2 });
 * const action = new Float32Array([0.9, -0.2]);
 * ou.perturb(action, -1, 1); // adds noise, clips to [−1, 1]
 * assert(action.every((a) => a >= -1 && a <= 1));
 * const g = new GaussianNoise(3, Rng.fromSeed(1), { sigma: 0.1, decay: 0.5, minScale: 0.2 });
 * g.decay();
 * g.decay();
 * g.decay();
 * assert.equal(g.scale, 0.2); // 1 → 0.5 → 0.25 → max(0.125, 0.2)
 * ```
 * @module
 */

import { Rng, type RngState } from "../core/rng.ts";

/** Options shared by every noise: the output scale and its decay. */
export interface NoiseScaleOptions {
  /** Initial multiplier of the returned noise. Default 1. */
  scale?: number;
  /** Factor applied to `scale` by each `decay()` call. Default 1 (no decay). */
  decay?: number;
  /** `decay()` never takes `scale` below this. Default 0. */
  minScale?: number;
}

/** A checkpoint of a noise: its scale, its stream, and the OU process's position. */
export interface NoiseState {
  scale: number;
  rng: RngState;
  /** OU position (absent for Gaussian noise). */
  x?: Float64Array;
}

/** What an exploration noise offers to a learner. */
export interface ExplorationNoise {
  /** Values per sample. */
  readonly size: number;
  /** Multiplier of the returned noise. */
  scale: number;
  /** Writes `size` noise values (already scaled) into `out`. */
  sample(out: Float32Array): Float32Array;
  /** Adds noise to `actions` in place and clips to [low, high]. */
  perturb(actions: Float32Array, low?: number, high?: number): Float32Array;
  /** Starts a new episode (the OU process returns to its initial position). */
  reset(): void;
  /** Multiplies `scale` by the decay factor, not below `minScale`; returns the new scale. */
  decay(): number;
  state(): NoiseState;
  restore(state: NoiseState): void;
}

function checkPositive(where: string, name: string, v: number, allowZero = false): number {
  if (!(allowZero ? v >= 0 : v > 0) || !(v < Infinity)) {
    throw new RangeError(
      `${where}: expected a finite ${name} ${allowZero ? "≥" : ">"} 0, found ${v}`,
    );
  }
  return v;
}

abstract class NoiseBase implements ExplorationNoise {
  readonly size: number;
  readonly decayFactor: number;
  readonly minScale: number;
  #scale: number;
  protected rng: Rng;

  constructor(where: string, size: number, rng: Rng, o: NoiseScaleOptions) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`${where}: expected an integer size ≥ 1, found ${size}`);
    }
    this.size = size;
    this.rng = rng;
    this.#scale = checkPositive(where, "scale", o.scale ?? 1, true);
    this.decayFactor = checkPositive(where, "decay", o.decay ?? 1, true);
    this.minScale = checkPositive(where, "minScale", o.minScale ?? 0, true);
  }

  /** Multiplier of the returned noise. */
  get scale(): number {
    return this.#scale;
  }

  set scale(value: number) {
    this.#scale = checkPositive("noise.scale", "scale", value, true);
  }

  abstract sample(out: Float32Array): Float32Array;
  abstract reset(): void;
  abstract state(): NoiseState;
  abstract restore(state: NoiseState): void;

  /** Adds noise to `actions` in place and clips to [low, high]. */
  perturb(actions: Float32Array, low = -Infinity, high = Infinity): Float32Array {
    this.checkOut("perturb", actions);
    for (let i = 0; i < this.size; i++) {
      const a = actions[i] + this.#scale * this.next(i);
      actions[i] = a < low ? low : a > high ? high : a;
    }
    return actions;
  }

  /** Multiplies `scale` by the decay factor, not below `minScale`; returns the new scale. */
  decay(): number {
    this.#scale = Math.max(this.minScale, this.#scale * this.decayFactor);
    return this.#scale;
  }

  /** The next unscaled noise value of dimension `i` (dimensions are drawn in order). */
  protected abstract next(i: number): number;

  protected checkOut(where: string, out: Float32Array): void {
    if (out.length !== this.size) {
      throw new RangeError(`noise.${where}: expected ${this.size} values, found ${out.length}`);
    }
  }

  protected fill(out: Float32Array): Float32Array {
    this.checkOut("sample", out);
    for (let i = 0; i < this.size; i++) out[i] = this.#scale * this.next(i);
    return out;
  }

  protected restoreBase(state: NoiseState): void {
    this.scale = state.scale;
    this.rng = Rng.fromState(state.rng);
  }
}

/** Options of {@linkcode GaussianNoise}. */
export interface GaussianNoiseOptions extends NoiseScaleOptions {
  /** Standard deviation. Default 0.1. */
  sigma?: number;
  /** Mean. Default 0. */
  mu?: number;
}

/** Independent `N(μ, σ²)` noise per dimension and step, times `scale`. */
export class GaussianNoise extends NoiseBase {
  readonly sigma: number;
  readonly mu: number;

  constructor(size: number, rng: Rng, options: GaussianNoiseOptions = {}) {
    super("GaussianNoise", size, rng, options);
    this.sigma = checkPositive("GaussianNoise", "sigma", options.sigma ?? 0.1, true);
    this.mu = options.mu ?? 0;
  }

  /** Writes scaled noise into `out`. */
  sample(out: Float32Array): Float32Array {
    return this.fill(out);
  }

  /** Gaussian noise has no memory: nothing to reset. */
  reset(): void {}

  /** Scale and stream, for a checkpoint. */
  state(): NoiseState {
    return { scale: this.scale, rng: this.rng.state() };
  }

  /** Restores {@linkcode GaussianNoise.state}. */
  restore(state: NoiseState): void {
    this.restoreBase(state);
  }

  protected next(_i: number): number {
    return this.mu + this.sigma * this.rng.normal();
  }
}

/** Options of {@linkcode OrnsteinUhlenbeckNoise}; defaults θ = 0.15, σ = 0.2 as in DDPG. */
export interface OrnsteinUhlenbeckOptions extends NoiseScaleOptions {
  /** Mean-reversion rate θ. Default 0.15. */
  theta?: number;
  /** Volatility σ. Default 0.2. */
  sigma?: number;
  /** Long-run mean μ. Default 0. */
  mu?: number;
  /** Time step. Default 1 (one environment step per unit of time). */
  dt?: number;
  /** Initial (and reset) position. Default μ. */
  x0?: number;
  /** Euler-Maruyama (default) or the exact Gaussian transition. */
  discretisation?: "euler" | "exact";
}

/** The Ornstein-Uhlenbeck process, one independent coordinate per dimension, times `scale`. */
export class OrnsteinUhlenbeckNoise extends NoiseBase {
  readonly theta: number;
  readonly sigma: number;
  readonly mu: number;
  readonly dt: number;
  readonly x0: number;
  readonly discretisation: "euler" | "exact";
  /** Current position of each coordinate (unscaled). */
  readonly x: Float64Array;
  readonly #decay: number;
  readonly #diffusion: number;

  constructor(size: number, rng: Rng, options: OrnsteinUhlenbeckOptions = {}) {
    super("OrnsteinUhlenbeckNoise", size, rng, options);
    const where = "OrnsteinUhlenbeckNoise";
    this.theta = checkPositive(where, "theta", options.theta ?? 0.15);
    this.sigma = checkPositive(where, "sigma", options.sigma ?? 0.2, true);
    this.dt = checkPositive(where, "dt", options.dt ?? 1);
    this.mu = options.mu ?? 0;
    this.x0 = options.x0 ?? this.mu;
    this.discretisation = options.discretisation ?? "euler";
    if (this.discretisation === "euler") {
      if (!(this.theta * this.dt < 2)) {
        throw new RangeError(
          `${where}: expected θ·dt < 2 for a stable Euler step, found ${this.theta * this.dt}`,
        );
      }
      // x ← x + θ(μ − x)dt + σ√dt·N  =  μ + (1 − θdt)(x − μ) + σ√dt·N
      this.#decay = 1 - this.theta * this.dt;
      this.#diffusion = this.sigma * Math.sqrt(this.dt);
    } else if (this.discretisation === "exact") {
      // x ← μ + e^(−θdt)(x − μ) + σ√((1 − e^(−2θdt)) / 2θ)·N
      this.#decay = Math.exp(-this.theta * this.dt);
      this.#diffusion = this.sigma *
        Math.sqrt(-Math.expm1(-2 * this.theta * this.dt) / (2 * this.theta));
    } else {
      throw new RangeError(
        `${where}: expected discretisation "euler" or "exact", found ${
          JSON.stringify(this.discretisation)
        }`,
      );
    }
    this.x = new Float64Array(size).fill(this.x0);
  }

  /** Stationary variance of the discretised process: `σ²/(θ(2 − θdt))` (Euler) or `σ²/(2θ)` (exact). */
  get stationaryVariance(): number {
    const s2 = this.sigma * this.sigma;
    return this.discretisation === "exact"
      ? s2 / (2 * this.theta)
      : s2 / (this.theta * (2 - this.theta * this.dt));
  }

  /** Steps the process once and writes the scaled positions into `out`. */
  sample(out: Float32Array): Float32Array {
    return this.fill(out);
  }

  /** Puts every coordinate back at `x0`. */
  reset(): void {
    this.x.fill(this.x0);
  }

  /** Scale, stream and position, for a checkpoint. */
  state(): NoiseState {
    return { scale: this.scale, rng: this.rng.state(), x: this.x.slice() };
  }

  /** Restores {@linkcode OrnsteinUhlenbeckNoise.state}. */
  restore(state: NoiseState): void {
    if (state.x === undefined || state.x.length !== this.size) {
      throw new RangeError(
        `OrnsteinUhlenbeckNoise.restore: expected a position of ${this.size} values, found ${
          state.x?.length ?? "none"
        }`,
      );
    }
    this.restoreBase(state);
    this.x.set(state.x);
  }

  protected next(i: number): number {
    const v = this.mu + this.#decay * (this.x[i] - this.mu) + this.#diffusion * this.rng.normal();
    this.x[i] = v;
    return v;
  }
}
