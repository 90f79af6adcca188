/**
 * Generalised advantage estimation, GAE(λ) (Schulman, Moritz, Levine, Jordan
 * and Abbeel, 2016, "High-Dimensional Continuous Control Using Generalized
 * Advantage Estimation", ICLR; Eq. 16), written as CleanRL's `ppo.py` writes
 * it: one backward pass carrying `lastgaelam`.
 *
 * Arrays are `[steps, columns]` (a column is one env × agent stream). Step
 * `t` holds the value `V(s_t)`, the reward `r_t` of the action taken in
 * `s_t`, and two flags about what followed:
 *
 * - `terminations[t] = 1`: `s_{t+1}` is terminal, its value is 0 (no
 *   bootstrap);
 * - `truncations[t] = 1`: the episode was cut by a time limit; `s_{t+1}` is
 *   the final observation, whose value `finalValues[t]` is bootstrapped
 *   (Pardo et al., 2018, "Time Limits in Reinforcement Learning"; Stable-
 *   Baselines3 adds `γ·V(final)` to the reward for the same effect);
 * - neither: `s_{t+1}` is the next row's observation (or, at the last step,
 *   the observation whose value is `lastValues`).
 *
 * Both flags end the episode: the recursion does not carry advantages across
 * the boundary. When both are set, termination wins.
 *
 *     δ_t = r_t + γ · V_next(t) − V(s_t)
 *     Â_t = δ_t + γλ · (1 − end_t) · Â_{t+1}          (lastgaelam)
 *     R_t = Â_t + V(s_t)                               (the value target)
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { computeGae } from "./gae.ts";
 * // One column, three steps, γ = λ = 1, zero values: the advantage is the reward-to-go.
 * const advantages = new Float32Array(3), returns = new Float32Array(3);
 * computeGae({
 *   steps: 3, columns: 1, gamma: 1, lambda: 1,
 *   rewards: [1, 2, 3], values: [0, 0, 0], terminations: [0, 0, 1], truncations: [0, 0, 0],
 *   lastValues: [100], // ignored: the episode terminated
 * }, advantages, returns);
 * assert.deepEqual(Array.from(advantages), [6, 5, 3]);
 * ```
 * @module
 */

/** Inputs of {@linkcode computeGae}; every `[T, N]` array is row-major over steps. */
export interface GaeInput {
  /** T: steps in the rollout. */
  steps: number;
  /** N: independent streams (envs × agents). */
  columns: number;
  /** Discount γ. */
  gamma: number;
  /** GAE λ (0 = one-step TD, 1 = Monte Carlo minus the baseline). */
  lambda: number;
  /** `[T, N]` rewards. */
  rewards: ArrayLike<number>;
  /** `[T, N]` values V(s_t). */
  values: ArrayLike<number>;
  /** `[T, N]` 1 where the step ended the episode by termination. */
  terminations: ArrayLike<number>;
  /** `[T, N]` 1 where the step ended the episode by truncation. */
  truncations: ArrayLike<number>;
  /** `[T, N]` V(final observation), read only where truncated. Required if any truncation. */
  finalValues?: ArrayLike<number>;
  /** `[N]` values of the observations that follow the last step. */
  lastValues: ArrayLike<number>;
}

function checkLength(name: string, a: ArrayLike<number> | undefined, want: number): void {
  if (a !== undefined && a.length !== want) {
    throw new RangeError(`computeGae: expected ${name} to hold ${want} values, found ${a.length}`);
  }
}

/**
 * Writes GAE(λ) advantages and value targets (`returns = advantages + values`)
 * into `advantages` and `returns` (`[T, N]` each; may be the same length as
 * the inputs, nothing is allocated).
 */
export function computeGae(
  input: GaeInput,
  advantages: Float32Array,
  returns: Float32Array,
): void {
  const { steps: T, columns: N, gamma, lambda, rewards, values, terminations, truncations } = input;
  const finalValues = input.finalValues;
  const lastValues = input.lastValues;
  const size = T * N;
  checkLength("rewards", rewards, size);
  checkLength("values", values, size);
  checkLength("terminations", terminations, size);
  checkLength("truncations", truncations, size);
  checkLength("finalValues", finalValues, size);
  checkLength("lastValues", lastValues, N);
  checkLength("advantages", advantages, size);
  checkLength("returns", returns, size);
  for (let c = 0; c < N; c++) {
    let lastgaelam = 0;
    for (let t = T - 1; t >= 0; t--) {
      const i = t * N + c;
      const terminated = terminations[i] !== 0;
      const truncated = !terminated && truncations[i] !== 0;
      let nextValue: number;
      if (terminated) nextValue = 0;
      else if (truncated) {
        if (finalValues === undefined) {
          throw new RangeError(
            `computeGae: expected finalValues (a truncation at step ${t}, column ${c}), found none`,
          );
        }
        nextValue = finalValues[i];
      } else nextValue = t === T - 1 ? lastValues[c] : values[i + N];
      const nextNonTerminal = terminated || truncated ? 0 : 1;
      // δ_t = r_t + γ V(s_{t+1}) − V(s_t)   (Schulman et al. 2016, Eq. 10)
      const delta = rewards[i] + gamma * nextValue - values[i];
      // Â_t = δ_t + γλ Â_{t+1}, cut at episode ends   (Eq. 16, recursive form)
      lastgaelam = delta + gamma * lambda * nextNonTerminal * lastgaelam;
      advantages[i] = lastgaelam;
      returns[i] = lastgaelam + values[i];
    }
  }
}
