/**
 * Schedules for learning rates and exploration noise. A {@linkcode Schedule}
 * maps a step count (updates, episodes — the caller chooses the clock) to a
 * value; it is a pure function, so resuming from a checkpoint only needs the
 * step count. The KL-adaptive learning rate depends on the KL divergences it
 * has seen and is a small stateful class instead.
 *
 * - constant: `v(t) = value`;
 * - linear: `v(t) = start + (end − start) · min(1, t / steps)` (CleanRL's
 *   `anneal_lr`, with an end value);
 * - cosine: `v(t) = end + (start − end) · (1 + cos(π · min(1, t / steps))) / 2`
 *   (Loshchilov and Hutter, 2017, "SGDR", Eq. 5, one cycle, no restarts);
 * - exponential: `v(t) = start · (end / start)^min(1, t / steps)`, geometric
 *   from `start` to `end` (the usual decay of exploration noise);
 * - KL-adaptive: {@linkcode KlAdaptiveLr}.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { KlAdaptiveLr, makeSchedule } from "./schedules.ts";
 * const lr = makeSchedule({ kind: "linear", start: 3e-4, end: 0, steps: 100 });
 * assert.equal(lr(50), 1.5e-4);
 * assert.equal(lr(500), 0); // held at the end value
 * const noise = makeSchedule({ kind: "exponential", start: 0.4, end: 0.05, steps: 3 });
 * assert(Math.abs(noise(1) - 0.2) < 1e-12); // halves each step: 0.4, 0.2, 0.1, 0.05
 * const adaptive = new KlAdaptiveLr({ lr: 1e-3, targetKl: 0.01 });
 * assert(Math.abs(adaptive.update(0.05) - 1e-3 / 1.5) < 1e-15); // KL > 2 × target: slow down
 * ```
 * @module
 */

/** A value as a function of a step count (≥ 0). */
export type Schedule = (step: number) => number;

/** A schedule described by data (a config section). */
export type ScheduleSpec =
  | { kind: "constant"; value: number }
  | { kind: "linear"; start: number; end: number; steps: number }
  | { kind: "cosine"; start: number; end: number; steps: number }
  | { kind: "exponential"; start: number; end: number; steps: number };

