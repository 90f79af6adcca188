/**
 * The registered CLI commands, in the order `--help` lists them. Add each new
 * command here.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { commands } from "./mod.ts";
 * assert.ok(commands.some((c) => c.name === "version"));
 * ```
 * @module
 */

import type { Command } from "../command.ts";
import { baselineCommand } from "./baseline.ts";
import { benchCommand } from "./bench.ts";
import { compareCommand } from "./compare.ts";
import { datasetCommand } from "./dataset.ts";
import { demoCommand } from "./demo.ts";
import { evaluateCommand } from "./evaluate.ts";
import { experimentsCommand } from "./experiments.ts";
import { featuresCommand } from "./features.ts";
import { ingestCommand } from "./ingest.ts";
import { notebooksCommand } from "./notebooks.ts";
import { prepareCommand } from "./prepare.ts";
import { realismCommand } from "./realism.ts";
import { replayCommand } from "./replay.ts";
import { reportCommand } from "./report.ts";
import { simulateCommand } from "./simulate.ts";
import { trainCommand } from "./train.ts";
import { versionCommand } from "./version.ts";

/** All commands of the workspace CLI. */
export const commands: Command[] = [
  demoCommand,
  replayCommand,
  simulateCommand,
  realismCommand,
  ingestCommand,
  featuresCommand,
  datasetCommand,
  prepareCommand,
  baselineCommand,
  trainCommand,
  evaluateCommand,
  compareCommand,
  experimentsCommand,
  benchCommand,
  reportCommand,
  notebooksCommand,
  versionCommand,
];
