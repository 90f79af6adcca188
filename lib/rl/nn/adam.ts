/**
 * Adam (Kingma and Ba, 2015, Algorithm 1) over a fixed list of variables,
 * with its state keyed by variable name so that it can be saved and restored
 * exactly (./model_io.ts):
 *
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
 *   θ ← θ − α · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 *
 * (ε outside the square root, as in PyTorch and CleanRL.) Unlike
 * `tf.train.adam`, the bias corrections are computed from the step count in
 * float64 rather than accumulated in float32 variables, so a restored
 * optimiser continues bit for bit; moments are matched by variable name, not
 * by position; and the learning rate is a plain field a schedule may set
 * before each update.
 *
 * {@linkcode Adam.minimize} is the whole update: gradients, global-norm
 * clipping, a NaN/∞ check of the loss and every gradient (one read-back for
 * all of them), then the step; a non-finite value throws
 * {@linkcode NonFiniteError} naming it, before anything is changed.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { Adam } from "./adam.ts";
 * await tf.setBackend("cpu");
 * const w = tf.variable(tf.tensor1d([3]), true, "demo/adam/w");
 * const adam = new Adam([w], { learningRate: 0.1 });
 * let last = Infinity;
 * for (let i = 0; i < 100; i++) last = adam.minimize(() => tf.sum(tf.square(w))).loss;
 * assert(last < 0.05);
 * assert.equal(adam.step, 100);
 * adam.dispose();
 * w.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import type { Module } from "./module.ts";
import { clipByGlobalNorm, globalNorm } from "./clip.ts";
import { NonFiniteError, nonFiniteFlags } from "./finite.ts";

/** Hyper-parameters of {@linkcode Adam}. */
export interface AdamOptions {
  /** Step size α. */
  learningRate: number;
  /** Decay of the first moment (default 0.9). */
  beta1?: number;
  /** Decay of the second moment (default 0.999). */
  beta2?: number;
  /** ε added to √v̂ (default 1e-8; CleanRL's PPO uses 1e-5). */
  epsilon?: number;
}

/** Options of {@linkcode Adam.minimize}. */
export interface MinimizeOptions {
  /** Clip gradients to this global L2 norm (default: no clipping). */
  maxGradNorm?: number;
  /** Check the loss and gradients for NaN/∞ before the step (default true). */
  checkFinite?: boolean;
  /** Where the update happens, for error messages (default "update <step+1>"). */
  context?: string;
}

/** What {@linkcode Adam.minimize} measured. */
export interface MinimizeResult {
  /** The loss before the step. */
  loss: number;
  /** The global gradient norm before clipping. */
  gradNorm: number;
}

/** The serialisable state of an {@linkcode Adam} (tensors are copies the caller owns). */
export interface AdamState {
  /** Updates applied so far (t). */
  step: number;
  /** Hyper-parameters. */
  config: Required<AdamOptions>;
  /** `${variable}/m` and `${variable}/v` for every variable. */
  tensors: tf.NamedTensorMap;
}

type Variables = readonly tf.Variable[] | Module | readonly Module[];

function listVariables(v: Variables): tf.Variable[] {
  if (!Array.isArray(v)) return (v as Module).variables();
  return (v as readonly (tf.Variable | Module)[]).flatMap((x) =>
    x instanceof tf.Variable ? [x] : (x as Module).variables()
  );
}

/** The Adam optimiser. */
export class Adam {
  /** The variables it updates. */
  readonly variables: readonly tf.Variable[];
  /** Step size α; set it before an update to follow a schedule. */
  learningRate: number;
  /** β₁. */
  readonly beta1: number;
  /** β₂. */
  readonly beta2: number;
  /** ε. */
  readonly epsilon: number;
  /** Updates applied so far (t of the paper after the update). */
  step = 0;
  readonly #m = new Map<string, tf.Variable>();
  readonly #v = new Map<string, tf.Variable>();
  readonly #byName = new Map<string, tf.Variable>();

