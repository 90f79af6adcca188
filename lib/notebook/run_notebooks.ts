/**
 * The notebook runner behind `deno task notebooks`: makes sure the Deno
 * Jupyter kernel is registered (`jupyter kernelspec list`, else
 * `deno jupyter --install`), then executes each notebook of `notebooks/` in
 * order, headless, through Jupyter (`jupyter nbconvert --to notebook
 * --execute`, Debian's jupyter-nbconvert and python3-nbclient), with the
 * preset and seed passed as NB_PRESET / NB_SEED, and exports each executed
 * copy to HTML (`--to html`). Outputs: `<outDir>/<preset>/<name>.ipynb` and
 * `<name>.html`.
 *
 * The kernel runs where nbconvert starts it (the notebook's folder; Deno
 * finds deno.json and its import map upward from there) with every
 * permission (the Deno kernel's default). A failing cell stops the run with
 * a {@linkcode NotebookError} naming the notebook, the cell (number and first
 * line) and the error.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { firstCellError } from "./run_notebooks.ts";
 * const nb = JSON.stringify({ cells: [
 *   { cell_type: "markdown", source: ["# t"] },
 *   { cell_type: "code", source: ["const x = f();\n", "x"], outputs: [
 *     { output_type: "error", ename: "ReferenceError", evalue: "f is not defined", traceback: [] }] },
 * ] });
 * assert.deepEqual(firstCellError(nb), {
 *   cell: 2, firstLine: "const x = f();", error: "ReferenceError: f is not defined",
 * });
 * ```
 * @module
 */

import { basename, join } from "node:path";
import { WorkspaceError } from "../core/errors.ts";
import { parseNotebook } from "./strip.ts";
import type { NotebookPreset } from "./params.ts";

/** A notebook that failed: which, where, what. Exit code 1. */
export class NotebookError extends WorkspaceError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** Options of {@linkcode runNotebooks}. */
export interface RunNotebooksOptions {
  /** Preset passed as NB_PRESET (default "quick"). */
  preset?: NotebookPreset;
  /** Seed passed as NB_SEED (default: the notebooks' own). */
  seed?: number;
  /** Only the notebooks whose file name starts with one of these (e.g. "02"). */
  only?: string[];
  /** Folder of the notebooks (default "notebooks"). */
  notebooksDir?: string;
  /** Output root (default "outputs/notebooks"). */
  outDir?: string;
  /** Per-cell timeout in seconds (default 1800). */
  cellTimeoutS?: number;
  /** Export HTML (default true). */
  html?: boolean;
  /** Extra environment for the kernel (e.g. NB_OUT). */
  env?: Record<string, string>;
  /** Called with one line per step. */
  log?: (line: string) => void;
}

/** One executed notebook. */
export interface NotebookResult {
  notebook: string;
  executed: string;
  html: string | null;
  /** Code cells executed. */
  cells: number;
}

/** The first cell of an executed notebook with an error output (1-based cell number), or null. */
export function firstCellError(
  text: string,
  file?: string,
): { cell: number; firstLine: string; error: string } | null {
  const nb = parseNotebook(text, file);
  for (let i = 0; i < nb.cells.length; i++) {
    const c = nb.cells[i];
    const err = (c.outputs ?? []).find((o) =>
      (o as { output_type?: string }).output_type === "error"
    ) as { ename?: string; evalue?: string } | undefined;
    if (err === undefined) continue;
    const source = Array.isArray(c.source) ? c.source.join("") : c.source;
    const firstLine = source.split("\n").find((l) => l.trim() !== "") ?? "";
    return { cell: i + 1, firstLine, error: `${err.ename ?? "Error"}: ${err.evalue ?? ""}` };
  }
  return null;
}

/**
 * Code cells that call `display(` but have no output (1-based cell numbers):
 * their output was lost on the way, so the executed copy is incomplete.
 */
export function silentDisplayCells(text: string, file?: string): number[] {
  const nb = parseNotebook(text, file);
  return nb.cells.flatMap((c, i) => {
    const source = Array.isArray(c.source) ? c.source.join("") : c.source;
    return c.cell_type === "code" && /\bdisplay\(/.test(source) && (c.outputs ?? []).length === 0
      ? [i + 1]
      : [];
  });
}

async function run(
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let out: Deno.CommandOutput;
  try {
    out = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" }).output();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new NotebookError(
        `${cmd} not found: install Jupyter (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)`,
      );
    }
    throw e;
  }
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Whether `jupyter` runs here (`jupyter --version`). */
export async function jupyterAvailable(): Promise<boolean> {
  try {
    return (await run("jupyter", ["nbconvert", "--version"])).code === 0;
  } catch {
    return false;
  }
}

/** Registers the Deno kernel unless `jupyter kernelspec list` shows one named "deno". */
export async function ensureDenoKernel(log: (line: string) => void = () => {}): Promise<boolean> {
  const list = await run("jupyter", ["kernelspec", "list", "--json"]);
  if (list.code === 0) {
    const specs = JSON.parse(list.stdout) as { kernelspecs?: Record<string, unknown> };
    if (specs.kernelspecs?.deno !== undefined) return false;
  }
  log("registering the Deno kernel (deno jupyter --install)");
  const inst = await run("deno", ["jupyter", "--install"]);
  if (inst.code !== 0) {
    throw new NotebookError(`deno jupyter --install failed: ${inst.stderr.trim()}`);
  }
  return true;
}

