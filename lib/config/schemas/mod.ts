/**
 * Schemas of the YAML files in `configs/`: each key's meaning, unit, range and
 * default is documented once, here (`deno task config-docs` prints them).
 * @module
 */

export * from "./replay.ts";
export * from "./bench.ts";
export * from "./as_model.ts";
export * from "./abides.ts";
export * from "./data.ts";
export * from "./realism.ts";
export * from "./environment.ts";
export * from "./features.ts";
export * from "./ingest.ts";
export * from "./zi.ts";
export * from "./dataset.ts";
export * from "./env_abm.ts";
export * from "./env_replay.ts";
