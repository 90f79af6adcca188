/**
 * Committed notebooks carry no outputs and no execution counts (run
 * `deno task notebooks:strip` before committing), and each starts with a
 * markdown cell and has exactly one parameters cell, on the Deno kernel.
 */

import { strict as assert } from "node:assert";
import { notebookOutputs, parseNotebook } from "../../lib/notebook/strip.ts";

const dir = new URL("../../notebooks/", import.meta.url);
const names: string[] = [];
for await (const e of Deno.readDir(dir)) if (e.name.endsWith(".ipynb")) names.push(e.name);
names.sort();

Deno.test("the four notebooks of issue 8 are there", () => {
  assert.deepEqual(names, [
    "01_simulate_and_ingest.ipynb",
    "02_feature_inspection.ipynb",
    "03_training.ipynb",
    "04_evaluation_report.ipynb",
  ]);
});

for (const name of names) {
  Deno.test(`${name}: committed without outputs (deno task notebooks:strip)`, async () => {
    const text = await Deno.readTextFile(new URL(name, dir));
    const dirty = notebookOutputs(text, name);
    assert.deepEqual(
      dirty,
      [],
      `${name}: cells with outputs or execution counts: ${dirty.map((c) => c.index).join(", ")}`,
    );
  });

  Deno.test(`${name}: Deno kernel, markdown first, one parameters cell`, async () => {
    const nb = parseNotebook(await Deno.readTextFile(new URL(name, dir)), name) as unknown as {
      cells: { cell_type: string; metadata?: { tags?: string[] } }[];
      metadata: { kernelspec: { name: string; language: string } };
    };
    assert.equal(nb.metadata.kernelspec.name, "deno");
    assert.equal(nb.metadata.kernelspec.language, "typescript");
    assert.equal(nb.cells[0].cell_type, "markdown");
    const params = nb.cells.filter((c) => c.metadata?.tags?.includes("parameters"));
    assert.equal(params.length, 1);
  });
}
