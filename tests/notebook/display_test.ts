import { strict as assert } from "node:assert";
import {
  display,
  fnv1a,
  JUPYTER_DISPLAY,
  PLOTLY_MIME,
  plotlyBundleSync,
  plotlyPending,
  resetPlotly,
  showPlot,
  showTable,
} from "../../lib/notebook/display.ts";
import type { FigureSpec } from "../../lib/report/figure.ts";

const fig: FigureSpec = {
  id: "test-fig",
  title: "A <test> figure",
  data: [{ type: "scatter", name: "line", x: [1, 2, 3], y: [3, 1, 2] }],
  layout: { xaxis: { title: { text: "x" } } },
};

Deno.test("showPlot: plotly MIME payload carries data, layout (with title) and config", () => {
  resetPlotly();
  const b = showPlot(fig)[JUPYTER_DISPLAY]();
  const p = b[PLOTLY_MIME] as { data: unknown; layout: Record<string, unknown>; config: unknown };
  assert.deepEqual(p.data, fig.data);
  assert.deepEqual(p.layout.title, { text: "A <test> figure" });
  assert.deepEqual(p.layout.xaxis, { xaxis: { title: { text: "x" } } }.xaxis);
  assert.deepEqual(p.config, { responsive: true, displaylogo: false });
  assert.match(String(b["text/plain"]), /A <test> figure.*\n.*line \(scatter, 3 points\)/);
});

Deno.test("showPlot: plotly.js is embedded once, then only referenced; resetPlotly re-embeds", () => {
  resetPlotly();
  const bundle = plotlyBundleSync();
  assert.ok(bundle.length > 1_000_000);
  assert.equal(plotlyPending(), true);
  const first = String(showPlot(fig)[JUPYTER_DISPLAY]()["text/html"]);
  assert.equal(plotlyPending(), false);
  const second = String(showPlot(fig)[JUPYTER_DISPLAY]()["text/html"]);
  const marker = bundle.slice(0, 200);
  assert.ok(first.includes(marker), "first chart embeds the bundle");
  assert.ok(!second.includes(marker), "second chart does not");
  assert.ok(second.length < 5000);
  // Both queue their draw call; the first flushes the queue after loading plotly.js.
  for (const html of [first, second]) assert.match(html, /__nbPlotlyQueue/);
  assert.match(first, /if \(!window\.Plotly\)/);
  // A forced embed, and after a reset.
  assert.ok(
    String(showPlot(fig, { embed: true })[JUPYTER_DISPLAY]()["text/html"]).includes(marker),
  );
  resetPlotly();
  assert.ok(String(showPlot(fig)[JUPYTER_DISPLAY]()["text/html"]).includes(marker));
});

Deno.test("showPlot: element ids are deterministic (counter + content), unique per call", () => {
  resetPlotly();
  const ids1 = [showPlot(fig), showPlot(fig)].map((d) =>
    /id="(nbplot-[^"]+)"/.exec(String(d[JUPYTER_DISPLAY]()["text/html"]))![1]
  );
  resetPlotly();
  const ids2 = [showPlot(fig), showPlot(fig)].map((d) =>
    /id="(nbplot-[^"]+)"/.exec(String(d[JUPYTER_DISPLAY]()["text/html"]))![1]
  );
  assert.deepEqual(ids1, ids2);
  assert.notEqual(ids1[0], ids1[1]);
  assert.equal(fnv1a(""), "811c9dc5");
  assert.equal(fnv1a("a"), "e40c292c");
});

Deno.test("showPlot: figure text cannot break out of the script element", () => {
  resetPlotly();
  const evil: FigureSpec = { ...fig, title: "</script><script>alert(1)</script>" };
  const html = String(showPlot(evil)[JUPYTER_DISPLAY]()["text/html"]);
  const draw = html.slice(html.indexOf("<script"), html.indexOf("</script>") + 9);
  assert.ok(!draw.slice(8, -9).includes("</script"));
  assert.ok(draw.includes("\\u003c/script>"));
});

Deno.test("showTable: rows and frames as escaped HTML and aligned text; long tables are cut", () => {
  const b = showTable([{ a: 1, b: "<x>" }, { a: 2.123456789, c: null }], { caption: "T" })
    [JUPYTER_DISPLAY]();
  const html = String(b["text/html"]);
  assert.match(html, /<caption>T<\/caption>/);
  assert.match(html, /<th>a<\/th><th>b<\/th><th>c<\/th>/);
  assert.match(html, /<td>&lt;x&gt;<\/td>/);
  assert.match(html, /<td>2\.12346<\/td>/);
  assert.match(String(b["text/plain"]), /^T\na/);
  const frame = {
    height: 3,
    toRecords: () => [{ k: 1 }, { k: 2 }, { k: 3 }],
  };
  const cut = showTable(frame, { maxRows: 2 })[JUPYTER_DISPLAY]();
  assert.equal((String(cut["text/html"]).match(/<tr>/g) ?? []).length, 3);
  assert.match(String(cut["text/html"]), /1 more rows not shown/);
});

Deno.test("display: outside the Jupyter kernel it sends nothing", async () => {
  assert.equal(await display(showTable([])), undefined);
});
