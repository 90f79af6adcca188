/**
 * The feature stage as plain functions on polars frames, for the CLI and for
 * notebooks: {@linkcode inspectSource} looks at an interim frame (levels,
 * which symbol-days have event data), {@linkcode planFeatures} decides what
 * can be computed and says why anything cannot, and
 * {@linkcode computeFeatures} returns the lazy frame of features: `ts`,
 * `symbol`, `date`, `mid`, then one Float64 column per planned feature, null
 * where a window is incomplete or would cross a symbol or day boundary.
 * {@linkcode buildFeatures} does all three.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import pl from "nodejs-polars";
 * import { buildFeatures } from "./pipeline.ts";
 * const ts = new BigInt64Array([0n, 100_000_000n, 200_000_000n]).map((t) => t + 1_700_000_000_000_000_000n);
 * const interim = pl.DataFrame([
 *   pl.Series("ts", ts as unknown as number[]).cast(pl.Datetime("ns")),
 *   pl.Series("symbol", ["X", "X", "X"]),
 *   pl.Series("date", ["2023-11-14", "2023-11-14", "2023-11-14"]),
 *   pl.Series("best_bid", [10, 10.01, 10.02]),
 *   pl.Series("best_ask", [10.02, 10.03, 10.04]),
 *   pl.Series("bid_qty_1", [100, 200, 300]),
 *   pl.Series("ask_qty_1", [100, 100, 100]),
 * ]);
 * const { frame, plan } = buildFeatures(interim, { features: ["spread_rel", "log_return_1", "ofi"] });
 * assert.deepEqual(frame.columns, ["ts", "symbol", "date", "mid", "spread_rel", "log_return_1", "ofi"]);
 * assert.equal(plan.ofiSource.summary, "snapshots"); // no ofi_events column
 * assert.equal(frame.getColumn("log_return_1").get(0), null); // no earlier row
 * assert.deepEqual(frame.getColumn("ofi").toArray(), [null, 300, 400]);
 * ```
 * @module
 */

import pl from "nodejs-polars";
import { ConfigError, InputError } from "../core/errors.ts";
import { closestMatch } from "../core/suggest.ts";
import { BASE, baseColumns, DAY_KEYS } from "./base.ts";
import { DEFAULT_FEATURES, knownFeatureNames } from "./names.ts";
import { resolveFeature } from "./registry.ts";
import { DEFAULT_FEATURE_PARAMS, type FeatureDef, type FeatureParams } from "./types.ts";

/** Interim columns every feature run needs. */
export const REQUIRED_COLUMNS = [
  "ts",
  "symbol",
  "date",
  "best_bid",
  "best_ask",
  "bid_qty_1",
  "ask_qty_1",
] as const;

/** Interim columns that may be missing (read as null when they are). */
export const OPTIONAL_COLUMNS = [
  "tick_size",
  "trade_count",
  "cancel_count",
  "mid_high",
  "mid_low",
  "ofi_events",
] as const;

/** What {@linkcode inspectSource} learns about one symbol-day. */
export interface SourceDay {
  symbol: string;
  date: string;
  rows: number;
  /** Optional columns holding at least one value on this symbol-day. */
  present: string[];
}

/** What {@linkcode inspectSource} learns about an interim frame. */
export interface SourceInfo {
  /** Column names. */
  columns: string[];
  /** Book levels present on both sides (`bid_qty_k` and `ask_qty_k` for k = 1…levels). */
  levels: number;
  /** One entry per symbol-day, sorted by symbol and date. */
  days: SourceDay[];
}

/** A lazy view of `frame`. */
export function toLazy(frame: pl.DataFrame | pl.LazyDataFrame): pl.LazyDataFrame {
  return pl.DataFrame.isDataFrame(frame) ? frame.lazy() : frame;
}

/** Book levels with both size columns present, counted from level 1. */
export function levelsPresent(columns: readonly string[]): number {
  const have = new Set(columns);
  let k = 0;
  while (have.has(`bid_qty_${k + 1}`) && have.has(`ask_qty_${k + 1}`)) k++;
  return k;
}

/** Throws an {@linkcode InputError} naming the first required column `columns` lacks. */
export function checkColumns(columns: readonly string[], file?: string): void {
  const have = new Set(columns);
  for (const c of REQUIRED_COLUMNS) {
    if (!have.has(c)) {
      throw new InputError({
        file,
        expected: `an interim frame with column "${c}" (required: ${REQUIRED_COLUMNS.join(", ")})`,
        found: `columns ${columns.join(", ")}`,
      });
    }
  }
}

