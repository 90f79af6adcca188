/**
 * Holm–Bonferroni step-down adjustment of p-values (Holm 1979, "A simple
 * sequentially rejective multiple test procedure", Scand. J. Statist. 6(2)),
 * controlling the family-wise error rate when many strategies are compared.
 *
 * With p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted ascending, the adjusted values are
 * p̃₍ᵢ₎ = maxⱼ≤ᵢ min(1, (m − j + 1) p₍ⱼ₎) — monotone in the sorted order and
 * never below the raw p-value. Rejecting where p̃ ≤ α is Holm's procedure.
 * Same definition as R's `p.adjust(p, "holm")`.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { holmBonferroni } from "./multiple_testing.ts";
 * // Sorted: 0.01·3 = 0.03, 0.02·2 = 0.04, 0.04·1 → max(0.04, 0.04) = 0.04.
 * assert.deepEqual(holmBonferroni([0.04, 0.01, 0.02]).map((p) => +p.toFixed(12)), [0.04, 0.03, 0.04]);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";

/** Holm–Bonferroni adjusted p-values, in the order of the input. */
export function holmBonferroni(pValues: ArrayLike<number>): number[] {
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (!(p >= 0 && p <= 1)) {
      throw new InputError({
        keyPath: `pValues[${i}]`,
        expected: "a p-value in [0, 1]",
        found: String(p),
      });
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => pValues[i] - pValues[j]);
  const out = new Array<number>(m);
  let running = 0;
  for (let k = 0; k < m; k++) {
    const i = order[k];
    running = Math.max(running, Math.min(1, (m - k) * pValues[i]));
    out[i] = running;
  }
  return out;
}
