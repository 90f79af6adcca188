import { strict as assert } from "node:assert";
import { runAsModelBench } from "../../lib/bench/as_model_bench.ts";

Deno.test("as_model bench: counts trajectory-steps and reports a consistent rate", () => {
  const r = runAsModelBench({ trajectories: 250, seed: 3 });
  assert.equal(r.trajectories, 250);
  assert.equal(r.steps, 200);
  assert.equal(r.trajectorySteps, 50_000);
  assert.equal(r.runSeconds.length, 3);
  assert.equal(r.seconds, Math.min(...r.runSeconds));
  assert.equal(r.trajectoryStepsPerSecond, r.trajectorySteps / r.seconds);
  // The checksum is a real simulation result: the symmetric 0.645 half-spread earns ≈ 68.
  assert(r.meanTerminalWealth > 55 && r.meanTerminalWealth < 80, `${r.meanTerminalWealth}`);
  // Same seed, same simulated outcome.
  assert.equal(
    runAsModelBench({ trajectories: 250, seed: 3 }).meanTerminalWealth,
    r.meanTerminalWealth,
  );
});
