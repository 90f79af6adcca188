/**
 * Performance metrics as pure functions of plain arrays and numbers: returns
 * and risk, drawdown, tail risk, market making, execution and multi-agent
 * metrics. Each function's doc comment gives its formula and source.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { maxDrawdown, pnlSeries, profitFactor } from "./mod.ts";
 * const pnl = pnlSeries([0, 4, 1, 3]); // [4, -3, 2]
 * assert.equal(profitFactor(pnl), 2); // (4 + 2) / 3
 * assert.equal(maxDrawdown([0, 4, 1, 3]).maxDrawdown, 3);
 * ```
 * @module
 */

export * from "./returns_risk.ts";
export * from "./drawdown.ts";
export * from "./tail_risk.ts";
export * from "./market_making.ts";
export * from "./execution.ts";
export * from "./multi_agent.ts";
