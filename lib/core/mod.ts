/**
 * Workspace infrastructure shared by every module: errors, seeded random
 * streams, atomic writes, hashes, the git commit, run folders, progress bars
 * and formatting helpers.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { canonicalJson, formatRate, Rng } from "./mod.ts";
 * assert(canonicalJson({ b: 1, a: 2 }) === '{"a":2,"b":1}');
 * assert(formatRate(1500) === "1.50k/s");
 * assert(Rng.fromSeed(1).nextU32() === Rng.fromSeed(1).nextU32());
 * ```
 * @module
 */

export * from "./errors.ts";
export * from "./rng.ts";
export * from "./atomic_write.ts";
export * from "./hash.ts";
export * from "./git.ts";
export * from "./run_dir.ts";
export * from "./progress.ts";
export * from "./format.ts";
export * from "./suggest.ts";
export * from "./native_memory.ts";
export * from "./path_exists.ts";
