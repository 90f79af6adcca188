/**
 * NaN and infinity detection for losses, gradients and parameters. A
 * training run stops at the first non-finite value with a message naming
 * the tensor, before the bad update is applied.
 *
 * One pass, one read-back: each tensor is reduced to `Σ x·0`, which is 0 when
 * every element is finite and NaN otherwise (NaN·0 and ±∞·0 are NaN), and
 * the per-tensor flags are read in a single `dataSync`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { tf } from "../backend/tf.ts";
 * import { assertFinite, firstNonFinite, NonFiniteError } from "./finite.ts";
 * await tf.setBackend("cpu");
 * const ok = tf.tensor1d([1, 2]);
 * const bad = tf.tensor1d([1, Infinity]);
 * assert.equal(firstNonFinite({ ok, bad }), "bad");
 * assert.equal(firstNonFinite({ ok }), null);
 * assert.throws(() => assertFinite({ ok, bad }, "update 3"), NonFiniteError);
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import { WorkspaceError } from "../../core/errors.ts";

/** A loss, gradient or parameter holds NaN or ±∞. Exit code 1. */
export class NonFiniteError extends WorkspaceError {
  /** The name of the first non-finite tensor. */
  readonly tensorName: string;

  constructor(tensorName: string, context: string) {
    super(`${context}: expected finite values, found NaN or infinity in ${tensorName}`, 1);
    this.tensorName = tensorName;
  }
}

type Named = Readonly<tf.NamedTensorMap> | readonly { name: string; tensor: tf.Tensor }[];

function entries(named: Named): [string, tf.Tensor][] {
  return Array.isArray(named)
    ? (named as { name: string; tensor: tf.Tensor }[]).map((e) => [e.name, e.tensor])
    : Object.entries(named as tf.NamedTensorMap);
}

/**
 * The per-tensor flag vector (0 = finite, NaN = not), as one float tensor.
 * For callers that batch it with other read-backs; most use
 * {@linkcode firstNonFinite}.
 */
export function nonFiniteFlags(tensors: readonly tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => {
    if (tensors.length === 0) return tf.zeros([0]) as tf.Tensor1D;
    const flags = tensors.map((t) => t.dtype === "float32" ? tf.sum(tf.mul(t, 0)) : tf.scalar(0));
    return tf.stack(flags) as tf.Tensor1D;
  });
}

/** The name of the first tensor (in the given order) holding NaN or ±∞, or null. */
export function firstNonFinite(named: Named): string | null {
  const list = entries(named);
  const flags = nonFiniteFlags(list.map(([, t]) => t));
  const values = flags.dataSync();
  flags.dispose();
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i])) return list[i][0];
  return null;
}

/** Throws {@linkcode NonFiniteError} naming the first non-finite tensor; `context` says where. */
export function assertFinite(named: Named, context: string): void {
  const bad = firstNonFinite(named);
  if (bad !== null) throw new NonFiniteError(bad, context);
}
