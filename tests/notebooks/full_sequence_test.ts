/**
 * The whole notebook sequence on the quick preset, through real Jupyter — only
 * with NOTEBOOKS_FULL=1 (CI runs `deno task notebooks --preset quick` as its
 * own step instead; this is the same check from `deno test`).
 */

import { strict as assert } from "node:assert";
import { runNotebooks } from "../../lib/notebook/run_notebooks.ts";
import { jupyterSkipReason } from "./_jupyter.ts";

const full = Deno.env.get("NOTEBOOKS_FULL") === "1";
const reason = !full ? "set NOTEBOOKS_FULL=1 to run it" : await jupyterSkipReason();
if (reason !== null) {
  // deno-lint-ignore no-console
  console.log(`full notebook sequence test skipped: ${reason}`);
}

Deno.test({
  name: "all four notebooks execute on the quick preset without a failing cell",
  ignore: reason !== null,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const results = await runNotebooks({ preset: "quick" });
    assert.deepEqual(results.map((r) => r.notebook), [
      "notebooks/01_simulate_and_ingest.ipynb",
      "notebooks/02_feature_inspection.ipynb",
      "notebooks/03_training.ipynb",
      "notebooks/04_evaluation_report.ipynb",
    ]);
    for (const r of results) assert.ok(r.html !== null && (await Deno.stat(r.html)).size > 0);
  },
});
