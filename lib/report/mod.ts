/**
 * The thesis report (`deno task report`): run metadata, learning curves,
 * equity curves and distributions, comparison tables, per-agent and
 * multi-agent metrics, market quality against a control and stylized facts in
 * one self-contained HTML page, with every figure exported as SVG and PNG.
 * @module
 */

export * from "./runs.ts";
export * from "./figure.ts";
export * from "./csv.ts";
export * from "./html.ts";
export * from "./train_curves.ts";
export * from "./episode_curves.ts";
export * from "./realism_figures.ts";
export * from "./sections.ts";
export * from "./browser.ts";
export * from "./export_figures.ts";
export * from "./build.ts";
export * from "./market_quality.ts";
export * from "./agent_sections.ts";
export * from "./table_export.ts";