function checkFinite(where: string, name: string, value: number): void {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${where}: expected a finite ${name}, found ${value}`);
  }
}

function checkSteps(where: string, steps: number): void {
  if (!(steps >= 0 && steps < Infinity)) {
    throw new RangeError(`${where}: expected steps ≥ 0, found ${steps}`);
  }
}

/** Fraction of the schedule done at `step`, clamped to [0, 1] (1 at once when `steps` is 0). */
function progress(step: number, steps: number): number {
  if (steps === 0) return 1;
  const f = step / steps;
  return f <= 0 ? 0 : f >= 1 ? 1 : f;
}

/** Always `value`. */
export function constantSchedule(value: number): Schedule {
  checkFinite("constantSchedule", "value", value);
  return () => value;
}

/** Linear from `start` at step 0 to `end` at `steps`, then held at `end`. */
export function linearSchedule(start: number, end: number, steps: number): Schedule {
  checkFinite("linearSchedule", "start", start);
  checkFinite("linearSchedule", "end", end);
  checkSteps("linearSchedule", steps);
  return (step) => start + (end - start) * progress(step, steps);
}

/** Half a cosine from `start` at step 0 to `end` at `steps`, then held at `end`. */
export function cosineSchedule(start: number, end: number, steps: number): Schedule {
  checkFinite("cosineSchedule", "start", start);
  checkFinite("cosineSchedule", "end", end);
  checkSteps("cosineSchedule", steps);
  return (step) => end + (start - end) * 0.5 * (1 + Math.cos(Math.PI * progress(step, steps)));
}

/** Geometric from `start` at step 0 to `end` at `steps` (both > 0), then held at `end`. */
export function exponentialSchedule(start: number, end: number, steps: number): Schedule {
  if (!(start > 0 && start < Infinity && end > 0 && end < Infinity)) {
    throw new RangeError(
      `exponentialSchedule: expected finite start and end > 0, found start ${start}, end ${end}`,
    );
  }
  checkSteps("exponentialSchedule", steps);
  const ratio = end / start;
  return (step) => {
    const f = progress(step, steps);
    return f === 1 ? end : start * Math.pow(ratio, f);
  };
}

/** The schedule a {@linkcode ScheduleSpec} describes. */
export function makeSchedule(spec: ScheduleSpec): Schedule {
  switch (spec.kind) {
    case "constant":
      return constantSchedule(spec.value);
    case "linear":
      return linearSchedule(spec.start, spec.end, spec.steps);
    case "cosine":
      return cosineSchedule(spec.start, spec.end, spec.steps);
    case "exponential":
      return exponentialSchedule(spec.start, spec.end, spec.steps);
    default: {
      const kind = (spec as { kind: unknown }).kind;
      throw new RangeError(
        `makeSchedule: expected kind "constant", "linear", "cosine" or "exponential", found ${
          JSON.stringify(kind)
        }`,
      );
    }
  }
}

/**
 * The decay of an exploration-noise scale from `initial` to `final` over
 * `steps` (episodes or updates), geometric by default, linear on request;
 * held at `final` afterwards. With `final` 0 the decay must be linear.
 */
export function explorationNoiseSchedule(
  initial: number,
  final: number,
  steps: number,
  kind: "exponential" | "linear" = "exponential",
): Schedule {
  return kind === "linear"
    ? linearSchedule(initial, final, steps)
    : exponentialSchedule(initial, final, steps);
}

/** Options of {@linkcode KlAdaptiveLr}; defaults are rl_games' `AdaptiveScheduler`. */
export interface KlAdaptiveOptions {
  /** Initial learning rate. */
  lr: number;
  /** Target KL divergence between the old and the new policy (rl_games: 0.008). */
  targetKl?: number;
  /** Multiplier applied to, or divisor of, the learning rate. Default 1.5. */
  lrFactor?: number;
  /** KL above `klFactor · target` lowers the rate, below `target / klFactor` raises it. Default 2. */
  klFactor?: number;
  /** Lower clamp. Default 1e-6. */
  minLr?: number;
  /** Upper clamp. Default 1e-2. */
  maxLr?: number;
}

/**
 * KL-adaptive learning rate, the PPO heuristic of rl_games
 * (`rl_games/common/schedulers.py`, `AdaptiveScheduler`): after each update,
 * with the measured KL divergence `d`,
 *
 *     d > 2 · d_targ  →  lr ← max(lr / 1.5, minLr)
 *     d < d_targ / 2  →  lr ← min(lr · 1.5, maxLr)
 *
 * It transfers to the step size the rule of the PPO paper's adaptive KL
 * penalty (Schulman et al., 2017, "Proximal Policy Optimization
 * Algorithms", Sec. 4: `d < d_targ/1.5 → β/2`, `d > 1.5·d_targ → 2β`).
 */
export class KlAdaptiveLr {
  readonly targetKl: number;
  readonly lrFactor: number;
  readonly klFactor: number;
  readonly minLr: number;
  readonly maxLr: number;
  #lr: number;

  constructor(options: KlAdaptiveOptions) {
    this.targetKl = options.targetKl ?? 0.008;
    this.lrFactor = options.lrFactor ?? 1.5;
    this.klFactor = options.klFactor ?? 2;
    this.minLr = options.minLr ?? 1e-6;
    this.maxLr = options.maxLr ?? 1e-2;
    const where = "KlAdaptiveLr";
    if (!(this.targetKl > 0 && this.targetKl < Infinity)) {
      throw new RangeError(`${where}: expected targetKl > 0, found ${this.targetKl}`);
    }
    if (!(this.lrFactor > 1 && this.lrFactor < Infinity)) {
      throw new RangeError(`${where}: expected lrFactor > 1, found ${this.lrFactor}`);
    }
    if (!(this.klFactor > 1 && this.klFactor < Infinity)) {
      throw new RangeError(`${where}: expected klFactor > 1, found ${this.klFactor}`);
    }
    if (!(this.minLr > 0 && this.minLr <= this.maxLr && this.maxLr < Infinity)) {
      throw new RangeError(
        `${where}: expected 0 < minLr ≤ maxLr, found minLr ${this.minLr}, maxLr ${this.maxLr}`,
      );
    }
    if (!(options.lr >= this.minLr && options.lr <= this.maxLr)) {
      throw new RangeError(
        `${where}: expected lr in [${this.minLr}, ${this.maxLr}], found ${options.lr}`,
      );
    }
    this.#lr = options.lr;
  }

  /** The current learning rate. */
  get lr(): number {
    return this.#lr;
  }

  /** Adapts the learning rate to the KL divergence of the last update; returns the new rate. */
  update(kl: number): number {
    if (!(kl >= -1e-12 && kl < Infinity)) {
      throw new RangeError(`KlAdaptiveLr.update: expected a finite KL ≥ 0, found ${kl}`);
    }
    if (kl > this.klFactor * this.targetKl) {
      this.#lr = Math.max(this.#lr / this.lrFactor, this.minLr);
    } else if (kl < this.targetKl / this.klFactor) {
      this.#lr = Math.min(this.#lr * this.lrFactor, this.maxLr);
    }
    return this.#lr;
  }

  /** The learning rate, for a checkpoint. */
  state(): { lr: number } {
    return { lr: this.#lr };
  }

  /** Restores {@linkcode KlAdaptiveLr.state}. */
  restore(state: { lr: number }): void {
    if (!(state.lr >= this.minLr && state.lr <= this.maxLr)) {
      throw new RangeError(
        `KlAdaptiveLr.restore: expected lr in [${this.minLr}, ${this.maxLr}], found ${state.lr}`,
      );
    }
    this.#lr = state.lr;
  }
}
