/**
 * What the feature planner needs to know about a {@linkcode GridDay}: the
 * same {@linkcode SourceInfo} that `inspectSource` reads off an interim
 * frame holding that symbol-day.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { emptyGridDay } from "../data/interim/grid_day.ts";
 * import { gridDaySourceInfo } from "./grid_day_info.ts";
 * const g = emptyGridDay({ symbol: "A", date: "2024-01-02", rows: 2, levels: 3, tickSize: 0.01 });
 * const info = gridDaySourceInfo(g);
 * assert.equal(info.levels, 3);
 * assert.deepEqual(info.days[0].present, ["tick_size", "mid_high", "mid_low"]);
 * ```
 * @module
 */

import type { GridDay } from "../data/interim/grid_day.ts";
import { INTERIM_FIXED_COLUMNS, levelColumns } from "../data/interim/schema.ts";
import { OPTIONAL_COLUMNS, type SourceInfo } from "./pipeline.ts";

function anyPresent(values: Float64Array | null): boolean {
  if (values === null) return false;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return true;
  return false;
}

/** The {@linkcode SourceInfo} of one symbol-day held as typed arrays. */
export function gridDaySourceInfo(g: GridDay): SourceInfo {
  const has: Record<(typeof OPTIONAL_COLUMNS)[number], boolean> = {
    tick_size: Number.isFinite(g.tickSize),
    trade_count: anyPresent(g.tradeCount),
    cancel_count: anyPresent(g.cancelCount),
    mid_high: anyPresent(g.midHigh),
    mid_low: anyPresent(g.midLow),
    ofi_events: anyPresent(g.ofiEvents),
  };
  const columns: string[] = [...INTERIM_FIXED_COLUMNS];
  for (let k = 1; k <= g.levels; k++) columns.push(...levelColumns(k));
  return {
    columns,
    levels: g.levels,
    days: [{
      symbol: g.symbol,
      date: g.date,
      rows: g.rows,
      present: OPTIONAL_COLUMNS.filter((c) => has[c]),
    }],
  };
}
