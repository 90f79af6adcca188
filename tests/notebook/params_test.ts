import { strict as assert } from "node:assert";
import { PRESET_PLANS, resolveParams } from "../../lib/notebook/params.ts";
import { silentDisplayCells } from "../../lib/notebook/run_notebooks.ts";
import { stripNotebook } from "../../lib/notebook/strip.ts";

Deno.test("notebook params: cell values, environment overrides, plan overrides", () => {
  const p = resolveParams({ preset: "thesis", seed: 2, plan: { simDays: 7 } }, {});
  assert.equal(p.preset, "thesis");
  assert.equal(p.seed, 2);
  assert.equal(p.out, "outputs/notebooks/thesis");
  assert.equal(p.plan.simDays, 7);
  assert.equal(p.plan.trainUpdates, PRESET_PLANS.thesis.trainUpdates);
  const q = resolveParams({ preset: "thesis", seed: 2 }, {
    NB_PRESET: "quick",
    NB_SEED: "11",
    NB_OUT: "x/y",
    NB_PLAN: '{"sessionEnd":"09:45:00"}',
  });
  assert.deepEqual([q.preset, q.seed, q.out, q.plan.sessionEnd], ["quick", 11, "x/y", "09:45:00"]);
});

Deno.test("notebook params: bad NB_PRESET, NB_SEED or NB_PLAN name the variable and the value", () => {
  assert.throws(
    () => resolveParams({}, { NB_PRESET: "fast" }),
    /NB_PRESET.*expected quick or thesis, found "fast"/,
  );
  assert.throws(
    () => resolveParams({}, { NB_SEED: "-1" }),
    /NB_SEED.*non-negative integer, found "-1"/,
  );
  assert.throws(() => resolveParams({}, { NB_PLAN: "[1]" }), /NB_PLAN.*JSON object/);
});

Deno.test("runner: a display cell without output is reported; stripping keeps sources", () => {
  const nb = JSON.stringify({
    cells: [
      { cell_type: "code", source: ["await display(showPlot(f));"], outputs: [], metadata: {} },
      {
        cell_type: "code",
        source: "await display(x)",
        outputs: [{ output_type: "display_data", data: {} }],
        execution_count: 4,
        metadata: { execution: { start: "t" } },
      },
    ],
  });
  assert.deepEqual(silentDisplayCells(nb), [1]);
  const stripped = JSON.parse(stripNotebook(nb).text);
  assert.deepEqual(stripped.cells[1].outputs, []);
  assert.equal(stripped.cells[1].execution_count, null);
  assert.deepEqual(stripped.cells[1].metadata, {});
  assert.equal(stripped.cells[1].source, "await display(x)");
});
