/**
 * Target-network updates. Polyak averaging (Lillicrap et al., 2016, DDPG,
 * Algorithm 1: θ′ ← τθ + (1 − τ)θ′), as MADDPG uses for its target actors
 * and critics; and the hard copy (τ = 1) that initialises them.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { softUpdate } from "./polyak.ts";
 * await tf.setBackend("cpu");
 * const target = tf.variable(tf.tensor1d([0, 0]), false, "demo/polyak/target");
 * const source = tf.variable(tf.tensor1d([1, 2]), true, "demo/polyak/source");
 * softUpdate([target], [source], 0.5);
 * assert.deepEqual(Array.from(target.dataSync()), [0.5, 1]);
 * tf.dispose([target, source]);
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import type { Module } from "./module.ts";

type VariableSource = readonly tf.Variable[] | Module;

function listOf(v: VariableSource): readonly tf.Variable[] {
  return Array.isArray(v) ? v : (v as Module).variables();
}

function pairs(target: VariableSource, source: VariableSource): [tf.Variable, tf.Variable][] {
  const t = listOf(target);
  const s = listOf(source);
  if (t.length !== s.length) {
    throw new RangeError(
      `softUpdate: expected as many target variables as source ones, found ${t.length} and ${s.length}`,
    );
  }
  return t.map((tv, i) => {
    const sv = s[i];
    if (tv.shape.length !== sv.shape.length || tv.shape.some((d, k) => d !== sv.shape[k])) {
      throw new RangeError(
        `softUpdate: expected ${tv.name} [${tv.shape}] to match ${sv.name} [${sv.shape}]`,
      );
    }
    return [tv, sv];
  });
}

/** θ_target ← τ·θ_source + (1 − τ)·θ_target, variable by variable (same order and shapes). */
export function softUpdate(target: VariableSource, source: VariableSource, tau: number): void {
  if (!(tau >= 0 && tau <= 1)) {
    throw new RangeError(`softUpdate: expected 0 ≤ tau ≤ 1, found ${tau}`);
  }
  const ps = pairs(target, source);
  tf.tidy(() => {
    for (const [t, s] of ps) {
      t.assign(tau === 1 ? s : tf.add(tf.mul(s, tau), tf.mul(t, 1 - tau)));
    }
  });
}

/** θ_target ← θ_source (a copy). */
export function hardUpdate(target: VariableSource, source: VariableSource): void {
  const ps = pairs(target, source);
  tf.tidy(() => {
    for (const [t, s] of ps) t.assign(tf.clone(s));
  });
}
