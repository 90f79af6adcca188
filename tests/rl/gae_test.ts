// GAE(λ) against closed forms on tiny hand-built sequences, in the style of
// Stable-Baselines3's tests/test_gae.py. Every expected number is worked out
// by hand in the comments, not by the code under test.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { computeGae, type GaeInput } from "../../lib/rl/gae.ts";

function gae(input: Omit<GaeInput, "columns" | "steps"> & { columns?: number }) {
  const columns = input.columns ?? 1;
  const steps = input.rewards.length / columns;
  const advantages = new Float32Array(steps * columns);
  const returns = new Float32Array(steps * columns);
  computeGae({ ...input, steps, columns }, advantages, returns);
  return { advantages: Array.from(advantages), returns: Array.from(returns) };
}

function close(actual: readonly number[], expected: readonly number[], tol = 1e-5): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) =>
    assert(Math.abs(a - expected[i]) <= tol, `index ${i}: ${a} vs ${expected[i]} (${actual})`)
  );
}

const none = (n: number) => new Array<number>(n).fill(0);

Deno.test("GAE: γ = λ = 1 on a terminated episode gives reward-to-go minus the value", () => {
  // r = 1, 2, 3; V = 0.5, 1, 2; terminal after step 2.
  // Σ_{k≥t} r_k = 6, 5, 3 → Â = 6 − 0.5, 5 − 1, 3 − 2 = 5.5, 4, 1; returns = 6, 5, 3.
  const out = gae({
    gamma: 1,
    lambda: 1,
    rewards: [1, 2, 3],
    values: [0.5, 1, 2],
    terminations: [0, 0, 1],
    truncations: none(3),
    lastValues: [123], // ignored: terminated
  });
  close(out.advantages, [5.5, 4, 1]);
  close(out.returns, [6, 5, 3]);
});

Deno.test("GAE: λ = 0 is the one-step TD error", () => {
  // γ = 0.9, r = 1, 0, 2; V = 1, 2, 3; V(s_3) = 4; no episode end.
  // Â_0 = 1 + 0.9·2 − 1 = 1.8; Â_1 = 0 + 0.9·3 − 2 = 0.7; Â_2 = 2 + 0.9·4 − 3 = 2.6.
  const out = gae({
    gamma: 0.9,
    lambda: 0,
    rewards: [1, 0, 2],
    values: [1, 2, 3],
    terminations: none(3),
    truncations: none(3),
    lastValues: [4],
  });
  close(out.advantages, [1.8, 0.7, 2.6]);
  close(out.returns, [2.8, 2.7, 5.6]);
});

Deno.test("GAE: general λ equals Σ_l (γλ)^l δ_{t+l}", () => {
  // γ = 0.9, λ = 0.8 (γλ = 0.72); r = 1, 2, 3; V = 0.5, 0.4, 0.3; V(s_3) = 0.2.
  // δ_0 = 1 + 0.36 − 0.5 = 0.86; δ_1 = 2 + 0.27 − 0.4 = 1.87; δ_2 = 3 + 0.18 − 0.3 = 2.88.
  // Â_2 = 2.88; Â_1 = 1.87 + 0.72·2.88 = 3.9436; Â_0 = 0.86 + 0.72·3.9436 = 3.699392.
  const out = gae({
    gamma: 0.9,
    lambda: 0.8,
    rewards: [1, 2, 3],
    values: [0.5, 0.4, 0.3],
    terminations: none(3),
    truncations: none(3),
    lastValues: [0.2],
  });
  close(out.advantages, [3.699392, 3.9436, 2.88]);
});

Deno.test("GAE: a truncated episode bootstraps from its final observation; a terminated one does not", () => {
  // One step, r = 1, V = 0.5, γ = 0.5, λ = 0.95.
  const base = { gamma: 0.5, lambda: 0.95, rewards: [1], values: [0.5], lastValues: [99] };
  // truncated, V(final) = 10: Â = 1 + 0.5·10 − 0.5 = 5.5 (not lastValues = 99)
  close(
    gae({ ...base, terminations: [0], truncations: [1], finalValues: [10] }).advantages,
    [5.5],
  );
  // terminated: Â = 1 − 0.5 = 0.5
  close(gae({ ...base, terminations: [1], truncations: [0], finalValues: [10] }).advantages, [0.5]);
  // both flags: termination wins
  close(gae({ ...base, terminations: [1], truncations: [1], finalValues: [10] }).advantages, [0.5]);
  // neither: bootstrap from lastValues: 1 + 0.5·99 − 0.5 = 50
  close(gae({ ...base, terminations: [0], truncations: [0] }).advantages, [50]);
});

