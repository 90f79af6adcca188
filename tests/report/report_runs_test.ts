/**
 * The report built from small real runs (tiny MAPPO training on the abm
 * market with two market makers, its evaluation with a baseline, the control
 * and solo runs, and the comparison): every section filled, the best model
 * marked, tables written as CSV and LaTeX, evaluate's per-step files.
 */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import pl from "nodejs-polars";
import { buildReport } from "../../lib/report/build.ts";
import { parseCsv } from "../../lib/report/csv.ts";
import { episodeFigures } from "../../lib/report/episode_curves.ts";
import { readRun } from "../../lib/report/runs.ts";
import { makeEvaluationRuns } from "./_eval_fixture.ts";

Deno.test("evaluate + report from small real runs: all sections, marks, tables, market quality", async () => {
  const r = await makeEvaluationRuns();
  try {
    // evaluate's per-step outputs and the control strategy
    const steps = pl.readParquet(join(r.evaluate, "steps.parquet"));
    const market = pl.readParquet(join(r.evaluate, "market_steps.parquet"));
    const summary = JSON.parse(await Deno.readTextFile(join(r.evaluate, "summary.json")));
    assert.equal(summary.stepsPerEpisode, 20);
    // 2 strategies × 3 episodes × 2 agents × 20 steps
    assert.equal(steps.height, 2 * 3 * 2 * 20);
    const ms = new Set(market.getColumn("strategy").toArray() as string[]);
    assert.deepEqual([...ms].sort(), ["avellaneda-stoikov", "control", "mappo"]);
    assert.equal(market.height, 3 * 3 * 20);
    // the control quotes nothing: the learning agents never trade in it
    assert.ok(summary.multiAgent.mappo.agents === 2);
    assert.ok(Number.isFinite(summary.multiAgent.mappo.coordinationEfficiency));
    const solo = summary.multiAgent.mappo.soloPnl;
    assert.deepEqual(Object.keys(solo), ["mm_0", "mm_1"]);
    // the last step's inventory in steps.parquet is the one before the liquidation
    const episodes = pl.readParquet(join(r.evaluate, "episodes.parquet"));
    const lastInv = steps.filter(pl.col("step").eq(19)).getColumn("inventory").toArray();
    const finalInv = episodes.getColumn("final_inventory").toArray();
    assert.deepEqual([...lastInv].sort(), [...finalInv].sort());

    const out = join(r.root, "report");
    const res = await buildReport({
      runs: [],
      outputsRoot: r.root,
      outDir: out,
      exportFigures: false,
    });
    const page = await Deno.readTextFile(res.html);
    for (
      const id of ["runs", "learning", "performance", "comparison", "agents", "market-quality"]
    ) {
      assert.ok(page.includes(`<section id="${id}">`), id);
    }
    // only the realism section lacks its inputs
    assert.equal(res.notes.length, 1);
    assert.ok(res.notes[0].startsWith("Stylized facts"), res.notes[0]);
    const figures = JSON.parse(
      page.slice(
        page.indexOf('id="report-data">') + 'id="report-data">'.length,
        page.indexOf("</script>", page.indexOf('id="report-data">')),
      ).replace(/\\u003c/g, "<"),
    ) as { id: string; data: { name?: string }[] }[];
    const ids = figures.map((f) => f.id);
    for (
      const id of [
        "learning-mappo",
        "equity",
        "drawdown",
        "terminal-pnl",
        "final-inventory",
        "comparison-terminal-pnl",
        "market-quality-change",
        "market-spread",
      ]
    ) assert.ok(ids.includes(id), id);
    const learning = figures.find((f) => f.id === "learning-mappo")!;
    assert.ok(learning.data.some((t) => t.name === "best model (models/best)"));
    // one equity curve (and band) per evaluated strategy
    const equity = figures.find((f) => f.id === "equity")!;
    assert.deepEqual(
      equity.data.filter((t) => !String(t.name).endsWith("band")).map((t) => t.name),
      ["mappo (evaluate)", "avellaneda-stoikov (evaluate)"],
    );

    // tables as CSV and LaTeX
    for (const t of ["comparison", "per-agent", "multi-agent", "market-quality", "runs"]) {
      assert.ok(res.tables.includes(`${t}.csv`) && res.tables.includes(`${t}.tex`), t);
    }
    assert.ok(res.files.every((f) => f.startsWith(out)));
    const cmp = parseCsv(await Deno.readTextFile(join(out, "tables", "comparison.csv")));
    assert.deepEqual(cmp[0], [
      "metric",
      "strategy",
      "n",
      "mean [95% CI]",
      "Δ [95% CI]",
      "p",
      "p (Holm)",
      "mark",
    ]);
    assert.equal(cmp.length, 1 + 2 * 10); // two strategies × ten metrics
    const tex = await Deno.readTextFile(join(out, "tables", "comparison.tex"));
    assert.ok(tex.includes("Holm--Bonferroni") && tex.includes("*** $p<0.001$"));
    const perAgent = parseCsv(await Deno.readTextFile(join(out, "tables", "per-agent.csv")));
    assert.equal(perAgent.length, 1 + 2 * 2); // two strategies × two agents
    const mq = parseCsv(await Deno.readTextFile(join(out, "tables", "market-quality.csv")));
    assert.equal(mq.length, 1 + 2 * 4); // two strategies × four measures against the control
    assert.ok(mq.slice(1).every((row) => row[3] !== "—" || row[1].startsWith("price")));
    const maTex = await Deno.readTextFile(join(out, "tables", "multi-agent.tex"));
    assert.ok(maTex.includes("\\begin{tabular}") && maTex.includes("mappo"));

    // a repeated evaluation (same strategies, seeds and results) is drawn once
    const twice = await episodeFigures([await readRun(r.evaluate), await readRun(r.evaluate)]);
    assert.deepEqual(
      twice.find((f) => f.id === "equity")!.data
        .filter((t) => !String((t as { name?: string }).name).endsWith("band"))
        .map((t) => (t as { name?: string }).name),
      ["mappo (evaluate)", "avellaneda-stoikov (evaluate)"],
    );
  } finally {
    await Deno.remove(r.root, { recursive: true });
  }
});
