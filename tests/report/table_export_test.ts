/** Report tables as CSV and LaTeX files. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { parseCsv } from "../../lib/report/csv.ts";
import { tableCsv, tableLatex, writeTables } from "../../lib/report/table_export.ts";

Deno.test("tableCsv round-trips through parseCsv, quoting commas, quotes and newlines", () => {
  const t = { caption: "c", headers: ["a", "b"], rows: [["1, 2", 'x "y"'], ["line\nbreak", "z"]] };
  assert.deepEqual(parseCsv(tableCsv(t)), [t.headers, ...t.rows]);
});

Deno.test("tableLatex: booktabs, escaped cells, one row per table row", () => {
  const tex = tableLatex({
    caption: "PnL & risk_1",
    headers: ["metric", "value %"],
    rows: [["terminal_pnl", "5 [1, 9]"], ["a\nb", "$3"]],
  });
  assert.ok(tex.includes("\\caption{PnL \\& risk\\_1}"));
  assert.ok(tex.includes("\\begin{tabular}{ll}"));
  assert.ok(tex.includes("metric & value \\% \\\\"));
  assert.ok(tex.includes("terminal\\_pnl & 5 [1, 9] \\\\"));
  assert.ok(tex.includes("a \\newline b & \\$3 \\\\"));
  assert.equal(tex.split("\\toprule").length, 2);
  assert.equal(tex.split("\\bottomrule").length, 2);
});

Deno.test("writeTables: every exported table as <id>.csv and <id>.tex, unique ids, own LaTeX kept", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files = await writeTables([{
      id: "s",
      title: "S",
      figures: [],
      tables: [
        { id: "t", caption: "one", headers: ["h"], rows: [["1"]] },
        { id: "t", caption: "two", headers: ["h"], rows: [["2"]], latex: "OWN" },
        { caption: "No Id!", headers: ["h"], rows: [] },
        { caption: "config", headers: ["h"], rows: [], export: false },
      ],
    }], dir);
    assert.deepEqual(files, ["t.csv", "t.tex", "t-2.csv", "t-2.tex", "no-id.csv", "no-id.tex"]);
    assert.equal(await Deno.readTextFile(join(dir, "t-2.tex")), "OWN");
    assert.equal(await Deno.readTextFile(join(dir, "t.csv")), "h\n1\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
