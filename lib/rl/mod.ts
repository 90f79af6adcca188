/**
 * Learning code shared by the algorithms: replay buffers, rollout storage,
 * GAE, schedules, normalisers and exploration noise (pure TypeScript), plus
 * the compute backend and networks.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { linearSchedule, RunningMeanStd } from "./mod.ts";
 * assert.equal(linearSchedule(1, 0, 10)(5), 0.5);
 * assert.equal(new RunningMeanStd(3).count, 0);
 * ```
 * @module
 */

export * from "./buffers/mod.ts";
export * from "./rollout/mod.ts";
export * from "./gae.ts";
export * from "./schedules.ts";
export * from "./normalizer.ts";
export * from "./noise.ts";
