/**
 * Strips a notebook for committing (what nbstripout does, in TypeScript):
 * every code cell loses its outputs and execution count, and every cell the
 * execution timestamps nbclient adds (`metadata.execution`). Written back in
 * nbformat's layout (one-space indent, trailing newline), so a stripped
 * notebook is stable byte for byte.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { notebookOutputs, stripNotebook } from "./strip.ts";
 * const nb = JSON.stringify({ cells: [{ cell_type: "code", execution_count: 3, metadata: {},
 *   outputs: [{ output_type: "stream", name: "stdout", text: ["hi"] }], source: ["1"] }],
 *   metadata: {}, nbformat: 4, nbformat_minor: 5 });
 * assert.equal(notebookOutputs(nb).length, 1);
 * const { text, changed } = stripNotebook(nb);
 * assert.ok(changed);
 * assert.deepEqual(notebookOutputs(text), []);
 * assert.equal(stripNotebook(text).changed, false);
 * ```
 * @module
 */

import { InputError } from "../core/errors.ts";

/** A notebook cell, as far as stripping cares. */
interface Cell {
  cell_type: string;
  metadata?: Record<string, unknown>;
  outputs?: unknown[];
  execution_count?: number | null;
  source: string | string[];
}

/** Parses notebook JSON; throws an InputError naming `file` when it is not a notebook. */
export function parseNotebook(text: string, file = "notebook"):
  & { cells: Cell[] }
  & Record<
    string,
    unknown
  > {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new InputError({ file, expected: "notebook JSON", found: (e as Error).message });
  }
  if (typeof nb !== "object" || nb === null || !Array.isArray((nb as { cells?: unknown }).cells)) {
    throw new InputError({ file, expected: "a notebook with a cells array", found: "none" });
  }
  return nb as { cells: Cell[] } & Record<string, unknown>;
}

/** The cells that carry outputs or an execution count: `{ index, id }` (0-based index). */
export function notebookOutputs(text: string, file?: string): { index: number; id: string }[] {
  const nb = parseNotebook(text, file);
  return nb.cells.flatMap((c, index) =>
    c.cell_type === "code" &&
      ((c.outputs?.length ?? 0) > 0 || (c.execution_count ?? null) !== null)
      ? [{ index, id: String((c as { id?: string }).id ?? index) }]
      : []
  );
}

/** The stripped notebook text and whether anything changed. */
export function stripNotebook(text: string, file?: string): { text: string; changed: boolean } {
  const nb = parseNotebook(text, file);
  for (const c of nb.cells) {
    if (c.cell_type === "code") {
      c.outputs = [];
      c.execution_count = null;
    }
    if (c.metadata !== undefined) delete c.metadata.execution;
  }
  const out = JSON.stringify(nb, null, 1) + "\n";
  return { text: out, changed: out !== text };
}

/** Strips every `.ipynb` of a folder in place; returns the files it changed. */
export async function stripNotebookFolder(dir: string): Promise<string[]> {
  const changed: string[] = [];
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".ipynb")) names.push(e.name);
  }
  for (const name of names.sort()) {
    const file = `${dir}/${name}`;
    const r = stripNotebook(await Deno.readTextFile(file), file);
    if (r.changed) {
      await Deno.writeTextFile(file, r.text);
      changed.push(file);
    }
  }
  return changed;
}
