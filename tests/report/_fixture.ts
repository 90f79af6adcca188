/** A small baseline run (3 short as_model episodes) and a tiny realism run in a temp folder. */

import { join } from "node:path";
import { BaselineRunConfigSchema } from "../../lib/config/schemas/baseline.ts";
import { createRunDir } from "../../lib/core/run_dir.ts";
import { runBaselineJob } from "../../lib/jobs/baseline_job.ts";

const group = (shift: number) => ({
  acf: {
    lags: [1, 2, 3],
    returns: [0.1 + shift, 0.02, -0.01],
    absReturns: [0.3, 0.2 + shift, 0.1],
  },
  spreadTicks: { histogram: { edges: [1, 2, 3, 4], probability: [0.6, 0.3 - shift, 0.1 + shift] } },
  intraday: {
    buckets: [{ startMinute: 0, volumeShare: 0.6 }, { startMinute: 30, volumeShare: 0.4 }],
  },
});

/** Temp root with `baseline/<run>` and `realism/<run>`; returns their paths. */
export async function makeFixtureRuns(): Promise<{ root: string; runs: string[] }> {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  const cfg = BaselineRunConfigSchema.parse({
    environment: {
      market: "as_model",
      agents: { market_takers: 0 },
      fees: { maker_bps: 0, taker_bps: 0 },
      rewards: { inventory_penalty: 0 },
      risk: { liquidation_cost_bps: 0, loss_limit: 1e12 },
      as_model: { model: { horizon_T: 0.2 } },
    },
    baseline: { strategy: "avellaneda-stoikov", episodes: 3, seed: 1 },
  });
  const dir = await createRunDir({
    command: "baseline",
    root: join(root, "baseline"),
    config: cfg,
    configHash: "0".repeat(16),
    configYaml: "baseline:\n  strategy: avellaneda-stoikov <b>&\n",
    seed: 1,
  });
  await dir.finish(await runBaselineJob(cfg, dir));
  const realism = join(root, "realism", "20260101-000000-fixture");
  await Deno.mkdir(realism, { recursive: true });
  await Deno.writeTextFile(
    join(realism, "manifest.json"),
    JSON.stringify({ command: "realism", seed: null, gitCommit: "abc", timings: {} }),
  );
  await Deno.writeTextFile(join(realism, "summary.json"), "{}");
  await Deno.writeTextFile(
    join(realism, "realism.json"),
    JSON.stringify({
      sim: group(0),
      real: group(0.05),
      rows: [{ fact: "excess kurtosis", sim: "4.1", real: "5.3" }],
    }),
  );
  return { root, runs: [dir.path, realism] };
}