  constructor(variables: Variables, opts: AdamOptions) {
    this.variables = listVariables(variables);
    this.learningRate = opts.learningRate;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    for (const [k, x] of [["beta1", this.beta1], ["beta2", this.beta2]] as const) {
      if (!(x >= 0 && x < 1)) throw new RangeError(`Adam: expected 0 ≤ ${k} < 1, found ${x}`);
    }
    if (!(this.learningRate >= 0)) {
      throw new RangeError(`Adam: expected learningRate ≥ 0, found ${this.learningRate}`);
    }
    for (const v of this.variables) {
      if (this.#byName.has(v.name)) throw new Error(`Adam: variable ${v.name} listed twice`);
      this.#byName.set(v.name, v);
      this.#m.set(v.name, tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
      this.#v.set(v.name, tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
    }
  }

  /**
   * The loss and its gradients with respect to the optimiser's trainable
   * variables (keyed by variable name; a variable the loss does not reach
   * has no entry). The caller disposes the returned tensors.
   */
  computeGradients(loss: () => tf.Scalar): { loss: tf.Scalar; grads: tf.NamedTensorMap } {
    const trainable = this.variables.filter((v) => v.trainable);
    const { value, grads } = tf.variableGrads(loss, trainable);
    return { loss: value, grads };
  }

  /**
   * One Adam step with `grads` (keyed by variable name, as
   * {@linkcode computeGradients} gives them). Variables without a gradient
   * keep their value and moments. Does not dispose `grads`.
   */
  applyGradients(grads: Readonly<tf.NamedTensorMap>): void {
    for (const name of Object.keys(grads)) {
      if (!this.#byName.has(name)) {
        throw new Error(`Adam: expected gradients of its own variables, found one for ${name}`);
      }
    }
    this.step += 1;
    const t = this.step;
    const b1 = this.beta1, b2 = this.beta2;
    const stepSize = this.learningRate / (1 - Math.pow(b1, t));
    const invSqrtBias2 = 1 / Math.sqrt(1 - Math.pow(b2, t));
    tf.tidy(() => {
      for (const [name, g] of Object.entries(grads)) {
        const w = this.#byName.get(name)!;
        const m = this.#m.get(name)!;
        const v = this.#v.get(name)!;
        const m1 = tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1));
        const v1 = tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2));
        m.assign(m1);
        v.assign(v1);
        const denom = tf.add(tf.mul(tf.sqrt(v1), invSqrtBias2), this.epsilon);
        w.assign(tf.sub(w, tf.mul(tf.div(m1, denom), stepSize)));
      }
    });
  }

  /**
   * Gradients of `loss`, optional clipping, the NaN/∞ check, then one step.
   * Throws {@linkcode NonFiniteError} (and changes nothing) when the loss or
   * a gradient is not finite.
   */
  minimize(loss: () => tf.Scalar, opts: MinimizeOptions = {}): MinimizeResult {
    const { loss: value, grads } = this.computeGradients(loss);
    const names = Object.keys(grads);
    let applied: tf.NamedTensorMap = grads;
    let norm: tf.Scalar;
    if (opts.maxGradNorm !== undefined) {
      const clipped = clipByGlobalNorm(grads, opts.maxGradNorm);
      applied = clipped.grads;
      norm = clipped.globalNorm;
    } else {
      norm = globalNorm(names.map((n) => grads[n]));
    }
    try {
      const check = opts.checkFinite ?? true;
      const summary = tf.tidy(() => {
        const head = tf.stack([tf.reshape(value, []), norm]);
        return check ? tf.concat([head, nonFiniteFlags(names.map((n) => grads[n]))]) : head;
      });
      const values = summary.dataSync();
      summary.dispose();
      const context = opts.context ?? `update ${this.step + 1}`;
      if (check) {
        if (!Number.isFinite(values[0])) throw new NonFiniteError("the loss", context);
        for (let i = 0; i < names.length; i++) {
          if (Number.isNaN(values[2 + i])) {
            throw new NonFiniteError(`the gradient of ${names[i]}`, context);
          }
        }
      }
      this.applyGradients(applied);
      return { loss: values[0], gradNorm: values[1] };
    } finally {
      tf.dispose([value, norm]);
      tf.dispose(Object.values(grads));
      if (applied !== grads) tf.dispose(Object.values(applied));
    }
  }

  /** Copies of the moments and the step count, for a checkpoint. */
  getState(): AdamState {
    const tensors: tf.NamedTensorMap = {};
    for (const v of this.variables) {
      tensors[`${v.name}/m`] = tf.clone(this.#m.get(v.name)!);
      tensors[`${v.name}/v`] = tf.clone(this.#v.get(v.name)!);
    }
    return {
      step: this.step,
      config: {
        learningRate: this.learningRate,
        beta1: this.beta1,
        beta2: this.beta2,
        epsilon: this.epsilon,
      },
      tensors,
    };
  }

  /**
   * Restores moments and step from {@linkcode getState} (or a file). Every
   * variable's `/m` and `/v` must be present with its shape; the learning
   * rate is restored too. Does not dispose `state.tensors`.
   */
  setState(
    state: { step: number; config?: Partial<AdamOptions>; tensors: tf.NamedTensorMap },
  ): void {
    if (!Number.isInteger(state.step) || state.step < 0) {
      throw new RangeError(
        `Adam.setState: expected step a non-negative integer, found ${state.step}`,
      );
    }
    for (const v of this.variables) {
      for (const part of ["m", "v"] as const) {
        const t = state.tensors[`${v.name}/${part}`];
        if (t === undefined) {
          throw new RangeError(`Adam.setState: expected a tensor ${v.name}/${part}, found none`);
        }
        if (t.shape.length !== v.shape.length || t.shape.some((d, i) => d !== v.shape[i])) {
          throw new RangeError(
            `Adam.setState: expected ${v.name}/${part} of shape [${v.shape}], found [${t.shape}]`,
          );
        }
      }
    }
    for (const v of this.variables) {
      this.#m.get(v.name)!.assign(state.tensors[`${v.name}/m`]);
      this.#v.get(v.name)!.assign(state.tensors[`${v.name}/v`]);
    }
    this.step = state.step;
    if (state.config?.learningRate !== undefined) this.learningRate = state.config.learningRate;
  }

  /** Releases the moment variables (not the optimised variables). */
  dispose(): void {
    tf.dispose([...this.#m.values(), ...this.#v.values()]);
    this.#m.clear();
    this.#v.clear();
  }
}
