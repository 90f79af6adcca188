/** Whether the notebook tests can execute real Jupyter here, and why not. */

import { jupyterAvailable } from "../../lib/notebook/run_notebooks.ts";

const runGranted = async (command: string) =>
  (await Deno.permissions.query({ name: "run", command })).state === "granted";

/** Null when `jupyter nbconvert` runs and may be run; else the reason to skip. */
export async function jupyterSkipReason(): Promise<string | null> {
  if (!(await runGranted("jupyter")) || !(await runGranted("deno"))) {
    return "needs --allow-run=jupyter,deno";
  }
  if (!(await jupyterAvailable())) {
    return "jupyter nbconvert not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)";
  }
  return null;
}
