/**
 * Exports every figure of a built report page as SVG and PNG by opening the
 * page in headless Chromium and calling `Plotly.toImage` on each chart.
 * @module
 */

import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { writeFileAtomic } from "../core/atomic_write.ts";
import { launchChromium } from "./browser.ts";

/** Writes `<id>.svg` and `<id>.png` into `outDir` for each figure; returns the file names. */
export async function exportFigures(htmlPath: string, outDir: string): Promise<string[]> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(resolve(htmlPath)).href);
    const images = await page.evaluate(async () => {
      const w = globalThis as unknown as {
        REPORT_READY: Promise<unknown>;
        REPORT_FIGURES: { id: string }[];
        Plotly: { toImage(el: unknown, o: Record<string, unknown>): Promise<string> };
        document: { getElementById(id: string): unknown };
      };
      await w.REPORT_READY;
      const out: { id: string; svg: string; png: string }[] = [];
      for (const f of w.REPORT_FIGURES) {
        const el = w.document.getElementById("fig-" + f.id);
        const size = { width: 900, height: 500 };
        const svg = await w.Plotly.toImage(el, { format: "svg", ...size });
        const png = await w.Plotly.toImage(el, { format: "png", scale: 2, ...size });
        out.push({ id: f.id, svg, png });
      }
      return out;
    });
    await Deno.mkdir(outDir, { recursive: true });
    const written: string[] = [];
    for (const img of images) {
      const svg = decodeURIComponent(img.svg.slice(img.svg.indexOf(",") + 1));
      const png = Uint8Array.from(
        atob(img.png.slice(img.png.indexOf(",") + 1)),
        (c) => c.charCodeAt(0),
      );
      await writeFileAtomic(join(outDir, `${img.id}.svg`), svg);
      await writeFileAtomic(join(outDir, `${img.id}.png`), png);
      written.push(`${img.id}.svg`, `${img.id}.png`);
    }
    return written;
  } finally {
    await browser.close();
  }
}
