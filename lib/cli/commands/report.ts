/**
 * `deno task report [--runs <run folders…>]`: the thesis report in
 * `outputs/report/index.html` (self-contained, plotly inlined once) and every
 * figure as SVG and PNG in `outputs/report/figures/` (headless Chromium),
 * every table as CSV and LaTeX in `outputs/report/tables/`; it names every
 * file it wrote.
 * Without --runs the latest train, baseline, evaluate, compare and realism
 * runs under outputs/ are used.
 * @module
 */

import { buildReport } from "../../report/build.ts";
import type { Command } from "../command.ts";

/** The `report` command. */
export const reportCommand: Command = {
  name: "report",
  summary: "Write the HTML report (outputs/report/index.html) and export its figures",
  description:
    "Collects run metadata, learning curves, equity curves and distributions, comparison tables and the stylized facts of the named runs (or the latest ones under outputs/) into one self-contained HTML file; exports each figure as SVG and PNG with /usr/bin/chromium when it is installed.",
  flags: [
    {
      name: "runs",
      type: "string[]",
      description: "Run folders (repeatable; further folders may follow as positionals)",
      valueName: "folder",
    },
    {
      name: "out",
      type: "string",
      description: "Output folder",
      default: "outputs/report",
    },
    { name: "no-figures", type: "boolean", description: "Skip the SVG/PNG export" },
  ],
  positionals: [{
    name: "folders",
    description: "more run folders",
    optional: true,
    variadic: true,
  }],
  async run(ctx) {
    const runs = [...(ctx.flags.runs as string[]), ...ctx.positionals];
    const result = await buildReport({
      runs,
      outDir: ctx.flags.out as string,
      exportFigures: !(ctx.flags["no-figures"] as boolean),
    });
    for (const note of result.notes) ctx.log(`note: ${note}`);
    for (const r of result.runs) ctx.print(`${r.kind} ${r.label}: ${r.path}`);
    for (const f of result.files) ctx.print(`wrote ${f}`);
    ctx.print(
      `${result.figures} figures (${result.exported.length} SVG/PNG files), ${
        result.tables.length / 2
      } tables (CSV + LaTeX)`,
    );
    ctx.print(`report: ${result.html}`);
    return result;
  },
};
