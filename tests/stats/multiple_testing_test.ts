// Reference: Holm (1979) step-down computed by hand (same as R's p.adjust(p, "holm")):
// sorted p 0.005, 0.01, 0.03, 0.04, 0.2 → ×5, ×4, ×3, ×2, ×1 = 0.025, 0.04, 0.09, 0.08, 0.2
// → running max 0.025, 0.04, 0.09, 0.09, 0.2.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { holmBonferroni } from "../../lib/stats/multiple_testing.ts";
import { assertClose } from "./_close.ts";

Deno.test("holmBonferroni matches the hand-computed step-down values", () => {
  const adj = holmBonferroni([0.01, 0.04, 0.03, 0.005, 0.2]);
  const ref = [0.04, 0.09, 0.09, 0.025, 0.2];
  adj.forEach((p, i) => assertClose(p, ref[i], 1e-15, `p[${i}]`));
  assert.deepEqual(holmBonferroni([0.5, 0.9]), [1, 1]); // capped at 1
  assert.deepEqual(holmBonferroni([]), []);
  assert.throws(() => holmBonferroni([0.1, 1.2]));
});

Deno.test("holmBonferroni: adjusted ≥ raw, ≤ 1, monotone in the raw order", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (ps) => {
      const adj = holmBonferroni(ps);
      const order = ps.map((_, i) => i).sort((i, j) => ps[i] - ps[j]);
      for (let k = 0; k < ps.length; k++) {
        const i = order[k];
        if (!(adj[i] >= ps[i] && adj[i] <= 1)) return false;
        if (k > 0 && adj[i] < adj[order[k - 1]]) return false;
      }
      return true;
    }),
    { seed: 7 },
  );
});
