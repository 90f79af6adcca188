/**
 * The realism check: stylized facts of simulated sessions against real
 * LOBSTER data — bar returns and their fat tails, autocorrelation of returns
 * and of absolute returns (volatility clustering), spread and depth at the
 * best quotes, the volume–volatility relation and the intraday pattern — as
 * JSON, a terminal table and a self-contained HTML page.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { acf, excessKurtosis } from "./mod.ts";
 * assert(Math.abs(excessKurtosis([1, 2, 3, 4, 5]) + 1.3) < 1e-12);
 * assert(acf([[1, 2, 3, 4]], 1)[0] === 0.25);
 * ```
 * @module
 */

export * from "./stats.ts";
export * from "./bars.ts";
export * from "./sources.ts";
export * from "./session_data.ts";
export * from "./facts.ts";
export * from "./compare.ts";
export * from "./plotly_bundle.ts";
export * from "./html_report.ts";
