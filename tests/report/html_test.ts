/** The report page: one plotly bundle, every section, escaped run metadata, missing inputs. */

import { strict as assert } from "node:assert";
import { join } from "node:path";
import { buildReport } from "../../lib/report/build.ts";
import { escapeHtml, renderReportHtml } from "../../lib/report/html.ts";
import { readRun } from "../../lib/report/runs.ts";
import { buildSections, metadataTable } from "../../lib/report/sections.ts";
import { makeFixtureRuns } from "./_fixture.ts";

const BUNDLE = "/*PLOTLY-BUNDLE-MARK*/ var Plotly = {};";

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

Deno.test("renderReportHtml: plotly inlined once, sections and figure divs present", () => {
  const page = renderReportHtml({
    title: "T",
    generatedFrom: ["a"],
    sections: [
      {
        id: "s1",
        title: "One",
        tables: [],
        figures: [{ id: "f1", title: "F", data: [{ y: [1] }], layout: {} }],
      },
      { id: "s2", title: "Two", missing: "run x", tables: [], figures: [] },
    ],
  }, BUNDLE);
  assert.equal(count(page, "PLOTLY-BUNDLE-MARK"), 1);
  assert.ok(page.includes('<section id="s1">') && page.includes('<section id="s2">'));
  assert.ok(page.includes('<div class="figure" id="fig-f1">'));
  assert.ok(page.includes('<p class="missing">run x</p>'));
});

Deno.test("renderReportHtml: metadata and figure JSON cannot break out of the page", () => {
  const page = renderReportHtml({
    title: "<script>alert(1)</script>",
    generatedFrom: ['x"><img src=x>'],
    sections: [{
      id: "s",
      title: "S",
      tables: [{ caption: "c", headers: ["h&"], rows: [["</script><b>"]] }],
      figures: [{ id: "f", title: "</script><script>bad()</script>", data: [], layout: {} }],
    }],
  }, BUNDLE);
  assert.ok(!page.includes("<script>alert(1)"));
  assert.ok(!page.includes("<img src=x>"));
  assert.ok(!page.includes("<b>"));
  assert.ok(!page.includes("</script><script>bad()"));
  assert.ok(page.includes("&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert.equal(escapeHtml(`a<&>"'`), "a&lt;&amp;&gt;&quot;&#39;");
});

Deno.test("buildReport from a small baseline run and realism JSON: sections, metadata, one bundle", async () => {
  const { root, runs } = await makeFixtureRuns();
  try {
    const out = join(root, "report");
    const result = await buildReport({ runs, outDir: out, exportFigures: false });
    const page = await Deno.readTextFile(result.html);
    for (const id of ["runs", "learning", "performance", "comparison", "realism"]) {
      assert.ok(page.includes(`<section id="${id}">`), id);
    }
    assert.equal(count(page, "<script>"), 2); // the bundle and the draw script
    assert.ok(page.includes('id="fig-equity"') && page.includes('id="fig-realism-acf"'));
    // config.yaml text is escaped
    assert.ok(page.includes("avellaneda-stoikov &lt;b&gt;&amp;"));
    // missing train and compare runs say what to run
    assert.ok(page.includes("deno task train"));
    assert.ok(page.includes("deno task compare"));
    assert.equal(result.exported.length, 0);
    assert.ok(result.notes.some((n) => n.includes("Learning curves")));
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("buildSections with no runs: every section says what to run", async () => {
  const sections = await buildSections([]);
  assert.equal(sections.length, 7);
  for (const s of sections) assert.ok(s.missing?.includes("deno task"), s.id);
});

Deno.test("metadataTable: seed, commit, timings and inputs from the manifest", async () => {
  const { root, runs } = await makeFixtureRuns();
  try {
    const run = await readRun(runs[0]);
    assert.equal(run.kind, "baseline");
    assert.equal(run.label, "avellaneda-stoikov");
    const t = metadataTable([run]);
    const row = t.rows[0];
    assert.equal(row[t.headers.indexOf("seed")], "1");
    assert.match(row[t.headers.indexOf("timings (s)")], /episodes: \d/);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("metadataTable: at most three input files per run, the rest counted", () => {
  const inputs = Array.from({ length: 5 }, (_, i) => ({
    path: `data/f${i}.csv`,
    sha256: `${i}`.repeat(64),
  }));
  const t = metadataTable([
    {
      kind: "realism",
      label: "realism",
      path: "outputs/realism/x",
      manifest: { inputs },
    } as unknown as Parameters<typeof metadataTable>[0][number],
  ]);
  const cell = t.rows[0][t.headers.indexOf("data (sha256)")];
  assert.deepEqual(cell.split("\n"), [
    `data/f0.csv: ${"0".repeat(16)}`,
    `data/f1.csv: ${"1".repeat(16)}`,
    `data/f2.csv: ${"2".repeat(16)}`,
    "… and 2 more (manifest.json)",
  ]);
});

Deno.test("renderReportHtml: a collapsed table is folded under its caption", () => {
  const page = renderReportHtml({
    title: "T",
    generatedFrom: [],
    sections: [{
      id: "s",
      title: "S",
      figures: [],
      tables: [
        { caption: "Config <a>", headers: ["k"], rows: [["v"]], collapsed: true },
        { caption: "Plain", headers: ["k"], rows: [["v"]] },
      ],
    }],
  }, BUNDLE);
  assert.equal(count(page, "<details><summary>Config &lt;a&gt;</summary><table>"), 1);
  assert.equal(count(page, "<details>"), 1);
});
