/**
 * Feature names without the features (no polars import), for config
 * validation: the registered names in table order, the default set, and the
 * parametric name patterns. `registry.ts` builds the registry from the family
 * files and a test checks that its names equal {@linkcode REGISTERED_FEATURE_NAMES}.
 *
 * @example
 * ```ts
 * import { strict as assert } from "node:assert";
 * import { DEFAULT_FEATURES, isFeatureName } from "./names.ts";
 * assert.equal(DEFAULT_FEATURES.length, 28);
 * assert(isFeatureName("realized_vol_30") && !isFeatureName("realized_vol_1"));
 * ```
 * @module
 */

/** Names of the registered features, in table order. */
export const REGISTERED_FEATURE_NAMES: readonly string[] = [
  "mid_price",
  "spread",
  "spread_bps",
  "spread_rel",
  "imbalance",
  "depth_imbalance",
  "microprice",
  "log_return_1",
  "log_return_5",
  "log_return_10",
  "return_1",
  "return_5",
  "return_10",
  "realized_vol_10",
  "realized_vol_20",
  "realized_vol_50",
  "hl_vol_10",
  "hl_vol_20",
  "hl_vol_50",
  "ofi",
  "ofi_rolling",
  "trade_intensity",
  "cancel_intensity",
  "sma_10",
  "sma_20",
  "sma_50",
  "ema_10",
  "ema_20",
  "rsi",
  "hour_sin",
  "hour_cos",
  "minute_sin",
  "minute_cos",
  "time_since_open",
];

/** Registered features left out of the default set (available by name). */
export const NOT_DEFAULT: readonly string[] = [
  "return_1",
  "return_5",
  "return_10",
  "sma_10",
  "sma_20",
  "sma_50",
];

/**
 * The default feature set of `configs/features.yaml`: the original design's
 * 28 market features, i.e. every registered feature except `return_k` and
 * `sma_n`, in table order.
 */
export const DEFAULT_FEATURES: readonly string[] = REGISTERED_FEATURE_NAMES
  .filter((name) => !NOT_DEFAULT.includes(name));

/** Largest window or lag a parametric name may ask for (rows). */
export const MAX_WINDOW = 100_000;

/** Parametric families: name pattern, its placeholder form, smallest parameter. */
export const PARAMETRIC_NAMES: readonly { pattern: RegExp; form: string; min: number }[] = [
  { pattern: /^log_return_(\d+)$/, form: "log_return_<k>", min: 1 },
  { pattern: /^return_(\d+)$/, form: "return_<k>", min: 1 },
  { pattern: /^realized_vol_(\d+)$/, form: "realized_vol_<n>", min: 2 },
  { pattern: /^hl_vol_(\d+)$/, form: "hl_vol_<n>", min: 1 },
  { pattern: /^sma_(\d+)$/, form: "sma_<n>", min: 1 },
  { pattern: /^ema_(\d+)$/, form: "ema_<n>", min: 1 },
];

/**
 * The parametric family and parameter of `name` (e.g. `sma_30` → form
 * `sma_<n>`, 30), or undefined when it matches no pattern or the parameter is
 * out of range (below the family's minimum, above {@linkcode MAX_WINDOW}, or
 * written with a leading zero).
 */
export function parseParametricName(name: string): { form: string; n: number } | undefined {
  for (const { pattern, form, min } of PARAMETRIC_NAMES) {
    const m = pattern.exec(name);
    if (m === null || m[1].startsWith("0")) continue;
    const n = Number(m[1]);
    if (n >= min && n <= MAX_WINDOW) return { form, n };
  }
  return undefined;
}

/** Whether `name` names a feature (registered, or a parametric family with a valid k or n). */
export function isFeatureName(name: string): boolean {
  return REGISTERED_FEATURE_NAMES.includes(name) || parseParametricName(name) !== undefined;
}

/** Names a feature list may use: the registered names, then the parametric forms. */
export function knownFeatureNames(): string[] {
  return [...REGISTERED_FEATURE_NAMES, ...PARAMETRIC_NAMES.map((p) => p.form)];
}
