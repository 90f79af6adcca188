/** The baseline job: episodes, Parquet files and the summary's statistics. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import {
  type BaselineRunConfig,
  BaselineRunConfigSchema,
} from "../../lib/config/schemas/baseline.ts";
import { ConfigError, UsageError } from "../../lib/core/errors.ts";
import { createRunDir } from "../../lib/core/run_dir.ts";
import {
  agentCountOverrides,
  describeSample,
  runBaselineJob,
} from "../../lib/jobs/baseline_job.ts";

/** The paper's accounting on a 100-step AS market. */
function config(
  baseline: Record<string, unknown>,
  agents: Record<string, unknown> = { market_takers: 0 },
): BaselineRunConfig {
  return BaselineRunConfigSchema.parse({
    environment: {
      market: "as_model",
      agents,
      fees: { maker_bps: 0, taker_bps: 0 },
      rewards: { inventory_penalty: 0 },
      risk: { liquidation_cost_bps: 0, loss_limit: 1e12 },
      as_model: { model: { horizon_T: 0.5 } },
    },
    baseline,
  });
}

async function run(cfg: BaselineRunConfig) {
  const root = await Deno.makeTempDir();
  const dir = await createRunDir({
    command: "baseline",
    root,
    config: cfg,
    configHash: "0".repeat(16),
    configYaml: "",
    seed: 1,
  });
  const cleanup = () => Deno.remove(root, { recursive: true });
  try {
    return { summary: await runBaselineJob(cfg, dir), dir: dir.path, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

Deno.test("baseline job: AS on the model market writes per-episode and per-step Parquet and the summary's mean and std", async () => {
  const { summary, dir, cleanup } = await run(
    config({ strategy: "avellaneda-stoikov", episodes: 12, seed: 3 }),
  );
  try {
    assert.equal(summary.market, "as_model");
    assert.equal(summary.accounting, "paper");
    assert.deepEqual(summary.seeds, { first: 3, last: 14 });
    assert.equal(summary.stepsPerEpisode, 100);
    assert.deepEqual(Object.keys(summary.agents), ["mm_0"]);
    assert.deepEqual(summary.agents.mm_0.params, {
      gamma: 0.1,
      k: 1.5,
      sigma: 2,
      horizon: 0.5,
      size: 1,
      sigma_window: 100,
    });
    const episodes = pl.readParquet(join(dir, "episodes.parquet"));
    assert.equal(episodes.height, 12);
    assert.deepEqual(
      episodes.getColumn("seed").toArray(),
      Array.from({ length: 12 }, (_, i) => 3 + i),
    );
    const pnl = Float64Array.from(episodes.getColumn("terminal_pnl").toArray() as number[]);
    const inv = Float64Array.from(episodes.getColumn("final_inventory").toArray() as number[]);
    const r = summary.strategies["avellaneda-stoikov"];
    assert.equal(r.samples, 12);
    assert.deepEqual(r.terminalPnl, describeSample(pnl));
    assert.deepEqual(r.finalInventory, describeSample(inv));
    assert.ok(r.terminalPnl.mean > 0 && r.terminalPnl.std > 0 && r.meanFills > 0);
    const steps = pl.readParquet(join(dir, "steps.parquet"));
    assert.equal(steps.height, 12 * 100);
    assert.deepEqual(steps.columns, [
      "episode",
      "seed",
      "agent",
      "step",
      "reward",
      "pnl",
      "inventory",
      "cash",
      "fees",
      "filled_qty",
      "fill_count",
      "mid_ticks",
    ]);
    // Paper accounting: terminal PnL = cash + q·S at the last step, and the sum of the fills is the final q.
    const last = steps.filter(pl.col("episode").eq(0)).tail(1);
    assert.ok(Math.abs((last.getColumn("pnl").get(0) as number) - pnl[0]) < 1e-9);
    const filled = steps.filter(pl.col("episode").eq(0)).getColumn("filled_qty").sum();
    assert.equal(filled, inv[0]);
  } finally {
    await cleanup();
  }
});

Deno.test("baseline job: TWAP executes the configured parent order; a counterpart runs the other role", async () => {
  const cfg = config(
    {
      strategy: "twap",
      episodes: 4,
      parent_order: { side: "sell", size: 30 },
      counterpart: "fixed-spread",
      write_steps: false,
    },
    { market_makers: 1, market_takers: 2 },
  );
  const { summary, dir, cleanup } = await run(cfg);
  try {
    const twap = summary.strategies.twap;
    assert.deepEqual(twap.agents, ["taker_0", "taker_1"]);
    assert.equal(twap.role, "market_taker");
    // Market orders fill in full on the model market: every episode ends 30 lots short.
    assert.deepEqual(twap.finalInventory, { mean: -30, std: 0, min: -30, max: -30 });
    assert.equal(summary.agents.taker_1.params.side, "sell");
    assert.equal(summary.strategies["fixed-spread"].samples, 4);
    assert.deepEqual(summary.files, ["episodes.parquet"]);
    assert.equal(pl.readParquet(join(dir, "episodes.parquet")).height, 4 * 3);
  } finally {
    await cleanup();
  }
});

Deno.test("baseline job: the other role must be absent without a counterpart; bad names are usage errors", async () => {
  await assert.rejects(
    run(config({ strategy: "avellaneda-stoikov", episodes: 1 }, { market_takers: 1 })),
    (e: Error) =>
      e instanceof ConfigError &&
      /environment\.agents\.market_takers: expected 0 market takers/.test(e.message),
  );
  await assert.rejects(
    run(
      config({ strategy: "avellaneda-stoikov", counterpart: "momentum", episodes: 1 }, {
        market_makers: 0,
        market_takers: 1,
      }),
    ),
    ConfigError,
  );
  await assert.rejects(run(config({ strategy: "market-making" })), UsageError);
  await assert.rejects(
    run(
      config({ strategy: "vwap", volume_curve: { interim: "data/interim" } }, { market_makers: 0 }),
    ),
    /baseline\.volume_curve\.dev_start: expected the dev split's dates/,
  );
});

Deno.test("baseline job: agent counts for a strategy and its counterpart; sample statistics", () => {
  assert.deepEqual(agentCountOverrides("avellaneda-stoikov", "none"), {
    "environment.agents.market_takers": 0,
  });
  assert.deepEqual(agentCountOverrides("twap", "none"), { "environment.agents.market_makers": 0 });
  assert.deepEqual(agentCountOverrides("twap", "random"), {});
  assert.deepEqual(agentCountOverrides("random", "none"), {});
  assert.throws(() => agentCountOverrides("twap", "nobody"), UsageError);
  assert.deepEqual(describeSample([1, 2, 3, 4]), {
    mean: 2.5,
    std: Math.sqrt(5 / 3),
    min: 1,
    max: 4,
  });
  assert.deepEqual(describeSample([7]), { mean: 7, std: 0, min: 7, max: 7 });
});