/** Levels, rows and present optional columns per symbol-day (one small aggregation). */
export function inspectSource(frame: pl.DataFrame | pl.LazyDataFrame): SourceInfo {
  const lazy = toLazy(frame);
  const columns = lazy.columns;
  checkColumns(columns);
  const optional = OPTIONAL_COLUMNS.filter((c) => columns.includes(c));
  const agg = lazy.groupBy([...DAY_KEYS]).agg(
    pl.len().alias("__rows"),
    ...optional.map((c) => pl.col(c).isNotNull().any().alias(c)),
  ).sort([...DAY_KEYS]).collectSync();
  const days: SourceDay[] = agg.toRecords().map((r) => ({
    symbol: String(r.symbol),
    date: String(r.date),
    rows: Number(r.__rows),
    present: optional.filter((c) => r[c] === true),
  }));
  return { columns, levels: levelsPresent(columns), days };
}

/** A feature that cannot be computed from the source, and why. */
export interface UnavailableFeature {
  name: string;
  reason: string;
}

/** Where `ofi` came from. */
export interface OfiSource {
  /** "events" or "snapshots" when all symbol-days agree, else "mixed"; "none" without days. */
  summary: "events" | "snapshots" | "mixed" | "none";
  /** Per symbol-day. */
  days: { symbol: string; date: string; source: "events" | "snapshots" }[];
}

/** What will be computed. */
export interface FeaturePlan {
  /** The symbol-days of the source, sorted (the partitions computed separately). */
  days: { symbol: string; date: string }[];
  /** Features to compute, in the requested order. */
  features: FeatureDef[];
  /** Requested features left out, with the reason. */
  unavailable: UnavailableFeature[];
  /** Parameters (depth levels already capped by the levels in the data). */
  params: FeatureParams;
  /** The source of `ofi`. */
  ofiSource: OfiSource;
  /** Human notes on the plan (left-out features, capped depth, OFI source), to log. */
  notes: string[];
}

/** Options of {@linkcode planFeatures} and {@linkcode buildFeatures}. */
export interface FeatureOptions {
  /** Feature names, in output order (default: the 28 of the default set). */
  features?: readonly string[];
  /** Parameters (defaults: those of `configs/features.yaml`). */
  params?: Partial<FeatureParams>;
}

/** The features called `names`; throws a {@linkcode ConfigError} naming an unknown or repeated one. */
export function resolveFeatures(names: readonly string[]): FeatureDef[] {
  const seen = new Set<string>();
  return names.map((name, i) => {
    const f = resolveFeature(name);
    if (f === undefined) {
      const hint = closestMatch(name, knownFeatureNames());
      throw new ConfigError({
        keyPath: `features.list[${i}]`,
        expected: `a feature name (${knownFeatureNames().join(", ")})` +
          (hint === undefined ? "" : `; did you mean "${hint}"?`),
        found: JSON.stringify(name),
      });
    }
    if (seen.has(name)) {
      throw new ConfigError({
        keyPath: `features.list[${i}]`,
        expected: "each feature once",
        found: `"${name}" again`,
      });
    }
    seen.add(name);
    return f;
  });
}

function listDays(days: readonly { symbol: string; date: string }[], max = 5): string {
  const shown = days.slice(0, max).map((d) => `${d.symbol} ${d.date}`).join(", ");
  return days.length > max ? `${shown} and ${days.length - max} more` : shown;
}

