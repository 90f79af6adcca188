/**
 * `version`: prints the Deno version and the git commit of the checkout.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { runCli } from "../main.ts";
 * import { versionCommand } from "./version.ts";
 * const out: string[] = [];
 * const io = { stdout: (s: string) => out.push(s), stderr: () => {} };
 * assert.equal(await runCli(["version", "--json"], [versionCommand], { io }), 0);
 * assert.equal(JSON.parse(out.join("")).deno, Deno.version.deno);
 * ```
 * @module
 */

import { gitCommit } from "../../core/git.ts";
import type { Command } from "../command.ts";

/** Prints `deno <version>` and `commit <hash>`; returns `{ deno, commit }`. */
export const versionCommand: Command = {
  name: "version",
  summary: "Print the Deno version and the git commit",
  flags: [],
  run(ctx) {
    const deno = Deno.version.deno;
    const commit = gitCommit(".");
    ctx.print(`deno ${deno}`);
    ctx.print(`commit ${commit ?? "unknown (not a git checkout, or no commit yet)"}`);
    return Promise.resolve({ deno, commit });
  },
};
