/**
 * Executes notebook 01 twice through real Jupyter (nbconvert + the Deno
 * kernel) on a tiny parameter set with the same preset and seed, and checks
 * that every table and figure is identical; then opens the HTML export in
 * headless Chromium and checks that every plotly chart drew (traces and an
 * svg, no console error). Skipped with a printed reason without Jupyter (or
 * without Chromium for the browser part).
 */

import { strict as assert } from "node:assert";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runNotebooks } from "../../lib/notebook/run_notebooks.ts";
import { PLOTLY_MIME } from "../../lib/notebook/display.ts";
import { chromiumAvailable, launchChromium } from "../../lib/report/browser.ts";
import { jupyterSkipReason } from "./_jupyter.ts";

const reason = await jupyterSkipReason();
if (reason !== null) {
  // deno-lint-ignore no-console
  console.log(`notebook reproducibility test skipped: ${reason}`);
}
const chromiumReason = reason ??
  (!(await chromiumAvailable())
    ? "/usr/bin/chromium not found (apt-get install chromium)"
    : (await Deno.permissions.query({ name: "run", command: "/usr/bin/chromium" })).state !==
        "granted"
    ? "needs --allow-run=/usr/bin/chromium"
    : null);
if (reason === null && chromiumReason !== null) {
  // deno-lint-ignore no-console
  console.log(`notebook browser check skipped: ${chromiumReason}`);
}

/** Every displayed table and figure of an executed notebook: [cell, mime, payload]. */
async function shown(path: string): Promise<[number, string, unknown][]> {
  const nb = JSON.parse(await Deno.readTextFile(path)) as {
    cells: {
      cell_type: string;
      outputs?: { output_type: string; data?: Record<string, unknown> }[];
    }[];
  };
  const out: [number, string, unknown][] = [];
  nb.cells.forEach((c, i) => {
    for (const o of c.outputs ?? []) {
      if (o.output_type === "error") throw new Error(`cell ${i + 1} failed`);
      for (const [mime, payload] of Object.entries(o.data ?? {})) {
        if (mime === PLOTLY_MIME || mime === "text/html") out.push([i + 1, mime, payload]);
      }
    }
  });
  return out;
}

Deno.test({
  name:
    "notebook 01 twice with the same preset and seed: identical tables and figures; charts draw",
  ignore: reason !== null,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const root = await Deno.makeTempDir({ dir: "outputs", prefix: "nbtest-" });
    try {
      const env = {
        NB_OUT: join(root, "work"),
        NB_SEED: "5",
        NB_PLAN: JSON.stringify({ simDays: 3, sessionEnd: "09:45:00" }),
      };
      const a = await runNotebooks({ only: ["01"], outDir: join(root, "a"), env, html: true });
      const b = await runNotebooks({ only: ["01"], outDir: join(root, "b"), env, html: false });
      const sa = await shown(a[0].executed);
      const sb = await shown(b[0].executed);
      assert.ok(sa.filter(([, m]) => m === PLOTLY_MIME).length >= 3, "three book figures");
      assert.ok(sa.filter(([, m]) => m === "text/html").length >= 7);
      assert.equal(sa.length, sb.length);
      for (let k = 0; k < sa.length; k++) {
        assert.deepEqual(sb[k], sa[k], `cell ${sa[k][0]} ${sa[k][1]} differs between runs`);
      }

      if (chromiumReason !== null) return;
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(resolve(a[0].html!)).href);
        await page.waitForFunction(
          () => {
            const d = (globalThis as unknown as {
              document: {
                querySelectorAll(s: string): ArrayLike<{ querySelector(s: string): unknown }>;
              };
            }).document;
            const charts = Array.from(d.querySelectorAll(".nb-plotly"));
            return charts.length > 0 && charts.every((c) => c.querySelector(".main-svg") !== null);
          },
          undefined,
          { timeout: 30000 },
        );
        const charts = await page.evaluate(() => {
          const d = (globalThis as unknown as {
            document: { querySelectorAll(s: string): ArrayLike<{ id: string; data?: unknown[] }> };
          }).document;
          return Array.from(d.querySelectorAll(".nb-plotly")).map((el) => ({
            id: el.id,
            traces: Array.isArray(el.data) ? el.data.length : 0,
          }));
        });
        assert.equal(charts.length, 3);
        for (const c of charts) assert.ok(c.traces > 0, `${c.id}: no traces`);
        assert.deepEqual(errors, []);
      } finally {
        await browser.close();
      }
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
