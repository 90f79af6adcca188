/**
 * `deno task notebooks [--preset quick|thesis] [--only 02] [--seed N]`:
 * executes the notebooks of notebooks/ in order, headless, through Jupyter,
 * and writes the executed copies and HTML exports to
 * outputs/notebooks/<preset>/ (lib/notebook/run_notebooks.ts).
 * `deno task notebooks:strip` (`notebooks --strip`) strips their outputs.
 * @module
 */

import { UsageError } from "../../core/errors.ts";
import { NOTEBOOK_PRESETS, type NotebookPreset } from "../../notebook/params.ts";
import { runNotebooks } from "../../notebook/run_notebooks.ts";
import { stripNotebookFolder } from "../../notebook/strip.ts";
import type { Command } from "../command.ts";

/** The `notebooks` command. */
export const notebooksCommand: Command = {
  name: "notebooks",
  summary: "Execute the notebooks headless (Jupyter) into outputs/notebooks/, or strip them",
  description:
    "Registers the Deno Jupyter kernel if needed (deno jupyter --install), executes every notebook of notebooks/ in name order with jupyter nbconvert --execute (NB_PRESET and NB_SEED set from the flags), and exports each executed copy to HTML: outputs/notebooks/<preset>/<name>.ipynb and .html. Fails naming the notebook, the cell and the error. --strip removes outputs and execution counts from the committed notebooks instead.",
  flags: [
    {
      name: "preset",
      type: "string",
      description: "quick or thesis (NB_PRESET)",
      default: "quick",
      valueName: "name",
    },
    {
      name: "seed",
      type: "integer",
      description: "Master seed (NB_SEED; default: the notebooks')",
    },
    {
      name: "only",
      type: "string[]",
      description: "Only notebooks whose name starts with this (e.g. 02); repeatable",
      valueName: "prefix",
    },
    {
      name: "cell-timeout",
      type: "integer",
      description: "Per-cell timeout in seconds",
      default: 1800,
    },
    { name: "no-html", type: "boolean", description: "Skip the HTML export" },
    {
      name: "strip",
      type: "boolean",
      description: "Strip outputs from notebooks/*.ipynb and exit",
    },
  ],
  async run(ctx) {
    if (ctx.flags.strip === true) {
      const changed = await stripNotebookFolder("notebooks");
      ctx.print(
        changed.length === 0 ? "notebooks already stripped" : `stripped ${changed.join(", ")}`,
      );
      return { stripped: changed };
    }
    const preset = ctx.flags.preset as string;
    if (!(NOTEBOOK_PRESETS as readonly string[]).includes(preset)) {
      throw new UsageError(`--preset: expected quick or thesis, found "${preset}"`);
    }
    const results = await runNotebooks({
      preset: preset as NotebookPreset,
      seed: ctx.flags.seed as number | undefined,
      only: ctx.flags.only as string[],
      cellTimeoutS: ctx.flags["cell-timeout"] as number,
      html: ctx.flags["no-html"] !== true,
      log: (line) => ctx.log(line),
    });
    for (const r of results) {
      ctx.print(`${r.notebook}: ${r.cells} code cells → ${r.html ?? r.executed}`);
    }
    return { preset, notebooks: results };
  },
};
