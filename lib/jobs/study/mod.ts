/**
 * Studies: the whole pipeline (data → training → evaluation → comparison →
 * report) for every algorithm and seed, resumable, behind `deno task
 * experiments` and `deno task demo`, callable from notebooks.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { planStudy, runName, studyPreset } from "./mod.ts";
 * assert.equal(runName("mappo", 3), "mappo-seed3");
 * assert.equal(studyPreset("quick").data, null);
 * const plan = planStudy({ dir: "s", algorithms: ["maddpg"], seeds: [1], withData: true }, {});
 * assert.deepEqual(plan.map((p) => p.kind), [
 *   "simulate", "prepare", "train", "evaluate", "compare", "report",
 * ]);
 * ```
 * @module
 */

export * from "./presets.ts";
export * from "./plan.ts";
export * from "./data_plan.ts";
export * from "./data_steps.ts";
export * from "./realism_step.ts";
export * from "./run_study.ts";