/** The notebooks of a folder, in name order, filtered by `only` prefixes. */
export async function listNotebooks(dir: string, only: readonly string[] = []): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".ipynb")) names.push(e.name);
  }
  const picked = names.sort().filter((n) => only.length === 0 || only.some((p) => n.startsWith(p)));
  if (picked.length === 0) {
    throw new NotebookError(
      `no notebook in ${dir} matches ${only.length === 0 ? "*.ipynb" : only.join(", ")}` +
        ` (found: ${names.join(", ") || "none"})`,
    );
  }
  return picked.map((n) => join(dir, n));
}

/** Last lines of a text (for error messages). */
function tail(text: string, lines = 25): string {
  const kept = text.trim().split("\n").filter((l) =>
    !/frozen modules|Debugger warning|PYDEVD|make the debugger/.test(l)
  );
  return kept.slice(-lines).join("\n") || "(nothing on stderr)";
}

/** Executes one notebook into `executed`; throws on a failing cell. Returns the executed JSON. */
async function executeNotebook(
  nbPath: string,
  outDir: string,
  name: string,
  executed: string,
  env: Record<string, string>,
  cellTimeoutS: number,
): Promise<string> {
  const exec = await run("jupyter", [
    "nbconvert",
    "--to",
    "notebook",
    "--execute",
    "--allow-errors",
    `--ExecutePreprocessor.timeout=${cellTimeoutS}`,
    "--ExecutePreprocessor.kernel_name=deno",
    "--output-dir",
    outDir,
    "--output",
    name,
    nbPath,
  ], env);
  let text: string | null = null;
  try {
    text = await Deno.readTextFile(executed);
  } catch {
    text = null;
  }
  if (exec.code !== 0 || text === null) {
    throw new NotebookError(
      `${nbPath}: jupyter nbconvert --execute failed (exit ${exec.code}):\n${tail(exec.stderr)}`,
    );
  }
  const err = firstCellError(text, executed);
  if (err !== null) {
    throw new NotebookError(
      `${nbPath}: cell ${err.cell} ("${err.firstLine}") failed: ${err.error} (executed copy: ${executed})`,
    );
  }
  return text;
}

/** Executes the notebooks (see the module docs) and returns what it wrote. */
export async function runNotebooks(opts: RunNotebooksOptions = {}): Promise<NotebookResult[]> {
  const log = opts.log ?? (() => {});
  const preset = opts.preset ?? "quick";
  const outDir = join(opts.outDir ?? "outputs/notebooks", preset);
  const notebooks = await listNotebooks(opts.notebooksDir ?? "notebooks", opts.only ?? []);
  await ensureDenoKernel(log);
  await Deno.mkdir(outDir, { recursive: true });
  const env: Record<string, string> = {
    NB_PRESET: preset,
    ...(opts.seed === undefined ? {} : { NB_SEED: String(opts.seed) }),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
    NO_COLOR: "1",
    ...opts.env,
  };
  const results: NotebookResult[] = [];
  for (const nbPath of notebooks) {
    const name = basename(nbPath, ".ipynb");
    const executed = join(outDir, `${name}.ipynb`);
    // A display lost by the kernel (see display.ts) is retried once before failing.
    let text = "";
    for (let attempt = 1;; attempt++) {
      log(`executing ${nbPath} (preset ${preset})${attempt > 1 ? `, attempt ${attempt}` : ""}`);
      text = await executeNotebook(nbPath, outDir, name, executed, env, opts.cellTimeoutS ?? 1800);
      const silent = silentDisplayCells(text, executed);
      if (silent.length === 0) break;
      const msg = `${nbPath}: cell ${
        silent.join(", ")
      } displayed nothing (output lost by the kernel; executed copy: ${executed})`;
      if (attempt >= 2) throw new NotebookError(msg);
      log(`warning: ${msg}; executing it again`);
    }
    let html: string | null = null;
    if (opts.html !== false) {
      const conv = await run("jupyter", [
        "nbconvert",
        "--to",
        "html",
        // Debian's templates point require.js and MathJax at /usr/share/javascript files that
        // may be missing; the page needs neither (plotly.js is inline), so they load nothing.
        "--HTMLExporter.require_js_url=data:text/javascript,//",
        "--HTMLExporter.mathjax_url=data:text/javascript,//",
        "--output-dir",
        outDir,
        "--output",
        name,
        executed,
      ], env);
      if (conv.code !== 0) {
        throw new NotebookError(`${executed}: HTML export failed:\n${tail(conv.stderr)}`);
      }
      html = join(outDir, `${name}.html`);
    }
    const cells = parseNotebook(text).cells.filter((c) => c.cell_type === "code").length;
    results.push({ notebook: nbPath, executed, html, cells });
    log(`  → ${executed}${html === null ? "" : ` and ${html}`}`);
  }
  return results;
}
