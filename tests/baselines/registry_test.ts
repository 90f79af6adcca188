/** The baseline registry: names, roles, parameter checks, and every baseline acting inside its action space. */

import { strict as assert } from "node:assert";
import { baselineContext } from "../../lib/baselines/context.ts";
import {
  baselineNames,
  BASELINES,
  createBaseline,
  resolveBaselineParams,
} from "../../lib/baselines/registry.ts";
import { EnvironmentSectionSchema } from "../../lib/config/schemas/environment.ts";
import { UsageError } from "../../lib/core/errors.ts";
import { createEnv } from "../../lib/env/make_env.ts";

const env = await createEnv(EnvironmentSectionSchema.parse({ market: "as_model" }));

Deno.test("registry: the issue's strategies, each for its role", () => {
  assert.deepEqual(baselineNames("market_maker").sort(), [
    "avellaneda-stoikov",
    "fixed-spread",
    "gueant-lehalle-fernandez-tapia",
    "random",
  ]);
  assert.deepEqual(baselineNames("market_taker").sort(), [
    "buy-and-hold",
    "mean-reversion",
    "momentum",
    "pov",
    "random",
    "technical",
    "twap",
    "vwap",
  ]);
  for (const b of BASELINES) {
    assert.ok(b.summary.length > 10, `${b.name} has a summary`);
    for (const p of b.params) {
      assert.ok(p.description.length > 3, `${b.name}.${p.name} is described`);
    }
  }
});

Deno.test("registry: unknown names, wrong roles and bad parameters are usage errors that say what was expected", () => {
  const mm = baselineContext(env, "mm_0");
  const taker = baselineContext(env, "taker_0");
  assert.throws(
    () => createBaseline("twapp", taker),
    (e: Error) => e instanceof UsageError && /did you mean "twap"/.test(e.message),
  );
  assert.throws(
    () => createBaseline("momentum", mm),
    /momentum plays market_taker, but agent mm_0 is a market_maker/,
  );
  assert.throws(
    () => createBaseline("twap", taker, { side: "long" }),
    /twap parameter side: expected "buy" or "sell", found "long"/,
  );
  assert.throws(
    () => createBaseline("twap", taker, { size: 2.5 }),
    /size: expected a whole number ≥ 0, found 2.5/,
  );
  assert.throws(() => createBaseline("fixed-spread", mm, { size: null }), /size: expected a value/);
  assert.throws(
    () => createBaseline("random", mm, { seed: 1 }),
    /random has no parameter "seed"; its parameters: none/,
  );
  // Values the constructors refuse become usage errors too.
  assert.throws(
    () => createBaseline("pov", taker, { rate: 3 }),
    (e: Error) => e instanceof UsageError && /rate in \(0, 1\]/.test(e.message),
  );
  // Parameters resolve to the defaults plus what was given.
  assert.deepEqual(resolveBaselineParams("twap", taker, { side: "sell" }), {
    side: "sell",
    size: 100,
    horizon_seconds: null,
    aggressive: true,
  });
});

Deno.test("registry: every baseline acts inside its agent's action space over an episode", async (t) => {
  for (const b of BASELINES) {
    await t.step(b.name, () => {
      for (const agent of env.possibleAgents) {
        if (!b.roles.includes(env.role(agent))) continue;
        const policy = createBaseline(b.name, baselineContext(env, agent));
        const space = env.actionSpace(agent);
        assert.equal(policy.actionDim, space.size);
        const { observations } = env.reset({ seed: 5 });
        policy.reset(5);
        const out = new Float32Array(policy.actionDim);
        let obs = observations;
        while (env.agents.includes(agent)) {
          policy.act(obs[agent], env.view(agent), out);
          assert.ok(space.contains(out), `${b.name}: action ${[...out]} outside [−1, 1]`);
          obs = env.step({ [agent]: out }).observations;
        }
      }
    });
  }
});
