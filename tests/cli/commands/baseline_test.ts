/** `deno task baseline` end to end on the Avellaneda-Stoikov market. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { baselineCommand, paramExtras } from "../../../lib/cli/commands/baseline.ts";
import { runCli } from "../../../lib/cli/main.ts";

async function baseline(argv: string[]) {
  const out: string[] = [], err: string[] = [];
  const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
  const code = await runCli(["baseline", ...argv], [baselineCommand], { io });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

Deno.test("baseline: --market as-model runs the strategy alone with the paper's accounting and the given γ", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await baseline([
      "--strategy",
      "avellaneda-stoikov",
      "--episodes",
      "5",
      "--seed",
      "1",
      "--market",
      "as-model",
      "--gamma",
      "0.2",
      "--set",
      "environment.as_model.model.horizon_T=0.25",
      "--out",
      dir,
      "--json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.runFolder, dir);
    assert.equal(summary.accounting, "paper");
    assert.equal(summary.stepsPerEpisode, 50);
    assert.equal(summary.agents.mm_0.params.gamma, 0.2);
    assert.deepEqual(Object.keys(summary.agents), ["mm_0"], "the taker count is set to 0");
    const s = summary.strategies["avellaneda-stoikov"];
    assert.equal(s.samples, 5);
    assert.ok(Number.isFinite(s.terminalPnl.mean) && Number.isFinite(s.finalInventory.std));
    const saved = JSON.parse(await Deno.readTextFile(join(dir, "summary.json")));
    assert.deepEqual(saved.strategies, summary.strategies);
    const config = parseYaml(await Deno.readTextFile(join(dir, "config.yaml")));
    assert.equal(config.environment.market, "as_model");
    assert.equal(config.environment.agents.market_takers, 0);
    assert.deepEqual(config.environment.fees, { maker_bps: 0, taker_bps: 0 });
    assert.equal(config.environment.risk.liquidation_cost_bps, 0);
    assert.equal(config.baseline.params.gamma, 0.2);
    await Deno.stat(join(dir, "episodes.parquet"));
    await Deno.stat(join(dir, "steps.parquet"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baseline: --param and the human summary; --list shows every strategy", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const r = await baseline([
      "--strategy",
      "fixed-spread",
      "--param",
      "half_spread_ticks=50",
      "--param",
      "size=2",
      "--episodes",
      "2",
      "--market",
      "as-model",
      "--out",
      dir,
      "--quiet",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /fixed-spread\s+market_maker\s+2/);
    assert.match(r.stdout, /2 episodes of 200 steps on as_model \(seeds 1…2, paper accounting\)/);
    const summary = JSON.parse(await Deno.readTextFile(join(dir, "summary.json")));
    assert.deepEqual(summary.agents.mm_0.params, { half_spread_ticks: 50, size: 2 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  const list = await baseline(["--list"]);
  assert.equal(list.code, 0);
  for (
    const name of [
      "avellaneda-stoikov",
      "gueant-lehalle-fernandez-tapia",
      "twap",
      "vwap",
      "pov",
      "buy-and-hold",
    ]
  ) {
    assert.match(list.stdout, new RegExp(name));
  }
});

Deno.test("baseline: unknown strategies, markets and parameters fail with exit code 2 and say why", async () => {
  const bad = await baseline([
    "--strategy",
    "avellaneda",
    "--market",
    "as-model",
    "--out",
    "/nonexistent/x",
  ]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown strategy "avellaneda"/);
  const market = await baseline(["--market", "lobster"]);
  assert.equal(market.code, 2);
  assert.match(market.stderr, /--market: expected as-model, abm or replay, found "lobster"/);
  assert.throws(() => paramExtras(["gamma"]), /--param: expected name=value/);
  assert.deepEqual(paramExtras(["gamma=0.5", "side=sell", "sigma="]), {
    "baseline.params.gamma": 0.5,
    "baseline.params.side": "sell",
    "baseline.params.sigma": null,
  });
});
