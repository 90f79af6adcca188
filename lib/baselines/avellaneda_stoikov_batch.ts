/**
 * The Avellaneda-Stoikov (2008) inventory strategy for K environments at once
 * on the AS-model fast path: the same quotes as {@linkcode AvellanedaStoikov}
 * with a given σ (reservation price r = s − q·γσ²(T − t), total spread
 * γσ²(T − t) + (2/γ)·ln(1 + γ/k)), computed in one loop over the
 * environments' arrays instead of one policy call per agent — the batched
 * form a vectorised baseline should take. A test holds the two equal.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { EnvironmentSectionSchema } from "../config/schemas/environment.ts";
 * import { AsModelVecEnv } from "../env/as_model_vec_env.ts";
 * import { actAvellanedaStoikovBatch } from "./avellaneda_stoikov_batch.ts";
 * const vec = new AsModelVecEnv(EnvironmentSectionSchema.parse({ market: "as_model", agents: { market_takers: 0 } }), 4);
 * vec.reset(1);
 * const actions = new Float32Array(4 * 4);
 * actAvellanedaStoikovBatch(vec, { gamma: 0.1, k: 1.5, sigma: 2, horizon: 1, size: 1 }, actions);
 * assert(actions.every((a) => a >= -1 && a <= 1));
 * ```
 * @module
 */

import type { AsModelVecEnv } from "../env/as_model_vec_env.ts";
import { clipUnit, type MakerQuote } from "../env/action_mapping.ts";

/** Parameters (σ given: no online estimate). */
export interface AsBatchParams {
  gamma: number;
  k: number;
  sigma: number;
  horizon: number;
  size: number;
}

const scratch = new Float32Array(4);
// (2/γ)·ln(1 + γ/k) for the last (γ, k) seen: one Math.log per parameter
// change rather than per call (the same value; it matters at small K).
let memoGamma = NaN, memoK = NaN, memoConstant = NaN;
const quote: MakerQuote = { bidOffsetTicks: 0, askOffsetTicks: 0, bidSize: 0, askSize: 0 };

/**
 * Writes the actions `[K, 4]` of every environment's market maker into `out`.
 * In the action map's `offsets` mode the quotes are encoded inline
 * (MakerActionMap.encode, operation for operation); in `skew_spread` mode
 * through the map itself.
 */
export function actAvellanedaStoikovBatch(
  vec: AsModelVecEnv,
  p: AsBatchParams,
  out: Float32Array,
): void {
  const { viewMidTicks, inventory, step } = vec.arrays;
  const K = vec.K;
  const tick = vec.tickSize;
  const steps = vec.steps;
  const stepNs = vec.decisionNs;
  const total = steps * stepNs;
  if (p.gamma !== memoGamma || p.k !== memoK) {
    memoGamma = p.gamma;
    memoK = p.k;
    memoConstant = (2 / p.gamma) * Math.log(1 + p.gamma / p.k);
  }
  const constant = memoConstant;
  const g2 = p.gamma * p.sigma * p.sigma;
  const map = vec.makerMap;
  const mp = map.params;
  if (mp.mode !== "offsets") {
    for (let k = 0; k < K; k++) {
      const s = viewMidTicks[k] * tick;
      if (Number.isNaN(s)) {
        quote.bidOffsetTicks = quote.askOffsetTicks = 0;
        quote.bidSize = quote.askSize = 0;
      } else {
        const timeLeft = Math.max(0, (total - step[k] * stepNs) / total);
        const tau = timeLeft * p.horizon;
        const skew = inventory[k] * p.gamma * p.sigma * p.sigma * tau;
        const spread = g2 * tau + constant;
        quote.bidOffsetTicks = (spread / 2 + skew) / tick;
        quote.askOffsetTicks = (spread / 2 - skew) / tick;
        quote.bidSize = quote.askSize = p.size;
      }
      map.encode(quote, scratch);
      out[k * 4] = scratch[0];
      out[k * 4 + 1] = scratch[1];
      out[k * 4 + 2] = scratch[2];
      out[k * 4 + 3] = scratch[3];
    }
    return;
  }
  // MakerActionMap.encode in offsets mode: offset d → clip(2·(d − min)/span − 1)
  // (0 when span = 0); size q → clip(2·q/max − 1).
  const min = mp.minOffsetTicks;
  const span = mp.maxOffsetTicks - mp.minOffsetTicks;
  const sizeAction = clipUnit(2 * (p.size / mp.maxQuoteSize) - 1);
  const noSizeAction = clipUnit(2 * (0 / mp.maxQuoteSize) - 1);
  const noOffsetAction = span === 0 ? 0 : clipUnit(2 * ((0 - min) / span) - 1);
  const gamma = p.gamma, sigma = p.sigma, horizon = p.horizon;
  // The time terms depend on the step alone: environments in lockstep share
  // them, so they are recomputed only when the step changes from the previous
  // environment's (the same operations, so the same values).
  let lastStep = -1, tau = 0, half = 0;
  for (let k = 0; k < K; k++) {
    const j = k * 4;
    const s = viewMidTicks[k] * tick;
    if (s !== s) {
      out[j] = out[j + 1] = noOffsetAction;
      out[j + 2] = out[j + 3] = noSizeAction;
      continue;
    }
    const n = step[k];
    if (n !== lastStep) {
      lastStep = n;
      const timeLeft = Math.max(0, (total - n * stepNs) / total);
      tau = timeLeft * horizon;
      half = (g2 * tau + constant) / 2;
    }
    const skew = inventory[k] * gamma * sigma * sigma * tau;
    const bidOffsetTicks = (half + skew) / tick;
    const askOffsetTicks = (half - skew) / tick;
    if (span === 0) {
      out[j] = 0;
      out[j + 1] = 0;
    } else {
      out[j] = clipUnit(2 * ((bidOffsetTicks - min) / span) - 1);
      out[j + 1] = clipUnit(2 * ((askOffsetTicks - min) / span) - 1);
    }
    out[j + 2] = sizeAction;
    out[j + 3] = sizeAction;
  }
}
