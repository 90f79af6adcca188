/**
 * The report in headless Chromium: every chart drew its traces, the console
 * shows no error; a screenshot goes to outputs/report/screenshot.png.
 * Skipped (with a printed reason) when /usr/bin/chromium is missing.
 */

import { strict as assert } from "node:assert";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromiumAvailable, launchChromium } from "../../lib/report/browser.ts";
import { buildReport } from "../../lib/report/build.ts";
import { makeEvaluationRuns } from "./_eval_fixture.ts";
import { makeFixtureRuns } from "./_fixture.ts";

const granted = (await Deno.permissions.query({ name: "run", command: "/usr/bin/chromium" }))
      .state === "granted" &&
  (await Deno.permissions.query({ name: "env", variable: "__IS_WSL_TEST__" })).state === "granted";
const reason = !(await chromiumAvailable())
  ? "/usr/bin/chromium not found (apt-get install chromium)"
  : !granted
  ? "needs --allow-run=/usr/bin/chromium and --allow-env"
  : null;
const available = reason === null;
if (reason !== null) {
  // deno-lint-ignore no-console
  console.log(`report browser test skipped: ${reason}`);
}

Deno.test({
  name: "report in headless Chromium: every chart has traces and an svg, no console error",
  ignore: !available,
  async fn() {
    const { root, runs } = await makeFixtureRuns();
    const ev = await makeEvaluationRuns();
    try {
      const out = join(root, "report");
      const result = await buildReport({
        runs: [...runs, ev.train, ev.evaluate, ev.compare],
        outDir: out,
      });
      assert.ok(result.figures >= 13, `figures: ${result.figures}`);
      for (const id of ["learning-mappo", "market-quality-change", "comparison-terminal-pnl"]) {
        assert.ok(result.exported.includes(`${id}.svg`), id);
      }
      assert.equal(result.exported.length, 2 * result.figures);
      const svg = await Deno.readTextFile(join(out, "figures", "equity.svg"));
      assert.match(svg, /^<svg/);
      const png = await Deno.readFile(join(out, "figures", "equity.png"));
      assert.deepEqual([...png.subarray(1, 4)], [80, 78, 71]); // "PNG"

      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        const errors: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(resolve(result.html)).href);
        await page.evaluate(() =>
          (globalThis as unknown as { REPORT_READY: Promise<unknown> }).REPORT_READY
        );
        const charts = await page.evaluate(() => {
          const d = (globalThis as unknown as {
            document: {
              querySelectorAll(
                s: string,
              ): ArrayLike<{ id: string; data?: unknown[]; querySelector(s: string): unknown }>;
            };
          }).document;
          return Array.from(d.querySelectorAll(".figure")).map((el) => ({
            id: el.id,
            plotted: el.querySelector(".main-svg") !== null,
            traces: Array.isArray(el.data) ? el.data.length : 0,
          }));
        });
        assert.equal(charts.length, result.figures);
        for (const c of charts) {
          assert.ok(c.plotted, `${c.id}: no .main-svg`);
          assert.ok(c.traces > 0, `${c.id}: no traces`);
        }
        assert.deepEqual(errors, []);
        await Deno.mkdir("outputs/report", { recursive: true });
        await page.screenshot({ path: "outputs/report/screenshot.png", fullPage: true });
        assert.ok((await Deno.stat("outputs/report/screenshot.png")).size > 1000);
      } finally {
        await browser.close();
      }
    } finally {
      await Deno.remove(root, { recursive: true });
      await Deno.remove(ev.root, { recursive: true });
    }
  },
});
