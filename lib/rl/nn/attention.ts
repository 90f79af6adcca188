/**
 * Multi-head self-attention over per-agent embeddings, pooled to one vector:
 * the coordination block of MAPPO's centralised critic (the original
 * design's attention mechanism). Vaswani et al. (2017), "Attention is all you
 * need", eq. 1 (scaled dot-product attention) and §3.2.2 (multi-head):
 *
 *   headᵢ = softmax(Qᵢ Kᵢᵀ / √d_h) Vᵢ,  Q = X W_Q, K = X W_K, V = X W_V
 *   Z = X + concat(head₁ … head_h) W_O        (residual)
 *   pooled = mean over agents of Z            [B, agents, d] → [B, d]
 *
 * No positional encoding, so the pooled output is invariant to the order of
 * the agents (tested): the critic sees a set of agents, not a sequence.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { Rng } from "../../core/rng.ts";
 * import { tf } from "../backend/tf.ts";
 * import { SelfAttentionPool } from "./attention.ts";
 * await tf.setBackend("cpu");
 * const att = new SelfAttentionPool({ name: "demo/att", modelSize: 8, heads: 2, rng: Rng.fromSeed(1) });
 * const pooled = att.apply(tf.randomUniform([4, 3, 8], -1, 1, "float32", 1));
 * assert.deepEqual(pooled.shape, [4, 8]);
 * att.dispose();
 * ```
 * @module
 */

import { tf } from "../backend/tf.ts";
import type { Rng } from "../../core/rng.ts";
import { Dense } from "./dense.ts";
import type { InitKind } from "./init.ts";
import type { Module } from "./module.ts";

/** Options of {@linkcode SelfAttentionPool}. */
export interface SelfAttentionOptions {
  /** Variable-name prefix; projections are `${name}/query`, `/key`, `/value`, `/output`. */
  name: string;
  /** Embedding width d (input and output). */
  modelSize: number;
  /** Number of heads h; must divide `modelSize`. */
  heads: number;
  /** Stream the projections are drawn from. */
  rng: Rng;
  /** Initialiser of the projections (default glorot). */
  init?: InitKind;
  /** Trainable variables (default true). */
  trainable?: boolean;
}

/** Multi-head self-attention with a residual connection, mean-pooled over agents. */
export class SelfAttentionPool implements Module {
  /** Variable-name prefix. */
  readonly name: string;
  /** Embedding width d. */
  readonly modelSize: number;
  /** Number of heads h. */
  readonly heads: number;
  /** W_Q, W_K, W_V, W_O. */
  readonly query: Dense;
  /** Key projection. */
  readonly key: Dense;
  /** Value projection. */
  readonly value: Dense;
  /** Output projection. */
  readonly output: Dense;

  constructor(opts: SelfAttentionOptions) {
    if (!Number.isInteger(opts.heads) || opts.heads < 1 || opts.modelSize % opts.heads !== 0) {
      throw new RangeError(
        `SelfAttentionPool ${opts.name}: expected heads (a positive integer) to divide ` +
          `modelSize ${opts.modelSize}, found ${opts.heads}`,
      );
    }
    this.name = opts.name;
    this.modelSize = opts.modelSize;
    this.heads = opts.heads;
    const make = (part: string) =>
      new Dense({
        name: `${opts.name}/${part}`,
        inputSize: opts.modelSize,
        outputSize: opts.modelSize,
        init: opts.init ?? "glorot",
        rng: opts.rng.derive(part),
        trainable: opts.trainable ?? true,
      });
    this.query = make("query");
    this.key = make("key");
    this.value = make("value");
    this.output = make("output");
  }

  /** `[B, N, d]` → `[B·h, N, d/h]`: one row block per (sample, head). */
  #splitHeads(x: tf.Tensor, batch: number, agents: number): tf.Tensor {
    const dh = this.modelSize / this.heads;
    const x4 = tf.reshape(x, [batch, agents, this.heads, dh]);
    return tf.reshape(tf.transpose(x4, [0, 2, 1, 3]), [batch * this.heads, agents, dh]);
  }

  /** Per-agent outputs Z = X + MultiHead(X) W_O, `[B, N, d]` → `[B, N, d]` (not in a tidy). */
  attend(x: tf.Tensor): tf.Tensor {
    if (x.rank !== 3 || x.shape[2] !== this.modelSize) {
      throw new RangeError(
        `SelfAttentionPool ${this.name}: expected input [batch, agents, ${this.modelSize}], ` +
          `found [${x.shape.join(", ")}]`,
      );
    }
    const [batch, agents] = x.shape;
    const dh = this.modelSize / this.heads;
    const q = this.#splitHeads(this.query.apply(x), batch, agents);
    const k = this.#splitHeads(this.key.apply(x), batch, agents);
    const v = this.#splitHeads(this.value.apply(x), batch, agents);
    // Eq. 1: softmax(Q Kᵀ / √d_h) V, batched over (sample, head).
    const scores = tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh));
    const context = tf.matMul(tf.softmax(scores), v); // [B·h, N, dh]
    const merged = tf.reshape(
      tf.transpose(tf.reshape(context, [batch, this.heads, agents, dh]), [0, 2, 1, 3]),
      [batch, agents, this.modelSize],
    );
    return tf.add(x, this.output.apply(merged));
  }

  /** The pooled embedding, `[B, N, d]` → `[B, d]`, in a tidy. */
  apply(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => tf.mean(this.attend(x), 1));
  }

  /** W_Q, b_Q, W_K, b_K, W_V, b_V, W_O, b_O. */
  variables(): tf.Variable[] {
    return [this.query, this.key, this.value, this.output].flatMap((d) => d.variables());
  }

  /** Releases the variables. */
  dispose(): void {
    for (const d of [this.query, this.key, this.value, this.output]) d.dispose();
  }
}