/** Decides which of the requested features the source allows, and records why. */
export function planFeatures(info: SourceInfo, options: FeatureOptions = {}): FeaturePlan {
  const requested = resolveFeatures(options.features ?? DEFAULT_FEATURES);
  const params: FeatureParams = { ...DEFAULT_FEATURE_PARAMS, ...options.params };
  const notes: string[] = [];
  const features: FeatureDef[] = [];
  const unavailable: UnavailableFeature[] = [];
  for (const f of requested) {
    const lacking = (f.inputs ?? []).map((c) => ({
      column: c,
      days: info.days.filter((d) => !d.present.includes(c)),
    })).filter((x) => x.days.length > 0);
    if (lacking.length === 0) {
      features.push(f);
      continue;
    }
    const what = f.needs === "events" ? "event data" : "the interval's high and low mid";
    const reason = lacking.map((x) =>
      `needs ${what} (${x.column}), absent ${
        x.days.length === info.days.length ? "in every symbol-day" : `in ${listDays(x.days)}`
      }`
    ).join("; ");
    unavailable.push({ name: f.name, reason });
    notes.push(`${f.name}: unavailable, left out of the output: ${reason}`);
  }
  const wantsDepth = features.some((f) => f.name === "depth_imbalance");
  if (params.depthLevels > info.levels) {
    if (wantsDepth) {
      notes.push(
        `depth_imbalance: the data has ${info.levels} book level(s); summing ${info.levels}, not ${params.depthLevels}`,
      );
    }
    params.depthLevels = Math.max(1, info.levels);
  }
  const ofiDays = info.days.map((d) => ({
    symbol: d.symbol,
    date: d.date,
    source: d.present.includes("ofi_events") ? "events" as const : "snapshots" as const,
  }));
  const kinds = new Set(ofiDays.map((d) => d.source));
  const summary = kinds.size === 0 ? "none" : kinds.size === 1 ? [...kinds][0] : "mixed";
  if (features.some((f) => f.name === "ofi" || f.name === "ofi_rolling")) {
    const fromSnaps = ofiDays.filter((d) => d.source === "snapshots");
    if (summary === "events") notes.push("ofi: from events (ofi_events) in every symbol-day");
    else if (summary === "snapshots") {
      notes.push(
        "ofi: no event data; computed from consecutive grid snapshots in every symbol-day",
      );
    } else if (summary === "mixed") {
      notes.push(
        `ofi: from consecutive grid snapshots in ${
          listDays(fromSnaps)
        } (no event data), from events elsewhere`,
      );
    }
  }
  const days = info.days.map((d) => ({ symbol: d.symbol, date: d.date }));
  return { days, features, unavailable, params, ofiSource: { summary, days: ofiDays }, notes };
}

/** Adds the optional interim columns a frame lacks, as nulls. */
function withOptionalColumns(lazy: pl.LazyDataFrame): pl.LazyDataFrame {
  const missing = OPTIONAL_COLUMNS.filter((c) => !lazy.columns.includes(c));
  if (missing.length === 0) return lazy;
  return lazy.withColumns(...missing.map((c) => pl.lit(null).cast(pl.Float64).alias(c)));
}

/** Options of {@linkcode computeFeatures}. */
export interface ComputeOptions {
  /** With `singleDay`: the frame is already sorted by ts (skips the sort). */
  sorted?: boolean;
  /**
   * The frame holds a single symbol-day (skips the split into symbol-days;
   * the caller vouches for it, as the feature job does per file).
   */
  singleDay?: boolean;
  /** With `singleDay`: which symbol-day it is (lets the plan pick the OFI source). */
  day?: { symbol: string; date: string };
}

/** The plan's helper columns, stage by stage, each name once. */
function helperStages(plan: FeaturePlan): pl.Expr[][] {
  const stages: Map<string, pl.Expr>[] = [];
  for (const f of plan.features) {
    (f.helpers?.(plan.params) ?? []).forEach((stage, i) => {
      stages[i] ??= new Map();
      for (const e of stage) {
        const name = e.toString(); // the alias is part of the printed expression
        stages[i].set(name, e);
      }
    });
  }
  return stages.map((m) => [...m.values()]);
}

/** The expressions of one symbol-day's computation: `withColumns` stages, then the final select. */
interface DayExpressions {
  stages: pl.Expr[][];
  select: pl.Expr[];
}

/**
 * Built expressions per plan and variant (levels, tick column, OFI source):
 * building them costs about as much JavaScript time as polars then spends
 * on a small symbol-day, and a run computes the same plan for every day.
 * Keyed by the plan object and a signature of what the expressions depend
 * on, so a plan changed in place gets fresh expressions.
 */
const EXPRESSIONS = new WeakMap<FeaturePlan, Map<string, DayExpressions>>();

function dayExpressions(
  plan: FeaturePlan,
  levels: number,
  hasTick: boolean,
  ofiSource: "events" | "snapshots" | "auto",
): DayExpressions {
  const key = JSON.stringify([
    levels,
    hasTick,
    ofiSource,
    plan.params,
    plan.features.map((f) => f.name),
  ]);
  let byKey = EXPRESSIONS.get(plan);
  if (byKey === undefined) EXPRESSIONS.set(plan, byKey = new Map());
  const cached = byKey.get(key);
  if (cached !== undefined) return cached;
  const stages = [
    ...baseColumns(plan.params, levels, hasTick, ofiSource),
    ...helperStages(plan),
    plan.features.map((f) => f.expr(plan.params).cast(pl.Float64).alias(f.name)),
  ];
  // 0/0 (imbalance, depth_imbalance, microprice with empty level-1 sizes) is NaN in
  // polars: null in the output. ±inf cannot arise from positive prices and sizes.
  const noNan = (name: string) => pl.col(name).fillNan(pl.lit(null)).alias(name);
  const select = [
    pl.col("ts").cast(pl.Datetime("ns")),
    pl.col("symbol"),
    pl.col("date"),
    pl.col(BASE.mid),
    ...plan.features.map((f) => noNan(f.name)),
  ];
  const built = { stages, select };
  byKey.set(key, built);
  return built;
}

