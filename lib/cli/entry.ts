/**
 * Entry point of the workspace CLI: `deno run … lib/cli/entry.ts <command> …`.
 * @module
 */

import { commands } from "./commands/mod.ts";
import { runCli } from "./main.ts";

if (import.meta.main) Deno.exit(await runCli(Deno.args, commands, { programName: "deno task" }));
