/**
 * Notebook support (the Deno Jupyter kernel): rich display of report figures
 * and tables, the parameters cell, the steps of the notebook sequence (each
 * a workspace command run in process), the figures the notebooks show, and
 * the runner behind `deno task notebooks`.
 * @module
 */

export * from "./display.ts";
export * from "./params.ts";
export * from "./steps.ts";
export * from "./book_figures.ts";
export * from "./feature_figures.ts";
export * from "./agent_behaviour.ts";
export * from "./eval_figures.ts";