Deno.test("GAE: an episode boundary inside the rollout cuts the recursion", () => {
  // γ = λ = 0.5 (γλ = 0.25); r = 1, 1, 1, 1; V = 0; the first episode ends after step 1;
  // the second continues past the rollout with V(s_4) = 2.
  // t=3: δ = 1 + 0.5·2 = 2 → Â = 2;   t=2: δ = 1 → Â = 1 + 0.25·2 = 1.5.
  // Terminated at t=1: δ = 1 → Â = 1;  t=0: δ = 1 + 0.5·V_1 = 1 → Â = 1 + 0.25·1 = 1.25.
  const common = {
    gamma: 0.5,
    lambda: 0.5,
    rewards: [1, 1, 1, 1],
    values: none(4),
    lastValues: [2],
  };
  close(
    gae({ ...common, terminations: [0, 1, 0, 0], truncations: none(4) }).advantages,
    [1.25, 1, 1.5, 2],
  );
  // Truncated at t=1 with V(final) = 4: t=1: δ = 1 + 0.5·4 = 3 → Â = 3; t=0: Â = 1 + 0.25·3 = 1.75.
  close(
    gae({
      ...common,
      terminations: none(4),
      truncations: [0, 1, 0, 0],
      finalValues: [0, 4, 0, 0],
    }).advantages,
    [1.75, 3, 1.5, 2],
  );
});

Deno.test("GAE: columns (envs × agents) are independent", () => {
  // Column 0 is the boundary case above (terminated after step 1), column 1 the λ = 0.5
  // continuation with its own rewards r = 2, 0, 0, 0 and V = 0, V(s_4) = 0:
  // Â_0 = 2, the rest 0.
  const out = gae({
    columns: 2,
    gamma: 0.5,
    lambda: 0.5,
    rewards: [1, 2, 1, 0, 1, 0, 1, 0],
    values: none(8),
    terminations: [0, 0, 1, 0, 0, 0, 0, 0],
    truncations: none(8),
    lastValues: [2, 0],
  });
  close(out.advantages.filter((_, i) => i % 2 === 0), [1.25, 1, 1.5, 2]);
  close(out.advantages.filter((_, i) => i % 2 === 1), [2, 0, 0, 0]);
});

Deno.test("GAE: with γ = λ = 1 the returns are the Monte Carlo returns whatever the values", () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -8, max: 8 })), {
        minLength: 1,
        maxLength: 12,
      }),
      (pairs) => {
        const rewards = pairs.map((p) => p[0]);
        const values = pairs.map((p) => p[1] / 4);
        const T = rewards.length;
        const terminations = none(T);
        terminations[T - 1] = 1;
        const out = gae({
          gamma: 1,
          lambda: 1,
          rewards,
          values,
          terminations,
          truncations: none(T),
          lastValues: [7],
        });
        const mc = rewards.map((_, t) => rewards.slice(t).reduce((a, b) => a + b, 0));
        close(out.returns, mc);
      },
    ),
  );
});

Deno.test("GAE: shapes are checked, and a truncation needs finalValues", () => {
  const base = {
    steps: 2,
    columns: 1,
    gamma: 1,
    lambda: 1,
    values: [0, 0],
    terminations: [0, 0],
    lastValues: [0],
  };
  const adv = new Float32Array(2), ret = new Float32Array(2);
  assert.throws(
    () => computeGae({ ...base, rewards: [1, 1], truncations: [0, 1] }, adv, ret),
    /expected finalValues \(a truncation at step 1, column 0\), found none/,
  );
  assert.throws(
    () => computeGae({ ...base, rewards: [1], truncations: [0, 0] }, adv, ret),
    /rewards to hold 2 values, found 1/,
  );
  assert.throws(
    () => computeGae({ ...base, rewards: [1, 1], truncations: [0, 0] }, new Float32Array(3), ret),
    /advantages to hold 2 values, found 3/,
  );
});
