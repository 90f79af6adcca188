/**
 * Market quality with the agents against the control run without them, from
 * evaluate's `market_steps.parquet` (lib/jobs/eval_step_columns.ts): per
 * strategy and episode (env seed),
 *
 * - mean spread: mean of the finite quoted spreads (ticks);
 * - mean depth: mean of the finite touch depths (lots);
 * - volatility: sample standard deviation (ddof 1) of ln(m_{t+1}/m_t) over
 *   consecutive steps with both mids finite and positive (not annualised);
 * - price impact: Kyle's λ (lib/metrics kyleLambda), the OLS slope of
 *   Δm_t = m_{t+1} − m_t (ticks) on the signed volume of (t, t + 1] (lots),
 *   over the steps where both are finite;
 *
 * then the mean of each over the episodes (NaN ones left out). The change
 * against the control is (strategy − control) / |control| × 100 (%).
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { episodeMarketQuality } from "./market_quality.ts";
 * const q = episodeMarketQuality({
 *   midTicks: [100, 101, 100], spreadTicks: [2, 4, NaN], depthLots: [10, 20, 30], signedVolume: [NaN, 2, -2],
 * });
 * assert.equal(q.meanSpread, 3);
 * assert.equal(q.meanDepth, 20);
 * assert.equal(q.priceImpact, 0.5);
 * ```
 * @module
 */

import { kyleLambda, type MarketQuality } from "../metrics/multi_agent.ts";
import { mean as finiteMean } from "../realism/stats.ts";
import type { ReportTable } from "./html.ts";

/** One episode's per-step market series (index = step). */
export interface MarketStepSeries {
  midTicks: ArrayLike<number>;
  spreadTicks: ArrayLike<number>;
  depthLots: ArrayLike<number>;
  signedVolume: ArrayLike<number>;
}

function std(x: readonly number[]): number {
  if (x.length < 2) return NaN;
  const m = x.reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
}

/** Market quality of one episode (see the module docs). */
export function episodeMarketQuality(s: MarketStepSeries): MarketQuality {
  const logRet: number[] = [], dm: number[] = [], v: number[] = [];
  for (let t = 0; t + 1 < s.midTicks.length; t++) {
    const a = s.midTicks[t], b = s.midTicks[t + 1];
    if (!(Number.isFinite(a) && Number.isFinite(b))) continue;
    if (a > 0 && b > 0) logRet.push(Math.log(b / a));
    if (Number.isFinite(s.signedVolume[t + 1])) {
      dm.push(b - a);
      v.push(s.signedVolume[t + 1]);
    }
  }
  return {
    meanSpread: finiteMean(s.spreadTicks),
    meanDepth: finiteMean(s.depthLots),
    volatility: std(logRet),
    priceImpact: kyleLambda(dm, v),
  };
}

/** The measures, in table order, with their labels. */
export const MARKET_QUALITY_MEASURES: readonly { key: keyof MarketQuality; label: string }[] = [
  { key: "meanSpread", label: "mean spread (ticks)" },
  { key: "meanDepth", label: "mean touch depth (lots)" },
  { key: "volatility", label: "volatility (log-return std per step)" },
  { key: "priceImpact", label: "price impact (Kyle λ, ticks/lot)" },
];

/** Columns of `market_steps.parquet` the report reads. */
export interface MarketStepColumns {
  strategy: ArrayLike<string>;
  envSeed: ArrayLike<number>;
  step: ArrayLike<number>;
  midTicks: ArrayLike<number>;
  spreadTicks: ArrayLike<number>;
  depthLots: ArrayLike<number>;
  signedVolume: ArrayLike<number>;
}

/** Per strategy (input order), the mean over its episodes of each episode's market quality. */
export function marketQualityByStrategy(c: MarketStepColumns): Map<string, MarketQuality> {
  const episodes = new Map<string, Map<number, MarketStepSeries & { [k: string]: number[] }>>();
  for (let i = 0; i < c.strategy.length; i++) {
    let byEp = episodes.get(c.strategy[i]);
    if (byEp === undefined) episodes.set(c.strategy[i], byEp = new Map());
    let ep = byEp.get(c.envSeed[i]);
    if (ep === undefined) {
      byEp.set(
        c.envSeed[i],
        ep = { midTicks: [], spreadTicks: [], depthLots: [], signedVolume: [] },
      );
    }
    const t = c.step[i];
    (ep.midTicks as number[])[t] = c.midTicks[i];
    (ep.spreadTicks as number[])[t] = c.spreadTicks[i];
    (ep.depthLots as number[])[t] = c.depthLots[i];
    (ep.signedVolume as number[])[t] = c.signedVolume[i];
  }
  const out = new Map<string, MarketQuality>();
  for (const [strategy, byEp] of episodes) {
    const qs = [...byEp.values()].map(episodeMarketQuality);
    const avg = (k: keyof MarketQuality) => finiteMean(qs.map((q) => q[k]));
    out.set(strategy, {
      meanSpread: avg("meanSpread"),
      meanDepth: avg("meanDepth"),
      volatility: avg("volatility"),
      priceImpact: avg("priceImpact"),
    });
  }
  return out;
}

/** (value − control) / |control| × 100; NaN when either is not finite or control is 0. */
export function relativeChange(value: number, control: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(control) || control === 0) return NaN;
  return (value - control) / Math.abs(control) * 100;
}

/** A number for report tables: "—" when not finite, else 4 significant digits. */
export function formatCell(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : "—";
}

/**
 * The market-quality table: one row per strategy and measure with the value,
 * the control's value, the difference and the relative change (%).
 */
export function marketQualityTable(
  byStrategy: ReadonlyMap<string, MarketQuality>,
  control: string,
  caption: string,
): ReportTable {
  const c = byStrategy.get(control);
  const rows: string[][] = [];
  for (const [strategy, q] of byStrategy) {
    if (strategy === control) continue;
    for (const { key, label } of MARKET_QUALITY_MEASURES) {
      const cv = c?.[key] ?? NaN;
      rows.push([
        strategy,
        label,
        formatCell(q[key]),
        formatCell(cv),
        formatCell(q[key] - cv),
        formatCell(relativeChange(q[key], cv)),
      ]);
    }
  }
  return {
    id: "market-quality",
    caption,
    headers: ["strategy", "measure", "with agents", "control", "difference", "change (%)"],
    rows,
  };
}