/** The features of one symbol-day, sorted by ts. */
function computeDay(
  day: pl.LazyDataFrame,
  plan: FeaturePlan,
  levels: number,
  hasTick: boolean,
  sorted: boolean,
  key?: { symbol: string; date: string },
): pl.LazyDataFrame {
  const ofiSource = key === undefined
    ? "auto"
    : plan.ofiSource.days.find((d) => d.symbol === key.symbol && d.date === key.date)?.source ??
      "auto";
  let lazy = sorted ? day : day.sort("ts");
  lazy = withOptionalColumns(lazy);
  const { stages, select } = dayExpressions(plan, levels, hasTick, ofiSource);
  for (const stage of stages) lazy = lazy.withColumns(...stage);
  return lazy.select(...select);
}

/** Whether `frame` is sorted by symbol, date and ts (one pass, no copy). */
function isSortedByDay(frame: pl.DataFrame): boolean {
  const [s, d, t] = ["symbol", "date", "ts"].map((c) => pl.col(c));
  const ok = s.gt(s.shift(1))
    .or(s.eq(s.shift(1)).and(d.gt(d.shift(1)).or(d.eq(d.shift(1)).and(t.gtEq(t.shift(1))))))
    .fillNull(true);
  return frame.select(ok.all().alias("ok")).getColumn("ok").toArray()[0] === true;
}

/**
 * The frame's symbol-days, in (symbol, date) order, each sorted by ts: slices
 * (no copy) of the frame, sorted first if it is not already.
 */
export function splitDays(frame: pl.DataFrame): pl.DataFrame[] {
  const sorted = isSortedByDay(frame) ? frame : frame.sort([...DAY_KEYS, "ts"]);
  const counts = sorted.lazy().groupBy([...DAY_KEYS]).agg(pl.len().alias("n"))
    .sort([...DAY_KEYS]).collectSync().getColumn("n").toArray() as number[];
  let offset = 0;
  return counts.map((n) => {
    const part = sorted.slice(offset, Number(n));
    offset += Number(n);
    return part;
  });
}

/**
 * The lazy feature frame of an interim frame: `ts`, `symbol`, `date`, `mid`,
 * then the plan's features (Float64; null where undefined, never NaN),
 * sorted by symbol, date and ts. Each symbol-day is computed separately
 * (and in parallel), which keeps every window inside its day: the frame is
 * sorted by symbol, date and ts unless it already is, and cut into one slice
 * per symbol-day. A lazy input is collected to be cut, unless `singleDay`.
 */
export function computeFeatures(
  frame: pl.DataFrame | pl.LazyDataFrame,
  plan: FeaturePlan,
  options: ComputeOptions = {},
): pl.LazyDataFrame {
  const lazy = toLazy(frame);
  const columns = lazy.columns;
  checkColumns(columns);
  const hasTick = columns.includes("tick_size");
  const levels = Math.max(1, Math.min(plan.params.depthLevels, levelsPresent(columns)));
  const sorted = options.sorted === true;
  if (options.singleDay === true) {
    return computeDay(lazy, plan, levels, hasTick, sorted, options.day);
  }
  const eager = pl.DataFrame.isDataFrame(frame) ? frame : lazy.collectSync();
  const days = splitDays(eager).map((d) =>
    computeDay(d.lazy(), plan, levels, hasTick, true, {
      symbol: String(d.getColumn("symbol").get(0)),
      date: String(d.getColumn("date").get(0)),
    })
  );
  if (days.length === 0) return computeDay(eager.lazy(), plan, levels, hasTick, sorted);
  return days.length === 1 ? days[0] : pl.concat(days, { how: "vertical" });
}

/** Inspect, plan and compute in one go (collected). */
export function buildFeatures(
  frame: pl.DataFrame | pl.LazyDataFrame,
  options: FeatureOptions & ComputeOptions = {},
): { frame: pl.DataFrame; plan: FeaturePlan; source: SourceInfo } {
  const source = inspectSource(frame);
  const plan = planFeatures(source, options);
  return { frame: computeFeatures(frame, plan, options).collectSync(), plan, source };
}
